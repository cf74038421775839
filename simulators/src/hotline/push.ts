import type { Scheduler, SimulatorClock } from '../wechat/clock';
import type { FaultInjector } from './faults';
import type { HotlineEvent } from './model';
import { signRequest } from './signing';

/** The channel's callback URL and the key the channel issued to the hotline for signing pushes (§5.1). */
export interface CallbackTarget {
  url: string;
  keyId: string;
  secret: string;
}

export interface PushAttempt {
  at: string;
  /** The HTTP status the callback answered, or `error` when none came (timeout, connection refused). */
  status?: number;
  error?: string;
}

/**
 * `held`: waiting to be reordered; `pending`: being sent or waiting for a retry; `delivered`: answered 200;
 * `failed`: out of attempts, or refused for good (400, 404, 409, 422 …); `dropped`: a fault kept it from ever
 * being sent; `no_callback`: no callback URL was set when the event happened.
 */
export type PushOutcome = 'held' | 'pending' | 'delivered' | 'failed' | 'dropped' | 'no_callback';

export interface PushRecord {
  id: number;
  eventIds: string[];
  /** The second copy of a push a `duplicate` fault sent twice. */
  duplicate: boolean;
  attempts: PushAttempt[];
  outcome: PushOutcome;
  /** The body of the 200 answer: `{ accepted, duplicates, rejected }` from a channel that follows §5.1. */
  response?: unknown;
}

export interface PusherOptions {
  clock: SimulatorClock;
  scheduler: Scheduler;
  faults: FaultInjector;
  /** Waits before each retry; attempts = retries + 1. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  callback: CallbackTarget | undefined;
}

/** §2's retryable answers, from the sender's side: signing trouble, busy, down. */
const isRetryable = (status: number): boolean =>
  status === 401 || status === 408 || status === 425 || status === 429 || status >= 500;

async function readAnswer(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

interface Outgoing {
  record: PushRecord;
  event: HotlineEvent;
}

/**
 * Pushes each new event to the callback, one push in flight at a time so that without faults they arrive in
 * order; retries in the background with bounded backoff; applies the push faults; records every push.
 */
export class Pusher {
  readonly records: PushRecord[] = [];
  callback: CallbackTarget | undefined;
  private held: Outgoing[] = [];
  private holdRound = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PusherOptions) {
    this.callback = options.callback;
    options.faults.onPushFaultsChanged(() => {
      if (!options.faults.reorder) this.release(this.held);
    });
  }

  publish(event: HotlineEvent): void {
    if (!this.callback) {
      this.newRecord(event, false, 'no_callback');
      return;
    }
    const plan = this.options.faults.planPush();
    if (plan.drop) {
      this.newRecord(event, false, 'dropped');
      return;
    }
    const copies = [false, ...(plan.duplicate ? [true] : [])];
    const reorder = this.options.faults.reorder;
    for (const duplicate of copies) {
      const outgoing = { record: this.newRecord(event, duplicate, reorder ? 'held' : 'pending'), event };
      if (reorder) this.held.push(outgoing);
      else this.later(plan.delayMs, () => this.send(outgoing));
    }
    if (reorder) this.hold(reorder);
  }

  /** Whether any push is still held or waiting to be (re)sent. */
  get busy(): boolean {
    return this.records.some((record) => record.outcome === 'held' || record.outcome === 'pending');
  }

  private hold(reorder: NonNullable<FaultInjector['reorder']>): void {
    if (this.held.length >= reorder.batch) {
      this.release(this.reordered(reorder));
    } else if (this.held.length === 1) {
      const round = this.holdRound;
      this.later(reorder.maxHoldMs ?? 1000, () => {
        if (round === this.holdRound) this.release(this.reordered(reorder));
      });
    }
  }

  private reordered(reorder: NonNullable<FaultInjector['reorder']>): Outgoing[] {
    return reorder.order === 'shuffle' ? this.options.faults.shuffle(this.held) : [...this.held].reverse();
  }

  private release(batch: readonly Outgoing[]): void {
    this.held = [];
    this.holdRound += 1;
    for (const outgoing of batch) {
      outgoing.record.outcome = 'pending';
      this.send(outgoing);
    }
  }

  private newRecord(event: HotlineEvent, duplicate: boolean, outcome: PushOutcome): PushRecord {
    const record: PushRecord = {
      id: this.records.length + 1,
      eventIds: [event.eventId],
      duplicate,
      attempts: [],
      outcome,
    };
    this.records.push(record);
    return record;
  }

  private later(ms: number, task: () => void): void {
    if (!this.options.scheduler.signal.aborted) this.options.scheduler.later(ms, task);
  }

  private send(outgoing: Outgoing): void {
    this.queue = this.queue.then(() => this.attempt(outgoing));
  }

  private async attempt({ record, event }: Outgoing): Promise<void> {
    const attempt: PushAttempt = { at: this.options.clock.now().toISOString() };
    record.attempts.push(attempt);
    const callback = this.callback;
    if (!callback) {
      attempt.error = 'no callback URL';
      record.outcome = 'failed';
      return;
    }
    try {
      const response = await this.post(callback, { events: [event] });
      attempt.status = response.status;
      const answer = await readAnswer(response);
      if (response.status === 200) {
        record.outcome = 'delivered';
        record.response = answer;
        return;
      }
      if (!isRetryable(response.status)) {
        record.outcome = 'failed';
        return;
      }
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error);
    }
    this.retry({ record, event });
  }

  private retry(outgoing: Outgoing): void {
    const delay = this.options.retryDelaysMs[outgoing.record.attempts.length - 1];
    if (delay === undefined || this.options.scheduler.signal.aborted) {
      outgoing.record.outcome = 'failed';
      return;
    }
    this.later(delay, () => this.send(outgoing));
  }

  private post(callback: CallbackTarget, payload: { events: HotlineEvent[] }): Promise<Response> {
    const url = new URL(callback.url);
    const body = JSON.stringify(payload);
    const headers = signRequest({
      method: 'POST',
      path: `${url.pathname}${url.search}`,
      body,
      keyId: callback.keyId,
      secret: callback.secret,
      now: this.options.clock.now(),
    });
    return fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.any([this.options.scheduler.signal, AbortSignal.timeout(this.options.timeoutMs)]),
    });
  }
}
