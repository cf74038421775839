import type { Router, RouterMiddleware } from '@koa/router';
import type { Endpoint, SuccessBody } from '@hotline/shared-types';
import type { Middleware, ParameterizedContext } from 'koa';
import type { z } from 'zod';
import { Invalid } from '../lib/errors';
import type { StaffGuard } from './staff-auth';
import type { AppState } from './state';
import { parseWith } from './validate';

/** The guards an endpoint's `auth` can name, built once by the app. */
export interface Guards {
  /** A signed-in citizen. */
  citizen: Middleware<AppState>;
  /** A signed-in staff member whose role holds a permission. */
  staff: StaffGuard;
}

type Parsed<E extends Endpoint> = {
  body: E['body'] extends z.ZodType ? z.output<E['body']> : undefined;
  query: E['query'] extends z.ZodType ? z.output<E['query']> : undefined;
  params: E['params'] extends z.ZodType ? z.output<E['params']> : undefined;
  headers: { [K in keyof E['headers']]: E['headers'][K] extends z.ZodType ? z.output<E['headers'][K]> : never };
};

export interface Reply<E extends Endpoint> {
  status: number;
  body: SuccessBody<E>;
}

export type Handler<E extends Endpoint> = (input: Parsed<E>, ctx: ParameterizedContext<AppState>) => Promise<Reply<E>>;

function parseHeaders(schemas: Readonly<Record<string, z.ZodType>>, ctx: ParameterizedContext<AppState>) {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const result = schema.safeParse(ctx.get(name) || undefined);
    if (!result.success) throw new Invalid([{ path: name, message: result.error.issues[0]?.message ?? '' }]);
    out[name] = result.data;
  }
  return out;
}

/** The guard the contract asks for: none, a citizen, or staff with the endpoint's permission. */
function guardOf(endpoint: Endpoint, guards: Guards): Middleware<AppState>[] {
  if (endpoint.auth === 'citizen') return [guards.citizen];
  if (endpoint.auth === 'staff') {
    return [guards.staff(endpoint.permission, { beforePasswordChange: endpoint.beforePasswordChange === true })];
  }
  return [];
}

/**
 * Mounts one contract endpoint: its path and method come from the contract, its guard from the contract's
 * `auth` and `permission`, and its headers, params, query and body are parsed with the contract's schemas
 * before the handler runs, so a handler only sees valid input from a caller allowed to send it. Middleware in
 * `guards.before` runs after the guard and before the handler (rate limits, response caching).
 */
export function mount<E extends Endpoint>(
  router: Router<AppState>,
  endpoint: E,
  guards: Guards & { before?: Middleware<AppState>[] },
  handler: Handler<E>,
): void {
  const run: Middleware<AppState> = async (ctx) => {
    const params = (ctx as unknown as { params?: Record<string, string> }).params ?? {};
    const input = {
      headers: endpoint.headers ? parseHeaders(endpoint.headers, ctx) : {},
      params: endpoint.params ? parseWith(endpoint.params, params) : undefined,
      query: endpoint.query ? parseWith(endpoint.query, { ...ctx.query }) : undefined,
      body: endpoint.body ? parseWith(endpoint.body, (ctx.request as { body?: unknown }).body ?? {}) : undefined,
    } as Parsed<E>;
    const reply = await handler(input, ctx);
    ctx.status = reply.status;
    ctx.body = reply.body;
  };
  router.register(endpoint.path, [endpoint.method], [
    ...guardOf(endpoint, guards),
    ...(guards.before ?? []),
    run,
  ] as RouterMiddleware<AppState>[]);
}
