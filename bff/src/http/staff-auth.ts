import { can, type Permission, type StaffRole } from '@hotline/shared-types';
import type { Middleware, ParameterizedContext } from 'koa';
import type { Clock } from '../lib/clock';
import type { TokenSettings } from '../modules/auth/session-token';
import type { StaffRecord, StaffRepository } from '../modules/staff/staff.repository';
import { verifyStaffToken } from '../modules/staff/staff-token';
import { Forbidden, Unauthenticated } from '../lib/errors';
import type { AppState } from './state';

export interface StaffGuardOptions {
  /** Let an account that must change its password through (me, password change, logout). */
  beforePasswordChange?: boolean;
}

export type StaffGuard = (
  permission?: Permission | readonly StaffRole[],
  options?: StaffGuardOptions,
) => Middleware<AppState>;

/**
 * Guards for admin routes: a valid staff token (never a citizen's) of an enabled account whose sessions were not
 * ended since, whose role holds the permission. The account is read on every request, so disabling someone or
 * changing their role takes effect at once.
 */
export function staffGuard(settings: TokenSettings, clock: Clock, staff: StaffRepository): StaffGuard {
  return (permission, options = {}) =>
    async (ctx, next) => {
      const header = ctx.get('authorization');
      if (!header) throw new Unauthenticated('UNAUTHENTICATED');
      const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
      if (!match?.[1]) throw new Unauthenticated('TOKEN_INVALID');
      const claims = verifyStaffToken(settings, match[1], clock.now());
      const row = await staff.findById(claims.id);
      if (!row || row.disabled || row.tokenVersion !== claims.tokenVersion) throw new Unauthenticated('TOKEN_INVALID');
      if (row.mustChangePassword && !options.beforePasswordChange) throw new Forbidden('PASSWORD_CHANGE_REQUIRED');
      const allowed =
        permission === undefined ||
        (typeof permission === 'string' ? can(row.role, permission) : permission.includes(row.role));
      if (!allowed) throw new Forbidden();
      ctx.state.staff = { id: row.id, role: row.role, unit: row.unit, regionCode: row.regionCode };
      ctx.state.staffRecord = row;
      await next();
    };
}

/** The signed-in staff member of a route behind a staff guard. */
export function staffOf(ctx: ParameterizedContext<AppState>): StaffRecord {
  if (!ctx.state.staffRecord) throw new Unauthenticated('UNAUTHENTICATED');
  return ctx.state.staffRecord;
}
