import { z } from 'zod';
import { caseTypeSchema, charCount, phoneSchema } from './cases';
import { isValidCreditCode, isValidResidentIdNumber } from './disclosure-ids';

/**
 * 依申请公开: applications for government information under the 《政府信息公开条例》 (2019), and the outcomes as
 * the annual report (国办公开办函〔2021〕30号) counts them. docs/disclosure-applications.md explains the rules.
 */

/** The columns of the annual report's part three: 自然人, then the five kinds of 法人或其他组织. */
export const APPLICANT_TYPES = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他',
} as const;
export type ApplicantType = keyof typeof APPLICANT_TYPES;
export const applicantTypeSchema = z.enum(Object.keys(APPLICANT_TYPES) as [ApplicantType, ...ApplicantType[]]);
type OrganisationType = Exclude<ApplicantType, 'natural'>;

export const ID_DOCUMENT_TYPES = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent: '外国人永久居留身份证',
  other: '其他身份证件',
} as const;
export type IdDocumentType = keyof typeof ID_DOCUMENT_TYPES;

export const DISCLOSURE_FORMS = { paper: '纸质', electronic: '电子' } as const;
export const DELIVERY_METHODS = { online: '在线查看', email: '电子邮件', post: '邮寄', pickup: '自行领取' } as const;

/**
 * Every outcome row of part three of the annual report, in its order. The key is `group.reason`; the label is the
 * row's text. 部分公开 counts only there even when parts were withheld (the template's rule for 区分处理).
 */
export const DISCLOSURE_OUTCOMES = {
  'disclose.full': { group: '予以公开', label: '予以公开' },
  'partial.partial': { group: '部分公开', label: '部分公开' },
  'withhold.state_secret': { group: '不予公开', label: '属于国家秘密' },
  'withhold.law_prohibits': { group: '不予公开', label: '其他法律行政法规禁止公开' },
  'withhold.three_safety': { group: '不予公开', label: '危及“三安全一稳定”' },
  'withhold.third_party': { group: '不予公开', label: '保护第三方合法权益' },
  'withhold.internal_affairs': { group: '不予公开', label: '属于三类内部事务信息' },
  'withhold.process_info': { group: '不予公开', label: '属于四类过程性信息' },
  'withhold.enforcement_file': { group: '不予公开', label: '属于行政执法案卷' },
  'withhold.query_matter': { group: '不予公开', label: '属于行政查询事项' },
  'unable.not_held': { group: '无法提供', label: '本机关不掌握相关政府信息' },
  'unable.needs_creation': { group: '无法提供', label: '没有现成信息需要另行制作' },
  'unable.still_unclear': { group: '无法提供', label: '补正后申请内容仍不明确' },
  'not_handled.petition': { group: '不予处理', label: '信访举报投诉类申请' },
  'not_handled.repeat': { group: '不予处理', label: '重复申请' },
  'not_handled.publication': { group: '不予处理', label: '要求提供公开出版物' },
  'not_handled.excessive': { group: '不予处理', label: '无正当理由大量反复申请' },
  'not_handled.confirm_existing': { group: '不予处理', label: '要求行政机关确认或重新出具已获取信息' },
  'other.no_correction': {
    group: '其他处理',
    label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  },
  'other.no_fee': {
    group: '其他处理',
    label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  },
  'other.other': { group: '其他处理', label: '其他' },
} as const;
export type DisclosureOutcome = keyof typeof DISCLOSURE_OUTCOMES;
export const disclosureOutcomeSchema = z.enum(
  Object.keys(DISCLOSURE_OUTCOMES) as [DisclosureOutcome, ...DisclosureOutcome[]],
  { error: '请选择处理结果' },
);

export const DISCLOSURE_STATUSES = {
  submitted: '待确认收到',
  processing: '办理中',
  awaiting_supplement: '待补正',
  consulting: '征求意见中',
  answered: '已答复',
} as const;
export type DisclosureStatus = keyof typeof DISCLOSURE_STATUSES;
export const disclosureStatusSchema = z.enum(
  Object.keys(DISCLOSURE_STATUSES) as [DisclosureStatus, ...DisclosureStatus[]],
);

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: '编号无效' });
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .refine((v) => charCount(v) >= min, { error: min > 1 ? `${label}至少${min}个字` : `请填写${label}` })
    .refine((v) => charCount(v) <= max, { error: `${label}不能超过${max}个字` });

const naturalPersonSchema = z
  .strictObject({
    kind: z.literal('natural'),
    name: text('姓名', 1, 30),
    idType: z.enum(Object.keys(ID_DOCUMENT_TYPES) as [IdDocumentType, ...IdDocumentType[]], {
      error: '请选择身份证件类型',
    }),
    idNumber: z
      .string({ error: '请填写证件号码' })
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z()-]{5,30}$/, { error: '证件号码格式有误' }),
    phone: phoneSchema,
    address: text('通信地址', 1, 200),
  })
  .refine((p) => p.idType !== 'resident_id' || isValidResidentIdNumber(p.idNumber), {
    error: '居民身份证号码有误，请核对',
    path: ['idNumber'],
  });

const organisationSchema = z.strictObject({
  kind: z.literal('organisation'),
  orgType: z.enum(
    Object.keys(APPLICANT_TYPES).filter((k) => k !== 'natural') as [OrganisationType, ...OrganisationType[]],
    { error: '请选择单位类型' },
  ),
  name: text('单位名称', 1, 100),
  creditCode: z
    .string({ error: '请填写统一社会信用代码' })
    .trim()
    .toUpperCase()
    .refine(isValidCreditCode, { error: '统一社会信用代码有误，请核对' }),
  legalRepresentative: text('法定代表人或负责人', 1, 30),
  contactName: text('联系人', 1, 30),
  phone: phoneSchema,
  address: text('通信地址', 1, 200),
});

/**
 * What the 2019 regulation asks of an application (art. 29): who applies with proof of identity and contact, a
 * description of the information, the form and way of receiving it. It asks for no purpose, and neither do we.
 */
export const createDisclosureApplicationSchema = z
  .strictObject({
    applicant: z.discriminatedUnion('kind', [naturalPersonSchema, organisationSchema], {
      error: '请填写申请人信息',
    }),
    idPhotoId: ulid.describe('The identity document (or business licence) photo, uploaded through /uploads/photos'),
    description: text('所需政府信息的描述', 10, 2000),
    catalogItemKeys: z.array(z.string().trim().min(1).max(64)).max(20, { error: '最多关联20个目录事项' }).default([]),
    form: z.enum(Object.keys(DISCLOSURE_FORMS) as ['paper', 'electronic'], { error: '请选择获取信息的形式' }),
    delivery: z.enum(Object.keys(DELIVERY_METHODS) as ['online', 'email', 'post', 'pickup'], {
      error: '请选择获取信息的方式',
    }),
    email: z.email({ error: '请填写正确的电子邮箱' }).max(100).optional(),
    hotlineConsent: z.boolean().default(false).describe('如申请属于信访、举报、投诉，同意转为12345诉求办理'),
  })
  .refine((a) => a.delivery !== 'email' || a.email !== undefined, {
    error: '选择电子邮件方式时请填写电子邮箱',
    path: ['email'],
  });
export type CreateDisclosureApplication = z.input<typeof createDisclosureApplicationSchema>;

export const disclosureParamsSchema = z.object({ id: ulid });

export const answerSupplementSchema = z.strictObject({
  description: text('补正后的信息描述', 10, 2000),
});

const version = z.number({ error: '缺少版本号，请刷新后重试' }).int().min(1);

/** What the office does to an application; each action checks the state it needs (409 otherwise). */
export const disclosureActionSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('confirm_receipt'), version }),
    z.strictObject({
      action: z.literal('request_supplement'),
      version,
      missing: text('需要补正的事项', 5, 500),
      replyWithinWorkingDays: z.number().int().min(1).max(30).describe('合理的补正期限, in working days'),
    }),
    z.strictObject({ action: z.literal('close_uncorrected'), version }),
    z.strictObject({
      action: z.literal('extend'),
      version,
      days: z.number().int().min(1).max(20, { error: '延长的期限最长不得超过20个工作日' }),
      approvedBy: text('批准延期的负责人', 1, 30),
      reason: text('延期理由', 4, 200),
    }),
    z.strictObject({
      action: z.literal('consult'),
      version,
      party: z.enum(['third_party', 'other_agency']),
      partyName: text('征求意见对象', 1, 100),
    }),
    z.strictObject({ action: z.literal('consultation_answered'), version, opinion: text('意见内容', 1, 500) }),
    z.strictObject({
      action: z.literal('decide'),
      version,
      outcome: disclosureOutcomeSchema,
      legalBasis: text('法律依据', 2, 300),
      provided: text('提供的信息或获取方式', 2, 1000),
      /** For 信访举报投诉类 with the applicant's consent: the 12345 case it becomes. */
      hotline: z
        .strictObject({ type: caseTypeSchema, category: z.string().min(1).max(32, { error: '诉求分类无效' }) })
        .optional(),
    }),
  ],
  { error: '不支持的操作' },
);
export type DisclosureAction = z.infer<typeof disclosureActionSchema>;

export const disclosureEventSchema = z.object({
  at: z.iso.datetime(),
  kind: z.string(),
  /** What the applicant reads in the timeline. */
  text: z.string(),
});

export const disclosureApplicationSchema = z.object({
  id: z.string(),
  status: disclosureStatusSchema,
  applicantType: applicantTypeSchema,
  applicantName: z.string(),
  idDocument: z.object({ type: z.string(), numberMasked: z.string() }),
  idPhotoId: z.string(),
  description: z.string(),
  catalogItemKeys: z.array(z.string()),
  form: z.enum(['paper', 'electronic']),
  delivery: z.enum(['online', 'email', 'post', 'pickup']),
  submittedAt: z.iso.datetime(),
  receivedAt: z.iso.datetime().nullable(),
  dueAt: z.iso.datetime().nullable(),
  supplement: z
    .object({
      missing: z.string(),
      requestedAt: z.iso.datetime(),
      replyBy: z.iso.datetime(),
      answeredAt: z.iso.datetime().nullable(),
    })
    .nullable(),
  extension: z.object({ days: z.number(), approvedBy: z.string(), reason: z.string() }).nullable(),
  decision: z
    .object({
      outcome: disclosureOutcomeSchema,
      group: z.string(),
      label: z.string(),
      legalBasis: z.string(),
      provided: z.string(),
      decidedAt: z.iso.datetime(),
    })
    .nullable(),
  timeline: z.array(disclosureEventSchema),
  hotlineConsent: z.boolean(),
  /** The 12345 case a 信访举报投诉类 application became, with the applicant's consent. */
  caseId: z.string().nullable(),
  /** Letters sent, each downloadable as .docx. */
  letters: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['decision', 'supplement', 'extension']),
      title: z.string(),
      number: z.string(),
      issuedAt: z.iso.datetime(),
    }),
  ),
});
export type DisclosureApplicationView = z.infer<typeof disclosureApplicationSchema>;

export const disclosureListSchema = z.object({
  items: z.array(
    disclosureApplicationSchema.pick({ id: true, status: true, description: true, submittedAt: true, dueAt: true }),
  ),
});

export const adminDisclosureApplicationSchema = disclosureApplicationSchema.extend({
  version: z.number(),
  overdue: z.boolean(),
  consultations: z.array(
    z.object({
      party: z.enum(['third_party', 'other_agency']),
      partyName: z.string(),
      sentAt: z.iso.datetime(),
      answerBy: z.iso.datetime().nullable(),
      answeredAt: z.iso.datetime().nullable(),
    }),
  ),
});
export const adminDisclosureQuerySchema = z.object({
  status: disclosureStatusSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const adminDisclosureListSchema = z.object({
  items: z.array(
    adminDisclosureApplicationSchema.pick({
      id: true,
      status: true,
      applicantType: true,
      applicantName: true,
      description: true,
      submittedAt: true,
      receivedAt: true,
      dueAt: true,
      overdue: true,
    }),
  ),
});

export const revealIdNumberRequestSchema = z.strictObject({
  reason: z.string().trim().min(4, { error: '请填写查看原因（至少4个字）' }).max(200),
});
export const revealedIdNumberSchema = z.object({ idType: z.string(), idNumber: z.string() });

const yearSchema = z.coerce
  .number({ error: '请填写年份' })
  .int({ error: '年份无效' })
  .min(2019, { error: '年份无效' })
  .max(2099, { error: '年份无效' });
export const annualReportQuerySchema = z.object({ year: yearSchema });

const reviewCounts = z.strictObject({
  upheld: z.number().int().min(0).max(100000),
  corrected: z.number().int().min(0).max(100000),
  other: z.number().int().min(0).max(100000),
  pending: z.number().int().min(0).max(100000),
});
/** Part four of the annual report: 行政复议 and 行政诉讼 about disclosure, entered by the office. */
export const disclosureReviewsSchema = z.strictObject({
  year: yearSchema,
  reconsideration: reviewCounts,
  litigationDirect: reviewCounts,
  litigationAfterReconsideration: reviewCounts,
});
export type DisclosureReviews = z.infer<typeof disclosureReviewsSchema>;
