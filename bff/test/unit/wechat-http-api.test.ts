import { WechatError } from '../../src/adapters/wechat/wechat-api';
import { appSecret, citizen, closeAll, pushReceiver, simulator, wechatApi } from './wechat-support';

afterEach(closeAll);

const text = (content: string) => ({ openid: citizen, scene: 2 as const, content });

/** Every content sent to msg_sec_check must be well-formed UTF-16 of at most 2,500 characters. */
describe('HttpWechatApi.msgSecCheck', () => {
  test('when the text is clean, risky or to be reviewed, then suggest says so with the trace id', async () => {
    const sim = await simulator();
    const api = wechatApi(sim);
    await expect(api.msgSecCheck(text('路灯坏了'))).resolves.toEqual({
      suggest: 'pass',
      label: 100,
      traceId: expect.stringMatching(/^[0-9a-f-]{26}$/),
    });
    await expect(api.msgSecCheck(text('这里有违禁测试词'))).resolves.toMatchObject({ suggest: 'risky' });
    await expect(api.msgSecCheck({ ...text('正文'), title: '待审测试词' })).resolves.toMatchObject({
      suggest: 'review',
    });
  });

  test('when 6,000 characters hold a risky word only at the end, then three chunks are checked and the verdict is risky', async () => {
    const sim = await simulator();
    const content = `${'好'.repeat(5990)}违禁测试词${'好'.repeat(5)}`;
    await expect(wechatApi(sim).msgSecCheck(text(content))).resolves.toMatchObject({ suggest: 'risky' });
    expect(sim.calls.filter((c) => c.endpoint === 'msg_sec_check').map((c) => c.errcode)).toEqual([0, 0, 0]);
  });

  test('when a review chunk precedes a risky one, then the worst verdict wins', async () => {
    const sim = await simulator();
    const content = `待审测试词${'好'.repeat(3000)}违禁测试词`;
    await expect(wechatApi(sim).msgSecCheck(text(content))).resolves.toMatchObject({ suggest: 'risky' });
  });

  test('when an early chunk is risky, then the later chunks are not sent', async () => {
    const sim = await simulator();
    const content = `违禁测试词${'好'.repeat(7000)}`;
    await expect(wechatApi(sim).msgSecCheck(text(content))).resolves.toMatchObject({ suggest: 'risky' });
    expect(sim.callCount('msg_sec_check')).toBe(1);
  });

  test('when a word straddles a chunk boundary, then the overlap still catches it', async () => {
    const sim = await simulator();
    const content = `${'好'.repeat(2497)}违禁测试词${'好'.repeat(500)}`;
    await expect(wechatApi(sim).msgSecCheck(text(content))).resolves.toMatchObject({ suggest: 'risky' });
  });

  test('when an emoji straddles the chunk boundary, then it is not split (WeChat would refuse half of it)', async () => {
    const sim = await simulator({ riskyWords: ['🚫'] });
    const content = `${'好'.repeat(2499)}🚫${'好'.repeat(3000)}`;
    await expect(wechatApi(sim).msgSecCheck(text(content))).resolves.toMatchObject({ suggest: 'risky' });
    expect(sim.calls.filter((c) => c.endpoint === 'msg_sec_check').every((c) => c.errcode === 0)).toBe(true);
  });

  test('when the openid is not a user of the app, then a WechatError with errcode 40003', async () => {
    const sim = await simulator();
    await expect(wechatApi(sim).msgSecCheck({ ...text('x'), openid: 'nobody' })).rejects.toMatchObject({
      name: 'WechatError',
      errcode: 40003,
      errmsg: expect.stringContaining('invalid openid'),
    });
  });
});

describe('HttpWechatApi.mediaCheckAsync', () => {
  test('when an image is submitted, then the trace id matches the one in the pushed result', async () => {
    const receiver = await pushReceiver();
    const sim = await simulator({ pushUrl: receiver.url, pushToken: 'push-token' });
    const { traceId } = await wechatApi(sim).mediaCheckAsync({
      openid: citizen,
      mediaUrl: 'https://cdn.example/review.png',
      mediaType: 2,
      scene: 1,
    });
    expect((await receiver.next()).body).toMatchObject({ trace_id: traceId, result: { suggest: 'review' } });
  });
});

describe('HttpWechatApi.getPhoneNumber', () => {
  test('when the code is fresh, then the phone number comes back', async () => {
    const sim = await simulator();
    await expect(wechatApi(sim).getPhoneNumber('phone-13812345678')).resolves.toEqual({
      phoneNumber: '13812345678',
      purePhoneNumber: '13812345678',
      countryCode: '86',
    });
  });

  test('when the code was used already, then a WechatError that blames the client', async () => {
    const sim = await simulator();
    const api = wechatApi(sim);
    await api.getPhoneNumber('once');
    const error = await api.getPhoneNumber('once').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatError);
    expect(error).toMatchObject({ errcode: 40029, isInvalidCode: true });
  });
});

describe('HttpWechatApi transport failures', () => {
  test('when WeChat does not answer in time, then a WechatError without errcode', async () => {
    const sim = await simulator();
    sim.faults.inject('getuserphonenumber', { hangMs: 1000 });
    const error = await wechatApi(sim, {}, 200)
      .getPhoneNumber('slow')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatError);
    expect((error as WechatError).errcode).toBeUndefined();
    expect((error as WechatError).message).toBe('getuserphonenumber: WeChat did not answer within 200 ms');
  });

  test('when WeChat cannot be reached, then a WechatError without errcode, secret or URL', async () => {
    const sim = await simulator();
    const api = wechatApi(sim);
    await sim.close();
    const error = await api.code2Session('some-code').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatError);
    expect((error as WechatError).errcode).toBeUndefined();
    expect((error as WechatError).message).toBe('jscode2session: WeChat unreachable (ECONNREFUSED)');
    expect((error as WechatError).message).not.toContain(appSecret);
  });

  test('when WeChat reports a rate limit, then errcode and errmsg are kept and the token is not in the message', async () => {
    const sim = await simulator();
    sim.faults.inject('msg_sec_check', { errcode: 45009 });
    const error = (await wechatApi(sim)
      .msgSecCheck(text('x'))
      .catch((e: unknown) => e)) as WechatError;
    expect(error).toMatchObject({ errcode: 45009, errmsg: expect.stringContaining('daily quota') });
    expect(error.message).toMatch(/^msg_sec_check failed: errcode 45009 /);
    expect(error.message).not.toContain('access_token=');
  });

  test('when sign-in still works as before, then code2Session answers the openid', async () => {
    const sim = await simulator();
    await expect(wechatApi(sim).code2Session('citizen-code')).resolves.toEqual({ openid: citizen });
    await expect(wechatApi(sim).code2Session('citizen-code')).rejects.toMatchObject({
      errcode: 40163,
      isInvalidCode: true,
    });
  });
});
