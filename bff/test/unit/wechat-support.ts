import type { WechatSimulator } from '@hotline/simulators';
import { appId, appSecret } from '../../../simulators/test/wechat-support';
import { HttpWechatApi, type WechatHttpOptions } from '../../src/adapters/wechat/http-wechat-api';

/**
 * The WeChat adapter suites use the simulator suites' fixtures (credentials, simulators and push receivers
 * closed by closeAll()) and add the real adapter on top.
 */
export { appId, appSecret, citizen, closeAll, pushReceiver, simulator } from '../../../simulators/test/wechat-support';
export { ManualClock } from '../support/clock';

export function wechatApi(sim: WechatSimulator, options: WechatHttpOptions = {}, timeoutMs = 2000): HttpWechatApi {
  return new HttpWechatApi({ baseUrl: sim.url, appId, appSecret, timeoutMs }, options);
}
