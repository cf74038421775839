import { Redis } from 'ioredis';
import pino from 'pino';
import { closeRedis, createRedisClient } from '../../src/adapters/redis/client';
import { RedisNonceCache, RedisNonceStore } from '../../src/adapters/redis/nonce-stores';
import { RedisRateLimitStore } from '../../src/adapters/redis/rate-limit-store';
import { RateLimiter } from '../../src/lib/rate-limit';
import { ManualClock } from '../support/clock';
import { refusal } from '../support/refusal';
import { sleep } from '../../../scripts/lib/bff-process.cjs';
import { startThrowawayRedis, testKeyPrefix, type ThrowawayRedis } from '../support/redis';

/**
 * The Redis stores against a real redis-server. Two clients stand for two BFF instances: whatever one of them
 * counts or remembers, the other sees.
 */
let server: ThrowawayRedis;
let one: Redis;
let other: Redis;
let raw: Redis;
const prefix = testKeyPrefix();
const silent = pino({ level: 'silent' });
const HOUR = 3600_000;

const client = (): Redis => createRedisClient({ url: server.url, keyPrefix: prefix, commandTimeoutMs: 500 }, silent);

beforeAll(async () => {
  server = await startThrowawayRedis();
  [one, other] = [client(), client()];
  raw = new Redis(server.url);
});

afterAll(async () => {
  for (const c of [one, other, raw]) if (c) await closeRedis(c);
  await server?.stop();
});

describe('rate limits in Redis', () => {
  test('when two instances count the same key concurrently, then every hit is counted once', async () => {
    const stores = [new RedisRateLimitStore(one), new RedisRateLimitStore(other)];
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (stores[i % 2] as RedisRateLimitStore).hit('cases:citizen:c1', 0, HOUR)),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  test('when a window ends, then the next one starts from one and the old key expires with its window', async () => {
    const store = new RedisRateLimitStore(one);
    await store.hit('cases:ip:1.2.3.4', HOUR, HOUR);
    expect(await store.hit('cases:ip:1.2.3.4', 2 * HOUR, HOUR)).toBe(1);
    const ttl = await raw.pttl(`${prefix}rate:cases:ip:1.2.3.4:${HOUR}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(HOUR);
  });

  test('when the limit is reached on one instance, then the other refuses with 429 and the wait', async () => {
    const clock = new ManualClock(new Date('2026-11-27T08:10:00Z'));
    const [a, b] = [
      new RateLimiter(new RedisRateLimitStore(one), clock),
      new RateLimiter(new RedisRateLimitStore(other), clock),
    ];
    await a.consume('uploads:citizen:c2', 2, HOUR);
    await b.consume('uploads:citizen:c2', 2, HOUR);
    const refused = await refusal(a.consume('uploads:citizen:c2', 2, HOUR));
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED', details: { retryAfterSeconds: 50 * 60 } });
  });
});

describe('replay nonces in Redis', () => {
  test('when two instances see the same hotline nonce at once, then exactly one accepts it', async () => {
    const stores = [new RedisNonceStore(one), new RedisNonceStore(other)];
    const now = Date.now();
    const answers = await Promise.all(stores.map((s) => s.remember('k1:nonce-abc', now, now + 600_000)));
    expect(answers.sort()).toEqual([false, true]);
    expect(await stores[0]?.remember('k1:nonce-other', now, now + 600_000)).toBe(true);
  });

  test('when a hotline nonce is remembered, then it is kept for the replay window, under the prefix', async () => {
    const now = Date.now();
    await new RedisNonceStore(one).remember('k1:nonce-ttl', now, now + 600_000);
    const ttl = await raw.pttl(`${prefix}nonce:hotline:k1:nonce-ttl`);
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
  });

  test('when a WeChat push nonce was kept by one instance, then the other calls it a replay until it expires', async () => {
    const clock = new ManualClock(new Date('2026-11-27T08:00:00Z'));
    const expiresAt = new Date(clock.now().getTime() + 300_000);
    expect(await new RedisNonceCache(one, clock).remember('1764230400:n1', expiresAt)).toBe(true);
    expect(await new RedisNonceCache(other, clock).remember('1764230400:n1', expiresAt)).toBe(false);
    const ttl = await raw.pttl(`${prefix}nonce:wechat-push:1764230400:n1`);
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });

  test('when the hotline and WeChat use the same nonce text, then they do not collide', async () => {
    const now = Date.now();
    expect(await new RedisNonceStore(one).remember('same', now, now + 60_000)).toBe(true);
    expect(await new RedisNonceCache(one).remember('same', new Date(now + 60_000))).toBe(true);
  });
});

describe('when Redis goes away', () => {
  test('then commands fail at once with 503 SERVICE_UNAVAILABLE, and work again once it is back', async () => {
    const store = new RedisRateLimitStore(one);
    const nonces = new RedisNonceStore(one);
    await server.stop();
    const now = Date.now();
    const unavailable = { status: 503, code: 'SERVICE_UNAVAILABLE' };
    expect(await refusal(store.hit('down', 0, HOUR))).toMatchObject(unavailable);
    expect(await refusal(nonces.remember('down', now, now + 1000))).toMatchObject(unavailable);
    server = await startThrowawayRedis({ port: server.port });
    let answer: number | undefined;
    while (answer === undefined) {
      answer = await store.hit('back', 0, HOUR).catch(() => sleep(100).then(() => undefined));
    }
    expect(answer).toBe(1);
  }, 15_000);
});
