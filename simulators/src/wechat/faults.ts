import { asRecord } from './replies';

export const wechatEndpoints = [
  'jscode2session',
  'stable_token',
  'msg_sec_check',
  'media_check_async',
  'getuserphonenumber',
  'subscribe_send',
] as const;
export type WechatEndpoint = (typeof wechatEndpoints)[number];

/**
 * A failure to produce on the next calls of one endpoint: answer an errcode instead of the real result, or
 * hang for a while before answering normally (the caller's timeout should fire first). `times` defaults to 1.
 */
export type Fault = { errcode: number; errmsg?: string; times?: number } | { hangMs: number; times?: number };

export interface PendingFault {
  endpoint: WechatEndpoint;
  fault: Fault;
  remaining: number;
}

/** Faults queued per endpoint, consumed first-in first-out, one per call. */
export class FaultInjector {
  private queue: PendingFault[] = [];

  inject(endpoint: WechatEndpoint, fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    this.queue.push({ endpoint, fault, remaining: times });
  }

  clear(): void {
    this.queue = [];
  }

  pending(): PendingFault[] {
    return this.queue.map((entry) => ({ ...entry }));
  }

  /** The fault this call must suffer, if any; counts it as used. */
  take(endpoint: WechatEndpoint): Fault | undefined {
    const index = this.queue.findIndex((entry) => entry.endpoint === endpoint);
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queue.splice(index, 1);
    return entry.fault;
  }
}

const isEndpoint = (value: unknown): value is WechatEndpoint =>
  typeof value === 'string' && (wechatEndpoints as readonly string[]).includes(value);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;

/** Reads a fault from the control API's JSON; answers a message when the request is malformed. */
export function parseFaultRequest(body: unknown): { endpoint: WechatEndpoint; fault: Fault } | string {
  const input = asRecord(body);
  if (!input || !isEndpoint(input.endpoint)) return `endpoint must be one of ${wechatEndpoints.join(', ')}`;
  const { endpoint, errcode, errmsg, hangMs, times } = input;
  if (times !== undefined && !isCount(times)) return 'times must be a positive integer';
  const count = times === undefined ? {} : { times };
  if (typeof errcode === 'number' && Number.isInteger(errcode) && hangMs === undefined) {
    if (errmsg !== undefined && typeof errmsg !== 'string') return 'errmsg must be a string';
    return { endpoint, fault: { errcode, ...(errmsg === undefined ? {} : { errmsg }), ...count } };
  }
  if (isCount(hangMs) && errcode === undefined) return { endpoint, fault: { hangMs, ...count } };
  return 'give either an integer errcode or a positive integer hangMs';
}
