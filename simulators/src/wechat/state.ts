import type { RouterContext, RouterMiddleware } from '@koa/router';
import type { AccessTokenIssuer } from './access-tokens';
import type { Scheduler, SimulatorClock } from './clock';
import type { Suggest, TextRules } from './content-rules';
import type { FaultInjector, WechatEndpoint } from './faults';
import type { PushDelivery, PushTarget } from './push';
import { failure, type WechatReply } from './replies';
import type { SubscribeMessage } from './subscribe-routes';
import type { SubscribeTemplate } from './templates';

/** One request to a WeChat endpoint, as recorded for tests to count and inspect. */
export interface WechatCall {
  endpoint: WechatEndpoint;
  at: Date;
  /** The user the call was about: the openid sent (content checks) or answered (jscode2session). */
  openid?: string;
  /** stable_token only: whether force_refresh was asked for. */
  forceRefresh?: boolean;
  /** What the simulator answered; 0 for success. */
  errcode?: number;
}

export interface SimulatorState {
  appId: string;
  appSecret: string;
  clock: SimulatorClock;
  scheduler: Scheduler;
  delayMs: number;
  usedCodes: Set<string>;
  usedPhoneCodes: Set<string>;
  tokens: AccessTokenIssuer;
  faults: FaultInjector;
  calls: WechatCall[];
  pushes: PushDelivery[];
  pushTarget: PushTarget | undefined;
  textRules: TextRules;
  judgeMedia: (mediaUrl: string) => Suggest;
  mediaCheckDelayMs: number;
  fetchMedia: boolean;
  templates: Readonly<Record<string, SubscribeTemplate>>;
  /** Messages left per "openid templateId": one per accepted wx.requestSubscribeMessage. */
  subscriptions: Map<string, number>;
  requireSubscription: boolean;
  messages: SubscribeMessage[];
  nextMsgid: number;
}

/** A long-running demo simulator keeps only this many calls and pushes. */
const MAX_RECORDS = 10_000;

export function remember<T>(records: T[], record: T): void {
  records.push(record);
  if (records.length > MAX_RECORDS) records.splice(0, records.length - MAX_RECORDS);
}

type Handler = (ctx: RouterContext, call: WechatCall) => WechatReply | Promise<WechatReply>;

/**
 * Wraps one WeChat endpoint: records the call, applies the global delay and any injected fault, then answers
 * what the handler says.
 */
export function endpoint(state: SimulatorState, name: WechatEndpoint, handler: Handler): RouterMiddleware {
  return async (ctx) => {
    const call: WechatCall = { endpoint: name, at: state.clock.now() };
    remember(state.calls, call);
    if (state.delayMs > 0) await state.scheduler.sleep(state.delayMs);
    const fault = state.faults.take(name);
    if (fault && 'hangMs' in fault) await state.scheduler.sleep(fault.hangMs);
    const reply =
      fault && 'errcode' in fault ? failure(fault.errcode, fault.errmsg, state.clock.now()) : await handler(ctx, call);
    call.errcode = reply.errcode ?? 0;
    ctx.body = reply;
  };
}

/** The errcode answer for a missing, unknown or expired `access_token` query parameter, if it is one. */
export function rejectToken(state: SimulatorState, ctx: RouterContext): WechatReply | undefined {
  const errcode = state.tokens.check(ctx.query.access_token);
  return errcode === undefined ? undefined : failure(errcode, undefined, state.clock.now());
}
