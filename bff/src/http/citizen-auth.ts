import type { Middleware } from 'koa';
import type { Clock } from '../lib/clock';
import { verifyToken, type TokenSettings } from '../modules/auth/session-token';
import { AppError } from './app-error';
import type { AppState } from './state';

/** Requires `Authorization: Bearer <token>` of a citizen session and puts the citizen id on ctx.state. */
export function requireCitizen(settings: TokenSettings, clock: Clock): Middleware<AppState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
    if (!header) throw new AppError(401, 'UNAUTHENTICATED');
    if (!match?.[1]) throw new AppError(401, 'TOKEN_INVALID');
    ctx.state.citizenId = verifyToken(settings, match[1], clock.now());
    await next();
  };
}
