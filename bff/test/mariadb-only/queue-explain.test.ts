import { loadCity } from '@hotline/config';
import type { AdminCaseQuery } from '@hotline/shared-types';
import { createConnection, type Connection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { AdminCasesRepository, ALL_CASES, type CaseScope } from '../../src/modules/admin-cases/admin-cases.repository';
import { CasesRepository } from '../../src/modules/cases/cases.repository';
// Plain CommonJS shared with the scale benchmark.
import { seedCases } from '../../../bench/lib/scale-seed.cjs';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Every query of the staff queue (and the content re-check job) on a year of seeded cases, read through EXPLAIN:
 * none may scan the whole `cases` table, whose cost would grow with every case ever stored.
 */
const CASES = 4000;
const END = new Date('2026-12-01T00:00:00Z');
const NOW = new Date('2026-11-20T00:00:00Z');

let db: TestDatabase;
let dataSource: DataSource;
let conn: Connection;
beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = createDataSource(db.settings);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  conn = await createConnection({ uri: (db.settings.url as string).replace(/^mariadb:/, 'mysql:') });
  await seedCases(conn, { total: CASES, end: END, city: loadCity('luohe') });
  await conn.query('ANALYZE TABLE cases');
});
afterAll(async () => {
  await conn.end();
  await dataSource.destroy();
  await db.drop();
});

/** Runs `work` with every statement of the data source recorded. */
async function recording(work: () => Promise<unknown>): Promise<[string, unknown[]][]> {
  const seen: [string, unknown[]][] = [];
  const original = dataSource.query.bind(dataSource);
  const spy = jest.spyOn(dataSource, 'query').mockImplementation(((sql: string, params: unknown[] = []) => {
    seen.push([sql, params]);
    return original(sql, params);
  }) as DataSource['query']);
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return seen;
}

async function plansOf(sql: string, params: unknown[]): Promise<{ table: string; type: string; key: string | null }[]> {
  const [rows] = await conn.query(`EXPLAIN ${sql}`, params);
  return rows as { table: string; type: string; key: string | null }[];
}

const base: AdminCaseQuery = { sort: 'created_desc', limit: 20 } as AdminCaseQuery;
const handler: CaseScope = { unit: '市城市管理局', regionCodes: ['411103', '411103001', '411103002'] };

const KEY_LOOKUPS = ['const', 'eq_ref', 'ref', 'range', 'index_merge'];

// Three items each: jest would take a missing third as the `done` callback.
const QUERIES: [name: string, query: Partial<AdminCaseQuery>, scope: CaseScope][] = [
  ['first page', {}, ALL_CASES],
  ['status filter', { status: ['in_progress'] }, ALL_CASES],
  ['unit filter', { unit: '市城市管理局' }, ALL_CASES],
  ["a handler's queue", {}, handler],
  ['type and area filter', { type: ['complaint'], category: 'A21' }, ALL_CASES],
  ['sorted by due date', { sort: 'due_asc' }, ALL_CASES],
  ['sorted by due date, open only', { sort: 'due_asc', status: ['in_progress', 'signed'] }, ALL_CASES],
  ['overdue', { overdue: 'true' }, ALL_CASES],
  ['overdue, sorted by due date', { overdue: 'true', sort: 'due_asc' }, ALL_CASES],
  ['a ticket number', { q: 'LH0000001234' }, ALL_CASES],
  ['a case id', { q: '01000000000000000000001234' }, ALL_CASES],
  ['content to review', { flag: 'content_review' }, ALL_CASES],
];

describe('the queue on a year of cases', () => {
  test.each(QUERIES)(
    'when the queue is read (%s), then no statement scans the whole cases table',
    async (_, q, scope) => {
      const repository = new AdminCasesRepository(dataSource);
      const seen = await recording(() => repository.queue({ ...base, ...q } as AdminCaseQuery, scope, NOW, 3_600_000));
      expect(seen.length).toBeGreaterThan(0);
      for (const [sql, params] of seen) {
        const plans = await plansOf(sql, params);
        const scans = plans.filter((p) => p.type === 'ALL' && (p.table === 'c' || p.table === 'cases'));
        expect({ sql, scans }).toEqual({ sql, scans: [] });
        // A ticket number or id is found through its own index, not by walking the cases in id order.
        if (q.q) expect(plans.filter((p) => !KEY_LOOKUPS.includes(p.type))).toEqual([]);
      }
    },
  );

  test('when the content re-check job looks for pending cases, then it reads them by index', async () => {
    const pending = await new CasesRepository(dataSource).listPendingRecheck(50);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((c) => c.contentCheck === 'pending_recheck')).toBe(true);
    const plans = await plansOf(
      "SELECT * FROM cases WHERE content_check = 'pending_recheck' ORDER BY id ASC LIMIT 50",
      [],
    );
    expect(plans.map((p) => [p.type === 'ALL', p.key])).toEqual([[false, 'idx_cases_content_check']]);
  });
});
