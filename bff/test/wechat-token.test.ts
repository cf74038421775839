import { HttpWechatApi } from '../src/adapters/wechat/http-wechat-api';
import { DbTokenStore } from '../src/modules/wechat-token/db-token-store';
import { startTestApp, type TestApp } from './support/harness';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => t.close());

const openid = `o${'a'.repeat(27)}`;
const check = { openid, content: 'hello', scene: 3 as const };

/** One BFF instance's WeChat adapter: its own process-local state, the database shared with the others. */
function instance(): HttpWechatApi {
  return new HttpWechatApi(
    {
      baseUrl: t.wechat.url,
      appId: t.config.wechat.appId as string,
      appSecret: t.config.wechat.appSecret as string,
      timeoutMs: 2000,
    },
    { clock: t.clock, tokenStore: new DbTokenStore(t.dataSource, t.deps.pii, t.clock) },
  );
}

describe('one access token for every instance', () => {
  test('when several instances need a token at once, then stable_token is called once and all share it', async () => {
    const instances = [instance(), instance(), instance(), instance()];
    await Promise.all(instances.map((api) => api.msgSecCheck(check)));
    expect(t.wechat.callCount('stable_token')).toBe(1);
    await instance().msgSecCheck(check);
    expect(t.wechat.callCount('stable_token')).toBe(1);
  });

  test('the token is stored encrypted, never in clear', async () => {
    await instance().msgSecCheck(check);
    const [row] = await t.dataSource.query('SELECT token_enc, lock_owner FROM wechat_access_tokens');
    expect(row.lock_owner).toBeNull();
    const stored = await new DbTokenStore(t.dataSource, t.deps.pii, t.clock).get(t.config.wechat.appId as string);
    expect(stored?.value).toBeTruthy();
    expect(String(row.token_enc)).not.toContain(stored?.value);
  });

  test('when the token nears expiry, then one instance renews it before WeChat would refuse it', async () => {
    await instance().msgSecCheck(check);
    t.clock.advance(7200_000 - 200_000);
    await Promise.all([instance().msgSecCheck(check), instance().msgSecCheck(check)]);
    expect(t.wechat.callCount('stable_token')).toBe(2);
    expect(t.wechat.calls.filter((c) => c.endpoint === 'msg_sec_check').every((c) => c.errcode === 0)).toBe(true);
  });

  test('when another owner holds the renewal lease past its end, then it is taken over', async () => {
    const store = new DbTokenStore(t.dataSource, t.deps.pii, t.clock);
    const key = 'wx-lease-test';
    const now = t.clock.now();
    expect(await store.lockRenewal(key, 'a', now, new Date(now.getTime() + 30_000))).toBe(true);
    expect(await store.lockRenewal(key, 'b', now, new Date(now.getTime() + 30_000))).toBe(false);
    const later = new Date(now.getTime() + 31_000);
    expect(await store.lockRenewal(key, 'b', later, new Date(later.getTime() + 30_000))).toBe(true);
    await store.unlockRenewal(key, 'a');
    expect(await store.lockRenewal(key, 'c', later, new Date(later.getTime() + 30_000))).toBe(false);
  });
});
