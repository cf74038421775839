import { openidFor, startWechatSimulator, type WechatSimulator } from '../src';

let sim: WechatSimulator;
beforeAll(async () => {
  sim = await startWechatSimulator({ appId: 'wxsim', appSecret: 'secret-of-the-simulator-0000000' });
});
afterAll(async () => sim.close());

const exchange = async (code: string, secret = 'secret-of-the-simulator-0000000'): Promise<Record<string, unknown>> => {
  const query = new URLSearchParams({ appid: 'wxsim', secret, js_code: code, grant_type: 'authorization_code' });
  const res = await fetch(`${sim.url}/sns/jscode2session?${query.toString()}`);
  return (await res.json()) as Record<string, unknown>;
};

describe('WeChat simulator: jscode2session', () => {
  test('when a fresh code is exchanged, then it answers an openid and a session key like WeChat', async () => {
    const reply = await exchange('fresh-code');
    expect(reply.openid).toBe(openidFor('wxsim', 'fresh-code'));
    expect(typeof reply.session_key).toBe('string');
    expect(reply.errcode).toBeUndefined();
  });

  test('when a code is used twice, then the second answer is errcode 40163', async () => {
    await exchange('single-use');
    expect(await exchange('single-use')).toMatchObject({ errcode: 40163 });
  });

  test('when the secret is wrong, then errcode 40013', async () => {
    expect(await exchange('another', 'wrong')).toMatchObject({ errcode: 40013 });
  });

  test('when the code is marked invalid, then errcode 40029', async () => {
    expect(await exchange('invalid-code')).toMatchObject({ errcode: 40029 });
  });
});
