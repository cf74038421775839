import type { Router, RouterMiddleware } from '@koa/router';
import type { Endpoint, SuccessBody } from '@hotline/shared-types';
import type { Middleware, ParameterizedContext } from 'koa';
import type { z } from 'zod';
import type { AppState } from './state';
import { parseWith } from './validate';

type Parsed<E extends Endpoint> = {
  body: E['body'] extends z.ZodType ? z.output<E['body']> : undefined;
  query: E['query'] extends z.ZodType ? z.output<E['query']> : undefined;
};

export interface Reply<E extends Endpoint> {
  status: number;
  body: SuccessBody<E>;
}

export type Handler<E extends Endpoint> = (input: Parsed<E>, ctx: ParameterizedContext<AppState>) => Promise<Reply<E>>;

/**
 * Mounts one contract endpoint: its path and method come from the contract, its body and query are parsed
 * with the contract's schemas before the handler runs, so a handler only ever sees valid input.
 */
export function mount<E extends Endpoint>(
  router: Router<AppState>,
  endpoint: E,
  guards: Middleware<AppState>[],
  handler: Handler<E>,
): void {
  const run: Middleware<AppState> = async (ctx) => {
    const input = {
      body: endpoint.body ? parseWith(endpoint.body, (ctx.request as { body?: unknown }).body ?? {}) : undefined,
      query: endpoint.query ? parseWith(endpoint.query, { ...ctx.query }) : undefined,
    } as Parsed<E>;
    const reply = await handler(input, ctx);
    ctx.status = reply.status;
    ctx.body = reply.body;
  };
  router.register(endpoint.path, [endpoint.method], [...guards, run] as RouterMiddleware<AppState>[]);
}
