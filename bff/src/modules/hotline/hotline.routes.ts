import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { Middleware } from 'koa';
import { verifyRequest, type NonceStore } from '../../adapters/hotline/signing';
import { hotlineEventSchema, toHotlineEvent } from '../../adapters/hotline/http-hotline-api';
import { mount, type Guards } from '../../http/endpoint';
import { Unauthenticated } from '../../lib/errors';
import type { AppState } from '../../http/state';
import { applyHotlineEvents, type InboundDeps } from './inbound';

export interface HotlineRouteDeps extends InboundDeps {
  inboundKeys: Readonly<Record<string, string>>;
  nonces: NonceStore;
}

/**
 * The hotline's push endpoint (docs/hotline-contract.md §5.1), signed and replay-protected.
 * Each event is validated on its own: a malformed one is rejected by id, the rest are applied.
 */
export function hotlineRoutes(deps: HotlineRouteDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  const signed: Middleware<AppState> = async (ctx, next) => {
    const raw = (ctx.request as { rawBody?: string }).rawBody ?? '';
    const verdict = await verifyRequest({
      method: ctx.method,
      path: ctx.originalUrl,
      body: raw,
      headers: ctx.headers,
      keys: deps.inboundKeys,
      nonces: deps.nonces,
      now: deps.clock.now(),
    });
    if (!verdict.ok) {
      ctx.state.log.warn({ reason: verdict.code }, 'hotline callback refused');
      throw new Unauthenticated('UNAUTHENTICATED', '签名校验失败', { reason: verdict.code });
    }
    await next();
  };
  mount(router, contract.hotlineEvents, { ...guards, before: [signed] }, async ({ body }) => {
    const valid = [];
    const rejected: { eventId: string; reason: string }[] = [];
    for (const raw of body.events) {
      const parsed = hotlineEventSchema.safeParse(raw);
      if (parsed.success) valid.push(toHotlineEvent(parsed.data));
      else
        rejected.push({
          eventId: String((raw as { eventId?: unknown } | null)?.eventId ?? ''),
          reason: 'malformed event',
        });
    }
    const result = await applyHotlineEvents(deps, valid);
    return { status: 200, body: { ...result, rejected: [...rejected, ...result.rejected] } };
  });
  return router;
}
