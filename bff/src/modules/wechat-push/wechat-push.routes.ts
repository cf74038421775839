import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { Middleware } from 'koa';
import { parseMediaCheckEvent, verifyPushSignature, type NonceCache } from '../../adapters/wechat/push';
import { mount, type Guards } from '../../http/endpoint';
import { Unauthenticated } from '../../lib/errors';
import type { AppState } from '../../http/state';
import type { Clock } from '../../lib/clock';
import type { PhotosRepository } from '../uploads/photos.repository';
import { applyMediaCheckResult } from '../uploads/uploads.service';

export interface WechatPushDeps {
  pushToken: string;
  windowSeconds: number;
  nonces: NonceCache;
  clock: Clock;
  photos: PhotosRepository;
}

/**
 * WeChat message push: the URL check (GET with echostr) and events (POST), both signed by the push token and
 * refused when stale or replayed. Today's only event is the verdict of an image check (wxa_media_check).
 */
export function wechatPushRoutes(deps: WechatPushDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  const signed: Middleware<AppState> = async (ctx, next) => {
    const query = ctx.query as Record<string, string | undefined>;
    const verdict = await verifyPushSignature(
      deps.pushToken,
      { signature: query.signature ?? '', timestamp: query.timestamp ?? '', nonce: query.nonce ?? '' },
      { clock: deps.clock, windowSeconds: deps.windowSeconds, nonces: deps.nonces },
    );
    if (!verdict.ok) {
      ctx.state.log.warn({ reason: verdict.reason }, 'WeChat push refused');
      throw new Unauthenticated('UNAUTHENTICATED', '签名校验失败', { reason: verdict.reason });
    }
    await next();
  };
  // Neither declares a query or a body schema: WeChat's own format is read as it comes, after the signature.
  mount(router, contract.wechatPushCheck, { ...guards, before: [signed] }, async (_input, ctx) => {
    ctx.type = 'text/plain';
    return { status: 200, body: String(ctx.query.echostr ?? '') };
  });
  mount(router, contract.wechatPush, { ...guards, before: [signed] }, async (_input, ctx) => {
    const event = parseMediaCheckEvent((ctx.request as { body?: unknown }).body);
    if (event) {
      const updated = await applyMediaCheckResult(deps, event.traceId, event.suggest);
      ctx.state.log.info({ traceId: event.traceId, suggest: event.suggest, photos: updated }, 'image check result');
    }
    ctx.type = 'text/plain';
    return { status: 200, body: 'success' as const };
  });
  return router;
}
