import { randomBytes } from 'node:crypto';

// Plain CommonJS shared with jest.config.js, like the MariaDB launcher.
export { startThrowawayRedis, type ThrowawayRedis } from '../../../scripts/lib/throwaway-redis.cjs';

/** A key prefix of its own for each test file, so files sharing a server never see each other's keys. */
export const testKeyPrefix = (): string => `test:${randomBytes(4).toString('hex')}:`;
