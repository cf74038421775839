import { Redis } from 'ioredis';
import { Unavailable } from '../../lib/errors';
import type { Logger } from '../../logger';

export interface RedisSettings {
  url: string;
  keyPrefix: string;
  commandTimeoutMs: number;
}

/**
 * The connection shared state goes through when several instances run. Every command is bounded by the
 * command timeout, also while the connection is down (commands wait in the offline queue until then), so a
 * Redis outage fails requests quickly instead of hanging them; the client reconnects by itself.
 */
export function createRedisClient(settings: RedisSettings, logger: Logger): Redis {
  const client = new Redis(settings.url, {
    keyPrefix: settings.keyPrefix,
    commandTimeout: settings.commandTimeoutMs,
    connectTimeout: Math.max(settings.commandTimeoutMs, 2000),
    connectionName: 'hotline-bff',
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  let healthy = true;
  client.on('error', (error: unknown) => {
    // Reconnection attempts repeat the same error: log the first one of each outage.
    if (healthy) logger.warn({ err: error }, 'redis connection error');
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) logger.info('redis connection restored');
    healthy = true;
  });
  return client;
}

/**
 * Runs one Redis command of a request. Without Redis the shared limits and replay checks cannot be enforced,
 * so the request fails with 503 (the client retries later) rather than being let through unchecked.
 */
export async function sharedState<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch {
    throw new Unavailable(5);
  }
}

/** Closes the connection: politely when Redis answers, at once when it does not (no QUIT left queued). */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
