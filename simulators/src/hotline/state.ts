import type { Scheduler, SimulatorClock } from '../wechat/clock';
import type { ChannelEndpoint } from './fault-settings';
import type { FaultInjector } from './faults';
import type { Pusher } from './push';
import type { NonceCache } from './signing';
import type { TicketStore } from './store';

/** One request to a channel endpoint, as recorded for tests to count and inspect. */
export interface HotlineCall {
  endpoint: ChannelEndpoint;
  method: string;
  /** Path and query as sent. */
  path: string;
  at: Date;
  /** The HTTP status answered; null while in flight or when the connection was dropped unanswered. */
  status: number | null;
  /** The fault the request suffered, if any. */
  fault?: 'outage' | 'error' | 'timeout' | 'lost_response';
}

export interface HotlineState {
  clock: SimulatorClock;
  scheduler: Scheduler;
  /** Key id → secret of every key the hotline accepts from the channel. */
  keys: Record<string, string>;
  nonces: NonceCache;
  store: TicketStore;
  faults: FaultInjector;
  pusher: Pusher;
  calls: HotlineCall[];
}

/** A long-running demo simulator keeps only this many calls. */
const MAX_CALLS = 10_000;

export function recordCall(state: HotlineState, call: HotlineCall): void {
  state.calls.push(call);
  if (state.calls.length > MAX_CALLS) state.calls.splice(0, state.calls.length - MAX_CALLS);
}
