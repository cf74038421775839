import { randomBytes } from 'node:crypto';

/** What every WeChat server API answers: errcode 0 (or none) on success, plus the endpoint's own fields. */
export interface WechatReply {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

/** The errmsg WeChat sends with the errcodes the simulator answers (or is told to answer). */
const errmsgs: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40129: 'invalid scene',
  40163: 'code been used',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41030: 'invalid page',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit, must slower, retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
};

/** An error answer; like WeChat, errmsg ends with a request id, so callers must not match on the text. */
export function failure(
  errcode: number,
  errmsg = errmsgs[errcode] ?? 'simulated failure',
  now = new Date(),
): WechatReply {
  return { errcode, errmsg: `${errmsg} rid: ${wechatId(now)}` };
}

export function ok(fields: Record<string, unknown> = {}): WechatReply {
  return { errcode: 0, errmsg: 'ok', ...fields };
}

/** WeChat's rid and trace_id shape: three groups of 8 hex digits, the first the time in seconds. */
export function wechatId(now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  const random = randomBytes(8).toString('hex');
  return `${seconds}-${random.slice(0, 8)}-${random.slice(8)}`;
}

/** A JSON body as a record, or undefined when it is not an object. */
export function asRecord(body: unknown): Record<string, unknown> | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}
