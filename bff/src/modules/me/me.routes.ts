import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import { citizenOf } from '../../http/citizen-auth';
import { mount, type Guards } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import { deleteMe, exportMyData, getMe, type MeServiceDeps } from './me.service';

export function meRoutes(deps: MeServiceDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.getMe, guards, async (_input, ctx) => ({
    status: 200,
    body: await getMe(deps, citizenOf(ctx).id),
  }));
  mount(router, contract.exportMyData, guards, async (_input, ctx) => {
    ctx.set('Cache-Control', 'no-store');
    return { status: 200, body: await exportMyData(deps, citizenOf(ctx).id, ctx.state.requestId) };
  });
  mount(router, contract.deleteMe, guards, async (_input, ctx) => {
    await deleteMe(deps, citizenOf(ctx).id, ctx.state.requestId);
    return { status: 200, body: { deleted: true as const } };
  });
  return router;
}
