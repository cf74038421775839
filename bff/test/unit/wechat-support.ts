import { ManualClock } from '../support/clock';
import {
  openidFor,
  startPushReceiver,
  startWechatSimulator,
  type PushReceiver,
  type WechatSimulator,
  type WechatSimulatorOptions,
} from '@hotline/simulators';
import { HttpWechatApi, type WechatHttpOptions } from '../../src/adapters/wechat/http-wechat-api';

/** Shared by the WeChat adapter suites: the simulator with fixed credentials, the real adapter, a manual clock. */
export const appId = 'wxbfftest00000001';
export const appSecret = 'bff-test-secret-0123456789abcdef';
export const citizen = openidFor(appId, 'citizen-code');

const running: Array<{ close(): Promise<void> }> = [];

export async function simulator(options: Partial<WechatSimulatorOptions> = {}): Promise<WechatSimulator> {
  const sim = await startWechatSimulator({ appId, appSecret, ...options });
  running.push(sim);
  return sim;
}

export async function pushReceiver(): Promise<PushReceiver> {
  const receiver = await startPushReceiver();
  running.push(receiver);
  return receiver;
}

/** Closes what simulator() and pushReceiver() started; call it in afterEach. */
export async function closeAll(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.close()));
}

export function wechatApi(sim: WechatSimulator, options: WechatHttpOptions = {}, timeoutMs = 2000): HttpWechatApi {
  return new HttpWechatApi({ baseUrl: sim.url, appId, appSecret, timeoutMs }, options);
}

export { ManualClock };
