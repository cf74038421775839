import { randomInt } from 'node:crypto';
import type { SimulatorClock } from '../wechat/clock';
import {
  parseFaultSettings,
  type ChannelEndpoint,
  type EndpointFaults,
  type FaultRule,
  type HotlineFaultSettings,
  type PushFaults,
} from './fault-settings';
import { SeededRandom } from './prng';

/** What one channel request suffers, drawn in this order; the first failure that fires ends the draw. */
export interface RequestPlan {
  outage?: 'unavailable' | 'refuse';
  errorStatus?: number;
  timeout?: { hangMs: number; then: 'drop' | 'answer' };
  delayMs: number;
  lostResponse: boolean;
}

export interface PushPlan {
  drop: boolean;
  duplicate: boolean;
  delayMs: number;
}

/** The faults in force, as `faults.current()` and `GET /__control/faults` show them (`times` counts down). */
export interface ActiveFaults {
  seed: number;
  endpoints: Partial<Record<ChannelEndpoint, EndpointFaults>>;
  outage: { mode: 'unavailable' | 'refuse'; until: string | null } | null;
  push: PushFaults;
}

/** Programmatic fault injection; `/__control/faults` does the same over HTTP. */
export interface HotlineFaultControl {
  /** Throws RangeError when the settings are malformed. */
  set(settings: HotlineFaultSettings): void;
  /** Everything off (held pushes are sent); the seed stays. */
  clear(): void;
  current(): ActiveFaults;
  readonly seed: number;
}

/** Whether a rule fires on this draw; a rule with `times` left at 0 removes itself. */
function fire(random: SeededRandom, rule: FaultRule | undefined, remove: () => void): boolean {
  if (!rule || !random.chance(rule.rate ?? 1)) return false;
  if (rule.times !== undefined) {
    rule.times -= 1;
    if (rule.times === 0) remove();
  }
  return true;
}

/**
 * Faults in force and the seeded random source their rates draw from. Requests and pushes draw from separate
 * streams, so push timing cannot change which requests fail.
 */
export class FaultInjector implements HotlineFaultControl {
  private endpoints: Partial<Record<ChannelEndpoint, EndpointFaults>> = {};
  private outage: { mode: 'unavailable' | 'refuse'; until: number | null } | null = null;
  private push: PushFaults = {};
  private readonly pushListeners: Array<() => void> = [];
  private requestRandom!: SeededRandom;
  private pushRandom!: SeededRandom;
  seed!: number;

  constructor(
    private readonly clock: SimulatorClock,
    seed: number = randomInt(2 ** 31),
  ) {
    this.reseed(seed);
  }

  /** Called whenever the push faults change (a pusher holding events for reordering lets them go). */
  onPushFaultsChanged(listener: () => void): void {
    this.pushListeners.push(listener);
  }

  set(settings: HotlineFaultSettings): void {
    const parsed = parseFaultSettings(structuredClone(settings));
    if (typeof parsed === 'string') throw new RangeError(parsed);
    if (parsed.seed !== undefined) this.reseed(parsed.seed);
    for (const [name, faults] of Object.entries(parsed.endpoints ?? {}) as Array<
      [ChannelEndpoint, EndpointFaults | null]
    >) {
      if (faults === null) delete this.endpoints[name];
      else this.endpoints[name] = faults;
    }
    if (parsed.outage !== undefined) this.startOutage(parsed.outage);
    if (parsed.push !== undefined) {
      this.push = parsed.push ?? {};
      for (const listener of this.pushListeners) listener();
    }
  }

  clear(): void {
    this.endpoints = {};
    this.outage = null;
    this.push = {};
    for (const listener of this.pushListeners) listener();
  }

  current(): ActiveFaults {
    const outage = this.activeOutage();
    return structuredClone({
      seed: this.seed,
      endpoints: this.endpoints,
      outage: outage && {
        mode: outage.mode,
        until: outage.until === null ? null : new Date(outage.until).toISOString(),
      },
      push: this.push,
    });
  }

  planRequest(endpoint: ChannelEndpoint): RequestPlan {
    const outage = this.activeOutage();
    const faults = this.endpoints[endpoint] ?? {};
    const delayMs = faults.delayMs ?? 0;
    if (outage) return { outage: outage.mode, delayMs: 0, lostResponse: false };
    const random = this.requestRandom;
    const { error, timeout } = faults;
    if (fire(random, error, () => delete faults.error)) {
      return { errorStatus: error?.status ?? 503, delayMs, lostResponse: false };
    }
    const timedOut = fire(random, timeout, () => delete faults.timeout);
    return {
      ...(timedOut && timeout ? { timeout: { hangMs: timeout.hangMs, then: timeout.then ?? 'drop' } } : {}),
      delayMs,
      lostResponse: fire(random, faults.lostResponse, () => delete faults.lostResponse),
    };
  }

  planPush(): PushPlan {
    const random = this.pushRandom;
    const push = this.push;
    const drop = fire(random, push.drop, () => delete push.drop);
    const duplicate = !drop && fire(random, push.duplicate, () => delete push.duplicate);
    return { drop, duplicate, delayMs: push.delayMs ?? 0 };
  }

  get reorder(): PushFaults['reorder'] {
    return this.push.reorder;
  }

  shuffle<T>(items: readonly T[]): T[] {
    return this.pushRandom.shuffle(items);
  }

  private reseed(seed: number): void {
    this.seed = seed;
    this.requestRandom = new SeededRandom(seed);
    this.pushRandom = new SeededRandom(seed ^ 0x5bd1e995);
  }

  private startOutage(outage: HotlineFaultSettings['outage']): void {
    this.outage = outage
      ? {
          mode: outage.mode ?? 'unavailable',
          until: outage.forMs === undefined ? null : this.clock.now().getTime() + outage.forMs,
        }
      : null;
  }

  private activeOutage(): FaultInjector['outage'] {
    if (this.outage?.until != null && this.clock.now().getTime() >= this.outage.until) this.outage = null;
    return this.outage;
  }
}
