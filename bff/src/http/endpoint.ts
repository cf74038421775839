import type { Router, RouterMiddleware } from '@koa/router';
import type { Endpoint, SuccessBody } from '@hotline/shared-types';
import type { Middleware, ParameterizedContext } from 'koa';
import type { z } from 'zod';
import { Invalid } from '../lib/errors';
import type { AppState } from './state';
import { parseWith } from './validate';

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

/**
 * Mounts one contract endpoint: its path and method come from the contract, and its headers, params, query
 * and body are parsed with the contract's schemas before the handler runs, so a handler only sees valid input.
 */
export function mount<E extends Endpoint>(
  router: Router<AppState>,
  endpoint: E,
  guards: Middleware<AppState>[],
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
  router.register(endpoint.path, [endpoint.method], [...guards, run] as RouterMiddleware<AppState>[]);
}
