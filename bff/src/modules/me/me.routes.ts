import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { Middleware } from 'koa';
import { citizenOf } from '../../http/citizen-auth';
import { mount } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import { deleteMe, exportMyData, getMe, type MeServiceDeps } from './me.service';

export function meRoutes(deps: MeServiceDeps, citizen: Middleware<AppState>): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.getMe, [citizen], async (_input, ctx) => ({
    status: 200,
    body: await getMe(deps, citizenOf(ctx).id),
  }));
  mount(router, contract.exportMyData, [citizen], async (_input, ctx) => {
    ctx.set('Cache-Control', 'no-store');
    return { status: 200, body: await exportMyData(deps, citizenOf(ctx).id, ctx.state.requestId) };
  });
  mount(router, contract.deleteMe, [citizen], async (_input, ctx) => {
    await deleteMe(deps, citizenOf(ctx).id, ctx.state.requestId);
    return { status: 200, body: { deleted: true as const } };
  });
  return router;
}
