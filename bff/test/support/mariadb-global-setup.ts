// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startThrowawayMariadb } = require('../../../scripts/lib/throwaway-mariadb.cjs');

/** Starts one throwaway MariaDB for the whole BFF MariaDB suite; each test file makes its own database in it. */
export default async function setup(): Promise<void> {
  try {
    const server = await startThrowawayMariadb();
    (globalThis as Record<string, unknown>).__HOTLINE_MARIADB__ = server;
    process.env.TEST_MARIADB_URL = server.url;
  } catch (error) {
    throw new Error(
      `The MariaDB suite cannot run: ${(error as Error).message}\n` +
        'Install mariadb-server (Debian) — CI must run this suite, it is never skipped there.',
      { cause: error },
    );
  }
}
