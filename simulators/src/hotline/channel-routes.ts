import Router from '@koa/router';
import { channelEndpoint } from './channel-gate';
import { errorReply, type ChannelReply } from './model';
import { parseJson } from './raw-body';
import type { HotlineState } from './state';
import { createTicket, sendMessage } from './tickets';
import { checkIdempotencyKey, parseIsoTime } from './validation';

/** The contract's version 1 base path; the channel's `hotline.baseUrl` is the simulator's URL plus this and `/`. */
export const CHANNEL_BASE_PATH = '/api/channel/v1';

export const DEFAULT_UPDATES_LIMIT = 100;
export const MAX_UPDATES_LIMIT = 500;

const invalidJson = errorReply(400, 'INVALID_FIELD', 'the body must be JSON', 'body');

/** The idempotency key and JSON body every POST needs, or the 400 answering their absence. */
function readPost(key: string, raw: Buffer): { key: string; body: unknown } | ChannelReply {
  const checked = checkIdempotencyKey(key);
  if (!checked.ok) return errorReply(400, 'INVALID_FIELD', checked.message, checked.field);
  const body = parseJson(raw);
  return body === undefined ? invalidJson : { key: checked.value, body };
}

const isReply = (value: object): value is ChannelReply => 'status' in value;

function readLimit(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return DEFAULT_UPDATES_LIMIT;
  const limit = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return limit >= 1 && limit <= MAX_UPDATES_LIMIT ? limit : undefined;
}

/** §3, §4 and §5.2, each behind the signature check and the faults in force. */
export function channelRouter(state: HotlineState): Router {
  const router = new Router({ prefix: CHANNEL_BASE_PATH });

  router.post(
    '/tickets',
    channelEndpoint(state, 'tickets', (ctx, raw) => {
      const post = readPost(ctx.get('Idempotency-Key'), raw);
      return isReply(post) ? post : createTicket(state.store, post.key, post.body);
    }),
  );

  router.post(
    '/tickets/:ticketNo/messages',
    channelEndpoint(state, 'messages', (ctx, raw) => {
      const post = readPost(ctx.get('Idempotency-Key'), raw);
      return isReply(post) ? post : sendMessage(state.store, ctx.params.ticketNo ?? '', post.key, post.body);
    }),
  );

  router.get(
    '/updates',
    channelEndpoint(state, 'updates', (ctx) => {
      const since = parseIsoTime(ctx.query.since);
      if (!since) return errorReply(400, 'INVALID_FIELD', 'since must be an ISO 8601 time with a zone', 'since');
      const limit = readLimit(ctx.query.limit);
      if (limit === undefined) {
        return errorReply(400, 'INVALID_FIELD', `limit must be an integer 1..${MAX_UPDATES_LIMIT}`, 'limit');
      }
      const after = typeof ctx.query.after === 'string' && ctx.query.after !== '' ? ctx.query.after : undefined;
      return { status: 200, body: state.store.updates(since, limit, after) };
    }),
  );

  return router;
}
