import { z } from 'zod';
import { personText } from './text';
import { caseNotificationSchema } from './notifications';
import {
  caseIdSchema,
  casePhotoSchema,
  caseStatusSchema,
  caseTypeSchema,
  timelineEntrySchema,
  type CaseStatus,
  type CaseType,
} from './cases';

/**
 * Staff (工作人员) accounts, the admin API and the city's figures. Everything here is read by the BFF's
 * `/api/v1/admin` routes and by the staff console.
 */
export const STAFF_ROLES = {
  admin: '系统管理员',
  dispatcher: '派单员',
  handler: '承办人员',
  disclosure_editor: '政务公开编辑',
  disclosure_officer: '依申请公开办理人员',
  auditor: '审计员',
} as const;
export type StaffRole = keyof typeof STAFF_ROLES;
export const staffRoleSchema = z.enum(Object.keys(STAFF_ROLES) as [StaffRole, ...StaffRole[]], {
  error: '角色无效',
});

/**
 * What each role may do. The BFF's guards read this table, the console hides what a role cannot do, and the
 * authorization test walks it. Handlers are further limited to the cases of their own unit and region.
 */
export const PERMISSIONS = {
  'cases.read': ['admin', 'dispatcher', 'handler', 'auditor'],
  'cases.act': ['dispatcher', 'handler'],
  'cases.dispatch': ['dispatcher'],
  'cases.review': ['dispatcher'],
  'cases.reveal': ['dispatcher', 'handler'],
  'figures.read': ['admin', 'dispatcher', 'handler', 'auditor'],
  'audit.read': ['admin', 'auditor'],
  'staff.manage': ['admin'],
  'catalog.edit': ['admin', 'disclosure_editor'],
  'disclosure.read': ['admin', 'disclosure_officer', 'auditor'],
  'disclosure.handle': ['disclosure_officer'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

const username = z
  .string({ error: '请填写用户名' })
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, { error: '用户名为3–32位小写字母、数字、点、横线或下划线，以字母开头' });

/** At least 12 characters with letters and digits; long passphrases welcome. */
export const passwordSchema = z
  .string({ error: '请填写密码' })
  .min(12, { error: '密码至少12位' })
  .max(128, { error: '密码不能超过128位' })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { error: '密码须同时包含字母和数字' });

export const staffLoginRequestSchema = z.strictObject({
  username: z.string({ error: '请填写用户名' }).trim().min(1, { error: '请填写用户名' }).max(32),
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(128),
});

export const staffProfileSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  unit: z.string().nullable(),
  regionCode: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type StaffProfile = z.infer<typeof staffProfileSchema>;

export const staffSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  staff: staffProfileSchema,
});
export type StaffSession = z.infer<typeof staffSessionSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, { error: '请填写当前密码' }).max(128),
  newPassword: passwordSchema,
});

const displayName = personText().min(1, { error: '请填写姓名' }).max(30, { error: '姓名不能超过30个字' });
const unitName = personText().min(1).max(100, { error: '单位名称不能超过100个字' });
const regionCode = z.string().regex(/^\d{6,12}$/, { error: '区划代码无效' });

export const createStaffRequestSchema = z
  .strictObject({
    username,
    displayName,
    role: staffRoleSchema,
    unit: unitName.optional(),
    regionCode: regionCode.optional(),
    password: passwordSchema,
  })
  .refine((s) => s.role !== 'handler' || s.unit !== undefined, { error: '承办人员须指定承办单位', path: ['unit'] });

export const updateStaffRequestSchema = z.strictObject({
  displayName: displayName.optional(),
  role: staffRoleSchema.optional(),
  unit: unitName.nullable().optional(),
  regionCode: regionCode.nullable().optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional().describe('Sets a new password the person must change at next login'),
});

export const staffListSchema = z.object({ items: z.array(staffProfileSchema) });
export const staffParamsSchema = z.object({ id: z.string().max(64) });

// ---------------------------------------------------------------------------------------------------------------
// Case queue and detail

/** Flags staff filter the queue by. */
export const CASE_FLAGS = {
  content_review: '内容待审核',
  stuck_forwarding: '转交12345受阻',
  unsatisfied: '不满意待回访',
  extension_requested: '延期待审批',
} as const;
export type CaseFlag = keyof typeof CASE_FLAGS;
export const caseFlagSchema = z.enum(Object.keys(CASE_FLAGS) as [CaseFlag, ...CaseFlag[]]);

function csvOf<T extends string>(schema: z.ZodType<T>, message: string) {
  return z
    .string()
    .max(400)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const parts = v.split(',');
      if (parts.some((p) => !schema.safeParse(p).success)) ctx.addIssue({ code: 'custom', message });
      return parts as T[];
    });
}

const dateOnly = z.iso.date({ error: '日期格式应为YYYY-MM-DD' });

export const QUEUE_SORTS = ['created_desc', 'created_asc', 'due_asc'] as const;

export const adminCaseQuerySchema = z.strictObject({
  status: csvOf(caseStatusSchema, '状态参数无效').describe('Comma-separated statuses'),
  type: csvOf(caseTypeSchema, '类型参数无效').describe('Comma-separated case types'),
  category: z.string().max(32).optional().describe('Area or category code'),
  unit: z.string().max(100).optional().describe('Handling unit, exact'),
  region: z.string().max(12).optional().describe('Region code: the region and everything under it'),
  overdue: z.enum(['true', 'false']).optional(),
  flag: caseFlagSchema.optional(),
  from: dateOnly.optional().describe('Submitted on or after this day (city time)'),
  to: dateOnly.optional().describe('Submitted on or before this day (city time)'),
  q: z.string().trim().max(40).optional().describe('Ticket number, case id or words of the title'),
  sort: z.enum(QUEUE_SORTS).default('created_desc'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type AdminCaseQuery = z.infer<typeof adminCaseQuerySchema>;

export const forwardingStateSchema = z.object({
  state: z.enum(['pending', 'held', 'sent', 'failed', 'none']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  stuck: z.boolean(),
});

export const adminCaseSummarySchema = z.object({
  id: caseIdSchema,
  type: caseTypeSchema,
  category: z.string(),
  categoryName: z.string(),
  status: caseStatusSchema,
  title: z.string(),
  ticketNo: z.string().nullable(),
  handlingUnit: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  dueAt: z.iso.datetime().nullable(),
  overdue: z.boolean(),
  flags: z.array(caseFlagSchema),
  rating: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
});
export type AdminCaseSummary = z.infer<typeof adminCaseSummarySchema>;

export const adminCaseListSchema = z.object({
  items: z.array(adminCaseSummarySchema),
  nextCursor: z.string().nullable(),
});

export const extensionSchema = z.object({
  id: z.string(),
  state: z.enum(['pending', 'approved', 'rejected']),
  requestedDueAt: z.iso.datetime(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.iso.datetime(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionNote: z.string().nullable(),
});

export const adminCaseDetailSchema = adminCaseSummarySchema.extend({
  content: z.string(),
  location: z
    .object({
      address: z.string().nullable(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
    })
    .nullable(),
  photos: z.array(casePhotoSchema),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable().describe('Masked'),
  anonymous: z.boolean(),
  confidential: z.boolean(),
  contentCheck: z.enum(['pass', 'review', 'pending_recheck']),
  supervised: z.boolean(),
  urged: z.boolean(),
  forwarding: forwardingStateSchema,
  extensions: z.array(extensionSchema),
  timeline: z.array(timelineEntrySchema.extend({ actor: z.string().nullable() })),
  allowedActions: z.array(z.string()).describe('Actions this staff member may take now'),
  notifications: z
    .array(caseNotificationSchema)
    .optional()
    .describe("The case's subscription messages to the citizen, with WeChat's refusals"),
});
export type AdminCaseDetail = z.infer<typeof adminCaseDetailSchema>;

export const revealContactRequestSchema = z.strictObject({
  reason: personText().min(4, { error: '请填写查看原因（至少4个字）' }).max(200),
});
export const revealedContactSchema = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

const version = z
  .number({ error: '缺少版本号，请刷新后重试' })
  .int()
  .min(1)
  .describe('The version the staff member saw');
const actionText = (what: string, max: number) =>
  personText({ error: `请填写${what}` })
    .min(2, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过${max}个字` });

/** One action on a case. Each is checked against the state machine and the staff member's role. */
export const caseActionRequestSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('reply'), version, text: actionText('答复内容', 2000) }),
    z.strictObject({ action: z.literal('transfer'), version, unit: unitName, reason: actionText('转办原因', 200) }),
    z.strictObject({
      action: z.literal('request_extension'),
      version,
      dueAt: z.iso.datetime({ error: '新的办理期限无效' }),
      reason: actionText('延期原因', 200),
    }),
    z.strictObject({
      action: z.literal('decide_extension'),
      version,
      extensionId: z.string().max(64),
      approve: z.boolean(),
      note: personText().max(200).optional(),
    }),
    z.strictObject({ action: z.literal('approve_content'), version }),
    z.strictObject({ action: z.literal('reject_content'), version, reason: actionText('不予受理原因', 200) }),
    z.strictObject({ action: z.literal('close'), version, result: actionText('办结结果', 2000) }),
    z.strictObject({ action: z.literal('follow_up'), version, note: actionText('回访记录', 500) }),
  ],
  { error: '操作类型无效' },
);
export type CaseActionRequest = z.infer<typeof caseActionRequestSchema>;
export type CaseAction = CaseActionRequest['action'];
export const CASE_ACTIONS: Record<CaseAction, string> = {
  reply: '答复',
  transfer: '转办',
  request_extension: '申请延期',
  decide_extension: '审批延期',
  approve_content: '审核通过',
  reject_content: '不予受理',
  close: '办结',
  follow_up: '回访',
};

// ---------------------------------------------------------------------------------------------------------------
// Figures

export const FIGURE_DIMENSIONS = ['type', 'area', 'unit', 'region', 'month'] as const;
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number];

export const figuresQuerySchema = z
  .strictObject({
    from: dateOnly.describe('First day of the period (city time)'),
    to: dateOnly.describe('Last day of the period, inclusive'),
    by: z.enum(FIGURE_DIMENSIONS).optional().describe('Break the figures down by this dimension'),
  })
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['to'] });
export type FiguresQuery = z.infer<typeof figuresQuerySchema>;

/** A rate with what it was computed from, so nobody has to trust a percentage alone; null when nothing counts. */
export const rateSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().nullable(),
});

export const figureRowSchema = z.object({
  key: z.string().describe('Dimension value: type code, area code, unit name, region code or YYYY-MM; "all"'),
  label: z.string(),
  received: z.number().int().describe('Cases submitted in the period'),
  closed: z.number().int().describe('Cases closed in the period'),
  onTimeClosure: rateSchema.describe('按时办结率'),
  satisfaction: rateSchema.describe('满意率'),
  timelySigning: rateSchema.describe('及时签收率'),
  avgHandlingHours: z.number().nullable().describe('Mean hours from submission to closure of cases closed'),
});
export type FigureRow = z.infer<typeof figureRowSchema>;

export const figuresSchema = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(FIGURE_DIMENSIONS).nullable(),
  total: figureRowSchema,
  rows: z.array(figureRowSchema),
});
export type Figures = z.infer<typeof figuresSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Audit log

export const auditQuerySchema = z.strictObject({
  actorType: z.enum(['citizen', 'staff', 'system']).optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(48).optional(),
  subjectId: z.string().max(64).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorType: z.string(),
  actorId: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});
export const auditListSchema = z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() });

export const unitListSchema = z.object({
  items: z.array(z.object({ name: z.string(), regionCode: z.string().nullable() })),
});

export type { CaseStatus, CaseType };
