import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import { mount, type Guards } from '../../http/endpoint';
import type { RateLimiter } from '../../lib/rate-limit';
import { staffOf } from '../../http/staff-auth';
import type { AppState } from '../../http/state';
import {
  changePassword,
  createStaff,
  login,
  logout,
  profileOf,
  updateStaff,
  type StaffServiceDeps,
} from './staff.service';

const MINUTE = 60_000;

/** Sign-in, own account, and account management (admin). */
export function staffRoutes(deps: StaffServiceDeps & { rateLimiter: RateLimiter }, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.staffLogin, guards, async ({ body }, ctx) => {
    // Beside the per-account lockout, an address guessing across many accounts is slowed down too.
    await deps.rateLimiter.consume(`staff-login:ip:${ctx.ip}`, 30, 10 * MINUTE);
    return { status: 200, body: await login(deps, body, { ip: ctx.ip, requestId: ctx.state.requestId }) };
  });
  mount(router, contract.staffLogout, guards, async (_input, ctx) => {
    await logout(deps, staffOf(ctx), ctx.state.requestId);
    return { status: 200, body: { ok: true as const } };
  });
  mount(router, contract.staffMe, guards, async (_input, ctx) => ({
    status: 200,
    body: profileOf(staffOf(ctx)),
  }));
  mount(router, contract.changeStaffPassword, guards, async ({ body }, ctx) => ({
    status: 200,
    body: await changePassword(deps, staffOf(ctx), body.currentPassword, body.newPassword, ctx.state.requestId),
  }));
  mount(router, contract.listStaff, guards, async () => ({
    status: 200,
    body: { items: (await deps.staff.list()).map(profileOf) },
  }));
  mount(router, contract.createStaff, guards, async ({ body }, ctx) => ({
    status: 201,
    body: await createStaff(deps, body, { type: 'staff', id: staffOf(ctx).id }, ctx.state.requestId),
  }));
  mount(router, contract.updateStaff, guards, async ({ params, body }, ctx) => ({
    status: 200,
    body: await updateStaff(deps, params.id, body, staffOf(ctx), ctx.state.requestId),
  }));
  return router;
}
