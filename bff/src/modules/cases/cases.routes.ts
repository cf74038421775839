import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { Middleware } from 'koa';
import { citizenOf } from '../../http/citizen-auth';
import { mount, type Guards } from '../../http/endpoint';
import type { RateLimiter } from '../../lib/rate-limit';
import type { AppState } from '../../http/state';
import { getMyCase, listMyCases, submitCase, withdrawMyCase, type CasesServiceDeps } from './cases.service';

export interface CaseRouteDeps extends CasesServiceDeps {
  rateLimiter: RateLimiter;
  limits: { casesPerCitizenPerHour: number; casesPerIpPerHour: number };
}

const HOUR = 3600_000;

export function casesRoutes(deps: CaseRouteDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  const submissionLimit: Middleware<AppState> = async (ctx, next) => {
    await deps.rateLimiter.consume(`cases:ip:${ctx.ip}`, deps.limits.casesPerIpPerHour, HOUR);
    await deps.rateLimiter.consume(`cases:citizen:${citizenOf(ctx).id}`, deps.limits.casesPerCitizenPerHour, HOUR);
    await next();
  };
  mount(router, contract.createCase, { ...guards, before: [submissionLimit] }, async ({ body, headers }, ctx) => {
    const { created, detail } = await submitCase(deps, citizenOf(ctx), headers['idempotency-key'], body);
    return { status: created ? 201 : 200, body: detail };
  });
  mount(router, contract.listMyCases, guards, async ({ query }, ctx) => ({
    status: 200,
    body: await listMyCases(deps, citizenOf(ctx).id, query),
  }));
  mount(router, contract.getMyCase, guards, async ({ params }, ctx) => ({
    status: 200,
    body: await getMyCase(deps, citizenOf(ctx).id, params.id),
  }));
  mount(router, contract.withdrawMyCase, guards, async ({ params, body }, ctx) => ({
    status: 200,
    body: await withdrawMyCase(deps, citizenOf(ctx).id, params.id, body.reason),
  }));
  mount(router, contract.listCategories, guards, async () => ({
    status: 200,
    body: { items: deps.city.categories.map(({ code, name, aliases, kind }) => ({ code, name, aliases, kind })) },
  }));
  return router;
}
