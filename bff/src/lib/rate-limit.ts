import type { Clock } from './clock';
import { TooManyAttempts } from './errors';

/**
 * Fixed-window counters. The in-process store is enough for one instance; several instances share limits
 * through the Redis store (adapters/redis), chosen in compose.ts when REDIS_URL is set.
 */
export interface RateLimitStore {
  /** Counts one hit on `key` in the window starting at `windowStart`; returns the count so far. */
  hit(key: string, windowStart: number, windowMs: number): Promise<number>;
  /** The count of `key` in the window starting at `windowStart`, without counting. */
  peek(key: string, windowStart: number): Promise<number>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { start: number; count: number }>();

  async hit(key: string, windowStart: number, windowMs: number): Promise<number> {
    const current = this.windows.get(key);
    if (!current || current.start !== windowStart) {
      if (this.windows.size > 100_000) this.prune(windowStart - windowMs);
      this.windows.set(key, { start: windowStart, count: 1 });
      return 1;
    }
    current.count += 1;
    return current.count;
  }

  async peek(key: string, windowStart: number): Promise<number> {
    const current = this.windows.get(key);
    return current?.start === windowStart ? current.count : 0;
  }

  private prune(before: number): void {
    for (const [key, value] of this.windows) if (value.start <= before) this.windows.delete(key);
  }
}

export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
  ) {}

  /** Throws 429 RATE_LIMITED (with the seconds to wait) once `key` is over `limit` in the current window. */
  async consume(key: string, limit: number, windowMs: number): Promise<void> {
    const now = this.clock.now().getTime();
    const windowStart = now - (now % windowMs);
    const count = await this.store.hit(key, windowStart, windowMs);
    if (count > limit) {
      const retryAfterSeconds = Math.ceil((windowStart + windowMs - now) / 1000);
      throw new TooManyAttempts('RATE_LIMITED', { retryAfterSeconds });
    }
  }

  /** Seconds until the window ends when `key` already has `limit` hits in it; otherwise null. Counts nothing. */
  async exhausted(key: string, limit: number, windowMs: number): Promise<number | null> {
    const now = this.clock.now().getTime();
    const windowStart = now - (now % windowMs);
    const count = await this.store.peek(key, windowStart);
    return count >= limit ? Math.ceil((windowStart + windowMs - now) / 1000) : null;
  }

  /** Counts one hit on `key`; returns the seconds until the window ends when this hit reached `limit`, else null. */
  async record(key: string, limit: number, windowMs: number): Promise<number | null> {
    const now = this.clock.now().getTime();
    const windowStart = now - (now % windowMs);
    const count = await this.store.hit(key, windowStart, windowMs);
    return count >= limit ? Math.ceil((windowStart + windowMs - now) / 1000) : null;
  }
}
