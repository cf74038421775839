import { asRecord } from './validation';

export const channelEndpoints = ['tickets', 'messages', 'updates'] as const;
/** `tickets`: POST /tickets; `messages`: POST /tickets/{ticketNo}/messages; `updates`: GET /updates. */
export type ChannelEndpoint = (typeof channelEndpoints)[number];

/** How often a fault fires: with probability `rate` (default 1) per request, at most `times` times (default: until cleared). */
export interface FaultRule {
  rate?: number;
  times?: number;
}

export interface EndpointFaults {
  /** Answer this status (default 503) with an error envelope instead of handling the request. */
  error?: FaultRule & { status?: number };
  /** Hang `hangMs`, then drop the connection unanswered (`drop`, default) or handle and answer late (`answer`). */
  timeout?: FaultRule & { hangMs: number; then?: 'drop' | 'answer' };
  /** Wait this long before handling every request. */
  delayMs?: number;
  /** Handle the request (create the ticket, record the message), then drop the connection unanswered. */
  lostResponse?: FaultRule;
}

/** Every channel endpoint answers 503 (`unavailable`, default) or drops the connection (`refuse`). */
export interface OutageFault {
  mode?: 'unavailable' | 'refuse';
  /** Ends by itself after this long on the simulator's clock; default: until cleared. */
  forMs?: number;
}

export interface PushFaults {
  /** Send the push twice. */
  duplicate?: FaultRule;
  /** Never send it: only polling will find the event. */
  drop?: FaultRule;
  /** Wait this long before the first attempt. */
  delayMs?: number;
  /** Hold events until `batch` are waiting (or `maxHoldMs`, default 1000, passed), then send them reversed or shuffled. */
  reorder?: { batch: number; order?: 'reverse' | 'shuffle'; maxHoldMs?: number };
}

/**
 * What `faults.set()` and `POST /__control/faults` take. Each part given replaces that part (one endpoint's
 * faults, the outage, the push faults); `null` turns it off; parts not given stay as they are.
 */
export interface HotlineFaultSettings {
  /** Re-seeds the random source the rates draw from. */
  seed?: number;
  endpoints?: Partial<Record<ChannelEndpoint, EndpointFaults | null>>;
  outage?: OutageFault | null;
  push?: PushFaults | null;
}

class SettingsError extends Error {}

function check(condition: boolean, message: string): void {
  if (!condition) throw new SettingsError(message);
}

const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 1;
const isMs = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function object(value: unknown, name: string): Record<string, unknown> {
  const result = asRecord(value);
  check(result !== undefined, `${name} must be an object`);
  return result as Record<string, unknown>;
}

function rule(value: unknown, name: string): Record<string, unknown> {
  const input = object(value, name);
  const { rate, times } = input;
  check(rate === undefined || (typeof rate === 'number' && rate >= 0 && rate <= 1), `${name}.rate must be 0..1`);
  check(times === undefined || isCount(times), `${name}.times must be a positive integer`);
  return input;
}

function endpointFaults(value: unknown, name: string): void {
  const input = object(value, name);
  if (input.error !== undefined) {
    const { status } = rule(input.error, `${name}.error`);
    check(
      status === undefined || (isCount(status) && Number(status) >= 400 && Number(status) <= 599),
      `${name}.error.status must be 400..599`,
    );
  }
  if (input.timeout !== undefined) {
    const { hangMs, then } = rule(input.timeout, `${name}.timeout`);
    check(isMs(hangMs), `${name}.timeout.hangMs must be a whole number of ms`);
    check(then === undefined || then === 'drop' || then === 'answer', `${name}.timeout.then must be drop or answer`);
  }
  check(input.delayMs === undefined || isMs(input.delayMs), `${name}.delayMs must be a whole number of ms`);
  if (input.lostResponse !== undefined) rule(input.lostResponse, `${name}.lostResponse`);
}

function outage(value: unknown): void {
  const { mode, forMs } = object(value, 'outage');
  check(mode === undefined || mode === 'unavailable' || mode === 'refuse', 'outage.mode must be unavailable or refuse');
  check(forMs === undefined || isCount(forMs), 'outage.forMs must be a positive integer');
}

function pushFaults(value: unknown): void {
  const input = object(value, 'push');
  if (input.duplicate !== undefined) rule(input.duplicate, 'push.duplicate');
  if (input.drop !== undefined) rule(input.drop, 'push.drop');
  check(input.delayMs === undefined || isMs(input.delayMs), 'push.delayMs must be a whole number of ms');
  if (input.reorder !== undefined) {
    const { batch, order, maxHoldMs } = object(input.reorder, 'push.reorder');
    check(isCount(batch), 'push.reorder.batch must be a positive integer');
    check(
      order === undefined || order === 'reverse' || order === 'shuffle',
      'push.reorder.order must be reverse or shuffle',
    );
    check(maxHoldMs === undefined || isCount(maxHoldMs), 'push.reorder.maxHoldMs must be a positive integer');
  }
}

/** The settings when they are well formed, else a message saying what is wrong. */
export function parseFaultSettings(body: unknown): HotlineFaultSettings | string {
  try {
    const input = object(body, 'faults');
    check(
      input.seed === undefined || (typeof input.seed === 'number' && Number.isInteger(input.seed)),
      'seed must be an integer',
    );
    if (input.endpoints !== undefined) {
      for (const [name, faults] of Object.entries(object(input.endpoints, 'endpoints'))) {
        check((channelEndpoints as readonly string[]).includes(name), `endpoints are ${channelEndpoints.join(', ')}`);
        if (faults !== null) endpointFaults(faults, `endpoints.${name}`);
      }
    }
    if (input.outage !== undefined && input.outage !== null) outage(input.outage);
    if (input.push !== undefined && input.push !== null) pushFaults(input.push);
    return input as HotlineFaultSettings;
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
}
