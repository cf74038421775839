import type { Redis } from 'ioredis';
import type { RateLimitStore } from '../../lib/rate-limit';
import { sharedState } from './client';

/** INCR and, on the window's first hit, PEXPIRE, in one step: concurrent hits from any instance all count. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`;

type WithHit = Redis & { rateLimitHit(key: string, ttlMs: number): Promise<number> };

/** Fixed-window counters in Redis, one key per key and window, gone shortly after the window ends. */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: WithHit;

  constructor(redis: Redis) {
    if (!('rateLimitHit' in redis)) redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis = redis as WithHit;
  }

  async hit(key: string, windowStart: number, windowMs: number): Promise<number> {
    // The first hit comes after windowStart, so a TTL of a whole window outlives the window.
    return Number(await sharedState(this.redis.rateLimitHit(`rate:${key}:${windowStart}`, windowMs)));
  }

  async peek(key: string, windowStart: number): Promise<number> {
    return Number((await sharedState(this.redis.get(`rate:${key}:${windowStart}`))) ?? 0);
  }
}
