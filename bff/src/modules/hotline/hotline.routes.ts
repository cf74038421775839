import { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import { verifyRequest, type NonceStore } from '../../adapters/hotline/signing';
import { hotlineEventSchema, toHotlineEvent } from '../../adapters/hotline/http-hotline-api';
import { Invalid, Unauthenticated } from '../../lib/errors';
import type { AppState } from '../../http/state';
import { applyHotlineEvents, type InboundDeps } from './inbound';

export interface HotlineRouteDeps extends InboundDeps {
  inboundKeys: Readonly<Record<string, string>>;
  nonces: NonceStore;
}

const pushSchema = z.object({ events: z.array(z.unknown()).max(100) });

/**
 * The hotline's push endpoint (docs/hotline-contract.md §5.1), signed and replay-protected.
 * Each event is validated on its own: a malformed one is rejected by id, the rest are applied.
 */
export function hotlineRoutes(deps: HotlineRouteDeps): Router<AppState> {
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
  router.post('/api/v1/hotline/events', signed, async (ctx) => {
    const body = pushSchema.safeParse((ctx.request as { body?: unknown }).body);
    if (!body.success) throw new Invalid([], 'events must be an array of at most 100');
    const valid = [];
    const rejected: { eventId: string; reason: string }[] = [];
    for (const raw of body.data.events) {
      const parsed = hotlineEventSchema.safeParse(raw);
      if (parsed.success) valid.push(toHotlineEvent(parsed.data));
      else
        rejected.push({
          eventId: String((raw as { eventId?: unknown } | null)?.eventId ?? ''),
          reason: 'malformed event',
        });
    }
    const result = await applyHotlineEvents(deps, valid);
    ctx.body = { ...result, rejected: [...rejected, ...result.rejected] };
  });
  return router;
}
