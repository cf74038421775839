import { CONTENT_MAX_CHARS } from '@hotline/shared-types';
import { issueToken } from '../src/modules/auth/session-token';
import { newKey, submit, validCase } from './support/cases';
import { startTestApp, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const count = async (table: string): Promise<number> =>
  Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

describe('submitting a case', () => {
  test('when a signed-in citizen submits a valid case, then it is stored with its timeline, deadline and outbox row', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth).expect(201);
    expect(res.body).toMatchObject({
      type: 'complaint',
      category: 'C04',
      categoryName: '市容环卫',
      status: 'submitted',
      title: '小区门口的路灯已经坏了一个多月，晚上出行…',
      ticketNo: null,
      overdue: false,
      location: { address: '漯河市郾城区沙北街道黄河路100号', regionCode: '411103001', regionName: '沙北街道' },
      contact: { name: '张*', phone: '138****5678' },
      anonymous: false,
      confidential: false,
      flags: { supervised: false, urged: false, heldForReview: false },
      canWithdraw: true,
    });
    // 2026-03-02 (Monday, Beijing) + 15 working days = Monday 2026-03-23, end of day.
    expect(res.body.dueAt).toBe('2026-03-23T15:59:59.999Z');
    expect(res.body.timeline.map((e: { kind: string; source: string }) => [e.kind, e.source])).toEqual([
      ['submit', 'citizen'],
    ]);
    const [outbox] = await t.dataSource.query('SELECT kind, state FROM hotline_outbox WHERE case_id = ?', [
      res.body.id,
    ]);
    expect(outbox).toEqual({ kind: 'create_ticket', state: 'pending' });
  });

  test('when contact data is stored, then it is encrypted with a lookup hash and never in plain text', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth).expect(201);
    const [row] = await t.dataSource.query(
      'SELECT contact_name_enc AS name, contact_phone_enc AS phone, contact_phone_hash AS hash FROM cases WHERE id = ?',
      [res.body.id],
    );
    expect(row.phone).toMatch(/^v1\.t1\./);
    expect(row.phone).not.toContain('13812345678');
    expect(row.name).not.toContain('张三');
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('when the content has emoji and rare CJK characters, then they round-trip unchanged', async () => {
    const auth = await t.signIn();
    const content = '𠀀𪚥𰻞😀👨‍👩‍👧 龘靐齉 — 4-byte and joined characters';
    const res = await submit(t, auth, validCase({ type: 'praise', content })).expect(201);
    const detail = await t.http.get(`/api/v1/cases/${res.body.id}`).set('Authorization', auth).expect(200);
    expect(detail.body.content).toBe(content);
    const [row] = await t.dataSource.query('SELECT content FROM cases WHERE id = ?', [res.body.id]);
    expect(row.content).toBe(content);
  });

  test('when content is exactly the maximum in 4-byte characters, then it is accepted; one more is refused', async () => {
    const auth = await t.signIn();
    await submit(t, auth, validCase({ content: '😀'.repeat(CONTENT_MAX_CHARS) })).expect(201);
    const res = await submit(t, auth, validCase({ content: '😀'.repeat(CONTENT_MAX_CHARS + 1) })).expect(400);
    expect(res.body.error.details.fields).toEqual([{ path: 'content', message: '诉求内容不能超过2000个字' }]);
  });

  const photoIds = Array.from({ length: 10 }, (_, i) => `01J0000000000000000000000${i}`.slice(0, 26));
  test.each([
    ['an unknown type', { type: 'gossip' }, 'type', '请选择诉求类型'],
    ['content of the wrong type', { content: 12345678901 }, 'content', '请填写诉求内容'],
    ['content too short', { content: '太短了' }, 'content', '诉求内容至少10个字'],
    ['only spaces', { content: '              ' }, 'content', '诉求内容至少10个字'],
    ['an unknown field', { isAdmin: true }, 'isAdmin', '包含不支持的字段'],
    ['an unknown category', { category: 'Z99' }, 'category', '请选择有效的诉求分类'],
    ['no privacy consent', { privacyConsent: false }, 'privacyConsent', '请阅读并同意隐私保护指引'],
    ['too many photos', { photoIds }, 'photoIds', '最多上传9张照片'],
    ['a badly formed phone', { contact: { phone: '12345' } }, 'contact.phone', '请填写正确的手机号或固定电话'],
    ['no phone and not anonymous', { contact: { name: '张三' } }, 'contact.phone', '请填写联系电话，或选择匿名提交'],
    ['contact on an anonymous case', { anonymous: true }, 'contact', '匿名提交时无需填写联系方式'],
    ['a latitude without longitude', { location: { latitude: 33.5 } }, 'location', '经纬度需同时提供'],
    ['an over-long address', { location: { address: '路'.repeat(201) } }, 'location.address', '地址不能超过200个字'],
  ])('when the body has %s, then 400 names the field and nothing is stored', async (_n, change, path, message) => {
    const auth = await t.signIn();
    const before = await count('cases');
    const res = await submit(t, auth, { ...validCase(), ...change }).expect(400);
    // The envelope's message is the field's own, what the form shows when it cannot place the issue.
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message });
    // The one field at fault is named, and no other: a change to one field never blames the valid rest.
    expect(res.body.error.details.fields).toEqual([{ path, message }]);
    expect(await count('cases')).toBe(before);
  });

  test('when the body is an array or not JSON, then 400 and nothing is stored', async () => {
    const auth = await t.signIn();
    const before = await count('cases');
    const array = await submit(t, auth, [validCase()]).expect(400);
    expect(array.body.error.details.fields).toContainEqual({ path: '', message: '请求内容应为对象' });
    const broken = await t.http
      .post('/api/v1/cases')
      .set('Authorization', auth)
      .set('Idempotency-Key', newKey())
      .set('Content-Type', 'application/json')
      .send('{"type":');
    expect([broken.status, broken.body.error.code]).toEqual([400, 'INVALID_JSON']);
    expect(await count('cases')).toBe(before);
  });

  test('when the body is larger than the limit, then 413 PAYLOAD_TOO_LARGE', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth, validCase({ content: 'x'.repeat(70 * 1024) }));
    expect([res.status, res.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  test('when an anonymous case is submitted, then it has no contact data at all', async () => {
    const auth = await t.signIn();
    const { contact: _dropped, ...rest } = validCase();
    const res = await submit(t, auth, { ...rest, anonymous: true, confidential: true }).expect(201);
    expect(res.body).toMatchObject({ anonymous: true, confidential: true, contact: null });
  });

  test('when the phone comes from the getPhoneNumber button, then the BFF exchanges the code for it', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth, validCase({ contact: { phoneCode: 'phone-13987654321' } })).expect(201);
    expect(res.body.contact).toEqual({ name: null, phone: '139****4321' });
    const bad = await submit(t, auth, validCase({ contact: { phoneCode: 'invalid-code' } })).expect(400);
    expect(bad.body.error.code).toBe('PHONE_CODE_INVALID');
    expect(bad.body.error.details.fields[0].path).toBe('contact.phoneCode');
  });
});

describe('content security', () => {
  test('when the text is risky, then it is refused with a readable message and nothing is stored', async () => {
    const auth = await t.signIn();
    const before = await count('cases');
    const res = await submit(t, auth, validCase({ content: '这里有一个违禁测试词，请处理这个问题。' })).expect(400);
    expect(res.body.error).toMatchObject({ code: 'CONTENT_RISKY', message: '内容可能含有违规信息，请修改后再提交' });
    expect(await count('cases')).toBe(before);
  });

  test('when the text needs review, then the case is accepted but held back from the hotline', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth, validCase({ content: '这段内容包含待审测试词，需要人工看一下。' })).expect(201);
    expect(res.body.flags.heldForReview).toBe(true);
    expect(res.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submit', 'content_held']);
    const [outbox] = await t.dataSource.query('SELECT state FROM hotline_outbox WHERE case_id = ?', [res.body.id]);
    expect(outbox.state).toBe('held');
  });

  test('when WeChat cannot be reached, then the case is accepted and marked for a later check', async () => {
    const down = await startTestApp();
    try {
      const auth = await down.signIn();
      await down.wechat.close();
      const res = await submit(down, auth).expect(201);
      const [row] = await down.dataSource.query('SELECT content_check AS c FROM cases WHERE id = ?', [res.body.id]);
      expect(row.c).toBe('pending_recheck');
    } finally {
      await down.close();
    }
  });
});

describe('idempotent submission', () => {
  test('when the same draft is sent twice, then the second answer is 200 with the same case', async () => {
    const auth = await t.signIn();
    const key = newKey();
    const first = await submit(t, auth, validCase(), key).expect(201);
    const again = await submit(t, auth, validCase(), key).expect(200);
    expect(again.body).toEqual(first.body);
  });

  test('when a key is reused with a different body, then 409 and nothing new is stored', async () => {
    const auth = await t.signIn();
    const key = newKey();
    await submit(t, auth, validCase(), key).expect(201);
    const before = await count('cases');
    const res = await submit(t, auth, validCase({ content: '完全不同的另一件事情，需要另外处理。' }), key).expect(409);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('cases')).toBe(before);
  });

  test('when the same draft arrives five times at once, then exactly one case and one outbox row exist', async () => {
    const auth = await t.signIn();
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit(t, auth, validCase(), key)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const rows = await t.dataSource.query('SELECT id FROM cases WHERE idempotency_key = ?', [key]);
    expect(rows).toHaveLength(1);
    const outbox = await t.dataSource.query('SELECT id FROM hotline_outbox WHERE case_id = ?', [rows[0].id]);
    expect(outbox).toHaveLength(1);
  });

  test('when the key is missing or malformed, then 400 names the header', async () => {
    const auth = await t.signIn();
    const missing = await t.http.post('/api/v1/cases').set('Authorization', auth).send(validCase()).expect(400);
    expect(missing.body.error.details.fields).toEqual([
      { path: 'idempotency-key', message: '缺少提交凭证，请刷新后重试' },
    ]);
    await submit(t, auth, validCase(), 'short').expect(400);
  });

  test('when two citizens use the same key, then each gets their own case', async () => {
    const key = newKey();
    const a = await submit(t, await t.signIn(), validCase(), key).expect(201);
    const b = await submit(t, await t.signIn(), validCase(), key).expect(201);
    expect(a.body.id).not.toBe(b.body.id);
  });
});

describe('rate limits', () => {
  test('when a citizen submits more than the hourly limit, then 429 with Retry-After, and the next hour is fine', async () => {
    const limited = await startTestApp({ config: { rateLimits: { casesPerCitizenPerHour: 2 } } });
    try {
      const auth = await limited.signIn();
      await submit(limited, auth).expect(201);
      await submit(limited, auth).expect(201);
      const refused = await submit(limited, auth).expect(429);
      expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await submit(limited, await limited.signIn()).expect(201);
      limited.clock.advance(3600_000);
      await submit(limited, auth).expect(201);
    } finally {
      await limited.close();
    }
  });

  test('when one address submits more than its limit, then every citizen behind it is refused', async () => {
    const limited = await startTestApp({ config: { rateLimits: { casesPerIpPerHour: 1 } } });
    try {
      await submit(limited, await limited.signIn()).expect(201);
      await submit(limited, await limited.signIn()).expect(429);
    } finally {
      await limited.close();
    }
  });
});

describe('deadlines', () => {
  test('when the deadline falls in a year without calendar data, then the case is accepted without a due date', async () => {
    const late = await startTestApp();
    try {
      late.clock.advance(Date.parse('2026-12-20T02:00:00Z') - late.clock.now().getTime());
      const res = await submit(late, await late.signIn()).expect(201);
      expect(res.body.dueAt).toBeNull();
    } finally {
      await late.close();
    }
  });

  test('when the due time passes, then the case is shown as overdue', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth, validCase({ type: 'consultation' })).expect(201);
    t.clock.advance(10 * 24 * 3600_000);
    const detail = await t.http.get(`/api/v1/cases/${res.body.id}`).set('Authorization', auth).expect(200);
    t.clock.advance(-10 * 24 * 3600_000);
    expect(detail.body.overdue).toBe(true);
  });
});

describe('reading my cases', () => {
  test('when two citizens have cases, then each lists only their own, newest first', async () => {
    const alice = await t.signIn();
    const bob = await t.signIn();
    for (const n of [1, 2, 3]) {
      await submit(t, alice, validCase({ content: `爱丽丝的第${n}个求助，内容足够长。` })).expect(201);
      t.clock.advance(1000);
    }
    await submit(t, bob, validCase({ content: '鲍勃举报一个占道经营的问题。' })).expect(201);
    const mine = await t.http.get('/api/v1/cases').set('Authorization', alice).expect(200);
    expect(mine.body.items.map((c: { content: string }) => c.content)).toEqual([
      '爱丽丝的第3个求助，内容足够长。',
      '爱丽丝的第2个求助，内容足够长。',
      '爱丽丝的第1个求助，内容足够长。',
    ]);
    expect((await t.http.get('/api/v1/cases').set('Authorization', bob).expect(200)).body.items).toHaveLength(1);
  });

  test('when another citizen asks for my case by id, then 404 exactly as for a case that does not exist', async () => {
    const owner = await t.signIn();
    const other = await t.signIn();
    const res = await submit(t, owner).expect(201);
    const theirs = await t.http.get(`/api/v1/cases/${res.body.id}`).set('Authorization', other).expect(404);
    const missing = await t.http
      .get('/api/v1/cases/01ARZ3NDEKTSV4RRFFQ69G5FAV')
      .set('Authorization', other)
      .expect(404);
    const malformed = await t.http.get('/api/v1/cases/..%2F..%2Fetc').set('Authorization', other).expect(404);
    expect(theirs.body.error.code).toBe('NOT_FOUND');
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect(malformed.body.error.code).toBe('NOT_FOUND');
    await t.http.post(`/api/v1/cases/${res.body.id}/withdraw`).set('Authorization', other).send({}).expect(404);
  });

  test('when the list is filtered by status and paged, then the cursor walks every matching case once', async () => {
    const auth = await t.signIn();
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      ids.push((await submit(t, auth, validCase({ content: `咨询第${n}个问题，请问如何办理？` })).expect(201)).body.id);
      t.clock.advance(10);
    }
    await t.http.post(`/api/v1/cases/${ids[0]}/withdraw`).set('Authorization', auth).send({}).expect(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { limit: 2, status: 'submitted', ...(cursor ? { cursor } : {}) };
      const page = await t.http.get('/api/v1/cases').query(query).set('Authorization', auth).expect(200);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(ids.slice(1).sort());
    const withdrawn = await t.http
      .get('/api/v1/cases')
      .query({ status: 'withdrawn' })
      .set('Authorization', auth)
      .expect(200);
    expect(withdrawn.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
  });

  test('when the query is invalid, then 400 names the parameter', async () => {
    const auth = await t.signIn();
    for (const [query, path] of [
      [{ limit: 500 }, 'limit'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ status: 'lost' }, 'status'],
      [{ sort: 'id' }, 'sort'],
    ] as const) {
      const res = await t.http.get('/api/v1/cases').query(query).set('Authorization', auth).expect(400);
      expect(res.body.error.details.fields[0].path).toBe(path);
    }
  });
});

describe('withdrawing', () => {
  test('when a submitted case is withdrawn, then its ticket is never sent and the timeline says so', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth).expect(201);
    const withdrawn = await t.http
      .post(`/api/v1/cases/${res.body.id}/withdraw`)
      .set('Authorization', auth)
      .send({ reason: '问题已经解决了' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', canWithdraw: false });
    expect(withdrawn.body.timeline.at(-1)).toMatchObject({
      kind: 'withdraw',
      fromStatus: 'submitted',
      toStatus: 'withdrawn',
      note: '问题已经解决了',
    });
    const outbox = await t.dataSource.query('SELECT kind, state FROM hotline_outbox WHERE case_id = ?', [res.body.id]);
    expect(outbox).toEqual([{ kind: 'create_ticket', state: 'cancelled' }]);
  });

  test('when the case is already withdrawn or accepted, then 409 INVALID_TRANSITION and nothing changes', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth).expect(201);
    await t.http.post(`/api/v1/cases/${res.body.id}/withdraw`).set('Authorization', auth).send({}).expect(200);
    const again = await t.http
      .post(`/api/v1/cases/${res.body.id}/withdraw`)
      .set('Authorization', auth)
      .send({})
      .expect(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
    const accepted = await submit(t, auth).expect(201);
    await t.dataSource.query("UPDATE cases SET status = 'accepted' WHERE id = ?", [accepted.body.id]);
    await t.http.post(`/api/v1/cases/${accepted.body.id}/withdraw`).set('Authorization', auth).send({}).expect(409);
  });

  test('when the hotline already has the case, then a withdrawal message is queued after the ticket', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth).expect(201);
    await t.dataSource.query("UPDATE cases SET status = 'forwarded' WHERE id = ?", [res.body.id]);
    await t.dataSource.query("UPDATE hotline_outbox SET state = 'sent' WHERE case_id = ?", [res.body.id]);
    await t.http.post(`/api/v1/cases/${res.body.id}/withdraw`).set('Authorization', auth).send({}).expect(200);
    const outbox = await t.dataSource.query(
      'SELECT seq, kind, state FROM hotline_outbox WHERE case_id = ? ORDER BY seq',
      [res.body.id],
    );
    expect(outbox).toEqual([
      { seq: 1, kind: 'create_ticket', state: 'sent' },
      { seq: 2, kind: 'withdraw', state: 'pending' },
    ]);
  });
});

describe('categories', () => {
  test('when the categories are listed, then the 26 disclosure areas and the city categories come with aliases', async () => {
    const res = await t.http.get('/api/v1/categories').expect(200);
    expect(res.body.items).toHaveLength(33);
    expect(res.body.items).toContainEqual({
      code: 'A11',
      name: '环境保护',
      aliases: ['生态环境'],
      kind: 'disclosure_area',
    });
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
    t.clock.advance(-(t.tokens.ttlSeconds * 1000 + 1));
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
    expect([res.status, res.body.error.code]).toEqual([502, 'WECHAT_UNAVAILABLE']);
    await down.close();
  });
});
