import Router from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { Middleware } from 'koa';
import { mount } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import { listMyCases, submitCase, type CasesServiceDeps } from './cases.service';

export function casesRoutes(deps: CasesServiceDeps, citizen: Middleware<AppState>): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.createCase, [citizen], async ({ body }, ctx) => ({
    status: 201,
    body: await submitCase(deps, ctx.state.citizenId as string, body),
  }));
  mount(router, contract.listMyCases, [citizen], async ({ query }, ctx) => ({
    status: 200,
    body: await listMyCases(deps, ctx.state.citizenId as string, query),
  }));
  return router;
}
