import Router from '@koa/router';
import { messagesPage } from './control-page';
import { parseFaultRequest } from './faults';
import { asRecord } from './replies';
import type { SimulatorState } from './state';
import { grantSubscription } from './subscribe-routes';

const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/**
 * `/__control/*`: the JSON twin of the simulator object's methods, for fault tests and demos driving a
 * simulator in another process. Not part of WeChat's protocol.
 */
export function controlRouter(state: SimulatorState): Router {
  const router = new Router({ prefix: '/__control' });
  router.get('/calls', (ctx) => {
    ctx.body = { calls: state.calls };
  });
  router.delete('/calls', (ctx) => {
    state.calls.length = 0;
    ctx.status = 204;
  });
  router.get('/faults', (ctx) => {
    ctx.body = { faults: state.faults.pending() };
  });
  router.post('/faults', (ctx) => {
    const request = parseFaultRequest(ctx.request.body);
    if (typeof request === 'string') {
      ctx.status = 400;
      ctx.body = { error: request };
      return;
    }
    state.faults.inject(request.endpoint, request.fault);
    ctx.status = 204;
  });
  router.delete('/faults', (ctx) => {
    state.faults.clear();
    ctx.status = 204;
  });
  router.put('/push-target', (ctx) => {
    const body = asRecord(ctx.request.body);
    if (!isHttpUrl(body?.url) || typeof body?.token !== 'string' || body.token === '') {
      ctx.status = 400;
      ctx.body = { error: 'give an http(s) url and a non-empty token' };
      return;
    }
    state.pushTarget = { url: body.url, token: body.token };
    ctx.status = 204;
  });
  router.get('/pushes', (ctx) => {
    ctx.body = { pushes: state.pushes };
  });
  router.get('/', (ctx) => {
    ctx.type = 'html';
    ctx.body = messagesPage(state.messages);
  });
  router.get('/messages', (ctx) => {
    ctx.body = { messages: state.messages };
  });
  router.delete('/messages', (ctx) => {
    state.messages.length = 0;
    ctx.status = 204;
  });
  router.post('/subscriptions', (ctx) => {
    const body = asRecord(ctx.request.body);
    const times = body?.times ?? 1;
    if (typeof body?.openid !== 'string' || typeof body.templateId !== 'string' || !Number.isInteger(times)) {
      ctx.status = 400;
      ctx.body = { error: 'give openid, templateId and optionally an integer times' };
      return;
    }
    grantSubscription(state, body.openid, body.templateId, times as number);
    ctx.status = 204;
  });
  router.post('/revoke-tokens', (ctx) => {
    state.tokens.revokeAll();
    ctx.status = 204;
  });
  return router;
}
