import Router, { type RouterContext } from '@koa/router';
import { controlPageHtml } from './control-page';
import { parseFaultSettings } from './fault-settings';
import { LifecycleError, type AdvanceInput } from './lifecycle';
import { eventTypes, type EventType } from './model';
import { parseJson, readRawBody } from './raw-body';
import type { HotlineState } from './state';
import { advanceTicket } from './tickets';
import { asRecord, parseIsoTime } from './validation';

const lifecycleStatus = { UNKNOWN_TICKET: 404, INVALID_TRANSITION: 409, INVALID_FIELD: 400 } as const;

function refuse(ctx: RouterContext, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.body = { error: { code, message } };
}

async function readJson(ctx: RouterContext): Promise<Record<string, unknown> | undefined> {
  return asRecord(parseJson(await readRawBody(ctx.req)));
}

const optionalString = (value: unknown): value is string | undefined =>
  value === undefined || typeof value === 'string';

/** The control API's event body, or a message saying what is wrong with it. */
function parseAdvance(body: Record<string, unknown> | undefined): AdvanceInput | string {
  if (!body || !(eventTypes as readonly unknown[]).includes(body.type))
    return `type must be one of ${eventTypes.join(', ')}`;
  const { unit, text, dueAt, occurredAt } = body;
  if (!optionalString(unit) || !optionalString(text)) return 'unit and text must be strings';
  if (dueAt !== undefined && !parseIsoTime(dueAt)) return 'dueAt must be an ISO 8601 time with a zone';
  if (occurredAt !== undefined && !parseIsoTime(occurredAt)) return 'occurredAt must be an ISO 8601 time with a zone';
  return {
    type: body.type as EventType,
    ...(unit === undefined ? {} : { unit }),
    ...(text === undefined ? {} : { text }),
    ...(typeof dueAt === 'string' ? { dueAt } : {}),
    ...(typeof occurredAt === 'string' ? { occurredAt: new Date(occurredAt) } : {}),
  };
}

const isHttpUrl = (value: unknown): value is string => {
  try {
    return typeof value === 'string' && ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/**
 * `/__control/*`: moves tickets, injects faults and shows what happened, for tests and for a person trying the
 * demo. Deliberately NOT signed: the simulator listens on loopback only and this is not part of the contract.
 */
export function controlRouter(state: HotlineState): Router {
  const router = new Router({ prefix: '/__control' });
  router.get('/', (ctx) => {
    ctx.type = 'html';
    ctx.body = controlPageHtml();
  });
  router.get('/tickets', (ctx) => {
    ctx.body = { tickets: state.store.list() };
  });
  router.post('/tickets/:ticketNo/events', async (ctx) => {
    const input = parseAdvance(await readJson(ctx));
    if (typeof input === 'string') return refuse(ctx, 400, 'INVALID_FIELD', input);
    try {
      ctx.status = 201;
      ctx.body = { event: advanceTicket(state.store, ctx.params.ticketNo ?? '', input) };
    } catch (error) {
      if (!(error instanceof LifecycleError)) throw error;
      refuse(ctx, lifecycleStatus[error.code], error.code, error.message);
    }
  });
  router.get('/events', (ctx) => {
    ctx.body = { events: state.store.events() };
  });
  router.get('/calls', (ctx) => {
    ctx.body = { calls: state.calls };
  });
  router.delete('/calls', (ctx) => {
    state.calls.length = 0;
    ctx.status = 204;
  });
  router.get('/faults', (ctx) => {
    ctx.body = { faults: state.faults.current() };
  });
  router.post('/faults', async (ctx) => {
    const settings = parseFaultSettings(await readJson(ctx));
    if (typeof settings === 'string') return refuse(ctx, 400, 'INVALID_FIELD', settings);
    state.faults.set(settings);
    ctx.body = { faults: state.faults.current() };
  });
  router.delete('/faults', (ctx) => {
    state.faults.clear();
    ctx.status = 204;
  });
  router.get('/pushes', (ctx) => {
    ctx.body = { pushes: state.pusher.records };
  });
  router.put('/callback', async (ctx) => {
    const body = await readJson(ctx);
    const { url, keyId, secret } = body ?? {};
    if (!isHttpUrl(url) || typeof keyId !== 'string' || !keyId || typeof secret !== 'string' || !secret) {
      return refuse(ctx, 400, 'INVALID_FIELD', 'give an http(s) url, a keyId and a secret');
    }
    state.pusher.callback = { url, keyId, secret };
    ctx.status = 204;
  });
  return router;
}
