import { createHash } from 'node:crypto';
import type Router from '@koa/router';
import { phoneNumberFor } from './phone';
import { asRecord, failure, ok } from './replies';
import { endpoint, rejectToken, type SimulatorState } from './state';

/** The same code always maps to the same openid, so a demo browser keeps its identity across sign-ins. */
export function openidFor(appId: string, code: string): string {
  return `o${createHash('sha256').update(`${appId}:${code}`).digest('base64url').slice(0, 27)}`;
}

/** `sns/jscode2session`, `cgi-bin/stable_token` and `wxa/business/getuserphonenumber`. */
export function registerIdentityRoutes(router: Router, state: SimulatorState): void {
  router.get(
    '/sns/jscode2session',
    endpoint(state, 'jscode2session', (ctx, call) => {
      const { appid, secret, js_code: code, grant_type: grantType } = ctx.query;
      if (appid !== state.appId || secret !== state.appSecret) return failure(40013, 'invalid appid or secret');
      if (grantType !== 'authorization_code' || typeof code !== 'string' || code.length === 0) return failure(40029);
      if (code.startsWith('invalid')) return failure(40029);
      // Demo browsers reuse one code to keep their identity; real wx.login codes are single use.
      if (!code.startsWith('h5-demo-') && state.usedCodes.has(code)) return failure(40163);
      state.usedCodes.add(code);
      call.openid = openidFor(state.appId, code);
      return { openid: call.openid, session_key: createHash('md5').update(code).digest('base64') };
    }),
  );

  router.post(
    '/cgi-bin/stable_token',
    endpoint(state, 'stable_token', (ctx, call) => {
      const body = asRecord(ctx.request.body);
      if (!body) return failure(47001);
      const { grant_type: grantType, appid, secret, force_refresh: forceRefresh } = body;
      if (grantType !== 'client_credential') return failure(40002);
      if (typeof appid !== 'string' || appid === '') return failure(41002);
      if (appid !== state.appId) return failure(40013);
      if (typeof secret !== 'string' || secret === '') return failure(41004);
      if (secret !== state.appSecret) return failure(40125);
      if (forceRefresh !== undefined && typeof forceRefresh !== 'boolean') return failure(47001);
      call.forceRefresh = forceRefresh === true;
      return { ...state.tokens.issue(call.forceRefresh) };
    }),
  );

  router.post(
    '/wxa/business/getuserphonenumber',
    endpoint(state, 'getuserphonenumber', (ctx) => {
      const rejected = rejectToken(state, ctx);
      if (rejected) return rejected;
      const code = asRecord(ctx.request.body)?.code;
      if (typeof code !== 'string' || code === '') return failure(47001);
      if (code.startsWith('invalid') || state.usedPhoneCodes.has(code)) return failure(40029);
      state.usedPhoneCodes.add(code);
      const phone = phoneNumberFor(code);
      const timestamp = Math.floor(state.clock.now().getTime() / 1000);
      return ok({
        phone_info: {
          phoneNumber: phone,
          purePhoneNumber: phone,
          countryCode: '86',
          watermark: { timestamp, appid: state.appId },
        },
      });
    }),
  );
}
