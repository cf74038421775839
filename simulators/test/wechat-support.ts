import {
  openidFor,
  startPushReceiver,
  startWechatSimulator,
  type PushReceiver,
  type SimulatorClock,
  type WechatSimulator,
  type WechatSimulatorOptions,
} from '../src';

/** Shared by the WeChat simulator suites: credentials, a raw client speaking WeChat's protocol, a manual clock. */
export const appId = 'wxsimtest00000001';
export const appSecret = 'secret-of-the-simulator-0000000';
export const citizen = openidFor(appId, 'citizen-code');

export type Json = Record<string, unknown>;

const running: Array<{ close(): Promise<void> }> = [];

/** A simulator for this test with the suite's credentials; closed by closeAll() (call it in afterEach). */
export async function simulator(options: Partial<WechatSimulatorOptions> = {}): Promise<WechatSimulator> {
  const sim = await startWechatSimulator({ appId, appSecret, ...options });
  running.push(sim);
  return sim;
}

/** A push endpoint for this test; closed by closeAll(). */
export async function pushReceiver(): Promise<PushReceiver> {
  const receiver = await startPushReceiver();
  running.push(receiver);
  return receiver;
}

export async function closeAll(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.close()));
}

export async function call(sim: WechatSimulator, path: string, body: unknown, query: Json = {}): Promise<Json> {
  const search = new URLSearchParams(
    Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
  );
  const res = await fetch(`${sim.url}${path}?${search.toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Json;
}

export async function stableToken(sim: WechatSimulator, forceRefresh?: boolean): Promise<Json> {
  return call(sim, '/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: appId,
    secret: appSecret,
    ...(forceRefresh === undefined ? {} : { force_refresh: forceRefresh }),
  });
}

export async function accessToken(sim: WechatSimulator): Promise<string> {
  return String((await stableToken(sim)).access_token);
}

export class ManualClock implements SimulatorClock {
  constructor(private current = new Date('2026-03-02T01:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Polls until the condition holds (for effects that follow an answer asynchronously), failing after a second. */
export async function until(condition: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
