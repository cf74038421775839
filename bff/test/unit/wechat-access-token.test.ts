import { AccessTokenProvider, InMemoryTokenStore } from '../../src/adapters/wechat/access-token';
import { StableTokenSource } from '../../src/adapters/wechat/stable-token';
import { WechatTransport } from '../../src/adapters/wechat/transport';
import { WechatError } from '../../src/adapters/wechat/wechat-api';
import { appId, appSecret, citizen, closeAll, ManualClock, simulator, wechatApi } from './wechat-support';

afterEach(closeAll);

const textCheck = { openid: citizen, scene: 2 as const, content: '路灯坏了' };

function provider(url: string, clock = new ManualClock(), secret = appSecret): AccessTokenProvider {
  const source = new StableTokenSource(new WechatTransport(url, 2000), appId, secret);
  return new AccessTokenProvider(source, { key: appId, clock, store: new InMemoryTokenStore() });
}

describe('AccessTokenProvider against the WeChat simulator', () => {
  test('when the token is asked for twice, then stable_token is called once and the token reused', async () => {
    const sim = await simulator();
    const tokens = provider(sim.url);
    const first = await tokens.token();
    expect(await tokens.token()).toBe(first);
    expect(sim.callCount('stable_token')).toBe(1);
  });

  test('when the clock nears expiry, then the token is renewed five minutes before, not earlier', async () => {
    const clock = new ManualClock();
    const sim = await simulator({ clock });
    const tokens = provider(sim.url, clock);
    const first = await tokens.token();
    clock.advance((7200 - 301) * 1000);
    expect(await tokens.token()).toBe(first);
    expect(sim.callCount('stable_token')).toBe(1);
    clock.advance(2000);
    const renewed = await tokens.token();
    expect(renewed).not.toBe(first);
    expect(sim.callCount('stable_token')).toBe(2);
  });

  test('when WeChat issues short-lived tokens, then renewal happens halfway through their life', async () => {
    const clock = new ManualClock();
    const sim = await simulator({ clock, tokenTtlSeconds: 120 });
    const tokens = provider(sim.url, clock);
    await tokens.token();
    clock.advance(59_000);
    await tokens.token();
    expect(sim.callCount('stable_token')).toBe(1);
    clock.advance(2000);
    await tokens.token();
    expect(sim.callCount('stable_token')).toBe(2);
  });

  test('when many callers ask at once, then one stable_token call serves them all', async () => {
    const sim = await simulator({ delayMs: 50 });
    const tokens = provider(sim.url);
    const all = await Promise.all(Array.from({ length: 10 }, () => tokens.token()));
    expect(new Set(all).size).toBe(1);
    expect(sim.callCount('stable_token')).toBe(1);
  });

  test('when renewal fails while the cached token is still valid, then the cached token is used', async () => {
    const clock = new ManualClock();
    const sim = await simulator({ clock });
    const tokens = provider(sim.url, clock);
    const first = await tokens.token();
    clock.advance((7200 - 60) * 1000);
    sim.faults.inject('stable_token', { errcode: -1 });
    expect(await tokens.token()).toBe(first);
  });

  test('when the secret is wrong, then the WechatError carries 40125 and no secret', async () => {
    const sim = await simulator();
    const error = await provider(sim.url, new ManualClock(), 'wrong-secret-value')
      .token()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatError);
    expect(error).toMatchObject({ errcode: 40125 });
    expect(String((error as Error).message)).not.toContain('wrong-secret-value');
  });

  test('when a rejected token was already replaced by another instance, then a normal request picks up the new one', async () => {
    const sim = await simulator();
    const tokens = provider(sim.url);
    const old = await tokens.token();
    sim.revokeAccessTokens();
    const replacement = await tokens.replace(old);
    expect(replacement).not.toBe(old);
    expect(sim.calls.filter((c) => c.endpoint === 'stable_token').map((c) => c.forceRefresh)).toEqual([false, false]);
  });

  test('when WeChat hands back the rejected token in normal mode, then one force refresh follows', async () => {
    const sim = await simulator();
    const tokens = provider(sim.url);
    const old = await tokens.token();
    const replacement = await tokens.replace(old);
    expect(replacement).not.toBe(old);
    expect(sim.calls.filter((c) => c.endpoint === 'stable_token').map((c) => c.forceRefresh)).toEqual([
      false,
      false,
      true,
    ]);
  });
});

describe('HttpWechatApi access token handling', () => {
  test('when several calls run, then they share one cached token', async () => {
    const sim = await simulator();
    const api = wechatApi(sim);
    await Promise.all([api.msgSecCheck(textCheck), api.msgSecCheck(textCheck), api.getPhoneNumber('p1')]);
    await api.msgSecCheck(textCheck);
    expect(sim.callCount('stable_token')).toBe(1);
  });

  test('when WeChat answers 40001 once, then the token is replaced and the call retried once, successfully', async () => {
    const sim = await simulator();
    const api = wechatApi(sim);
    await api.msgSecCheck(textCheck);
    sim.faults.inject('msg_sec_check', { errcode: 40001 });
    await expect(api.msgSecCheck(textCheck)).resolves.toMatchObject({ suggest: 'pass' });
    expect(sim.calls.filter((c) => c.endpoint === 'msg_sec_check').map((c) => c.errcode)).toEqual([0, 40001, 0]);
  });

  test('when the token expired at WeChat (42001), then a normal renewal suffices and the call is retried', async () => {
    const clock = new ManualClock();
    const sim = await simulator({ clock, tokenTtlSeconds: 600 });
    // The BFF's clock lags, so it still trusts a token WeChat has expired.
    const api = wechatApi(sim, { clock: new ManualClock() });
    await api.getPhoneNumber('p1');
    clock.advance(600_000);
    await expect(api.getPhoneNumber('p2')).resolves.toMatchObject({ countryCode: '86' });
    expect(sim.calls.filter((c) => c.endpoint === 'getuserphonenumber').map((c) => c.errcode)).toEqual([0, 42001, 0]);
    expect(sim.calls.filter((c) => c.endpoint === 'stable_token').map((c) => c.forceRefresh)).toEqual([false, false]);
  });

  test('when WeChat answers 40001 twice, then the second one surfaces as a WechatError', async () => {
    const sim = await simulator();
    const api = wechatApi(sim);
    sim.faults.inject('media_check_async', { errcode: 40001, times: 2 });
    const error = await api
      .mediaCheckAsync({ openid: citizen, mediaUrl: 'https://cdn.example/a.png', mediaType: 2, scene: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatError);
    expect(error).toMatchObject({ errcode: 40001, isTokenRejected: true });
    expect(sim.callCount('media_check_async')).toBe(2);
  });
});
