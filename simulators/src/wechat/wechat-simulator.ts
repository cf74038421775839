import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import { listen, type RunningServer } from '../listen';
import { AccessTokenIssuer } from './access-tokens';
import { realClock, Scheduler, type SimulatorClock } from './clock';
import { defaultTextRules, judgeMediaByUrl, type Suggest } from './content-rules';
import { controlRouter } from './control-routes';
import { FaultInjector, type Fault, type PendingFault, type WechatEndpoint } from './faults';
import { registerIdentityRoutes } from './identity-routes';
import type { PushDelivery } from './push';
import { registerSecurityRoutes } from './security-routes';
import { grantSubscription, registerSubscribeRoutes, type SubscribeMessage } from './subscribe-routes';
import { DEFAULT_SUBSCRIBE_TEMPLATES, type SubscribeTemplate } from './templates';
import type { SimulatorState, WechatCall } from './state';

/**
 * A loopback stand-in for WeChat's server API, speaking the same URLs, parameters and errcodes, so the BFF's
 * real HTTP adapter is what the demo and the tests exercise: sign-in, access tokens, text and image checks
 * (with the image result pushed back, signed like WeChat's message push), phone numbers, subscription messages
 * (recorded, and listed on the control page `/__control/`), and fault injection.
 */
export interface WechatSimulatorOptions {
  appId: string;
  appSecret: string;
  /** Milliseconds to wait before answering any WeChat endpoint, to hold requests in flight in tests. */
  delayMs?: number;
  /** Lifetime of issued access tokens. Default 7200, as on WeChat. */
  tokenTtlSeconds?: number;
  /**
   * In normal mode stable_token issues a new token this long before the current one expires. Default: WeChat's
   * 300 s, or half the lifetime when that is shorter.
   */
  tokenEarlyRenewSeconds?: number;
  /** Time for token expiry and timestamps; share a manual clock with the code under test. Default: real time. */
  clock?: SimulatorClock;
  /** msg_sec_check answers `risky` when any text contains one of these. Default: fake test words. */
  riskyWords?: readonly string[];
  /** msg_sec_check answers `review` when any text contains one of these (and none is risky). */
  reviewWords?: readonly string[];
  /** The verdict of media_check_async. Default: `risky`/`review` when the URL contains that word, else `pass`. */
  judgeMedia?: (mediaUrl: string) => Suggest;
  /** Delay before the media check result is pushed. Default 50 ms (WeChat: up to 30 minutes). */
  mediaCheckDelayMs?: number;
  /**
   * Download the media before judging it, as WeChat does; a failed download is pushed as WeChat's errcode
   * -1008 event without a result. Default false: test URLs need not exist.
   */
  fetchMedia?: boolean;
  /** Where media check results are pushed (the mini-program's message push URL); needs pushToken. */
  pushUrl?: string;
  /** The message push Token the push signature is computed with. */
  pushToken?: string;
  /** Subscription message templates by id. Default: the demo's three (templates.ts). */
  templates?: Readonly<Record<string, SubscribeTemplate>>;
  /**
   * subscribe/send answers 43101 unless the user granted the template (grantSubscription, or the control API's
   * `/__control/subscriptions`, standing in for wx.requestSubscribeMessage on the phone). Default true.
   */
  requireSubscription?: boolean;
}

/** Programmatic fault injection; the control API's `/__control/faults` does the same over HTTP. */
export interface FaultControl {
  inject(endpoint: WechatEndpoint, fault: Fault): void;
  clear(): void;
  pending(): PendingFault[];
}

export interface WechatSimulator extends RunningServer {
  /** Codes already exchanged; a code is single use, as on WeChat. */
  readonly usedCodes: Set<string>;
  setDelay(ms: number): void;
  /** Every call to a WeChat endpoint, oldest first (the latest 10,000). */
  readonly calls: readonly WechatCall[];
  callCount(endpoint: WechatEndpoint): number;
  readonly faults: FaultControl;
  /** Every media check push attempted, oldest first. */
  readonly pushes: readonly PushDelivery[];
  setPushTarget(url: string, token: string): void;
  /** Invalidates every access token, as a force refresh by another instance would. */
  revokeAccessTokens(): void;
  /** Every subscription message accepted, oldest first: what the citizens would have received. */
  readonly messages: readonly SubscribeMessage[];
  /** What an accepted wx.requestSubscribeMessage does on the phone: `times` more messages of the template. */
  grantSubscription(openid: string, templateId: string, times?: number): void;
  /** Messages the user may still be sent with this template. */
  subscriptionsLeft(openid: string, templateId: string): number;
}

const DEFAULT_TOKEN_TTL_SECONDS = 7200;
const WECHAT_EARLY_RENEW_SECONDS = 300;

function positive(value: number | undefined, fallback: number, name: string): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result <= 0) throw new RangeError(`${name} must be a positive number`);
  return result;
}

function createState(options: WechatSimulatorOptions): SimulatorState {
  if (options.pushUrl !== undefined && !options.pushToken) throw new Error('pushUrl needs pushToken');
  const clock = options.clock ?? realClock;
  const ttlSeconds = positive(options.tokenTtlSeconds, DEFAULT_TOKEN_TTL_SECONDS, 'tokenTtlSeconds');
  const earlyRenewSeconds = options.tokenEarlyRenewSeconds ?? Math.min(WECHAT_EARLY_RENEW_SECONDS, ttlSeconds / 2);
  return {
    appId: options.appId,
    appSecret: options.appSecret,
    clock,
    scheduler: new Scheduler(),
    delayMs: options.delayMs ?? 0,
    usedCodes: new Set(),
    usedPhoneCodes: new Set(),
    tokens: new AccessTokenIssuer(clock, { ttlSeconds, earlyRenewSeconds }),
    faults: new FaultInjector(),
    calls: [],
    pushes: [],
    pushTarget:
      options.pushUrl !== undefined && options.pushToken
        ? { url: options.pushUrl, token: options.pushToken }
        : undefined,
    textRules: {
      riskyWords: options.riskyWords ?? defaultTextRules.riskyWords,
      reviewWords: options.reviewWords ?? defaultTextRules.reviewWords,
    },
    judgeMedia: options.judgeMedia ?? judgeMediaByUrl,
    mediaCheckDelayMs: options.mediaCheckDelayMs ?? 50,
    fetchMedia: options.fetchMedia ?? false,
    templates: options.templates ?? DEFAULT_SUBSCRIBE_TEMPLATES,
    subscriptions: new Map(),
    requireSubscription: options.requireSubscription ?? true,
    messages: [],
    nextMsgid: 0,
  };
}

function createWechatApp(state: SimulatorState): Koa {
  const app = new Koa();
  const router = new Router();
  registerIdentityRoutes(router, state);
  registerSecurityRoutes(router, state);
  registerSubscribeRoutes(router, state);
  // WeChat reads POST bodies as JSON whatever the content type; a malformed body reaches the handler as
  // undefined and is answered with 47001 like any other bad payload.
  app.use(bodyParser({ enableTypes: ['json'], detectJSON: () => true, onError: () => undefined }));
  app.use(controlRouter(state).routes());
  app.use(router.routes());
  return app;
}

export async function startWechatSimulator(options: WechatSimulatorOptions, port = 0): Promise<WechatSimulator> {
  const state = createState(options);
  const running = await listen(createWechatApp(state), port);
  return {
    url: running.url,
    port: running.port,
    close: async () => {
      state.scheduler.stop();
      await running.close();
    },
    usedCodes: state.usedCodes,
    setDelay: (ms: number) => {
      state.delayMs = ms;
    },
    calls: state.calls,
    callCount: (endpoint) => state.calls.filter((call) => call.endpoint === endpoint).length,
    faults: state.faults,
    pushes: state.pushes,
    setPushTarget: (url: string, token: string) => {
      state.pushTarget = { url, token };
    },
    revokeAccessTokens: () => state.tokens.revokeAll(),
    messages: state.messages,
    grantSubscription: (openid, templateId, times) => grantSubscription(state, openid, templateId, times),
    subscriptionsLeft: (openid, templateId) => state.subscriptions.get(`${openid} ${templateId}`) ?? 0,
  };
}
