import { z } from 'zod';

export const wechatLoginRequestSchema = z.strictObject({
  code: z.string({ error: '缺少登录凭证' }).min(1, { error: '缺少登录凭证' }).max(128),
});
export type WechatLoginRequest = z.infer<typeof wechatLoginRequestSchema>;

export const sessionSchema = z.object({
  token: z.string().describe('Bearer token for the Authorization header'),
  expiresAt: z.iso.datetime(),
  citizen: z.object({ id: z.string() }),
});
export type Session = z.infer<typeof sessionSchema>;
