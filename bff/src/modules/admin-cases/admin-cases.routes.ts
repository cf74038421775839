import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import { mount, type Guards } from '../../http/endpoint';
import { staffOf } from '../../http/staff-auth';
import type { AppState } from '../../http/state';
import { actOnCase, getCaseForStaff, listQueue, revealContact, type AdminCasesDeps } from './admin-cases.service';

/** The case queue, case detail, contact reveal and case actions for staff. */
export function adminCasesRoutes(deps: AdminCasesDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.listUnits, guards, async () => ({
    status: 200,
    body: { items: deps.city.units.map((u) => ({ name: u.name, regionCode: u.regionCode })) },
  }));
  mount(router, contract.adminListCases, guards, async ({ query }, ctx) => ({
    status: 200,
    body: await listQueue(deps, staffOf(ctx), query),
  }));
  mount(router, contract.adminGetCase, guards, async ({ params }, ctx) => ({
    status: 200,
    body: await getCaseForStaff(deps, staffOf(ctx), params.id),
  }));
  mount(router, contract.revealContact, guards, async ({ params, body }, ctx) => ({
    status: 200,
    body: await revealContact(deps, staffOf(ctx), params.id, body.reason, ctx.state.requestId),
  }));
  // Any role that acts on cases gets in; each action then checks its own permission (approving an extension
  // or held content is a dispatcher's decision).
  mount(router, contract.caseAction, guards, async ({ params, body }, ctx) => ({
    status: 200,
    body: await actOnCase(deps, staffOf(ctx), params.id, body, ctx.state.requestId),
  }));
  return router;
}
