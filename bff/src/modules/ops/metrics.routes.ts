import { createHash, timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import type { AppState } from '../../http/state';
import { Unauthenticated } from '../../lib/errors';
import type { MetricsRegistry } from '../../lib/metrics';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Prometheus scrapes /metrics with its own bearer token (`METRICS_TOKEN`), apart from any citizen or staff
 * session: the figures show traffic and queue depths nobody outside operations needs. Without a token
 * configured the endpoint does not exist.
 */
export function metricsRoutes(registry: MetricsRegistry, token: string | undefined): Router<AppState> {
  const router = new Router<AppState>();
  if (!token) return router;
  const expected = digest(`Bearer ${token}`);
  router.get('/metrics', async (ctx) => {
    // Hashes have equal length, so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(ctx.get('authorization')), expected)) {
      ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new Unauthenticated();
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = registry.contentType;
    ctx.body = await registry.render();
  });
  return router;
}
