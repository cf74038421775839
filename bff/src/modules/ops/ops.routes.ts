import Router from '@koa/router';
import { contract, type Readiness } from '@hotline/shared-types';
import type { DataSource } from 'typeorm';
import { mount } from '../../http/endpoint';
import type { AppState } from '../../http/state';

/** Liveness answers from memory; readiness asks the database, and whether every migration has run. */
export async function checkReadiness(dataSource: DataSource): Promise<Readiness> {
  let database: Readiness['checks']['database'] = 'ok';
  let migrations: Readiness['checks']['migrations'] = 'unknown';
  try {
    await dataSource.query('SELECT 1');
    migrations = (await dataSource.showMigrations()) ? 'pending' : 'applied';
  } catch {
    database = 'unreachable';
  }
  const ready = database === 'ok' && migrations === 'applied';
  return { status: ready ? 'ready' : 'not_ready', checks: { database, migrations } };
}

export function opsRoutes(dataSource: DataSource): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.health, [], async () => ({ status: 200, body: { status: 'ok' as const } }));
  mount(router, contract.readiness, [], async (_input, ctx) => {
    const readiness = await checkReadiness(dataSource);
    ctx.set('Cache-Control', 'no-store');
    return { status: readiness.status === 'ready' ? 200 : 503, body: readiness as never };
  });
  return router;
}
