import { z } from 'zod';

/**
 * Stable machine-readable error codes. Clients branch on these, never on messages or HTTP status alone.
 * The Chinese default message is what a citizen reads when the server has nothing more specific to say.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: '提交的内容有误，请检查后重试',
  INVALID_JSON: '请求格式有误',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  UNAUTHENTICATED: '请先登录',
  TOKEN_INVALID: '登录状态无效，请重新登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '找不到相关内容',
  ROUTE_NOT_FOUND: '接口不存在',
  METHOD_NOT_ALLOWED: '不支持的请求方式',
  CONFLICT: '操作冲突，请刷新后重试',
  STALE_VERSION: '该诉求已被他人更新，请刷新后重试',
  LOGIN_FAILED: '用户名或密码错误',
  ACCOUNT_LOCKED: '登录失败次数过多，账户已暂时锁定，请稍后再试',
  PASSWORD_CHANGE_REQUIRED: '请先修改初始密码',
  USERNAME_TAKEN: '该用户名已被使用',
  IDEMPOTENCY_KEY_REUSED: '该草稿已提交过不同的内容，请刷新后重试',
  INVALID_TRANSITION: '当前状态下不能进行此操作',
  CONTENT_RISKY: '内容可能含有违规信息，请修改后再提交',
  PHONE_CODE_INVALID: '获取手机号失败，请重新授权或手动填写',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  WECHAT_CODE_INVALID: '微信登录凭证无效，请重新进入小程序',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  SURVEY_USED: '该评价链接已使用，如需修改请在诉求详情中操作',
  SURVEY_EXPIRED: '评价链接已过期',
  RATING_CLOSED: '评价已超过可修改期限',
  INTERNAL: '系统繁忙，请稍后再试',
  BAD_REQUEST: '请求格式有误',
  HEADERS_TOO_LARGE: '请求头过大',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const errorCodeSchema = z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]);

/** One problem with one field of a request, as shown next to that field. */
export const fieldIssueSchema = z.object({
  path: z.string().describe('Dotted path of the field, e.g. "content" or "photos.2"; empty for the whole body'),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The single error envelope every endpoint answers with when it does not succeed. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z
      .object({ fields: z.array(fieldIssueSchema).optional() })
      .catchall(z.unknown())
      .optional(),
    requestId: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** Turns a zod failure into field issues, one per problem, with dotted paths. */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...issue.path, ...(issue.code === 'unrecognized_keys' ? [issue.keys.join(',')] : [])].map(String).join('.'),
    message: issue.message,
  }));
}
