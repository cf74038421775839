import type { Middleware, ParameterizedContext } from 'koa';
import type { Clock } from '../lib/clock';
import type { CitizenRepository } from '../modules/auth/citizen.repository';
import { verifyToken, type TokenSettings } from '../modules/auth/session-token';
import { Unauthenticated } from '../lib/errors';
import type { AppState } from './state';

/**
 * Requires `Authorization: Bearer <token>` of a citizen session whose account still exists, and puts the
 * citizen on ctx.state. A deleted account's tokens stop working at once.
 */
export function requireCitizen(
  settings: TokenSettings,
  clock: Clock,
  citizens: CitizenRepository,
): Middleware<AppState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
    if (!header) throw new Unauthenticated('UNAUTHENTICATED');
    if (!match?.[1]) throw new Unauthenticated('TOKEN_INVALID');
    const citizen = await citizens.findActive(verifyToken(settings, match[1], clock.now()));
    if (!citizen) throw new Unauthenticated('TOKEN_INVALID');
    ctx.state.citizen = { id: citizen.id, openid: citizen.openid };
    await next();
  };
}

/** The signed-in citizen of a route guarded by requireCitizen. */
export function citizenOf(ctx: ParameterizedContext<AppState>): { id: string; openid: string } {
  if (!ctx.state.citizen) throw new Unauthenticated('UNAUTHENTICATED');
  return ctx.state.citizen;
}
