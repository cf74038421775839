import Router from '@koa/router';
import { contract, type Readiness } from '@hotline/shared-types';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { mount, type Guards } from '../../http/endpoint';
import type { AppState } from '../../http/state';

export interface OpsDeps {
  dataSource: DataSource;
  redis?: Redis | undefined;
}

/**
 * Liveness answers from memory; readiness asks the database, whether every migration has run, and Redis
 * when it is configured.
 */
export async function checkReadiness(dataSource: DataSource, redis?: Redis): Promise<Readiness> {
  let database: Readiness['checks']['database'] = 'ok';
  let migrations: Readiness['checks']['migrations'] = 'unknown';
  try {
    await dataSource.query('SELECT 1');
    migrations = (await dataSource.showMigrations()) ? 'pending' : 'applied';
  } catch {
    database = 'unreachable';
  }
  const shared = redis ? await redisCheck(redis) : undefined;
  const ready = database === 'ok' && migrations === 'applied' && shared !== 'unreachable';
  return {
    status: ready ? 'ready' : 'not_ready',
    checks: { database, migrations, ...(shared ? { redis: shared } : {}) },
  };
}

const redisCheck = (redis: Redis): Promise<'ok' | 'unreachable'> =>
  redis.ping().then(
    () => 'ok',
    () => 'unreachable',
  );

/** Liveness and readiness: what the platform running the BFF asks of it (metrics: metrics.routes.ts). */
export function opsRoutes(deps: OpsDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.health, guards, async () => ({ status: 200, body: { status: 'ok' as const } }));
  mount(router, contract.readiness, guards, async (_input, ctx) => {
    const readiness = await checkReadiness(deps.dataSource, deps.redis);
    ctx.set('Cache-Control', 'no-store');
    return { status: readiness.status === 'ready' ? 200 : 503, body: readiness as never };
  });
  return router;
}
