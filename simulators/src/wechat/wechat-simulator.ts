import { createHash } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import { listen, type RunningServer } from '../listen';

/**
 * A loopback stand-in for WeChat's server API, speaking the same URLs, parameters and errcodes, so the BFF's
 * real HTTP adapter is what the demo and the tests exercise. This slice covers sign-in; later work adds
 * tokens, content checks, phone numbers and subscription messages.
 */
export interface WechatSimulatorOptions {
  appId: string;
  appSecret: string;
  /** Milliseconds to wait before answering, to hold requests in flight in tests. */
  delayMs?: number;
}

export interface WechatSimulator extends RunningServer {
  /** Codes already exchanged; a code is single use, as on WeChat. */
  readonly usedCodes: Set<string>;
  setDelay(ms: number): void;
}

/** The same code always maps to the same openid, so a demo browser keeps its identity across sign-ins. */
export function openidFor(appId: string, code: string): string {
  return `o${createHash('sha256').update(`${appId}:${code}`).digest('base64url').slice(0, 27)}`;
}

export function createWechatApp(
  options: WechatSimulatorOptions,
  state: { usedCodes: Set<string>; delayMs: number },
): Koa {
  const app = new Koa();
  const router = new Router();
  router.get('/sns/jscode2session', async (ctx) => {
    if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
    const { appid, secret, js_code: code, grant_type: grantType } = ctx.query;
    if (appid !== options.appId || secret !== options.appSecret) {
      ctx.body = { errcode: 40013, errmsg: 'invalid appid or secret' };
      return;
    }
    if (grantType !== 'authorization_code' || typeof code !== 'string' || code.length === 0) {
      ctx.body = { errcode: 40029, errmsg: 'invalid code' };
      return;
    }
    if (code.startsWith('invalid')) {
      ctx.body = { errcode: 40029, errmsg: 'invalid code' };
      return;
    }
    // Demo browsers reuse one code to keep their identity; real wx.login codes are single use.
    if (!code.startsWith('h5-demo-') && state.usedCodes.has(code)) {
      ctx.body = { errcode: 40163, errmsg: 'code been used' };
      return;
    }
    state.usedCodes.add(code);
    ctx.body = { openid: openidFor(options.appId, code), session_key: createHash('md5').update(code).digest('base64') };
  });
  app.use(bodyParser());
  app.use(router.routes());
  return app;
}

export async function startWechatSimulator(options: WechatSimulatorOptions, port = 0): Promise<WechatSimulator> {
  const state = { usedCodes: new Set<string>(), delayMs: options.delayMs ?? 0 };
  const running = await listen(createWechatApp(options, state), port);
  return {
    ...running,
    usedCodes: state.usedCodes,
    setDelay: (ms: number) => {
      state.delayMs = ms;
    },
  };
}
