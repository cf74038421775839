import path from 'node:path';
import type { Config } from '@hotline/config';
import type { HotlineSimulator, WechatSimulator } from '@hotline/simulators';

export interface DemoOutside {
  config: Config;
  wechat: WechatSimulator;
  hotline: HotlineSimulator;
  /** Points the simulators' pushes (hotline events, image-check verdicts) at the running BFF. */
  connect(bffUrl: string): void;
  stop(): Promise<void>;
}

function firstKey(pairs: string): [string, string] {
  const first = pairs.split(',')[0] ?? '';
  const at = first.indexOf(':');
  return [first.slice(0, at), first.slice(at + 1)];
}

/**
 * Demo mode's outside world: the WeChat API and the city's 12345 system as loopback simulators speaking their
 * real protocols, wired with the demo's generated keys. Used by `npm start` and the end-to-end tests.
 */
export async function startDemoOutside(config: Config): Promise<DemoOutside> {
  const { startHotlineSimulator, startWechatSimulator } = await import('@hotline/simulators');
  const wechat = await startWechatSimulator({
    appId: config.wechat.appId as string,
    appSecret: config.wechat.appSecret as string,
    // The H5 app cannot call wx.requestSubscribeMessage: the grants it reports to the BFF are what count.
    requireSubscription: false,
  });
  const hotline = await startHotlineSimulator({
    keys: { [config.hotline.keyId as string]: config.hotline.secret as string },
    // Beside the demo's database: after a restart the simulated 12345 system still has the tickets the stored cases
    // point at, and never issues one of their numbers to a new case.
    statePath: path.join(path.dirname(path.resolve(config.db.sqlitePath)), 'hotline-simulator.json'),
  });
  const [inboundKeyId, inboundSecret] = firstKey(config.hotline.inboundKeys as string);
  return {
    config: {
      ...config,
      wechat: { ...config.wechat, apiBaseUrl: wechat.url },
      hotline: { ...config.hotline, baseUrl: hotline.baseUrl },
    },
    wechat,
    hotline,
    connect(bffUrl) {
      hotline.setCallback({ url: `${bffUrl}/api/v1/hotline/events`, keyId: inboundKeyId, secret: inboundSecret });
      wechat.setPushTarget(`${bffUrl}/api/v1/wechat/push`, config.wechat.pushToken as string);
    },
    async stop() {
      await hotline.close();
      await wechat.close();
    },
  };
}
