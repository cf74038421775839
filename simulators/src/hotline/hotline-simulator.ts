import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Koa from 'koa';
import { listen, type RunningServer } from '../listen';
import { realClock, Scheduler, type SimulatorClock } from '../wechat/clock';
import { startAutoAdvance, type AutoAdvanceOptions } from './auto-advance';
import { CHANNEL_BASE_PATH, channelRouter } from './channel-routes';
import { controlRouter } from './control-routes';
import { defaultDeadline, type DeadlineRule } from './dates';
import type { ChannelEndpoint } from './fault-settings';
import { FaultInjector, type HotlineFaultControl } from './faults';
import type { AdvanceInput } from './lifecycle';
import { errorReply, type HotlineEvent, type Ticket } from './model';
import { Pusher, type CallbackTarget, type PushRecord } from './push';
import { NonceCache } from './signing';
import type { HotlineCall, HotlineState } from './state';
import { TicketStore, type StoreSnapshot } from './store';
import { advanceTicket } from './tickets';

/**
 * A loopback stand-in for a city's 12345 work-order system speaking docs/hotline-contract.md, so the BFF's
 * real hotline adapter, outbox and callback route are what the demo and the tests exercise.
 */
export interface HotlineSimulatorOptions {
  /** Key id → secret of every key the hotline accepts from the channel (§1). */
  keys: Record<string, string>;
  /** Where events are pushed (§5.1), signed with the key the channel issued to the hotline. */
  callback?: CallbackTarget;
  /** Time for timestamps, deadlines, signature freshness and outage windows. Default: real time. */
  clock?: SimulatorClock;
  /** Ticket numbers are this, the China date (yyyymmdd) and a 6-digit daily counter. Default `LH`. */
  ticketPrefix?: string;
  /** The deadline set at acceptance; null: none until dispatch. Default 15 working days (the contract's example). */
  deadline?: DeadlineRule | null;
  /** Tickets move along on their own (demo mode). Default off. */
  autoAdvance?: boolean | AutoAdvanceOptions;
  /** Seed of the random source fault rates draw from. Default: random (see `faults.seed`). */
  seed?: number;
  /** Waits before each push retry. Default 1 s, 5 s, 30 s (four attempts in all). */
  pushRetryDelaysMs?: readonly number[];
  /** How long a push waits for the callback's answer. Default 5000. */
  pushTimeoutMs?: number;
  /**
   * Keeps the tickets in this JSON file, as a real 12345 system keeps its own: loaded at start, written within a
   * second of a change and at close. A restarted simulator (`npm start` again) still knows the tickets it issued,
   * answers their updates, and never issues one of their numbers again. Default: in memory only.
   */
  statePath?: string;
}

export interface HotlineSimulator extends RunningServer {
  /** `${url}/api/channel/v1/`: the channel's `hotline.baseUrl`. */
  readonly baseUrl: string;
  setCallback(target: CallbackTarget | undefined): void;
  /** Replaces the accepted keys, as a key rotation does. */
  setKeys(keys: Record<string, string>): void;
  /** Every ticket, oldest first (copies). */
  tickets(): Ticket[];
  ticket(ticketNo: string): Ticket | undefined;
  /** How many tickets were created for a case: more than 1 means a retry made a second ticket. */
  ticketCountFor(caseId: string): number;
  /** The event log polling reads, in the order recorded. */
  events(): HotlineEvent[];
  /** A hotline-side move; throws LifecycleError when it makes no sense for the ticket now. */
  advance(ticketNo: string, input: AdvanceInput): HotlineEvent;
  /** Every channel request, oldest first (the latest 10,000). */
  readonly calls: readonly HotlineCall[];
  callCount(endpoint: ChannelEndpoint): number;
  /** Every push, oldest first. */
  readonly pushes: readonly PushRecord[];
  /** Resolves once no push is held or waiting for a (re)try; rejects after timeoutMs (default 5000). */
  pushesSettled(timeoutMs?: number): Promise<void>;
  readonly faults: HotlineFaultControl;
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 5000, 30_000];
const DEFAULT_PUSH_TIMEOUT_MS = 5000;

function createState(options: HotlineSimulatorOptions): HotlineState {
  const clock = options.clock ?? realClock;
  const scheduler = new Scheduler();
  const faults = new FaultInjector(clock, options.seed);
  const store = new TicketStore({
    clock,
    ticketPrefix: options.ticketPrefix ?? 'LH',
    deadline: options.deadline === undefined ? defaultDeadline : options.deadline,
  });
  const pusher = new Pusher({
    clock,
    scheduler,
    faults,
    retryDelaysMs: options.pushRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    timeoutMs: options.pushTimeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS,
    callback: options.callback,
  });
  store.onEvent((event) => pusher.publish(event));
  if (options.autoAdvance) {
    startAutoAdvance(store, scheduler, options.autoAdvance === true ? {} : options.autoAdvance);
  }
  return { clock, scheduler, keys: { ...options.keys }, nonces: new NonceCache(), store, faults, pusher, calls: [] };
}

/** §2: every non-2xx answer has the error envelope, an unknown path or method under the base path too. */
async function envelopeUnmatched(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  await next();
  if (!ctx.path.startsWith(CHANNEL_BASE_PATH) || ctx.body !== undefined || ctx.respond === false) return;
  const reply =
    ctx.status === 405
      ? errorReply(405, 'METHOD_NOT_ALLOWED', `${ctx.method} is not allowed on ${ctx.path}`)
      : errorReply(404, 'NOT_FOUND', `no endpoint ${ctx.method} ${ctx.path}`);
  ctx.status = reply.status;
  ctx.body = reply.body;
}

function createHotlineApp(state: HotlineState): Koa {
  const app = new Koa();
  const channel = channelRouter(state);
  app.use(envelopeUnmatched);
  app.use(controlRouter(state).routes());
  app.use(channel.routes());
  app.use(channel.allowedMethods());
  return app;
}

async function waitUntilIdle(pusher: Pusher, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pusher.busy) {
    if (Date.now() > deadline) throw new Error(`pushes still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Loads the store from `statePath` when the file exists, then writes it back whenever it changed. */
function persist(store: TicketStore, statePath: string): { save(): void; stop(): void } {
  if (existsSync(statePath)) {
    let snapshot: StoreSnapshot;
    try {
      snapshot = JSON.parse(readFileSync(statePath, 'utf8')) as StoreSnapshot;
      if (snapshot.version !== 1 || !Array.isArray(snapshot.tickets)) throw new Error('unknown format');
    } catch (error) {
      throw new Error(
        `${statePath} is not a hotline simulator state file (${(error as Error).message}): move it away to start afresh`,
        { cause: error },
      );
    }
    store.restore(snapshot);
  }
  let written = JSON.stringify(store.snapshot());
  const save = (): void => {
    const text = JSON.stringify(store.snapshot());
    if (text === written) return;
    mkdirSync(path.dirname(statePath), { recursive: true });
    // A whole file or none: written aside, then renamed over the old one.
    const partial = `${statePath}.${process.pid}.tmp`;
    writeFileSync(partial, text);
    renameSync(partial, statePath);
    written = text;
  };
  const timer = setInterval(save, 1000).unref();
  return { save, stop: () => clearInterval(timer) };
}

export async function startHotlineSimulator(options: HotlineSimulatorOptions, port = 0): Promise<HotlineSimulator> {
  const state = createState(options);
  const saved = options.statePath ? persist(state.store, options.statePath) : null;
  const running = await listen(createHotlineApp(state), port);
  const { store, pusher } = state;
  return {
    url: running.url,
    port: running.port,
    baseUrl: `${running.url}${CHANNEL_BASE_PATH}/`,
    close: async () => {
      state.scheduler.stop();
      await running.close();
      saved?.stop();
      saved?.save();
    },
    setCallback: (target) => {
      pusher.callback = target;
    },
    setKeys: (keys) => {
      state.keys = { ...keys };
    },
    tickets: () => store.list(),
    ticket: (ticketNo) => store.list().find((ticket) => ticket.ticketNo === ticketNo),
    ticketCountFor: (caseId) => store.list().filter((ticket) => ticket.caseId === caseId).length,
    events: () => store.events(),
    advance: (ticketNo, input) => advanceTicket(store, ticketNo, input),
    calls: state.calls,
    callCount: (endpoint) => state.calls.filter((call) => call.endpoint === endpoint).length,
    pushes: pusher.records,
    pushesSettled: (timeoutMs = 5000) => waitUntilIdle(pusher, timeoutMs),
    faults: state.faults,
  };
}
