'use strict';
/**
 * Every suite of the repository. The BFF suites run twice: on the embedded SQLite and on a throwaway MariaDB
 * started from the system's mariadbd. Under CI a missing MariaDB fails the run; elsewhere it is skipped
 * with a warning naming what to install.
 */
const { existsSync } = require('node:fs');
const path = require('node:path');
const { unavailableReason } = require('./scripts/lib/throwaway-mariadb.cjs');
const redisUnavailableReason = require('./scripts/lib/throwaway-redis.cjs').unavailableReason;

const transform = { '^.+\\.(ts|tsx)$': require('./jest.swc.js') };
const moduleNameMapper = {
  '^@hotline/shared-types$': '<rootDir>/../shared-types/src/index.ts',
  '^@hotline/config$': '<rootDir>/../config/src/index.ts',
  '^@hotline/simulators$': '<rootDir>/../simulators/src/index.ts',
};

const node = (name, dir, extra = {}) => ({
  displayName: name,
  rootDir: path.join(__dirname, dir),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform,
  moduleNameMapper,
  ...extra,
});

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const runBrowser = existsSync(chromiumPath) || process.env.CI;
if (!runBrowser) {
  process.stderr.write(
    `\n!! Browser suites skipped: no ${chromiumPath} (apt-get install chromium). CI never skips them.\n\n`,
  );
}

const mariadbMissing = unavailableReason();
const runMariadb = !mariadbMissing || process.env.CI;
if (!runMariadb) {
  process.stderr.write(`\n!! MariaDB suites skipped: ${mariadbMissing}. CI never skips them.\n\n`);
}

// Suites that start a throwaway redis-server: the Redis stores (test/redis/) and the multi-instance suite.
const redisMissing = redisUnavailableReason();
const runRedis = !redisMissing || process.env.CI;
const redisSuites = runRedis ? [] : ['/test/redis/', '/multi-instance'];
if (!runRedis) {
  process.stderr.write(`\n!! Redis suites skipped: ${redisMissing}. CI never skips them.\n\n`);
}

module.exports = {
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
  projects: [
    node('shared-types', 'shared-types'),
    node('config', 'config'),
    node('simulators', 'simulators'),
    node('bff:sqlite', 'bff', {
      setupFiles: ['<rootDir>/test/support/use-sqlite.ts'],
      testPathIgnorePatterns: ['/mariadb-only/', ...redisSuites],
    }),
    ...(runMariadb
      ? [
          node('bff:mariadb', 'bff', {
            setupFiles: ['<rootDir>/test/support/use-mariadb.ts'],
            globalSetup: '<rootDir>/test/support/mariadb-global-setup.cjs',
            globalTeardown: '<rootDir>/test/support/mariadb-global-teardown.ts',
            // The Redis stores touch no database: the SQLite project runs them once.
            testPathIgnorePatterns: ['/sqlite-only/', '/test/redis/', ...redisSuites],
          }),
        ]
      : []),
    './miniapp/jest.config.js',
    ...(runBrowser
      ? [
          node('e2e', '.', {
            testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
            moduleNameMapper: {
              '^@hotline/shared-types$': '<rootDir>/shared-types/src/index.ts',
              '^@hotline/config$': '<rootDir>/config/src/index.ts',
              '^@hotline/simulators$': '<rootDir>/simulators/src/index.ts',
            },
          }),
        ]
      : []),
  ],
};
