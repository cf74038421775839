import { randomBytes } from 'node:crypto';
import { errorEnvelopeSchema } from '@hotline/shared-types';
import { changedTables, prototypeFingerprint, tableChecksums } from '../../bench/lib/fuzz-gen.cjs';
import { pushSignature } from '../src/adapters/wechat/push';
import { testDialect } from './support/database';
import { uploadedPhoto } from './support/photos';
import { startTestApp, type TestApp } from './support/harness';

// WeChat's message push with a valid signature (it signs the query, not the body): whatever body comes, no answer
// is a 5xx, and nothing but a well-formed verdict for a known check changes a row.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { http: { publicUrl: 'https://hotline.example.gov.cn' } } });
});
afterAll(async () => t.close());

function signedQuery() {
  const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return { signature: pushSignature(t.config.wechat.pushToken as string, timestamp, nonce), timestamp, nonce };
}

function pushRaw(raw: string, contentType = 'application/json') {
  return t.http
    .post('/api/v1/wechat/push')
    .query(signedQuery())
    .set('Content-Type', contentType)
    .set('content-length', String(Buffer.byteLength(raw)))
    .send(raw);
}

const checksums = () =>
  tableChecksums((sql: string, params?: unknown[]) => t.dataSource.query(sql, params), testDialect());

const verdict = (traceId: unknown, overrides: Record<string, unknown> = {}) => ({
  ToUserName: 'gh_test',
  FromUserName: 'o_system',
  CreateTime: 1764300000,
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: t.config.wechat.appId,
  trace_id: traceId,
  version: 2,
  result: { suggest: 'risky', label: 20002 },
  detail: [],
  ...overrides,
});

test('when signed pushes carry bodies that are not a verdict for a known check, then no 5xx and no row changes', async () => {
  const photo = await uploadedPhoto(t, await t.signIn());
  const before = await checksums();
  const prototypes = prototypeFingerprint();
  const bodies: [string, string?][] = [
    ['not json'],
    ['{"Event": '],
    ['null'],
    ['[]'],
    ['42'],
    ['"wxa_media_check"'],
    ['{}'],
    [`${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['<xml><Event><![CDATA[wxa_media_check]]></Event></xml>', 'text/xml'],
    ['Event=wxa_media_check', 'application/x-www-form-urlencoded'],
    [JSON.stringify(verdict('unknown-trace-id'))],
    [JSON.stringify(verdict('t'.repeat(100_000)))],
    [JSON.stringify(verdict(photo.traceId, { Event: 'user_enter_tempsession' }))],
    [JSON.stringify(verdict(photo.traceId, { result: { suggest: 'explode', label: 20002 } }))],
    [JSON.stringify(verdict(photo.traceId, { result: { suggest: 'risky', label: 'x' } }))],
    [JSON.stringify(verdict(photo.traceId, { result: null }))],
    [JSON.stringify(verdict(photo.traceId, { version: 3 }))],
    [JSON.stringify(verdict(photo.traceId, { appid: '' }))],
    [JSON.stringify(verdict(42))],
    [JSON.stringify(verdict(['a']))],
    [JSON.stringify(verdict(photo.traceId, { detail: 'none' }))],
    ['{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'],
  ];
  for (const [raw, type] of bodies) {
    const res = await pushRaw(raw, type);
    const label = `${type ?? 'json'} ${raw.slice(0, 50)}`;
    expect({ label, serverError: res.status >= 500 }).toEqual({ label, serverError: false });
    if (res.status >= 400) expect(errorEnvelopeSchema.safeParse(res.body).success).toBe(true);
  }
  expect(changedTables(before, await checksums())).toEqual([]);
  expect(prototypeFingerprint()).toBe(prototypes);

  // The same endpoint still takes a well-formed verdict.
  await pushRaw(JSON.stringify(verdict(photo.traceId))).expect(200, 'success');
  const [after] = await t.dataSource.query('SELECT media_check AS state FROM photos WHERE id = ?', [photo.id]);
  expect(after.state).toBe('risky');
});

test('when the URL check carries odd echo strings, then it answers them as text, never a 5xx', async () => {
  for (const echostr of ['', 'x'.repeat(10_000), '<script>alert(1)</script>', '回声']) {
    const res = await t.http.get('/api/v1/wechat/push').query({ ...signedQuery(), echostr });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe(echostr);
  }
  const twice = await t.http.get(
    `/api/v1/wechat/push?${new URLSearchParams({ ...signedQuery() }).toString()}&echostr=a&echostr=b`,
  );
  expect(twice.status).toBeLessThan(500);
});
