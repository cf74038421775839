import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { reportingReads, type ReportingReads } from '../../src/db/reporting';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Reporting reads (figures, exports) on MariaDB: their own pool, a statement time limit, and a statement that
 * stops when its client goes away. A long statement is a count over MariaDB's sequence engine.
 */
const LONG = 'SELECT COUNT(*) AS n FROM seq_1_to_100000000000 a WHERE MOD(a.seq, 7) = 3';

let db: TestDatabase;
let main: DataSource;
let reporting: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  main = createDataSource({ ...db.settings, poolSize: 3 });
  reporting = createDataSource({ ...db.settings, poolSize: 1 });
  await main.initialize();
  await reporting.initialize();
});
afterAll(async () => {
  await reporting.destroy();
  await main.destroy();
  await db.drop();
});

/** Resolves once the long statement shows in the process list. */
async function untilRunning(): Promise<void> {
  for (;;) {
    const rows: unknown[] = await main.query(
      "SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT COUNT(*) AS n FROM seq_%'",
    );
    if (rows.length) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const errnoOf = (error: unknown): number | undefined =>
  (error as { errno?: number; driverError?: { errno?: number } }).driverError?.errno ??
  (error as { errno?: number }).errno;

describe('reporting reads', () => {
  test('when a reporting statement runs past its time limit, then the database stops it', async () => {
    const reads: ReportingReads = reportingReads(main, reporting, 200);
    const error = await reads.run((reader) => reader.query(LONG)).catch((e: unknown) => e);
    // ER_STATEMENT_TIMEOUT: "Query execution was interrupted (max_statement_time exceeded)".
    expect(errnoOf(error)).toBe(1969);
  });

  test('when the client goes away, then its reporting statement is killed', async () => {
    const reads = reportingReads(main, reporting, 60_000);
    const client = new AbortController();
    const report = reads.run((reader) => reader.query(LONG), client.signal).catch((e: unknown) => e);
    await untilRunning();
    client.abort();
    // ER_QUERY_INTERRUPTED
    expect(errnoOf(await report)).toBe(1317);
    const left: unknown[] = await main.query(
      "SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT COUNT(*) AS n FROM seq_%'",
    );
    expect(left).toEqual([]);
  });

  test('when the reporting pool is busy, then the main pool still answers', async () => {
    const reads = reportingReads(main, reporting, 60_000);
    const client = new AbortController();
    let settled = false;
    const report = reads
      .run((reader) => reader.query(LONG), client.signal)
      .catch(() => undefined)
      .finally(() => (settled = true));
    await untilRunning();
    const [row] = await main.query('SELECT COUNT(*) AS n FROM seq_1_to_10');
    expect(Number(row.n)).toBe(10);
    expect(settled).toBe(false);
    client.abort();
    await report;
  });

  test('when a report starts after its client has gone, then nothing runs', async () => {
    const reads = reportingReads(main, reporting, 60_000);
    const work = jest.fn(async () => 1);
    await expect(reads.run(work, AbortSignal.abort())).rejects.toThrow();
    expect(work).not.toHaveBeenCalled();
  });
});
