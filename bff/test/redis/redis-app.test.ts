import { signRequest } from '../../src/adapters/hotline/signing';
import { freePort } from '../../../scripts/lib/bff-process.cjs';
import { startTestApp, type TestApp } from '../support/harness';
import { submit } from '../support/cases';
import { startThrowawayRedis, testKeyPrefix, type ThrowawayRedis } from '../support/redis';

/** The app composed with REDIS_URL set: its limits and nonces live in Redis, and a Redis outage is a 503. */
let server: ThrowawayRedis;
let t: TestApp;

beforeAll(async () => {
  server = await startThrowawayRedis();
  t = await startTestApp({
    config: {
      redis: { url: server.url, keyPrefix: testKeyPrefix(), commandTimeoutMs: 300 },
      rateLimits: { casesPerCitizenPerHour: 2 },
    },
  });
});

afterAll(async () => {
  await t?.close();
  await server?.stop();
});

const EMPTY = JSON.stringify({ events: [] });

function signedHeaders(body: string): Record<string, string> {
  const [keyId, secret] = (t.config.hotline.inboundKeys as string).split(':') as [string, string];
  return signRequest({ method: 'POST', path: '/api/v1/hotline/events', body, keyId, secret, now: t.clock.now() });
}

const callback = (body: string, headers: Record<string, string>) =>
  t.http.post('/api/v1/hotline/events').set(headers).set('Content-Type', 'application/json').send(body);

test('when Redis is configured, then readiness reports it', async () => {
  const res = await t.http.get('/readyz').expect(200);
  expect(res.body.checks).toMatchObject({ database: 'ok', redis: 'ok' });
});

test('when a citizen goes over the limit, then the count kept in Redis refuses the next case', async () => {
  const auth = await t.signIn();
  await submit(t, auth).expect(201);
  await submit(t, auth).expect(201);
  const refused = await submit(t, auth).expect(429);
  expect(refused.body.error.code).toBe('RATE_LIMITED');
});

test('when a signed callback is replayed, then the nonce kept in Redis refuses it', async () => {
  const headers = signedHeaders(EMPTY);
  await callback(EMPTY, headers).expect(200);
  const replay = await callback(EMPTY, headers).expect(401);
  expect(replay.body.error.details).toEqual({ reason: 'REPLAYED' });
});

test('when Redis is down, then requests that need it answer 503 at once and readiness says so', async () => {
  const auth = await t.signIn();
  await server.stop();
  const caseRes = await submit(t, auth).expect(503);
  expect(caseRes.body.error.code).toBe('SERVICE_UNAVAILABLE');
  const refused = await callback(EMPTY, signedHeaders(EMPTY)).expect(503);
  expect(refused.body.error.code).toBe('SERVICE_UNAVAILABLE');
  const ready = await t.http.get('/readyz').expect(503);
  expect(ready.body).toMatchObject({ status: 'not_ready', checks: { database: 'ok', redis: 'unreachable' } });
  // Reading one's own cases needs no shared state and goes on working.
  await t.http.get('/api/v1/cases').set('Authorization', auth).expect(200);
}, 15_000);

test('when an app starts while Redis is unreachable, then it is not ready and refuses what needs Redis', async () => {
  const nobody = `redis://127.0.0.1:${await freePort()}`;
  const early = await startTestApp({ config: { redis: { url: nobody, commandTimeoutMs: 200 } } });
  try {
    const ready = await early.http.get('/readyz').expect(503);
    expect(ready.body.checks).toMatchObject({ database: 'ok', redis: 'unreachable' });
    const res = await submit(early, await early.signIn()).expect(503);
    expect(res.headers['retry-after']).toBe('5');
  } finally {
    await early.close();
  }
}, 15_000);
