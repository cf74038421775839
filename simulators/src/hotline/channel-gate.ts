import type { RouterContext, RouterMiddleware } from '@koa/router';
import type { ChannelEndpoint } from './fault-settings';
import { errorReply, type ChannelReply } from './model';
import { BodyTooLargeError, readRawBody } from './raw-body';
import { verifySignedRequest } from './signing';
import { recordCall, type HotlineCall, type HotlineState } from './state';

type Handler = (ctx: RouterContext, raw: Buffer) => ChannelReply;

function answer(ctx: RouterContext, call: HotlineCall, reply: ChannelReply): void {
  call.status = reply.status;
  ctx.status = reply.status;
  ctx.body = reply.body;
}

/** Leaves the request unanswered: the caller sees the connection close, as when a gateway or a process dies. */
function dropConnection(ctx: RouterContext, call: HotlineCall): void {
  call.status = null;
  ctx.respond = false;
  ctx.req.socket.destroy();
}

const outageReply = errorReply(503, 'SIMULATED_FAULT', 'the hotline is down (simulated outage)');

/**
 * Wraps one channel endpoint as the hotline's front would: records the call, applies the faults in force
 * (they act before the signature check, as a gateway would), verifies the §1 signature, then answers what the
 * handler says — or, for a lost response, handles the request and drops the connection.
 */
export function channelEndpoint(state: HotlineState, name: ChannelEndpoint, handler: Handler): RouterMiddleware {
  return async (ctx) => {
    const call: HotlineCall = {
      endpoint: name,
      method: ctx.method,
      path: ctx.originalUrl,
      at: state.clock.now(),
      status: null,
    };
    recordCall(state, call);
    let raw: Buffer;
    try {
      raw = await readRawBody(ctx.req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return answer(ctx, call, errorReply(413, 'PAYLOAD_TOO_LARGE', error.message));
    }
    const plan = state.faults.planRequest(name);
    if (plan.outage) {
      call.fault = 'outage';
      return plan.outage === 'refuse' ? dropConnection(ctx, call) : answer(ctx, call, outageReply);
    }
    if (plan.delayMs > 0) await state.scheduler.sleep(plan.delayMs);
    if (plan.errorStatus !== undefined) {
      call.fault = 'error';
      return answer(ctx, call, errorReply(plan.errorStatus, 'SIMULATED_FAULT', `simulated ${plan.errorStatus}`));
    }
    if (plan.timeout) {
      call.fault = 'timeout';
      await state.scheduler.sleep(plan.timeout.hangMs);
      if (plan.timeout.then === 'drop') return dropConnection(ctx, call);
    }
    const verdict = verifySignedRequest({
      method: ctx.method,
      path: ctx.originalUrl,
      body: raw,
      headers: ctx.req.headers,
      keys: state.keys,
      now: state.clock.now(),
      nonces: state.nonces,
    });
    const reply = verdict.ok ? handler(ctx, raw) : errorReply(401, verdict.code, verdict.message);
    if (plan.lostResponse) {
      call.fault = 'lost_response';
      return dropConnection(ctx, call);
    }
    answer(ctx, call, reply);
  };
}
