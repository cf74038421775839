import { Writable } from 'node:stream';
import { pushSignature } from '../src/adapters/wechat/push';
import pino from 'pino';
import { submit, validCase } from './support/cases';
import { uploadedPhoto } from './support/photos';
import { startTestApp, type TestApp } from './support/harness';

describe('content checked again later', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => t.close());

  const check = async (id: string) =>
    (await t.dataSource.query('SELECT content_check AS c FROM cases WHERE id = ?', [id]))[0].c;

  test('when WeChat could not check a case and later passes it, then it is marked checked and stays queued', async () => {
    t.wechat.faults.inject('msg_sec_check', { errcode: -1, times: 1 });
    const res = await submit(t, await t.signIn()).expect(201);
    expect(await check(res.body.id)).toBe('pending_recheck');
    await expect(t.jobs.recheckOnce()).resolves.toEqual({ checked: 1, held: 0 });
    expect(await check(res.body.id)).toBe('pass');
    const [outbox] = await t.dataSource.query('SELECT state FROM hotline_outbox WHERE case_id = ?', [res.body.id]);
    expect(outbox.state).toBe('pending');
  });

  test('when the later check says review, then the case is held for staff and its ticket is held back', async () => {
    t.wechat.faults.inject('msg_sec_check', { errcode: -1, times: 1 });
    const auth = await t.signIn();
    const res = await submit(t, auth, validCase({ content: '这段内容包含待审测试词，需要人工看一下。' })).expect(201);
    await expect(t.jobs.recheckOnce()).resolves.toEqual({ checked: 1, held: 1 });
    const detail = await t.http.get(`/api/v1/cases/${res.body.id}`).set('Authorization', auth).expect(200);
    expect(detail.body.flags.heldForReview).toBe(true);
    expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submit', 'content_held']);
    const [outbox] = await t.dataSource.query('SELECT state FROM hotline_outbox WHERE case_id = ?', [res.body.id]);
    expect(outbox.state).toBe('held');
  });

  test('when WeChat is still unreachable, then the case waits for the next pass', async () => {
    t.wechat.faults.inject('msg_sec_check', { errcode: -1, times: 2 });
    const res = await submit(t, await t.signIn()).expect(201);
    await expect(t.jobs.recheckOnce()).resolves.toEqual({ checked: 0, held: 0 });
    expect(await check(res.body.id)).toBe('pending_recheck');
  });
});

describe('image checks pushed back by WeChat', () => {
  let t: TestApp;
  beforeEach(async () => {
    // WeChat fetches the photo itself, so its link must be absolute.
    t = await startTestApp({ config: { http: { publicUrl: 'https://hotline.example.gov.cn' } } });
  });
  afterEach(async () => t.close());

  function pushed(body: object, at = t.clock.now()) {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const nonce = `n${Math.random().toString(36).slice(2, 12)}`;
    const signature = pushSignature(t.config.wechat.pushToken as string, timestamp, nonce);
    return t.http.post('/api/v1/wechat/push').query({ signature, timestamp, nonce }).send(body);
  }

  test('when the verdict of an uploaded photo arrives signed, then the photo records it', async () => {
    const photo = await uploadedPhoto(t, await t.signIn());
    expect(photo.state).toBe('pending');
    const event = {
      ToUserName: 'gh_x',
      FromUserName: 'o',
      CreateTime: 1,
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx',
      trace_id: photo.traceId,
      version: 2,
      result: { suggest: 'risky', label: 20002 },
      detail: [],
    };
    await pushed(event).expect(200, 'success');
    const [after] = await t.dataSource.query('SELECT media_check AS state FROM photos WHERE id = ?', [photo.id]);
    expect(after.state).toBe('risky');
  });

  test('when a push is forged or stale, then it is refused and nothing changes', async () => {
    await t.http
      .post('/api/v1/wechat/push')
      .query({ signature: 'f'.repeat(40), timestamp: '1', nonce: 'abc' })
      .send({})
      .expect(401);
    await pushed({ Event: 'wxa_media_check' }, new Date(t.clock.now().getTime() - 3600_000)).expect(401);
  });

  test('when WeChat verifies the push URL, then the echo string comes back', async () => {
    const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
    const signature = pushSignature(t.config.wechat.pushToken as string, timestamp, 'nonce123');
    await t.http
      .get('/api/v1/wechat/push')
      .query({ signature, timestamp, nonce: 'nonce123', echostr: 'hello-wechat' })
      .expect(200, 'hello-wechat');
  });
});

describe('logs', () => {
  test('when a case with contact data is submitted, then no log line carries the phone, the name or the text', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t = await startTestApp({ logger: pino({ level: 'debug' }, sink) });
    try {
      await submit(t, await t.signIn(), validCase({ contact: { name: '王小明', phone: '13912345678' } })).expect(201);
      await submit(t, await t.signIn(), validCase({ contact: { phone: 'not-a-phone' } })).expect(400);
      const all = lines.join('');
      expect(lines.length).toBeGreaterThan(0);
      expect(all).toContain('"path":"/api/v1/cases"');
      for (const secret of ['13912345678', '王小明', '小区门口的路灯', 'Bearer ', 'not-a-phone'])
        expect(all).not.toContain(secret);
    } finally {
      await t.close();
    }
  });
});
