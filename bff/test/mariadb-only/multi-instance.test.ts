import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startHotlineSimulator,
  startWechatSimulator,
  type HotlineSimulator,
  type WechatSimulator,
} from '@hotline/simulators';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { signRequest } from '../../src/adapters/hotline/signing';
import { pushSignature } from '../../src/adapters/wechat/push';
import { createDataSource } from '../../src/db/data-source';
// Plain CommonJS shared with the faults benchmark.
import {
  MAIN,
  freePort,
  productionEnv,
  startBffProcess,
  waitUntil,
  type BffProcess,
} from '../../../scripts/lib/bff-process.cjs';
import { newKey, validCase } from '../support/cases';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startThrowawayRedis, testKeyPrefix, type ThrowawayRedis } from '../support/redis';

/**
 * Two compiled BFF processes in production mode behind an imaginary load balancer, sharing one MariaDB and one
 * Redis: whichever instance a request reaches, limits, replay checks, idempotency and the outbox hold as for
 * one instance.
 */
const CASES_PER_CITIZEN = 3;
const secret = (bytes = 32): string => randomBytes(bytes).toString('hex');
const inbound = { id: 'hotline-multi', secret: secret() };

let db: TestDatabase;
let dataSource: DataSource;
let wechat: WechatSimulator;
let hotline: HotlineSimulator;
let redis: ThrowawayRedis;
let inspector: Redis;
let env: Record<string, string>;
let a: BffProcess;
let b: BffProcess;
const storageDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-multi-'));

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build:ts" first (npm test does)`);
  db = await createTestDatabase();
  dataSource = createDataSource(db.settings);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  redis = await startThrowawayRedis();
  inspector = new Redis(redis.url);
  const app = { appId: 'wxmulti000000000', appSecret: secret(16) };
  wechat = await startWechatSimulator(app);
  const channelKey = { id: 'multi', secret: secret() };
  hotline = await startHotlineSimulator({ keys: { [channelKey.id]: channelKey.secret }, seed: 20261127 });
  env = productionEnv({
    dbUrl: db.settings.url as string,
    wechat: { ...app, url: wechat.url },
    hotline: { baseUrl: hotline.baseUrl, keyId: channelKey.id, secret: channelKey.secret },
    inbound,
    storageDir,
    extra: {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: testKeyPrefix(),
      DB_POOL_SIZE: '5',
      RATE_CASES_PER_CITIZEN_PER_HOUR: String(CASES_PER_CITIZEN),
      RATE_CASES_PER_IP_PER_HOUR: '100000',
      FORWARDING_INTERVAL_MS: '50',
      FORWARDING_BATCH_SIZE: '1',
      FORWARDING_LEASE_SECONDS: '5',
    },
  });
  a = await startBffProcess(env, await freePort());
  b = await startBffProcess(env, await freePort());
}, 60_000);

afterAll(async () => {
  for (const instance of [a, b]) await instance?.kill();
  inspector?.disconnect();
  await redis?.stop();
  await hotline?.close();
  await wechat?.close();
  await dataSource?.destroy();
  await db?.drop();
  rmSync(storageDir, { recursive: true, force: true });
});

async function signIn(url: string, code: string): Promise<string> {
  const res = await request(url).post('/api/v1/auth/wechat-login').send({ code }).expect(200);
  return `Bearer ${res.body.token as string}`;
}

const submitTo = (instance: BffProcess, auth: string, key = newKey()) =>
  request(instance.url)
    .post('/api/v1/cases')
    .set('Authorization', auth)
    .set('Idempotency-Key', key)
    .send(validCase({ content: `多实例测试诉求 ${key}：小区路灯损坏，请尽快维修处理。` }));

test('when Redis is configured, then both instances report it ready', async () => {
  for (const instance of [a, b]) {
    const res = await request(instance.url).get('/readyz').expect(200);
    expect(res.body.checks).toEqual({ database: 'ok', migrations: 'applied', redis: 'ok' });
  }
});

test('when a citizen spreads submissions over both instances, then the hourly limit counts them together', async () => {
  const auth = await signIn(a.url, 'code-limit');
  for (let i = 0; i < CASES_PER_CITIZEN; i += 1) await submitTo(i % 2 === 0 ? a : b, auth).expect(201);
  for (const instance of [a, b]) {
    const res = await submitTo(instance, auth).expect(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
  }
});

test('when a signed hotline callback accepted by one instance is replayed to the other, then it is refused', async () => {
  const body = JSON.stringify({ events: [] });
  const headers = signRequest({
    method: 'POST',
    path: '/api/v1/hotline/events',
    body,
    keyId: inbound.id,
    secret: inbound.secret,
    now: new Date(),
  });
  const send = (instance: BffProcess) =>
    request(instance.url)
      .post('/api/v1/hotline/events')
      .set(headers)
      .set('Content-Type', 'application/json')
      .send(body);
  await send(a).expect(200);
  const replay = await send(b).expect(401);
  expect(replay.body.error.details).toEqual({ reason: 'REPLAYED' });
});

test('when a WeChat push accepted by one instance is replayed to the other, then it is refused', async () => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = 'multi-instance-push';
  const query = { signature: pushSignature(env.WECHAT_PUSH_TOKEN as string, timestamp, nonce), timestamp, nonce };
  await request(a.url)
    .get('/api/v1/wechat/push')
    .query({ ...query, echostr: 'hello' })
    .expect(200, 'hello');
  const replay = await request(b.url)
    .get('/api/v1/wechat/push')
    .query({ ...query, echostr: 'hello' })
    .expect(401);
  expect(replay.body.error.details).toEqual({ reason: 'replayed' });
});

test('when the same Idempotency-Key reaches both instances at once, then one case is made and both answer it', async () => {
  const auth = await signIn(a.url, 'code-idempotent');
  const key = newKey();
  const answers = await Promise.all([a, b].map((instance) => submitTo(instance, auth, key)));
  expect(answers.map((res) => res.status).sort()).toEqual([200, 201]);
  expect(new Set(answers.map((res) => res.body.id as string)).size).toBe(1);
  const rows = await dataSource.query('SELECT COUNT(*) AS n FROM cases WHERE idempotency_key = ?', [key]);
  expect(Number(rows[0].n)).toBe(1);
});

test('when cases arrive at both instances, then both work the one outbox and each case gets one ticket', async () => {
  const citizens = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn(b.url, `code-outbox-${i}`)));
  const submitted = await Promise.all(
    citizens.flatMap((auth, i) =>
      Array.from({ length: CASES_PER_CITIZEN }, (_, j) => submitTo((i + j) % 2 === 0 ? a : b, auth).expect(201)),
    ),
  );
  const count = async (sql: string) => Number((await dataSource.query(sql))[0].n);
  await waitUntil(
    'the outbox to drain',
    async () => (await count("SELECT COUNT(*) AS n FROM hotline_outbox WHERE state <> 'sent'")) === 0,
    60_000,
  );
  const ids = submitted.map((res) => res.body.id as string);
  expect(ids.filter((id) => hotline.ticketCountFor(id) !== 1)).toEqual([]);
  const workers = await dataSource.query("SELECT DISTINCT actor FROM case_events WHERE kind = 'forward'");
  expect(workers.length).toBe(2);
}, 90_000);

test('when an instance is stopped, then it closes its Redis connection and exits cleanly', async () => {
  const connections = async () =>
    ((await inspector.client('LIST')) as string).split('\n').filter((line) => line.includes('name=hotline-bff')).length;
  expect(await connections()).toBe(2);
  await b.kill('SIGTERM');
  expect(b.child.exitCode).toBe(0);
  expect(await connections()).toBe(1);
});
