import { z } from 'zod';

/** The six kinds of case 12345 takes in (DOMAIN.md §2). Code names are English; labels are what citizens read. */
export const CASE_TYPES = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
} as const;
export type CaseType = keyof typeof CASE_TYPES;
export const caseTypeSchema = z.enum(Object.keys(CASE_TYPES) as [CaseType, ...CaseType[]], {
  error: '请选择诉求类型',
});

/**
 * Case states. The full lifecycle and its transitions are the cases issue's state machine; this slice only
 * creates cases in `submitted`.
 */
export const CASE_STATUSES = {
  submitted: '已提交',
  forwarded: '已转交12345',
  accepted: '已受理',
  dispatched: '已派单',
  in_progress: '办理中',
  replied: '已答复',
  closed: '已办结',
  rated: '已评价',
  withdrawn: '已撤回',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;
export const caseStatusSchema = z.enum(Object.keys(CASE_STATUSES) as [CaseStatus, ...CaseStatus[]]);

export const CONTENT_MIN_CHARS = 10;
export const CONTENT_MAX_CHARS = 2000;

/** Counts characters as a citizen does: an emoji or a rare CJK character (4-byte UTF-8) is one, not two. */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

export const caseContentSchema = z
  .string({ error: '请填写诉求内容' })
  .trim()
  .refine((text) => charCount(text) >= CONTENT_MIN_CHARS, {
    error: `诉求内容至少${CONTENT_MIN_CHARS}个字`,
  })
  .refine((text) => charCount(text) <= CONTENT_MAX_CHARS, {
    error: `诉求内容不能超过${CONTENT_MAX_CHARS}个字`,
  });

export const createCaseRequestSchema = z.strictObject(
  {
    type: caseTypeSchema,
    content: caseContentSchema,
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? '包含不支持的字段' : '请求内容应为对象') },
);
export type CreateCaseRequest = z.infer<typeof createCaseRequestSchema>;

export const caseIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: '诉求编号无效' });

export const caseSummarySchema = z.object({
  id: caseIdSchema,
  type: caseTypeSchema,
  status: caseStatusSchema,
  title: z.string().describe('Short title derived from the content'),
  content: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const PAGE_SIZE_MAX = 50;

export const listCasesQuerySchema = z.strictObject({
  cursor: z.string().max(64).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
});
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema>;

export const caseListSchema = z.object({
  items: z.array(caseSummarySchema),
  nextCursor: z.string().nullable(),
});
export type CaseList = z.infer<typeof caseListSchema>;
