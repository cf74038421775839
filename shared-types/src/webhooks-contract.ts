import { z } from 'zod';
import { API_PREFIX, endpoint } from './endpoint';
import { errorEnvelopeSchema } from './errors';

/**
 * What outside systems push to us. Neither carries a session: each request is signed by its sender and refused
 * with 401 when the signature, its age or its nonce does not hold, before anything of the request is read.
 */
export const webhooksContract = {
  hotlineEvents: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/hotline/events`,
    summary: '12345 系统推送工单事件（签名见 docs/hotline-contract.md §5.1）',
    tag: 'webhooks',
    auth: 'none',
    // Each event is validated on its own so one malformed event does not refuse the others.
    body: z.object({ events: z.array(z.unknown()).max(100, { error: '每次最多推送100个事件' }) }),
    responses: {
      200: z.object({
        accepted: z.number().int(),
        duplicates: z.number().int(),
        rejected: z.array(z.object({ eventId: z.string(), reason: z.string() })),
      }),
      400: errorEnvelopeSchema,
      401: errorEnvelopeSchema,
    },
  }),
  wechatPushCheck: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/wechat/push`,
    summary: '微信消息推送的服务器地址校验：原样返回 echostr',
    tag: 'webhooks',
    auth: 'none',
    responses: { 200: z.string().meta({ description: 'The echostr, as text/plain' }), 401: errorEnvelopeSchema },
  }),
  wechatPush: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/wechat/push`,
    summary: '微信消息推送：图片内容安全检测结果（wxa_media_check）',
    tag: 'webhooks',
    auth: 'none',
    responses: { 200: z.literal('success').meta({ description: 'text/plain' }), 401: errorEnvelopeSchema },
  }),
} as const;
