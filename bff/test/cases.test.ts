import { CONTENT_MAX_CHARS } from '@hotline/shared-types';
import { issueToken } from '../src/modules/auth/session-token';
import { startTestApp, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const validCase = { type: 'complaint', content: '小区门口的路灯已经坏了一个多月，晚上出行很不方便。' };

describe('submitting a case', () => {
  test('when a signed-in citizen submits a valid case, then it is stored as submitted and answered with 201', async () => {
    const auth = await t.signIn();
    const res = await t.http.post('/api/v1/cases').set('Authorization', auth).send(validCase).expect(201);
    expect(res.body).toMatchObject({ type: 'complaint', status: 'submitted', content: validCase.content });
    expect(res.body.title).toBe('小区门口的路灯已经坏了一个多月，晚上出行…');
    const [row] = await t.dataSource.query('SELECT status, content FROM cases WHERE id = ?', [res.body.id]);
    expect(row).toEqual({ status: 'submitted', content: validCase.content });
  });

  test('when the content has emoji and rare CJK characters, then they round-trip unchanged and count as one each', async () => {
    const auth = await t.signIn();
    const content = '𠀀𪚥𰻞😀👨‍👩‍👧 龘靐齉 — 4-byte and joined characters';
    const res = await t.http
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .send({ type: 'praise', content })
      .expect(201);
    const list = await t.http.get('/api/v1/cases').set('Authorization', auth).expect(200);
    expect(list.body.items[0].content).toBe(content);
    const [row] = await t.dataSource.query('SELECT content FROM cases WHERE id = ?', [res.body.id]);
    expect(row.content).toBe(content);
  });

  test('when content is exactly the maximum in 4-byte characters, then it is accepted; one more is refused', async () => {
    const auth = await t.signIn();
    await t.http
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .send({ type: 'suggestion', content: '😀'.repeat(CONTENT_MAX_CHARS) })
      .expect(201);
    const res = await t.http
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .send({ type: 'suggestion', content: '😀'.repeat(CONTENT_MAX_CHARS + 1) })
      .expect(400);
    expect(res.body.error.details.fields).toEqual([{ path: 'content', message: '诉求内容不能超过2000个字' }]);
  });

  test.each([
    ['an unknown type', { type: 'gossip', content: validCase.content }, 'type', '请选择诉求类型'],
    ['content of the wrong type', { type: 'help', content: 12345678901 }, 'content', '请填写诉求内容'],
    ['content too short', { type: 'help', content: '太短了' }, 'content', '诉求内容至少10个字'],
    ['only spaces', { type: 'help', content: '              ' }, 'content', '诉求内容至少10个字'],
    ['an unknown field', { ...validCase, isAdmin: true }, 'isAdmin', '包含不支持的字段'],
    ['an array body', [validCase], '', '请求内容应为对象'],
  ])(
    'when the body has %s, then 400 VALIDATION_FAILED names the field and nothing is stored',
    async (_n, body, path, message) => {
      const auth = await t.signIn();
      const before = await t.dataSource.query('SELECT COUNT(*) AS n FROM cases');
      const res = await t.http
        .post('/api/v1/cases')
        .set('Authorization', auth)
        .send(body as object)
        .expect(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.body.error.details.fields).toContainEqual({ path, message });
      expect(typeof res.body.error.requestId).toBe('string');
      expect(await t.dataSource.query('SELECT COUNT(*) AS n FROM cases')).toEqual(before);
    },
  );

  test('when the body is not JSON, then 400 INVALID_JSON', async () => {
    const auth = await t.signIn();
    const res = await t.http
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send('{"type":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  test('when the body is larger than the limit, then 413 PAYLOAD_TOO_LARGE', async () => {
    const auth = await t.signIn();
    const res = await t.http
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .send({ type: 'help', content: 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('listing my cases', () => {
  test('when two citizens have cases, then each sees only their own, newest first', async () => {
    const alice = await t.signIn();
    const bob = await t.signIn();
    for (const n of [1, 2, 3]) {
      await t.http
        .post('/api/v1/cases')
        .set('Authorization', alice)
        .send({ type: 'help', content: `爱丽丝的第${n}个求助，内容足够长。` })
        .expect(201);
      t.clock.advance(1000);
    }
    await t.http
      .post('/api/v1/cases')
      .set('Authorization', bob)
      .send({ type: 'report', content: '鲍勃举报一个占道经营的问题。' })
      .expect(201);

    const mine = await t.http.get('/api/v1/cases').set('Authorization', alice).expect(200);
    expect(mine.body.items.map((c: { content: string }) => c.content)).toEqual([
      '爱丽丝的第3个求助，内容足够长。',
      '爱丽丝的第2个求助，内容足够长。',
      '爱丽丝的第1个求助，内容足够长。',
    ]);
    const theirs = await t.http.get('/api/v1/cases').set('Authorization', bob).expect(200);
    expect(theirs.body.items).toHaveLength(1);
  });

  test('when there are more cases than the page size, then the cursor walks every case exactly once', async () => {
    const auth = await t.signIn();
    for (let n = 0; n < 5; n += 1) {
      await t.http
        .post('/api/v1/cases')
        .set('Authorization', auth)
        .send({ type: 'consultation', content: `咨询第${n}个问题，请问如何办理？` })
        .expect(201);
      t.clock.advance(10);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { limit: 2, ...(cursor ? { cursor } : {}) };
      const page = await t.http.get('/api/v1/cases').query(query).set('Authorization', auth).expect(200);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  test('when the paging query is invalid, then 400 names the parameter', async () => {
    const auth = await t.signIn();
    const bad = await t.http.get('/api/v1/cases').query({ limit: 500 }).set('Authorization', auth).expect(400);
    expect(bad.body.error.details.fields[0].path).toBe('limit');
    const cursor = await t.http
      .get('/api/v1/cases')
      .query({ cursor: 'not-a-cursor' })
      .set('Authorization', auth)
      .expect(400);
    expect(cursor.body.error.details.fields[0].path).toBe('cursor');
  });
});

describe('authentication', () => {
  test('when no token is sent, then 401 UNAUTHENTICATED', async () => {
    const res = await t.http.get('/api/v1/cases').expect(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  test('when the token is tampered with, then 401 TOKEN_INVALID', async () => {
    const auth = await t.signIn();
    const [head, payload, sig] = auth.slice('Bearer '.length).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'SOMEONEELSE', aud: 'test', exp: 9999999999 })).toString(
      'base64url',
    );
    for (const token of [`${head}.${forged}.${sig}`, `${head}.${payload}.x${sig}`, 'garbage', `${head}.${payload}`]) {
      const res = await t.http.get('/api/v1/cases').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.error.code).toBe('TOKEN_INVALID');
    }
  });

  test('when the token comes from another environment, then 401 TOKEN_INVALID', async () => {
    const { token } = issueToken({ ...t.tokens, audience: 'production' }, 'X', t.clock.now());
    const res = await t.http.get('/api/v1/cases').set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.body.error.code).toBe('TOKEN_INVALID');
  });

  test('when the token has expired, then 401 TOKEN_EXPIRED', async () => {
    const auth = await t.signIn();
    t.clock.advance(t.tokens.ttlSeconds * 1000 + 1);
    const res = await t.http.get('/api/v1/cases').set('Authorization', auth).expect(401);
    expect(res.body.error.code).toBe('TOKEN_EXPIRED');
  });

  test('when the same WeChat user signs in again, then they are the same citizen', async () => {
    const first = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'h5-demo-same-person' }).expect(200);
    const second = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'h5-demo-same-person' }).expect(200);
    expect(second.body.citizen.id).toBe(first.body.citizen.id);
  });

  test('when a wx.login code is reused or invalid, then 400 WECHAT_CODE_INVALID', async () => {
    await t.http.post('/api/v1/auth/wechat-login').send({ code: 'once-only' }).expect(200);
    const reused = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'once-only' }).expect(400);
    expect(reused.body.error.code).toBe('WECHAT_CODE_INVALID');
    const empty = await t.http.post('/api/v1/auth/wechat-login').send({ code: '' }).expect(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
  });

  test('when WeChat is unreachable, then 502 WECHAT_UNAVAILABLE', async () => {
    const down = await startTestApp();
    await down.wechat.close();
    const res = await down.http.post('/api/v1/auth/wechat-login').send({ code: 'any' });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
    await down.close();
  });
});
