import { loadCity } from '@hotline/config';
import { can, type FigureRow, type Figures, type StaffRole } from '@hotline/shared-types';
import ExcelJS from 'exceljs';
import Koa from 'koa';
import pino from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/db/data-source';
import { insertStatement, sqlDate } from '../src/db/sql';
import { Forbidden, Unauthenticated } from '../src/lib/errors';
import { errorEnvelope } from '../src/http/error-middleware';
import { requestContext } from '../src/http/request-context';
import type { AppState } from '../src/http/state';
import { CityContext } from '../src/modules/city/city-context';
import { exportFigures, SHEET_NAMES } from '../src/modules/figures/figures.export';
import type { StaffGuard } from '../src/http/staff-auth';
import { figuresRoutes, scopeOf } from '../src/modules/figures/figures.routes';
import { computeFigures, type FiguresDeps } from '../src/modules/figures/figures.service';
import { cityMidnight, cityPeriod } from '../src/modules/figures/period';
import { foldAll, foldSettings, resetRollup } from '../src/modules/figures/rollup.fold';
import { reportingReads } from '../src/db/reporting';
import { createTestDatabase, type TestDatabase } from './support/database';

/**
 * The figures on a fixed set of cases, every number worked out by hand below. The city is Luohe
 * (Asia/Shanghai, UTC+8, signing limit 24 hours); times are written in city time.
 *
 * Period: 2026-01-01 .. 2026-02-28 = [2025-12-31 16:00Z, 2026-02-28 16:00Z). Now: 2026-03-10 12:00.
 *
 * case type          area unit region     created           dispatched → signed          due (23:59:59.999) closed            rating (rated)
 * c1   complaint     C04  Y    411103001  01-01 00:00       01-01 02:00 → 01-01 10:00 8h  01-15              01-10 12:00       satisfied (01-11)
 * c2   help          A21  Y    411102     2025-12-31 23:00  01-01 08:00 → 01-02 09:00 25h 01-20              01-21 10:00 late  basically (01-22)
 * c3   consultation  C01  S    411103     02-01 07:00 (*)   02-01 08:00 → 02-02 08:00 24h 02-05              02-05 23:59:59.999 unsatisfied (03-01 00:30)
 * c4   report        A21  -    -          02-28 23:59       -
 * c5   suggestion    C04  Y    411103001  01-05 10:00       -                             01-25              withdrawn 01-06
 * c6   complaint     C04  Y    411103002  02-10 09:00       02-10 10:00 → 02-11 10:00:00.001 late  02-25   open (overdue)
 * c7   help          A05  W    411121     02-27 19:00       02-27 20:00 → never           02-27              open (overdue)
 * c8   suggestion    C04  Y    411100     02-20 10:00       02-20 11:00 → 02-21 12:00 25h 03-05 (outside) 03-02 10:00 (outside)
 * c9   complaint     C02  S    411102001  2025-12-20 10:00  2025-12-20 12:00 → 12:30      01-03              2025-12-28 10:00  unsatisfied (01-02)
 * c10  consultation  C01  -    -          03-01 00:00 (outside)
 * (*) 2026-01-31 23:00 in UTC: the month must be February. c1 is created at the very first instant of the
 * period (2025-12-31 16:00Z), c10 at the first instant after it.
 * Units: Y = 郾城区城市管理局 (411103), S = 市城市管理局, W = 舞阳县城市管理局.
 */

const UNIT_Y = '郾城区城市管理局';
const UNIT_S = '市城市管理局';
const UNIT_W = '舞阳县城市管理局';
const NOW = local('2026-03-10 12:00');
const PERIOD = { from: '2026-01-01', to: '2026-02-28' };

/** A city-time wall clock (UTC+8) as an instant. */
function local(text: string): Date {
  const [date, time = '00:00'] = text.split(' ');
  const full = time.length === 5 ? `${time}:00.000` : time.length === 8 ? `${time}.000` : time;
  return new Date(`${date}T${full}+08:00`);
}

const due = (date: string): Date => local(`${date} 23:59:59.999`);

interface FixtureCase {
  id: string;
  type: string;
  category: string;
  unit: string | null;
  region: string | null;
  status: string;
  created: Date;
  dispatched?: Date;
  signed?: Date;
  due?: Date;
  closed?: Date;
  rating?: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  rated?: Date;
}

const CASES: FixtureCase[] = [
  {
    id: 'c1',
    type: 'complaint',
    category: 'C04',
    unit: UNIT_Y,
    region: '411103001',
    status: 'rated',
    created: local('2026-01-01 00:00'),
    dispatched: local('2026-01-01 02:00'),
    signed: local('2026-01-01 10:00'),
    due: due('2026-01-15'),
    closed: local('2026-01-10 12:00'),
    rating: 'satisfied',
    rated: local('2026-01-11 09:00'),
  },
  {
    id: 'c2',
    type: 'help',
    category: 'A21',
    unit: UNIT_Y,
    region: '411102',
    status: 'rated',
    created: local('2025-12-31 23:00'),
    dispatched: local('2026-01-01 08:00'),
    signed: local('2026-01-02 09:00'),
    due: due('2026-01-20'),
    closed: local('2026-01-21 10:00'),
    rating: 'basically_satisfied',
    rated: local('2026-01-22 10:00'),
  },
  {
    id: 'c3',
    type: 'consultation',
    category: 'C01',
    unit: UNIT_S,
    region: '411103',
    status: 'rated',
    created: local('2026-02-01 07:00'),
    dispatched: local('2026-02-01 08:00'),
    signed: local('2026-02-02 08:00'),
    due: due('2026-02-05'),
    closed: due('2026-02-05'),
    rating: 'unsatisfied',
    rated: local('2026-03-01 00:30'),
  },
  {
    id: 'c4',
    type: 'report',
    category: 'A21',
    unit: null,
    region: null,
    status: 'submitted',
    created: local('2026-02-28 23:59'),
  },
  {
    id: 'c5',
    type: 'suggestion',
    category: 'C04',
    unit: UNIT_Y,
    region: '411103001',
    status: 'withdrawn',
    created: local('2026-01-05 10:00'),
    due: due('2026-01-25'),
    closed: local('2026-01-06 10:00'),
  },
  {
    id: 'c6',
    type: 'complaint',
    category: 'C04',
    unit: UNIT_Y,
    region: '411103002',
    status: 'in_progress',
    created: local('2026-02-10 09:00'),
    dispatched: local('2026-02-10 10:00'),
    signed: local('2026-02-11 10:00:00.001'),
    due: due('2026-02-25'),
  },
  {
    id: 'c7',
    type: 'help',
    category: 'A05',
    unit: UNIT_W,
    region: '411121',
    status: 'dispatched',
    created: local('2026-02-27 19:00'),
    dispatched: local('2026-02-27 20:00'),
    due: due('2026-02-27'),
  },
  {
    id: 'c8',
    type: 'suggestion',
    category: 'C04',
    unit: UNIT_Y,
    region: '411100',
    status: 'closed',
    created: local('2026-02-20 10:00'),
    dispatched: local('2026-02-20 11:00'),
    signed: local('2026-02-21 12:00'),
    due: due('2026-03-05'),
    closed: local('2026-03-02 10:00'),
  },
  {
    id: 'c9',
    type: 'complaint',
    category: 'C02',
    unit: UNIT_S,
    region: '411102001',
    status: 'rated',
    created: local('2025-12-20 10:00'),
    dispatched: local('2025-12-20 12:00'),
    signed: local('2025-12-20 12:30'),
    due: due('2026-01-03'),
    closed: local('2025-12-28 10:00'),
    rating: 'unsatisfied',
    rated: local('2026-01-02 10:00'),
  },
  {
    id: 'c10',
    type: 'consultation',
    category: 'C01',
    unit: null,
    region: null,
    status: 'submitted',
    created: local('2026-03-01 00:00'),
  },
];

async function insertCase(dataSource: DataSource, c: FixtureCase): Promise<void> {
  const at = (d: Date | undefined) => (d ? sqlDate(d) : null);
  const [sql, params] = insertStatement('cases', {
    id: `${c.id}-`.padEnd(26, '0'),
    citizen_id: 'citizen'.padEnd(26, '0'),
    idempotency_key: c.id,
    request_hash: c.id,
    type: c.type,
    category: c.category,
    status: c.status,
    title: `测试诉求${c.id}`,
    content: '用于统计口径测试的诉求内容。',
    content_check: 'pass',
    region_code: c.region,
    handling_unit: c.unit,
    created_at: sqlDate(c.created),
    updated_at: sqlDate(c.created),
    dispatched_at: at(c.dispatched),
    signed_at: at(c.signed),
    due_at: at(c.due),
    closed_at: at(c.closed),
    rating: c.rating ?? null,
    rated_at: at(c.rated),
  });
  await dataSource.query(sql, params);
}

/** A rate written out by hand: numerator, denominator and the rounded rate. */
const r = (numerator: number, denominator: number, rate: number | null) => ({ numerator, denominator, rate });

function row(
  key: string,
  label: string,
  received: number,
  closed: number,
  onTimeClosure: FigureRow['onTimeClosure'],
  satisfaction: FigureRow['satisfaction'],
  timelySigning: FigureRow['timelySigning'],
  avgHandlingHours: number | null,
): FigureRow {
  return { key, label, received, closed, onTimeClosure, satisfaction, timelySigning, avgHandlingHours };
}

/*
 * Totals.
 * received: c1 c3 c4 c5 c6 c7 c8 = 7 (c2, c9 before the period; c10 at its end, excluded).
 * closed: c1 c2 c3 = 3 (c5 withdrawn, c8 after the period, c9 before it).
 *   hours: c1 01-01 00:00→01-10 12:00 = 228; c2 12-31 23:00→01-21 10:00 = 491; c3 02-01 07:00→02-05 23:59:59.999
 *   = 112.99999972; mean 831.99999972 / 3 = 277.33 → 277.3.
 * 按时办结率: due in period, not withdrawn: c1 ✓, c2 ✗ (late), c3 ✓ (closed at the very due instant), c6 ✗ (open,
 *   overdue), c7 ✗ (open, overdue), c9 ✓ (closed before the period, due in it); c5 withdrawn; c8 due later → 3/6.
 * 满意率: rated in period: c1 satisfied, c2 basically, c9 unsatisfied; c3 rated 03-01 00:30 city time (still
 *   February in UTC) is outside → 2/3 = 0.6667.
 * 及时签收率: dispatched in period: c1 8h ✓, c2 25h ✗, c3 exactly 24h ✓, c6 24h + 1 ms ✗, c7 never ✗, c8 25h ✗;
 *   c9 dispatched before → 2/6 = 0.3333.
 */
const FIGURE_BREAKDOWNS = [undefined, 'type', 'area', 'unit', 'region', 'month'] as const;
const TOTAL = row('all', '合计', 7, 3, r(3, 6, 0.5), r(2, 3, 0.6667), r(2, 6, 0.3333), 277.3);

let db: TestDatabase;
let dataSource: DataSource;
let deps: FiguresDeps;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = createDataSource(db.settings);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  for (const c of CASES) await insertCase(dataSource, c);
  const city = new CityContext(loadCity('luohe'));
  deps = { reporting: reportingReads(dataSource, dataSource, 20_000), city, clock: { now: () => NOW } };
  // The hand-worked numbers below come from the rollup; the live correction alone is checked against them too.
  await foldAll(dataSource, foldSettings(city), () => NOW);
});
afterAll(async () => {
  await dataSource.destroy();
  await db.drop();
});

describe('figures over a period', () => {
  test('when no breakdown is asked, then the total row carries every figure and there are no rows', async () => {
    const figures = await computeFigures(deps, PERIOD);
    expect(figures).toEqual({ ...PERIOD, by: null, total: TOTAL, rows: [] });
  });

  test('when broken down by month, then each figure falls in the city-time month of its own date', async () => {
    const figures = await computeFigures(deps, { ...PERIOD, by: 'month' });
    expect(figures.total).toEqual(TOTAL);
    expect(figures.rows).toEqual([
      // received c1 c5; closed c1 c2 ((228 + 491) / 2 = 359.5); due c1 ✓ c2 ✗ c9 ✓; rated c1 c2 c9; dispatched c1 ✓ c2 ✗
      row('2026-01', '2026年1月', 2, 2, r(2, 3, 0.6667), r(2, 3, 0.6667), r(1, 2, 0.5), 359.5),
      // received c3 (created 01-31 23:00Z) c4 c6 c7 c8; closed c3 (112.99999972 → 113.0); due c3 ✓ c6 ✗ c7 ✗;
      // rated none (c3's rating is in March); dispatched c3 ✓ c6 ✗ c7 ✗ c8 ✗
      row('2026-02', '2026年2月', 5, 1, r(1, 3, 0.3333), r(0, 0, null), r(1, 4, 0.25), 113),
    ]);
  });

  test('when broken down by type, then rows are keyed by type code with the Chinese label, sorted by key', async () => {
    const figures = await computeFigures(deps, { ...PERIOD, by: 'type' });
    expect(figures.total).toEqual(TOTAL);
    expect(figures.rows).toEqual([
      // c1 c6 c9: received c1 c6; closed c1 (228); due c1 ✓ c6 ✗ c9 ✓; rated c1 ✓ c9 ✗; dispatched c1 ✓ c6 ✗
      row('complaint', '投诉', 2, 1, r(2, 3, 0.6667), r(1, 2, 0.5), r(1, 2, 0.5), 228),
      // c3: received, closed (113.0), due ✓, rating outside, dispatched ✓
      row('consultation', '咨询', 1, 1, r(1, 1, 1), r(0, 0, null), r(1, 1, 1), 113),
      // c2 c7: received c7; closed c2 (491); due c2 ✗ c7 ✗; rated c2 ✓; dispatched c2 ✗ c7 ✗
      row('help', '求助', 1, 1, r(0, 2, 0), r(1, 1, 1), r(0, 2, 0), 491),
      // c4: received only
      row('report', '举报', 1, 0, r(0, 0, null), r(0, 0, null), r(0, 0, null), null),
      // c5 c8: received both; c5 withdrawn counts nowhere else; c8 dispatched ✗, due and closed after the period
      row('suggestion', '建议', 2, 0, r(0, 0, null), r(0, 0, null), r(0, 1, 0), null),
    ]);
  });

  test('when broken down by area, then rows carry the category name', async () => {
    const figures = await computeFigures(deps, { ...PERIOD, by: 'area' });
    expect(figures.total).toEqual(TOTAL);
    expect(figures.rows).toEqual([
      // c7: received, due ✗, dispatched ✗
      row('A05', '安全生产', 1, 0, r(0, 1, 0), r(0, 0, null), r(0, 1, 0), null),
      // c2 c4: received c4; closed c2 (491); due c2 ✗; rated c2 ✓; dispatched c2 ✗
      row('A21', '养老服务', 1, 1, r(0, 1, 0), r(1, 1, 1), r(0, 1, 0), 491),
      // c3
      row('C01', '交通出行', 1, 1, r(1, 1, 1), r(0, 0, null), r(1, 1, 1), 113),
      // c9: due ✓, rated ✗
      row('C02', '水电气暖', 0, 0, r(1, 1, 1), r(0, 1, 0), r(0, 0, null), null),
      // c1 c5 c6 c8: received all four; closed c1; due c1 ✓ c6 ✗; rated c1 ✓; dispatched c1 ✓ c6 ✗ c8 ✗
      row('C04', '市容环卫', 4, 1, r(1, 2, 0.5), r(1, 1, 1), r(1, 3, 0.3333), 228),
    ]);
  });

  test('when broken down by unit, then undispatched cases form the 未派单 row', async () => {
    const figures = await computeFigures(deps, { ...PERIOD, by: 'unit' });
    expect(figures.total).toEqual(TOTAL);
    expect(figures.rows).toEqual([
      row('none', '未派单', 1, 0, r(0, 0, null), r(0, 0, null), r(0, 0, null), null), // c4 (c10 outside)
      // c3 c9: received c3; closed c3; due c3 ✓ c9 ✓; rated c9 ✗; dispatched c3 ✓
      row(UNIT_S, UNIT_S, 1, 1, r(2, 2, 1), r(0, 1, 0), r(1, 1, 1), 113),
      // c7
      row(UNIT_W, UNIT_W, 1, 0, r(0, 1, 0), r(0, 0, null), r(0, 1, 0), null),
      // c1 c2 c5 c6 c8: received c1 c5 c6 c8; closed c1 c2 (359.5); due c1 ✓ c2 ✗ c6 ✗; rated c1 c2 ✓✓;
      // dispatched c1 ✓ c2 ✗ c6 ✗ c8 ✗
      row(UNIT_Y, UNIT_Y, 4, 2, r(1, 3, 0.3333), r(2, 2, 1), r(1, 4, 0.25), 359.5),
    ]);
  });

  test('when broken down by region, then townships roll up to their county and the rest is 未知区域', async () => {
    const figures = await computeFigures(deps, { ...PERIOD, by: 'region' });
    expect(figures.total).toEqual(TOTAL);
    expect(figures.rows).toEqual([
      // 源汇区: c2 (county code) and c9 (a township): closed c2; due c2 ✗ c9 ✓; rated c2 ✓ c9 ✗; dispatched c2 ✗
      row('411102', '源汇区', 0, 1, r(1, 2, 0.5), r(1, 2, 0.5), r(0, 1, 0), 491),
      // 郾城区: c1 c3 c5 c6: received all; closed c1 c3 ((228 h + 112 h 59 min 59.999 s) / 2 = 170.49999986 → 170.5);
      // due c1 ✓ c3 ✓ c6 ✗; rated c1 ✓; dispatched c1 ✓ c3 ✓ c6 ✗
      row('411103', '郾城区', 4, 2, r(2, 3, 0.6667), r(1, 1, 1), r(2, 3, 0.6667), 170.5),
      // 舞阳县: c7
      row('411121', '舞阳县', 1, 0, r(0, 1, 0), r(0, 0, null), r(0, 1, 0), null),
      // c4 (no region) and c8 (the city itself, not a county): received both; dispatched c8 ✗
      row('unknown', '未知区域', 2, 0, r(0, 0, null), r(0, 0, null), r(0, 1, 0), null),
    ]);
  });

  test('when the period is a single day, then only that city-time day counts', async () => {
    // 2026-01-01 city time: c1 created at 00:00 and c2 dispatched at 08:00 (c2 was created the evening before).
    const figures = await computeFigures(deps, { from: '2026-01-01', to: '2026-01-01' });
    expect(figures.total).toEqual(row('all', '合计', 1, 0, r(0, 0, null), r(0, 0, null), r(1, 2, 0.5), null));
  });

  test('when the period has not ended, then open cases not yet due or still within the signing limit wait', async () => {
    // Now 02-27 22:00. 按时办结率 for February: c3 ✓, c6 ✗ (overdue since 02-25), c7 not due until 23:59:59.999
    // and open → waits: 1/2. 及时签收率: c3 ✓, c6 ✗, c8 ✗, c7 dispatched 2 h ago and unsigned → waits: 1/3.
    const early = { ...deps, clock: { now: () => local('2026-02-27 22:00') } };
    const figures = await computeFigures(early, { from: '2026-02-01', to: '2026-02-28' });
    expect(figures.total.onTimeClosure).toEqual(r(1, 2, 0.5));
    expect(figures.total.timelySigning).toEqual(r(1, 3, 0.3333));
  });
});

describe('figures before and after the rollup', () => {
  test('when nothing is folded into the rollup yet, then the live correction gives the same figures', async () => {
    const folded = await Promise.all(FIGURE_BREAKDOWNS.map((by) => computeFigures(deps, { ...PERIOD, by })));
    expect(folded[0]?.total).toEqual(TOTAL);
    await resetRollup(dataSource);
    try {
      const live = await Promise.all(FIGURE_BREAKDOWNS.map((by) => computeFigures(deps, { ...PERIOD, by })));
      expect(live).toEqual(folded);
    } finally {
      await foldAll(dataSource, foldSettings(deps.city), () => NOW);
    }
  });
});

describe('figures of one unit', () => {
  test('when limited to a unit and its county, then cases of other units or other regions are left out', async () => {
    // 郾城区城市管理局 in 411103: c1 c5 c6 (c2 is in 源汇区, c8 at city level). received c1 c5 c6; closed c1;
    // due c1 ✓ c6 ✗; rated c1 ✓; dispatched c1 ✓ c6 ✗.
    const figures = await computeFigures(deps, { ...PERIOD, by: 'unit' }, { unit: UNIT_Y, regionCode: '411103' });
    const expected = r(1, 2, 0.5);
    expect(figures.total).toEqual(row('all', '合计', 3, 1, expected, r(1, 1, 1), expected, 228));
    expect(figures.rows.map((x) => x.key)).toEqual([UNIT_Y]);
  });

  test('when limited to a unit without a region, then all of that unit counts', async () => {
    // 市城市管理局: c3 c9 (same numbers as its row in the unit breakdown).
    const figures = await computeFigures(deps, PERIOD, { unit: UNIT_S });
    expect(figures.total).toEqual(row('all', '合计', 1, 1, r(2, 2, 1), r(0, 1, 0), r(1, 1, 1), 113));
  });
});

describe('the Excel export', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportFigures(deps, PERIOD)) as never);
  });

  /** The data rows of a sheet: the rows below the header row, as plain values. */
  function tableOf(name: string): unknown[][] {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const values: unknown[][] = [];
    sheet.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    const header = values.findIndex((v) => v[0] === '分类');
    return values.slice(header);
  }

  const asCells = (x: FigureRow) => [
    x.label,
    x.received,
    x.closed,
    x.onTimeClosure.rate,
    x.satisfaction.rate,
    x.timelySigning.rate,
    x.avgHandlingHours,
    x.onTimeClosure.numerator,
    x.onTimeClosure.denominator,
    x.satisfaction.numerator,
    x.satisfaction.denominator,
    x.timelySigning.numerator,
    x.timelySigning.denominator,
  ];
  /** Empty cells read back as undefined. */
  const normalise = (cells: unknown[]) => cells.map((c) => (c === null ? undefined : c));

  test('when exported, then there is one sheet overall and one per dimension, each stating period and definitions', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '总体',
      '按类型',
      '按领域',
      '按承办单位',
      '按区域',
      '按月份',
    ]);
    for (const sheet of workbook.worksheets) {
      const text = sheet.getColumn(1).values.join('\n');
      expect(text).toContain('统计期间：2026-01-01 至 2026-02-28');
      expect(text).toContain('按时办结率：');
      expect(text).toContain('满意率：');
      expect(text).toContain('及时签收率：');
    }
  });

  test('when exported, then the overall sheet has the Chinese headers and the API total, rates as percentages', () => {
    const [header, total, ...rest] = tableOf(SHEET_NAMES.total);
    expect(header?.slice(0, 7)).toEqual([
      '分类',
      '受理量',
      '办结量',
      '按时办结率',
      '满意率',
      '及时签收率',
      '平均办理时长(小时)',
    ]);
    expect(total).toEqual(['合计', 7, 3, 0.5, 0.6667, 0.3333, 277.3, 3, 6, 2, 3, 2, 6]);
    expect(rest).toEqual([]);
    const sheet = workbook.getWorksheet(SHEET_NAMES.total);
    const totalRow = sheet?.getRow(sheet?.rowCount ?? 0);
    expect(totalRow?.getCell(4).numFmt).toBe('0.00%');
    expect(totalRow?.getCell(2).numFmt ?? 'General').not.toContain('%');
  });

  test('when exported, then every breakdown sheet holds the same rows as the API, then the total', async () => {
    for (const by of ['type', 'area', 'unit', 'region', 'month'] as const) {
      const figures: Figures = await computeFigures(deps, { ...PERIOD, by });
      const [, ...rows] = tableOf(SHEET_NAMES[by]);
      expect(rows).toEqual([...figures.rows, figures.total].map((x) => normalise(asCells(x))));
    }
  });
});

describe('the figures routes', () => {
  /** Stands in for staff auth: the role comes from a test header, the permission from the shared table. */
  const guard: StaffGuard = (permission) => async (ctx, next) => {
    const role = ctx.get('x-test-role') as StaffRole;
    if (!role) throw new Unauthenticated();
    if (typeof permission !== 'string' || !can(role, permission)) throw new Forbidden();
    const handler = role === 'handler';
    ctx.state.staff = { id: 's1', role, unit: handler ? UNIT_Y : null, regionCode: handler ? '411103' : null };
    await next();
  };
  let http: ReturnType<typeof request>;
  beforeAll(() => {
    const app = new Koa<AppState>();
    app.use(requestContext(pino({ level: 'silent' })));
    app.use(errorEnvelope());
    app.use(
      figuresRoutes(deps, {
        staff: guard,
        citizen: () => Promise.reject(new Unauthenticated()),
      }).routes(),
    );
    http = request(app.callback());
  });

  test('when a dispatcher asks, then the whole city’s figures come back', async () => {
    const res = await http.get('/api/v1/admin/figures').query(PERIOD).set('x-test-role', 'dispatcher').expect(200);
    expect(res.body.total).toEqual(TOTAL);
  });

  test('when a handler asks, then only the figures of their own unit and region come back', async () => {
    const res = await http
      .get('/api/v1/admin/figures')
      .query({ ...PERIOD, by: 'unit' })
      .set('x-test-role', 'handler');
    expect(res.status).toBe(200);
    expect(res.body.total.received).toBe(3);
    expect(res.body.rows.map((x: FigureRow) => x.key)).toEqual([UNIT_Y]);
  });

  test('when the period is reversed or the dimension unknown, then the answer is 400', async () => {
    const reversed = await http
      .get('/api/v1/admin/figures')
      .query({ from: '2026-02-01', to: '2026-01-01' })
      .set('x-test-role', 'admin');
    expect(reversed.status).toBe(400);
    const unknown = await http
      .get('/api/v1/admin/figures')
      .query({ ...PERIOD, by: 'weekday' })
      .set('x-test-role', 'admin');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
  });

  test('when a handler has neither unit nor region, then they see nothing rather than the whole city', () => {
    const ctx = (staff: AppState['staff']) => ({ state: { staff } }) as Parameters<typeof scopeOf>[0];
    expect(() => scopeOf(ctx({ id: 's2', role: 'handler', unit: null, regionCode: null }))).toThrow(Forbidden);
    expect(scopeOf(ctx({ id: 's3', role: 'handler', unit: UNIT_S, regionCode: null }))).toEqual({ unit: UNIT_S });
    expect(scopeOf(ctx({ id: 's4', role: 'auditor', unit: UNIT_S, regionCode: '411103' }))).toEqual({});
  });

  test('when a role without the permission asks, then the answer is 403', async () => {
    const res = await http.get('/api/v1/admin/figures').query(PERIOD).set('x-test-role', 'disclosure_editor');
    expect(res.status).toBe(403);
  });

  test('when exported, then an xlsx attachment named after the period comes back', async () => {
    const res = await http
      .get('/api/v1/admin/figures/export')
      .query(PERIOD)
      .set('x-test-role', 'auditor')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="figures-2026-01-01-2026-02-28.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const overall = book.getWorksheet(SHEET_NAMES.total);
    expect(overall?.getRow(overall.rowCount).getCell(2).value).toBe(TOTAL.received);
  });
});

describe('periods in city time', () => {
  test('when a period is given in city days, then it runs from the first midnight to the midnight after the last', () => {
    const period = cityPeriod('2026-01-15', '2026-03-02', 'Asia/Shanghai');
    expect(period.start.toISOString()).toBe('2026-01-14T16:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-03-02T16:00:00.000Z');
    expect(period.months.map((m) => [m.key, m.start.toISOString(), m.end.toISOString()])).toEqual([
      ['2026-01', '2026-01-14T16:00:00.000Z', '2026-01-31T16:00:00.000Z'],
      ['2026-02', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
      ['2026-03', '2026-02-28T16:00:00.000Z', '2026-03-02T16:00:00.000Z'],
    ]);
  });

  test('when the city observes daylight saving, then midnight follows the offset of that day', () => {
    // Berlin: UTC+1 in winter, UTC+2 from 2026-03-29 (clocks go forward at 02:00).
    expect(cityMidnight('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(cityMidnight('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(cityMidnight('2026-12-31', 'Europe/Berlin').toISOString()).toBe('2026-12-30T23:00:00.000Z');
  });
});
