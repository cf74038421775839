import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CHANNEL_BASE_PATH,
  NonceCache,
  signRequest,
  startHotlineSimulator,
  verifySignedRequest,
  type HotlineEvent,
  type HotlineSimulator,
  type HotlineSimulatorOptions,
  type SimulatorClock,
  type Verdict,
} from '../src';

/** Shared by the hotline simulator suites: keys, a raw client speaking the contract, a callback receiver. */
export const channelKeyId = 'channel-2026a';
export const channelSecret = 'secret-the-hotline-issued-to-us-0001';
export const callbackKeyId = 'hotline-2026a';
export const callbackSecret = 'secret-we-issued-to-the-hotline-0001';

export type Json = Record<string, unknown>;

const running: Array<{ close(): Promise<void> }> = [];
/** Requests to a simulator with a manual clock are signed at that clock's time, or they would be stale. */
const clocks = new WeakMap<HotlineSimulator, SimulatorClock>();

/** A simulator for this test with the suite's key; closed by closeAll() (call it in afterEach). */
export async function simulator(options: Partial<HotlineSimulatorOptions> = {}): Promise<HotlineSimulator> {
  const sim = await startHotlineSimulator({ keys: { [channelKeyId]: channelSecret }, ...options });
  if (options.clock) clocks.set(sim, options.clock);
  running.push(sim);
  return sim;
}

export async function closeAll(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.close()));
}

export interface ChannelAnswer {
  status: number;
  body: Json;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent (and signed) instead of the JSON of `body`. */
  rawBody?: string;
  idempotencyKey?: string;
  keyId?: string;
  secret?: string;
  now?: Date;
  nonce?: string;
  /** Changes the bytes after signing, as a tampering proxy would. */
  tamper?: (body: string) => string;
  signal?: AbortSignal;
}

/** A signed request to a channel endpoint; `path` is relative to the base path (`/tickets`). */
export async function channel(
  sim: HotlineSimulator,
  method: 'GET' | 'POST',
  path: string,
  options: RequestOptions = {},
): Promise<ChannelAnswer> {
  const fullPath = `${CHANNEL_BASE_PATH}${path}`;
  const body = options.rawBody ?? (options.body === undefined ? '' : JSON.stringify(options.body));
  const signed = signRequest({
    method,
    path: fullPath,
    body,
    keyId: options.keyId ?? channelKeyId,
    secret: options.secret ?? channelSecret,
    now: options.now ?? clocks.get(sim)?.now() ?? new Date(),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  });
  const res = await fetch(`${sim.url}${fullPath}`, {
    method,
    headers: {
      ...signed,
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...(options.idempotencyKey === undefined ? {} : { 'Idempotency-Key': options.idempotencyKey }),
    },
    ...(method === 'POST' ? { body: options.tamper ? options.tamper(body) : body } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

let keyCount = 0;
export const uniqueKey = (prefix = 'key'): string => `${prefix}-${Date.now()}-${(keyCount += 1)}`;

export function ticketBody(overrides: Json = {}): Json {
  return {
    channel: 'wechat-miniprogram',
    caseId: '01KB3Z5S0X4Q6J1T8N2M7R9C0D',
    type: 'complaint',
    category: { code: 'C04', name: '市容环卫' },
    title: '小区门口的路灯已经坏了一个多月',
    content: '小区门口的路灯已经坏了一个多月，晚上出行很不方便。',
    location: {
      address: '漯河市郾城区沙北街道黄河路100号',
      latitude: 33.58,
      longitude: 114.02,
      regionCode: '411103001',
    },
    photos: [
      { url: 'https://bff.example/api/v1/photos/01KB/signed?exp=1&sig=x', expiresAt: '2026-11-28T08:30:00.000Z' },
    ],
    contact: { name: '张三', phone: '13812345678' },
    anonymous: false,
    confidential: false,
    submittedAt: '2026-11-27T08:30:00.000Z',
    ...overrides,
  };
}

export async function createTicket(sim: HotlineSimulator, overrides: Json = {}, key = uniqueKey()): Promise<string> {
  const answer = await channel(sim, 'POST', '/tickets', { body: ticketBody(overrides), idempotencyKey: key });
  if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return String(answer.body.ticketNo);
}

export function message(seq: number, kind: string, text: string | null = '补充说明'): Json {
  return { seq, kind, text, at: '2026-11-27T09:00:00.000Z' };
}

export class ManualClock implements SimulatorClock {
  constructor(private current = new Date('2026-11-27T08:30:01.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Polls until the condition holds, failing after timeoutMs. */
export async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface ReceivedCallback {
  path: string;
  headers: IncomingHttpHeaders;
  events: HotlineEvent[];
  /** The receiver's own check of the §1 signature, with the callback key. */
  verdict: Verdict;
}

export interface CallbackReceiver {
  url: string;
  readonly received: ReceivedCallback[];
  /** Event ids in arrival order, one per push received. */
  eventIds(): string[];
  /** What the next pushes are answered; 200 with §5.1's body when the list is empty. */
  answerNext(...statuses: number[]): void;
  close(): Promise<void>;
}

/** The channel's callback endpoint, on node:http: verifies each push's signature and answers like §5.1. */
export async function callbackReceiver(path = '/api/v1/hotline/callback'): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const planned: number[] = [];
  const nonces = new NonceCache();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const verdict = verifySignedRequest({
        method: req.method ?? '',
        path: req.url ?? '',
        body: raw,
        headers: req.headers,
        keys: { [callbackKeyId]: callbackSecret },
        nonces,
      });
      const { events } = JSON.parse(raw.toString('utf8')) as { events: HotlineEvent[] };
      received.push({ path: req.url ?? '', headers: req.headers, events, verdict });
      const status = planned.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(status === 200 ? { accepted: events.length, duplicates: 0, rejected: [] } : { error: {} }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: CallbackReceiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received,
    eventIds: () => received.flatMap((push) => push.events.map((event) => event.eventId)),
    answerNext: (...statuses) => planned.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  running.push(receiver);
  return receiver;
}

export const callbackTarget = (receiver: CallbackReceiver): { url: string; keyId: string; secret: string } => ({
  url: receiver.url,
  keyId: callbackKeyId,
  secret: callbackSecret,
});

export async function control(sim: HotlineSimulator, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.url}/__control${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
