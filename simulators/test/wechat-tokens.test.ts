import type { WechatSimulator } from '../src';
import {
  accessToken,
  appId,
  appSecret,
  call,
  citizen,
  closeAll,
  ManualClock,
  simulator,
  stableToken,
} from './wechat-support';

afterEach(closeAll);

const checkText = (sim: WechatSimulator, token?: string) =>
  call(
    sim,
    '/wxa/msg_sec_check',
    { version: 2, openid: citizen, scene: 2, content: 'hello' },
    token === undefined ? {} : { access_token: token },
  );

describe('WeChat simulator: cgi-bin/stable_token', () => {
  test('when the app credentials are right, then it issues a token valid for 7200 seconds', async () => {
    const sim = await simulator();
    const reply = await stableToken(sim);
    expect(reply).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect(String(reply.access_token).length).toBeGreaterThanOrEqual(64);
  });

  test('when the appid, secret or grant_type is wrong, then errcode 40013, 40125 or 40002', async () => {
    const sim = await simulator();
    const base = { grant_type: 'client_credential', appid: appId, secret: appSecret };
    expect(await call(sim, '/cgi-bin/stable_token', { ...base, appid: 'wxother' })).toMatchObject({ errcode: 40013 });
    expect(await call(sim, '/cgi-bin/stable_token', { ...base, secret: 'wrong' })).toMatchObject({ errcode: 40125 });
    expect(await call(sim, '/cgi-bin/stable_token', { ...base, grant_type: 'password' })).toMatchObject({
      errcode: 40002,
    });
  });

  test('when asked again in normal mode, then the same token comes back with its remaining lifetime', async () => {
    const clock = new ManualClock();
    const sim = await simulator({ clock });
    const first = await stableToken(sim);
    clock.advance(1000 * 1000);
    expect(await stableToken(sim, false)).toEqual({ access_token: first.access_token, expires_in: 6200 });
  });

  test('when less than five minutes are left, then normal mode issues a new token and the old one still works', async () => {
    const clock = new ManualClock();
    const sim = await simulator({ clock });
    const old = await accessToken(sim);
    clock.advance((7200 - 299) * 1000);
    const renewed = await accessToken(sim);
    expect(renewed).not.toBe(old);
    expect(await checkText(sim, old)).toMatchObject({ errcode: 0 });
  });

  test('when force_refresh is true, then a new token is issued and the previous one answers 40001', async () => {
    const sim = await simulator();
    const old = await accessToken(sim);
    const fresh = String((await stableToken(sim, true)).access_token);
    expect(fresh).not.toBe(old);
    expect(await checkText(sim, old)).toMatchObject({ errcode: 40001 });
    expect(await checkText(sim, fresh)).toMatchObject({ errcode: 0 });
    expect(sim.calls.filter((c) => c.endpoint === 'stable_token').map((c) => c.forceRefresh)).toEqual([false, true]);
  });

  test('when a token outlives its lifetime, then calls with it answer 42001', async () => {
    const clock = new ManualClock();
    const sim = await simulator({ clock, tokenTtlSeconds: 60 });
    const reply = await stableToken(sim);
    expect(reply.expires_in).toBe(60);
    clock.advance(60_000);
    expect(await checkText(sim, String(reply.access_token))).toMatchObject({ errcode: 42001 });
  });

  test('when the token is missing or unknown, then errcode 41001 or 40001', async () => {
    const sim = await simulator();
    expect(await checkText(sim)).toMatchObject({ errcode: 41001 });
    expect(await checkText(sim, 'not-a-token')).toMatchObject({ errcode: 40001 });
  });

  test('when tokens are revoked (another instance forced a refresh), then the old token answers 40001', async () => {
    const sim = await simulator();
    const old = await accessToken(sim);
    sim.revokeAccessTokens();
    expect(await checkText(sim, old)).toMatchObject({ errcode: 40001 });
    expect(await accessToken(sim)).not.toBe(old);
  });
});
