import type Router from '@koa/router';
import { asRecord, failure, ok } from './replies';
import { endpoint, rejectToken, remember, type SimulatorState } from './state';
import { checkTemplateData } from './templates';

/** A message WeChat accepted for delivery: what the citizen would see in their service notifications. */
export interface SubscribeMessage {
  msgid: number;
  at: Date;
  touser: string;
  templateId: string;
  title: string;
  page: string | null;
  miniprogramState: string;
  data: Record<string, string>;
}

const isOpenid = (value: unknown): value is string => typeof value === 'string' && /^o[\w-]{27}$/.test(value);
const STATES = ['developer', 'trial', 'formal'];
const quotaKey = (openid: string, templateId: string): string => `${openid} ${templateId}`;

/** One accepted wx.requestSubscribeMessage on the device: one more message this user may be sent. */
export function grantSubscription(state: SimulatorState, openid: string, templateId: string, times = 1): void {
  const key = quotaKey(openid, templateId);
  state.subscriptions.set(key, (state.subscriptions.get(key) ?? 0) + times);
}

/**
 * `cgi-bin/message/subscribe/send`: token, recipient, template, page, data (each value within its type's
 * limits: 47003 otherwise), then the user's one-time grant for the template (43101 when there is none).
 */
export function registerSubscribeRoutes(router: Router, state: SimulatorState): void {
  router.post(
    '/cgi-bin/message/subscribe/send',
    endpoint(state, 'subscribe_send', (ctx, call) => {
      const refused = rejectToken(state, ctx);
      if (refused) return refused;
      const body = asRecord(ctx.request.body);
      if (!body) return failure(47001, undefined, state.clock.now());
      if (!isOpenid(body.touser)) return failure(40003, undefined, state.clock.now());
      call.openid = body.touser;
      const templateId = body.template_id;
      const template = typeof templateId === 'string' ? state.templates[templateId] : undefined;
      if (typeof templateId !== 'string' || !template) return failure(40037, undefined, state.clock.now());
      const page = body.page;
      if (page !== undefined && (typeof page !== 'string' || !/^[\w/-]+(\?[\w=&%.-]*)?$/.test(page))) {
        return failure(41030, undefined, state.clock.now());
      }
      const miniprogramState = body.miniprogram_state ?? 'formal';
      if (typeof miniprogramState !== 'string' || !STATES.includes(miniprogramState)) {
        return failure(47003, 'argument invalid! miniprogram_state', state.clock.now());
      }
      const problem = checkTemplateData(template, body.data);
      if (problem) return failure(47003, `argument invalid! ${problem}`, state.clock.now());
      const key = quotaKey(body.touser, templateId);
      const left = state.subscriptions.get(key) ?? 0;
      if (state.requireSubscription && left < 1) return failure(43101, undefined, state.clock.now());
      if (left > 0) state.subscriptions.set(key, left - 1);
      state.nextMsgid += 1;
      const data = Object.fromEntries(
        Object.entries(body.data as Record<string, { value: string }>).map(([k, v]) => [k, v.value]),
      );
      remember(state.messages, {
        msgid: state.nextMsgid,
        at: state.clock.now(),
        touser: body.touser,
        templateId,
        title: template.title,
        page: typeof page === 'string' ? page : null,
        miniprogramState,
        data,
      });
      return ok({ msgid: state.nextMsgid });
    }),
  );
}
