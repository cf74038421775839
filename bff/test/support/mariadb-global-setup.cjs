'use strict';
/**
 * Starts one throwaway MariaDB for the whole BFF MariaDB suite; each test file makes its own database in it.
 * Plain CommonJS, like the launcher it calls, so no TypeScript escape hatch is needed to load it.
 */
const { startThrowawayMariadb } = require('../../../scripts/lib/throwaway-mariadb.cjs');

module.exports = async function setup() {
  try {
    const server = await startThrowawayMariadb();
    globalThis.__HOTLINE_MARIADB__ = server;
    process.env.TEST_MARIADB_URL = server.url;
  } catch (error) {
    throw new Error(
      `The MariaDB suite cannot run: ${error.message}\n` +
        'Install mariadb-server (Debian) — CI must run this suite, it is never skipped there.',
      { cause: error },
    );
  }
};
