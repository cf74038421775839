import { randomBytes } from 'node:crypto';

/** The throwaway Redis of scripts/lib, typed for the tests. */
export interface ThrowawayRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Launcher {
  startThrowawayRedis(options?: { port?: number }): Promise<ThrowawayRedis>;
}

// Plain CommonJS shared with the scripts, like the MariaDB launcher; required so no declaration file is needed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const launcher = require('../../../scripts/lib/throwaway-redis.cjs') as Launcher;

/** A private redis-server on a random loopback port (or `port`, to restart one), removed by stop(). */
export const startThrowawayRedis = (port?: number): Promise<ThrowawayRedis> =>
  launcher.startThrowawayRedis(port === undefined ? {} : { port });

/** A key prefix of its own for each test file, so files sharing a server never see each other's keys. */
export const testKeyPrefix = (): string => `test:${randomBytes(4).toString('hex')}:`;
