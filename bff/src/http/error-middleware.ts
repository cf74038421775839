import { ERROR_CODES, type ErrorCode, type ErrorEnvelope } from '@hotline/shared-types';
import type { Middleware, ParameterizedContext } from 'koa';
import type { DatabaseHealth } from '../db/database-health';
import { isDatabaseUnavailable } from '../db/sql';
import {
  Conflict,
  DomainError,
  Expired,
  Forbidden,
  Invalid,
  NotFound,
  TooLarge,
  TooManyAttempts,
  Unauthenticated,
  Unavailable,
  UnsupportedType,
  UpstreamFailed,
  type ErrorDetails,
} from '../lib/errors';
import type { AppState } from './state';

/** Answered even while the database is known to be down: they report on it themselves. */
const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** The one place a kind of failure becomes an HTTP status. */
const STATUS_OF = new Map<unknown, number>([
  [Invalid, 400],
  [Unauthenticated, 401],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409],
  [Expired, 410],
  [TooLarge, 413],
  [UnsupportedType, 415],
  [TooManyAttempts, 429],
  [UpstreamFailed, 502],
  [Unavailable, 503],
]);

export function httpStatusOf(error: DomainError): number {
  return STATUS_OF.get(error.constructor) ?? 500;
}

interface Failure {
  status: number;
  code: ErrorCode;
  message?: string;
  details?: ErrorDetails | undefined;
}

const fromDomain = (error: DomainError): Failure => ({
  status: httpStatusOf(error),
  code: error.code,
  message: error.message,
  details: error.details,
});

/** Errors raised by Koa's own body parsing and routing, mapped to our codes. */
function fromHttpError(error: { status?: number; type?: string }): Failure | undefined {
  const status = error.status;
  if (status === 413) return { status, code: 'PAYLOAD_TOO_LARGE' };
  if (status === 415) return { status, code: 'UNSUPPORTED_MEDIA_TYPE' };
  if (status === 400 && error.type?.startsWith('entity.')) return { status, code: 'INVALID_JSON' };
  // Static files (koa-send): a path leaving the folder, a malformed or missing one.
  if (status === 400) return { status, code: 'VALIDATION_FAILED', message: '请求路径无效' };
  if (status === 403 || status === 404) return { status: 404, code: 'ROUTE_NOT_FOUND' };
  return undefined;
}

/** Nothing answered: no route took the path (404), or none takes this method on it (405, or the router's 501). */
function unanswered(ctx: ParameterizedContext<AppState>): Failure | undefined {
  if (ctx.body !== undefined) return undefined;
  if (ctx.status === 404) return { status: 404, code: 'ROUTE_NOT_FOUND' };
  // A method no route takes (PROPFIND, TRACE…) is the client's mistake too, so both answer 405, keeping the
  // router's Allow header.
  if (ctx.status === 405 || ctx.status === 501) return { status: 405, code: 'METHOD_NOT_ALLOWED' };
  return undefined;
}

function failureOf(caught: unknown, ctx: ParameterizedContext<AppState>, database?: DatabaseHealth): Failure {
  if (caught instanceof DomainError) return fromDomain(caught);
  if (isDatabaseUnavailable(caught)) {
    ctx.state.log.warn({ err: caught }, 'database unavailable');
    database?.markDown();
    return fromDomain(new Unavailable(5));
  }
  const known = fromHttpError(caught as { status?: number; type?: string });
  if (known) return known;
  ctx.state.log.error({ err: caught }, 'unhandled error');
  return { status: 500, code: 'INTERNAL' };
}

/**
 * The single error envelope. Known errors answer with their code and message; everything else is logged
 * once, here, and answers 500 INTERNAL with nothing of its internals.
 */
export function errorEnvelope(database?: DatabaseHealth): Middleware<AppState> {
  return async (ctx, next) => {
    let failure: Failure | undefined;
    try {
      const unavailable = () => new Unavailable(5);
      if (database && !OPS_PATHS.has(ctx.path)) {
        if (database.down) throw unavailable();
        await database.guard(next(), unavailable);
      } else {
        await next();
      }
      failure = unanswered(ctx);
    } catch (caught) {
      failure = failureOf(caught, ctx, database);
    }
    if (!failure) return;
    const body: ErrorEnvelope = {
      error: {
        code: failure.code,
        message: failure.message || ERROR_CODES[failure.code],
        ...(failure.details ? { details: failure.details } : {}),
        requestId: ctx.state.requestId,
      },
    };
    ctx.status = failure.status;
    ctx.body = body;
    const retryAfter = failure.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') ctx.set('Retry-After', String(retryAfter));
  };
}
