import type { FigureDimension } from '@hotline/shared-types';
import type { DataSource } from 'typeorm';
import { isSqlite, sqlDate } from '../../db/sql';
import type { Period } from './period';

/**
 * The aggregate queries behind the figures: one per event date (created, closed, due, rated, dispatched),
 * each counting the cases whose own date falls in the period and grouping by the raw dimension value
 * (type, category, unit, region code or month). Plain SQL that runs the same on SQLite and MySQL/MariaDB;
 * the only dialect difference is how the milliseconds between two datetimes are computed.
 */

/** Per raw dimension value: how many cases count, how many of them hit the rate's condition, total milliseconds. */
export interface Bucket {
  key: string | null;
  count: number;
  hits: number;
  totalMs: number;
}

export interface FigureBuckets {
  received: Bucket[];
  /** hits unused; totalMs = sum of handling time. */
  closed: Bucket[];
  /** hits = closed at or before due_at. */
  due: Bucket[];
  /** hits = satisfied or basically satisfied. */
  rated: Bucket[];
  /** hits = signed within the signing limit. */
  dispatched: Bucket[];
}

export interface QueryScope {
  unit?: string | undefined;
  /** Every region code the scope covers (a county and its townships). */
  regionCodes?: string[] | undefined;
}

export interface BucketQuery {
  period: Period;
  by: FigureDimension | undefined;
  scope: QueryScope;
  now: Date;
  signingLimitHours: number;
}

type DateColumn = 'created_at' | 'closed_at' | 'due_at' | 'rated_at' | 'dispatched_at';

const DIMENSION_COLUMNS = { type: 'type', area: 'category', unit: 'handling_unit', region: 'region_code' } as const;

type Fragment = [sql: string, params: unknown[]];

interface MetricQuery {
  column: DateColumn;
  hits?: Fragment;
  totalMs?: string;
  condition?: Fragment;
}

export async function queryBuckets(dataSource: DataSource, q: BucketQuery): Promise<FigureBuckets> {
  const ms = millisBetween(dataSource);
  const now = sqlDate(q.now);
  const signingLimitMs = q.signingLimitHours * 3_600_000;
  const run = (metric: MetricQuery) => aggregate(dataSource, q, metric);
  const [received, closed, due, rated, dispatched] = await Promise.all([
    run({ column: 'created_at' }),
    run({ column: 'closed_at', totalMs: `SUM(${ms('created_at', 'closed_at')})`, condition: NOT_WITHDRAWN }),
    run({
      column: 'due_at',
      hits: ['SUM(CASE WHEN closed_at IS NOT NULL AND closed_at <= due_at THEN 1 ELSE 0 END)', []],
      // A case still open and not yet due has no outcome yet: it counts once it is closed or overdue.
      condition: [`${NOT_WITHDRAWN[0]} AND (closed_at IS NOT NULL OR due_at <= ?)`, [now]],
    }),
    run({
      column: 'rated_at',
      hits: ["SUM(CASE WHEN rating IN ('satisfied', 'basically_satisfied') THEN 1 ELSE 0 END)", []],
      condition: ['rating IS NOT NULL', []],
    }),
    run({
      column: 'dispatched_at',
      hits: [
        `SUM(CASE WHEN signed_at IS NOT NULL AND ${ms('dispatched_at', 'signed_at')} <= ? THEN 1 ELSE 0 END)`,
        [signingLimitMs],
      ],
      // Likewise an unsigned case whose signing limit has not run out yet.
      condition: [
        '(signed_at IS NOT NULL OR dispatched_at <= ?)',
        [sqlDate(new Date(q.now.getTime() - signingLimitMs))],
      ],
    }),
  ]);
  return { received, closed, due, rated, dispatched };
}

const NOT_WITHDRAWN: Fragment = ["status <> 'withdrawn'", []];

async function aggregate(dataSource: DataSource, q: BucketQuery, metric: MetricQuery): Promise<Bucket[]> {
  const key = groupKey(q, metric.column);
  const hits = metric.hits ?? ['0', []];
  const where: Fragment[] = [
    [`${metric.column} >= ? AND ${metric.column} < ?`, [sqlDate(q.period.start), sqlDate(q.period.end)]],
  ];
  if (metric.condition) where.push(metric.condition);
  if (q.scope.unit !== undefined) where.push(['handling_unit = ?', [q.scope.unit]]);
  if (q.scope.regionCodes) {
    const codes = q.scope.regionCodes.length ? q.scope.regionCodes : [''];
    where.push([`region_code IN (${codes.map(() => '?').join(', ')})`, codes]);
  }
  const sql =
    `SELECT ${key.sql} AS k, COUNT(*) AS n, ${hits[0]} AS hits, ${metric.totalMs ?? '0'} AS ms FROM cases ` +
    `WHERE ${where.map(([text]) => text).join(' AND ')}${key.grouped ? ' GROUP BY k' : ''}`;
  const params = [...key.params, ...hits[1], ...where.flatMap(([, p]) => p)];
  const rows: { k: unknown; n: unknown; hits: unknown; ms: unknown }[] = await dataSource.query(sql, params);
  return rows
    .map((r) => ({
      key: r.k === null || r.k === undefined ? null : String(r.k),
      count: Number(r.n ?? 0),
      hits: Number(r.hits ?? 0),
      totalMs: Number(r.ms ?? 0),
    }))
    .filter((b) => b.count > 0);
}

/** The raw dimension value of a case for this metric: a column, or the city-time month of the metric's date. */
function groupKey(q: BucketQuery, column: DateColumn): { sql: string; params: unknown[]; grouped: boolean } {
  if (q.by && q.by !== 'month') return { sql: DIMENSION_COLUMNS[q.by], params: [], grouped: true };
  const months = q.by === 'month' ? q.period.months : [];
  const last = months[months.length - 1]?.key ?? 'all';
  if (months.length < 2) return { sql: '?', params: [last], grouped: false };
  // City-time months: their boundaries are instants computed in JS, not SQL date functions, so both dialects agree.
  const earlier = months.slice(0, -1);
  return {
    sql: `CASE ${earlier.map(() => `WHEN ${column} < ? THEN ?`).join(' ')} ELSE ? END`,
    params: [...earlier.flatMap((m) => [sqlDate(m.end), m.key]), last],
    grouped: true,
  };
}

/** SQL for the whole milliseconds from datetime `a` to datetime `b`. */
function millisBetween(dataSource: DataSource): (a: string, b: string) => string {
  if (isSqlite(dataSource)) {
    return (a, b) => `CAST(ROUND((julianday(${b}) - julianday(${a})) * 86400000) AS INTEGER)`;
  }
  return (a, b) => `(TIMESTAMPDIFF(MICROSECOND, ${a}, ${b}) DIV 1000)`;
}
