import {
  InMemoryNonceCache,
  parseMediaCheckEvent,
  pushSignature,
  verifyPushSignature,
  type PushQuery,
} from '../../src/adapters/wechat/push';
import { appId, citizen, closeAll, ManualClock, pushReceiver, simulator, wechatApi } from './wechat-support';

afterEach(closeAll);

const token = 'push-token-of-the-test';

/** A push as WeChat would sign it, sent at the clock's current second. */
function signedAt(clock: ManualClock, nonce = '1514711492'): PushQuery {
  const timestamp = String(Math.floor(clock.now().getTime() / 1000));
  return { signature: pushSignature(token, timestamp, nonce), timestamp, nonce };
}

describe('verifyPushSignature', () => {
  test("when the signature is computed as WeChat documents it, then it matches WeChat's published example", () => {
    expect(pushSignature('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
  });

  test('when a push is correctly signed and fresh, then it is accepted', async () => {
    const clock = new ManualClock();
    await expect(verifyPushSignature(token, signedAt(clock), { clock })).resolves.toEqual({ ok: true });
  });

  test('when the signature is wrong or made with another token, then it is refused', async () => {
    const clock = new ManualClock();
    const query = signedAt(clock);
    const forged = { ...query, signature: pushSignature('other-token', query.timestamp, query.nonce) };
    await expect(verifyPushSignature(token, forged, { clock })).resolves.toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    await expect(verifyPushSignature(token, { ...query, nonce: '1' }, { clock })).resolves.toMatchObject({ ok: false });
    await expect(verifyPushSignature(token, { ...query, signature: 'abc' }, { clock })).resolves.toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  test('when the timestamp is outside the window either way, then the push is refused as stale', async () => {
    const clock = new ManualClock();
    const query = signedAt(clock);
    clock.advance(301_000);
    await expect(verifyPushSignature(token, query, { clock })).resolves.toEqual({ ok: false, reason: 'stale' });
    clock.advance(-602_000);
    await expect(verifyPushSignature(token, query, { clock })).resolves.toEqual({ ok: false, reason: 'stale' });
    await expect(verifyPushSignature(token, query, { clock, windowSeconds: 600 })).resolves.toEqual({ ok: true });
  });

  test('when the same push arrives twice within the window, then the replay is refused', async () => {
    const clock = new ManualClock();
    const nonces = new InMemoryNonceCache(clock);
    const query = signedAt(clock);
    await expect(verifyPushSignature(token, query, { clock, nonces })).resolves.toEqual({ ok: true });
    clock.advance(10_000);
    await expect(verifyPushSignature(token, query, { clock, nonces })).resolves.toEqual({
      ok: false,
      reason: 'replayed',
    });
    await expect(verifyPushSignature(token, signedAt(clock, '42'), { clock, nonces })).resolves.toEqual({ ok: true });
  });

  test('when a forged push reuses a nonce, then it does not block the genuine push', async () => {
    const clock = new ManualClock();
    const nonces = new InMemoryNonceCache(clock);
    const genuine = signedAt(clock);
    await verifyPushSignature(token, { ...genuine, signature: '0'.repeat(40) }, { clock, nonces });
    await expect(verifyPushSignature(token, genuine, { clock, nonces })).resolves.toEqual({ ok: true });
  });

  test('when the simulator pushes a media check result, then its signature verifies with the push token', async () => {
    const receiver = await pushReceiver();
    const sim = await simulator({ pushUrl: receiver.url, pushToken: token });
    await wechatApi(sim).mediaCheckAsync({
      openid: citizen,
      mediaUrl: 'https://cdn.example/a.png',
      mediaType: 2,
      scene: 1,
    });
    const { query, body } = await receiver.next();
    const { signature = '', timestamp = '', nonce = '' } = query;
    await expect(verifyPushSignature(token, { signature, timestamp, nonce })).resolves.toEqual({ ok: true });
    expect(parseMediaCheckEvent(body)).toMatchObject({ suggest: 'pass', label: 100 });
  });
});

describe('parseMediaCheckEvent', () => {
  const event = {
    ToUserName: 'gh_0123456789ab',
    FromUserName: citizen,
    CreateTime: 1762329554,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: appId,
    trace_id: '690b03d2-301f6111-35ffbd44',
    version: 2,
    result: { suggest: 'risky', label: 20002 },
    detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20002, prob: 90 }],
  };

  test('when the event is a media check result, then trace id, suggest and label are read', () => {
    expect(parseMediaCheckEvent(event)).toEqual({
      traceId: '690b03d2-301f6111-35ffbd44',
      suggest: 'risky',
      label: 20002,
    });
  });

  test('when WeChat sends the label and version as strings, then they are still read', () => {
    const stringly = { ...event, version: '2', result: { suggest: 'pass', label: '100' } };
    expect(parseMediaCheckEvent(stringly)).toEqual({ traceId: event.trace_id, suggest: 'pass', label: 100 });
  });

  test('when the body is another event, a download failure, or not an event at all, then null', () => {
    expect(parseMediaCheckEvent({ ...event, Event: 'user_enter_tempsession' })).toBeNull();
    const { result: _result, ...withoutResult } = event;
    expect(parseMediaCheckEvent({ ...withoutResult, errcode: -1008, detail: [] })).toBeNull();
    expect(parseMediaCheckEvent({ ...event, result: { suggest: 'maybe', label: 1 } })).toBeNull();
    expect(parseMediaCheckEvent('<xml></xml>')).toBeNull();
    expect(parseMediaCheckEvent(null)).toBeNull();
  });
});
