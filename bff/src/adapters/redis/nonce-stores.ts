import type { Redis } from 'ioredis';
import type { NonceStore } from '../hotline/signing';
import type { NonceCache } from '../wechat/push';
import { systemClock, type Clock } from '../../lib/clock';
import { sharedState } from './client';

/** SET NX with an expiry: true for the one caller, on any instance, that stored the key first. */
async function rememberOnce(redis: Redis, key: string, ttlMs: number): Promise<boolean> {
  const answer = await sharedState(redis.set(key, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'));
  return answer === 'OK';
}

/** Nonces of signed 12345 callbacks, shared so a callback accepted by one instance is a replay on another. */
export class RedisNonceStore implements NonceStore {
  constructor(private readonly redis: Redis) {}

  remember(key: string, nowMs: number, expiresAt: number): Promise<boolean> {
    return rememberOnce(this.redis, `nonce:hotline:${key}`, expiresAt - nowMs);
  }
}

/** Nonces of WeChat message pushes, shared across instances like the hotline's. */
export class RedisNonceCache implements NonceCache {
  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock = systemClock,
  ) {}

  remember(key: string, expiresAt: Date): Promise<boolean> {
    return rememberOnce(this.redis, `nonce:wechat-push:${key}`, expiresAt.getTime() - this.clock.now().getTime());
  }
}
