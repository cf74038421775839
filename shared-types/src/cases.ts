import { z } from 'zod';
import { personText } from './text';

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

/** Case states; lifecycle.ts holds the transitions between them. */
export const CASE_STATUSES = {
  submitted: '已提交',
  forwarded: '已转交12345',
  accepted: '已受理',
  dispatched: '已派单',
  signed: '已签收',
  in_progress: '办理中',
  replied: '已答复',
  closed: '已办结',
  rated: '已评价',
  withdrawn: '已撤回',
  rejected: '不予受理',
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

export const caseContentSchema = personText({ error: '请填写诉求内容' })
  .refine((text) => charCount(text) >= CONTENT_MIN_CHARS, {
    error: `诉求内容至少${CONTENT_MIN_CHARS}个字`,
  })
  .refine((text) => charCount(text) <= CONTENT_MAX_CHARS, {
    error: `诉求内容不能超过${CONTENT_MAX_CHARS}个字`,
  });

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

/** Mainland mobile numbers, or a landline with area code (e.g. 0395-1234567). */
export const phoneSchema = z
  .string({ error: '请填写联系电话' })
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: '请填写正确的手机号或固定电话' });

export const locationSchema = z
  .strictObject({
    address: personText().max(200, { error: '地址不能超过200个字' }).optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
  })
  .refine((l) => (l.latitude === undefined) === (l.longitude === undefined), { error: '经纬度需同时提供' })
  .refine((l) => l.address !== undefined || l.latitude !== undefined, { error: '请填写地址或选择位置' });
export type CaseLocationInput = z.infer<typeof locationSchema>;

export const contactSchema = z.strictObject({
  name: personText().min(1, { error: '请填写姓名' }).max(30, { error: '姓名不能超过30个字' }).optional(),
  phone: phoneSchema.optional(),
  phoneCode: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .describe('Code from the getPhoneNumber button; the BFF exchanges it for the number'),
});

export const MAX_PHOTOS = 9;

export const createCaseRequestSchema = z
  .strictObject(
    {
      type: caseTypeSchema,
      category: z.string({ error: '请选择诉求分类' }).min(1, { error: '请选择诉求分类' }).max(32),
      title: personText().max(40, { error: '标题不能超过40个字' }).optional(),
      content: caseContentSchema,
      location: locationSchema.optional(),
      photoIds: z
        .array(ulid, { error: '照片参数无效' })
        .max(MAX_PHOTOS, { error: `最多上传${MAX_PHOTOS}张照片` })
        .refine((ids) => new Set(ids).size === ids.length, { error: '照片重复' })
        .default([]),
      contact: contactSchema.optional(),
      anonymous: z.boolean().default(false),
      confidential: z.boolean().default(false),
      privacyConsent: z.literal(true, { error: '请阅读并同意隐私保护指引' }),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? '包含不支持的字段' : '请求内容应为对象') },
  )
  .superRefine((c, ctx) => {
    if (c.anonymous && c.contact) {
      ctx.addIssue({ code: 'custom', path: ['contact'], message: '匿名提交时无需填写联系方式' });
    }
    if (!c.anonymous && !c.contact?.phone && !c.contact?.phoneCode) {
      ctx.addIssue({ code: 'custom', path: ['contact', 'phone'], message: '请填写联系电话，或选择匿名提交' });
    }
  });
export type CreateCaseRequest = z.infer<typeof createCaseRequestSchema>;
export type CreateCaseInput = z.input<typeof createCaseRequestSchema>;

/** One key per draft, sent as the Idempotency-Key header: a retry of the same draft never makes a second case. */
export const idempotencyKeySchema = z
  .string({ error: '缺少提交凭证，请刷新后重试' })
  .regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '提交凭证格式不正确' })
  .describe('提交凭证：每份草稿一个，重试时不变；同一个键再次提交返回同一件诉求');

export const caseIdSchema = ulid.describe('Case id');
export const caseParamsSchema = z.object({ id: z.string().max(64) });

export const caseSummarySchema = z.object({
  id: caseIdSchema,
  type: caseTypeSchema,
  category: z.string(),
  status: caseStatusSchema,
  title: z.string().describe('Given by the citizen, or derived from the content'),
  content: z.string(),
  ticketNo: z.string().nullable().describe('工单号 in the 12345 system, once accepted'),
  dueAt: z.iso.datetime().nullable(),
  overdue: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const timelineEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  source: z.enum(['citizen', 'staff', 'hotline', 'system']),
  kind: z.string(),
  label: z.string(),
  fromStatus: caseStatusSchema.nullable(),
  toStatus: caseStatusSchema.nullable(),
  unit: z.string().nullable(),
  note: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const casePhotoSchema = z.object({ id: z.string(), url: z.string(), width: z.number(), height: z.number() });

export const caseDetailSchema = caseSummarySchema.extend({
  categoryName: z.string(),
  location: z
    .object({
      address: z.string().nullable(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      regionCode: z.string().nullable(),
      regionName: z.string().nullable(),
    })
    .nullable(),
  photos: z.array(casePhotoSchema),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable().describe('Masked'),
  anonymous: z.boolean(),
  confidential: z.boolean(),
  handlingUnit: z.string().nullable(),
  flags: z.object({ supervised: z.boolean(), urged: z.boolean(), heldForReview: z.boolean() }),
  replies: z.array(z.object({ at: z.iso.datetime(), unit: z.string().nullable(), text: z.string() })),
  timeline: z.array(timelineEntrySchema),
  canWithdraw: z.boolean(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const withdrawCaseRequestSchema = z.strictObject({
  reason: personText().max(200, { error: '撤回原因不能超过200个字' }).optional(),
});

export const PAGE_SIZE_MAX = 50;

export const listCasesQuerySchema = z.strictObject({
  status: z
    .string()
    .max(200)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const parts = v.split(',');
      const bad = parts.filter((p) => !caseStatusSchema.safeParse(p).success);
      if (bad.length) ctx.addIssue({ code: 'custom', message: '状态参数无效' });
      return parts as CaseStatus[];
    })
    .describe('Comma-separated statuses to keep'),
  cursor: z.string().max(64).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
});
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema>;

export const caseListSchema = z.object({
  items: z.array(caseSummarySchema),
  nextCursor: z.string().nullable(),
});
export type CaseList = z.infer<typeof caseListSchema>;
