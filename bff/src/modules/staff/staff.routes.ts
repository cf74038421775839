import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import { mount } from '../../http/endpoint';
import type { RateLimiter } from '../../lib/rate-limit';
import { staffOf, type StaffGuard } from '../../http/staff-auth';
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
export function staffRoutes(
  deps: StaffServiceDeps & { rateLimiter: RateLimiter },
  guard: StaffGuard,
): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.staffLogin, [], async ({ body }, ctx) => {
    // Beside the per-account lockout, an address guessing across many accounts is slowed down too.
    await deps.rateLimiter.consume(`staff-login:ip:${ctx.ip}`, 30, 10 * MINUTE);
    return { status: 200, body: await login(deps, body.username, body.password, ctx.state.requestId) };
  });
  mount(router, contract.staffLogout, [guard(undefined, { beforePasswordChange: true })], async (_input, ctx) => {
    await logout(deps, staffOf(ctx), ctx.state.requestId);
    return { status: 200, body: { ok: true as const } };
  });
  mount(router, contract.staffMe, [guard(undefined, { beforePasswordChange: true })], async (_input, ctx) => ({
    status: 200,
    body: profileOf(staffOf(ctx)),
  }));
  mount(
    router,
    contract.changeStaffPassword,
    [guard(undefined, { beforePasswordChange: true })],
    async ({ body }, ctx) => ({
      status: 200,
      body: await changePassword(deps, staffOf(ctx), body.currentPassword, body.newPassword, ctx.state.requestId),
    }),
  );
  mount(router, contract.listStaff, [guard(contract.listStaff.permission)], async () => ({
    status: 200,
    body: { items: (await deps.staff.list()).map(profileOf) },
  }));
  mount(router, contract.createStaff, [guard(contract.createStaff.permission)], async ({ body }, ctx) => ({
    status: 201,
    body: await createStaff(deps, body, { type: 'staff', id: staffOf(ctx).id }, ctx.state.requestId),
  }));
  mount(router, contract.updateStaff, [guard(contract.updateStaff.permission)], async ({ params, body }, ctx) => ({
    status: 200,
    body: await updateStaff(deps, params.id, body, staffOf(ctx), ctx.state.requestId),
  }));
  return router;
}
