import { z } from 'zod';
import { WechatError } from './wechat-api';

export const suggestSchema = z.enum(['pass', 'review', 'risky']);

/** WeChat sends labels as numbers, and in some push events as numeric strings. */
export const labelSchema = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

export const sessionReply = z.object({ openid: z.string().min(1), unionid: z.string().min(1).optional() });

export const stableTokenReply = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

export const msgSecCheckReply = z.object({
  trace_id: z.string().min(1),
  result: z.object({ suggest: suggestSchema, label: labelSchema }),
});

/** Over HTTPS the field is `trace_id` (cloud calls answer `traceId`). */
export const mediaCheckReply = z.object({ trace_id: z.string().min(1) });

export const phoneReply = z.object({
  phone_info: z.object({
    phoneNumber: z.string().min(1),
    purePhoneNumber: z.string().min(1),
    // Documented as a string; WeChat's own example shows a number.
    countryCode: z.union([z.string(), z.number()]).transform(String),
  }),
});

/** The reply's fields, or a WechatError without errcode when WeChat answered something else. */
export function readReply<T extends z.ZodType>(operation: string, schema: T, reply: unknown): z.output<T> {
  const parsed = schema.safeParse(reply);
  if (!parsed.success) throw new WechatError(`${operation}: unexpected answer from WeChat`);
  return parsed.data;
}
