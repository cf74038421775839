import { ERROR_CODES, type ErrorCode, type ErrorEnvelope } from '@hotline/shared-types';
import type { Middleware } from 'koa';
import type { DatabaseHealth } from '../db/database-health';
import { isDatabaseUnavailable } from '../db/sql';

/** Answered even while the database is known to be down: they report on it themselves. */
const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
import { AppError } from './app-error';
import type { AppState } from './state';

/** Errors raised by Koa's own body parsing and routing, mapped to our codes. */
function fromHttpError(error: { status?: number; type?: string }): AppError | undefined {
  const status = error.status;
  if (status === 413) return new AppError(413, 'PAYLOAD_TOO_LARGE');
  if (status === 415) return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
  if (status === 400 && error.type === 'entity.parse.failed') return new AppError(400, 'INVALID_JSON');
  if (status === 400 && error.type?.startsWith('entity.')) return new AppError(400, 'INVALID_JSON');
  // Static files (koa-send): a path leaving the folder, a malformed or missing one.
  if (status === 400) return new AppError(400, 'VALIDATION_FAILED', '请求路径无效');
  if (status === 403 || status === 404) return new AppError(404, 'ROUTE_NOT_FOUND');
  return undefined;
}

/**
 * The single error envelope. Known errors answer with their code and message; everything else is logged
 * once, here, and answers 500 INTERNAL with nothing of its internals.
 */
export function errorEnvelope(database?: DatabaseHealth): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      const unavailable = () => new AppError(503, 'SERVICE_UNAVAILABLE', undefined, { retryAfterSeconds: 5 });
      if (database && !OPS_PATHS.has(ctx.path)) {
        if (database.down) throw unavailable();
        await database.guard(next(), unavailable);
      } else {
        await next();
      }
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError(404, 'ROUTE_NOT_FOUND');
      // The router's bare 405, or 501 for a method no route takes (PROPFIND, TRACE…): the client's mistake either
      // way, so both answer 405, keeping the router's Allow header.
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body === undefined) {
        throw new AppError(405, 'METHOD_NOT_ALLOWED');
      }
    } catch (caught) {
      const error =
        caught instanceof AppError
          ? caught
          : isDatabaseUnavailable(caught)
            ? new AppError(503, 'SERVICE_UNAVAILABLE', undefined, { retryAfterSeconds: 5 })
            : fromHttpError(caught as { status?: number });
      if (error?.code === 'SERVICE_UNAVAILABLE' && !(caught instanceof AppError)) {
        ctx.state.log.warn({ err: caught }, 'database unavailable');
        database?.markDown();
      }
      const known = error ?? new AppError(500, 'INTERNAL');
      if (!error) ctx.state.log.error({ err: caught }, 'unhandled error');
      const body: ErrorEnvelope = {
        error: {
          code: known.code,
          message: known.message || ERROR_CODES[known.code as ErrorCode],
          ...(known.details ? { details: known.details } : {}),
          requestId: ctx.state.requestId,
        },
      };
      ctx.status = known.status;
      ctx.body = body;
      const retryAfter = known.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') ctx.set('Retry-After', String(retryAfter));
    }
  };
}
