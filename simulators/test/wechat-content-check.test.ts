import { createHash } from 'node:crypto';
import type { WechatSimulator } from '../src';
import {
  accessToken,
  appId,
  call,
  citizen,
  closeAll,
  pushReceiver,
  simulator,
  until,
  type Json,
} from './wechat-support';

afterEach(closeAll);

async function checkText(sim: WechatSimulator, body: Json): Promise<Json> {
  const request = { version: 2, openid: citizen, scene: 2, content: 'hello', ...body };
  return call(sim, '/wxa/msg_sec_check', request, { access_token: await accessToken(sim) });
}

async function checkMedia(sim: WechatSimulator, body: Json = {}): Promise<Json> {
  const request = {
    version: 2,
    openid: citizen,
    scene: 1,
    media_type: 2,
    media_url: 'https://cdn.example/a.png',
    ...body,
  };
  return call(sim, '/wxa/media_check_async', request, { access_token: await accessToken(sim) });
}

/** WeChat's push signature, computed here independently of the simulator. */
const sign = (token: string, timestamp: string, nonce: string): string =>
  createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');

describe('WeChat simulator: wxa/msg_sec_check version 2', () => {
  test('when the text is clean, then errcode 0, suggest pass, label 100 and a trace id', async () => {
    const sim = await simulator();
    const reply = await checkText(sim, { content: '路灯坏了，请尽快修理' });
    expect(reply).toMatchObject({ errcode: 0, result: { suggest: 'pass', label: 100 } });
    expect(reply.trace_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  test('when the text holds a risky word, then errcode is still 0 and suggest is risky', async () => {
    const sim = await simulator();
    const reply = await checkText(sim, { content: '内容含违禁测试词。' });
    expect(reply).toMatchObject({ errcode: 0, result: { suggest: 'risky' } });
    expect(reply.trace_id).toEqual(expect.any(String));
  });

  test('when the text or its title holds a review word, then suggest is review', async () => {
    const sim = await simulator();
    expect(await checkText(sim, { content: '待审测试词' })).toMatchObject({ result: { suggest: 'review' } });
    expect(await checkText(sim, { title: '待审测试词' })).toMatchObject({ result: { suggest: 'review' } });
  });

  test('when the word lists are configured, then they decide', async () => {
    const sim = await simulator({ riskyWords: ['香蕉'], reviewWords: ['苹果'] });
    expect(await checkText(sim, { content: '香蕉' })).toMatchObject({ result: { suggest: 'risky' } });
    expect(await checkText(sim, { content: '苹果' })).toMatchObject({ result: { suggest: 'review' } });
    expect(await checkText(sim, { content: '违禁测试词' })).toMatchObject({ result: { suggest: 'pass' } });
  });

  test('when version, openid or scene is wrong, then errcode 47001, 40003 or 40129', async () => {
    const sim = await simulator();
    expect(await checkText(sim, { version: 1 })).toMatchObject({ errcode: 47001 });
    expect(await checkText(sim, { openid: 'someone' })).toMatchObject({ errcode: 40003 });
    expect(await checkText(sim, { scene: 5 })).toMatchObject({ errcode: 40129 });
  });

  test('when the content is empty, too long, or not valid UTF-8, then errcode 44002 or 47001', async () => {
    const sim = await simulator();
    expect(await checkText(sim, { content: '' })).toMatchObject({ errcode: 44002 });
    expect(await checkText(sim, { content: '字'.repeat(2501) })).toMatchObject({ errcode: 47001 });
    expect(await checkText(sim, { content: `half an emoji ${'😀'.slice(0, 1)}` })).toMatchObject({ errcode: 47001 });
    expect(await checkText(sim, { content: '😀'.repeat(2500) })).toMatchObject({ errcode: 0 });
  });

  test('when the body is not JSON, then errcode 47001', async () => {
    const sim = await simulator();
    const res = await fetch(`${sim.url}/wxa/msg_sec_check?access_token=${await accessToken(sim)}`, {
      method: 'POST',
      body: '{"version": 2,',
    });
    expect(await res.json()).toMatchObject({ errcode: 47001 });
  });

  test('when the call is recorded, then it names the endpoint and the openid', async () => {
    const sim = await simulator();
    await checkText(sim, {});
    expect(sim.calls.at(-1)).toMatchObject({ endpoint: 'msg_sec_check', openid: citizen, errcode: 0 });
    expect(sim.callCount('msg_sec_check')).toBe(1);
  });
});

describe('WeChat simulator: wxa/media_check_async version 2', () => {
  test('when an image is submitted, then it answers a trace id and pushes a signed wxa_media_check event', async () => {
    const receiver = await pushReceiver();
    const sim = await simulator({ pushUrl: `${receiver.url}/wechat/push`, pushToken: 'push-token-1' });
    const reply = await checkMedia(sim);
    expect(reply).toMatchObject({ errcode: 0, trace_id: expect.any(String) });

    const push = await receiver.next();
    expect(push.path).toBe('/wechat/push');
    const { signature, timestamp, nonce } = push.query;
    expect(signature).toBe(sign('push-token-1', String(timestamp), String(nonce)));
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(push.body).toMatchObject({
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: appId,
      trace_id: reply.trace_id,
      version: 2,
      result: { suggest: 'pass', label: 100 },
      detail: [expect.objectContaining({ strategy: 'content_model', suggest: 'pass' })],
    });
  });

  test('when the URL names risky or review, then the pushed suggest says so', async () => {
    const receiver = await pushReceiver();
    const sim = await simulator({ pushUrl: receiver.url, pushToken: 't' });
    await checkMedia(sim, { media_url: 'https://cdn.example/risky.png' });
    expect((await receiver.next()).body).toMatchObject({ result: { suggest: 'risky' } });
    await checkMedia(sim, { media_url: 'https://cdn.example/review.png' });
    expect((await receiver.next()).body).toMatchObject({ result: { suggest: 'review' } });
  });

  test('when a judge function is configured and the target is set at run time, then both are used', async () => {
    const receiver = await pushReceiver();
    const sim = await simulator({ judgeMedia: () => 'review' });
    sim.setPushTarget(receiver.url, 'runtime-token');
    await checkMedia(sim);
    const push = await receiver.next();
    expect(push.body).toMatchObject({ result: { suggest: 'review' } });
    expect(push.query.signature).toBe(sign('runtime-token', String(push.query.timestamp), String(push.query.nonce)));
    await until(() => sim.pushes.length === 1);
    expect(sim.pushes).toEqual([expect.objectContaining({ status: 200 })]);
  });

  test('when media fetching is on and the URL cannot be downloaded, then the event carries errcode -1008 and no result', async () => {
    const receiver = await pushReceiver();
    const sim = await simulator({ pushUrl: receiver.url, pushToken: 't', fetchMedia: true });
    await checkMedia(sim, { media_url: `${receiver.url.replace(/:\d+$/, ':1')}/gone.png` });
    const event = (await receiver.next()).body as Json;
    expect(event).toMatchObject({ Event: 'wxa_media_check', errcode: -1008, detail: [] });
    expect(event.result).toBeUndefined();
  });

  test('when no push target is configured, then the attempt is recorded as undelivered', async () => {
    const sim = await simulator({ mediaCheckDelayMs: 0 });
    const reply = await checkMedia(sim);
    await until(() => sim.pushes.length === 1);
    expect(sim.pushes).toEqual([expect.objectContaining({ traceId: reply.trace_id, error: expect.any(String) })]);
  });

  test('when the media type, URL, openid or scene is wrong, then the matching errcode', async () => {
    const sim = await simulator();
    expect(await checkMedia(sim, { media_type: 3 })).toMatchObject({ errcode: 47001 });
    expect(await checkMedia(sim, { media_url: 'ftp://x/y.png' })).toMatchObject({ errcode: 47001 });
    expect(await checkMedia(sim, { openid: '' })).toMatchObject({ errcode: 40003 });
    expect(await checkMedia(sim, { scene: 0 })).toMatchObject({ errcode: 40129 });
    expect(sim.pushes).toEqual([]);
  });
});
