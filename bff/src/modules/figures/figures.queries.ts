import type { FigureDimension } from '@hotline/shared-types';
import type { EntityManager } from 'typeorm';
import { sqlDate } from '../../db/sql';
import { cityMidnight, type Period } from './period';
import { addContribution, cityDayOf, factsFromRow, selectFacts, type Counts, type RollupKey } from './rollup.facts';
import { foldedUpTo } from './rollup.fold';

/**
 * The figures' counts for a period, read from the rollup (case_figures_monthly for the whole months, case_figures for
 * the days at the ends: a few rows per day or month whatever the number
 * of cases) plus two small live parts, all in one consistent read:
 * - the correction: cases changed since the fold's cursor, as the difference between their facts now and what
 *   the rollup holds of them (their mark), so the figures are exact even before the next fold;
 * - the figures that depend on the moment of asking: an open case counts as due once its deadline has passed,
 *   a dispatched one once its signing limit has run out. Whole days before that moment take all the cases due
 *   (dispatched) on them, later days only the closed (signed) ones; the one day the moment falls in adds the
 *   open (unsigned) cases whose deadline (limit) has passed, counted live from `cases` by index.
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
  timeZone: string;
}

/** Something that runs SQL: an entity manager inside the reading transaction. */
export type Reader = Pick<EntityManager, 'query'>;

type Visible = Record<'received' | 'closed' | 'closedMs' | 'due' | 'dueHits' | 'rated' | 'ratedGood', number> &
  Record<'dispatched' | 'signedInTime', number>;

const zeroVisible = (): Visible => ({
  received: 0,
  closed: 0,
  closedMs: 0,
  due: 0,
  dueHits: 0,
  rated: 0,
  ratedGood: 0,
  dispatched: 0,
  signedInTime: 0,
});

const ROLLUP_KEY = { type: 'type', area: 'category', unit: 'unit', region: 'region_code' } as const;
const CASE_KEY = { type: 'type', area: 'category', unit: 'handling_unit', region: 'region_code' } as const;

export async function queryBuckets(reader: Reader, q: BucketQuery): Promise<FigureBuckets> {
  const dayOf = cityDayOf(q.timeZone);
  const limitMs = q.signingLimitHours * 3_600_000;
  const moments = { today: dayOf(q.now), signingCutoff: new Date(q.now.getTime() - limitMs) };
  const cutoffDay = dayOf(moments.signingCutoff);
  const rows = new Map<string | null, Visible>();
  const row = (key: string | null): Visible => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = zeroVisible()));
    return r;
  };

  await readRollup(reader, q, moments.today, cutoffDay, row);
  await readCorrection(reader, q, { dayOf, limitMs, today: moments.today, cutoffDay }, row);
  if (q.period.from <= moments.today && moments.today <= q.period.to) {
    const counts = await countLive(reader, q, moments.today, [
      'due_at >= ? AND due_at <= ? AND closed_at IS NULL AND status <> ?',
      [sqlDate(cityMidnight(moments.today, q.timeZone)), sqlDate(q.now), 'withdrawn'],
    ]);
    counts.forEach(([key, n]) => (row(key).due += n));
  }
  if (q.period.from <= cutoffDay && cutoffDay <= q.period.to) {
    const counts = await countLive(reader, q, cutoffDay, [
      'dispatched_at >= ? AND dispatched_at <= ? AND signed_at IS NULL',
      [sqlDate(cityMidnight(cutoffDay, q.timeZone)), sqlDate(moments.signingCutoff)],
    ]);
    counts.forEach(([key, n]) => (row(key).dispatched += n));
  }
  return toBuckets(rows);
}

async function readRollup(
  reader: Reader,
  q: BucketQuery,
  today: string,
  cutoffDay: string,
  row: (key: string | null) => Visible,
): Promise<void> {
  const { from, to } = q.period;
  // Whole months of the period that ended before the month of the moment of asking: read per month.
  const whole = q.period.months
    .map((m) => m.key)
    .filter((m) => from <= `${m}-01` && lastDayOf(m) <= to && m < cutoffDay.slice(0, 7));
  const first = whole[0];
  const last = whole[whole.length - 1];
  if (first && last) {
    await sumRollup(reader, q, row, {
      table: 'case_figures_monthly',
      range: ['month >= ? AND month <= ?', [first, last]],
      key: 'month',
      due: 'due_all',
      dispatched: 'dispatched',
    });
  }
  const days: [string, unknown[]] =
    first && last
      ? ['((day >= ? AND day < ?) OR (day > ? AND day <= ?))', [from, `${first}-01`, lastDayOf(last), to]]
      : ['day >= ? AND day <= ?', [from, to]];
  await sumRollup(reader, q, row, {
    table: 'case_figures',
    range: days,
    key: 'SUBSTR(day, 1, 7)',
    // Days before the moment of asking take every case due (dispatched) on them; later ones only the outcomes known.
    due: ['CASE WHEN day < ? THEN due_all ELSE due_closed END', today],
    dispatched: ['CASE WHEN day < ? THEN dispatched ELSE signed END', cutoffDay],
  });
}

/** `2026-02` → `2026-02-28`. */
function lastDayOf(month: string): string {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

async function sumRollup(
  reader: Reader,
  q: BucketQuery,
  row: (key: string | null) => Visible,
  part: {
    table: string;
    range: [string, unknown[]];
    key: string;
    due: string | [string, string];
    dispatched: string | [string, string];
  },
): Promise<void> {
  const [dueSql, dueParams] = typeof part.due === 'string' ? [part.due, []] : [part.due[0], [part.due[1]]];
  const [dispatchedSql, dispatchedParams] =
    typeof part.dispatched === 'string' ? [part.dispatched, []] : [part.dispatched[0], [part.dispatched[1]]];
  const where = [part.range[0]];
  const params: unknown[] = [...dueParams, ...dispatchedParams, ...part.range[1]];
  if (q.scope.unit !== undefined) {
    where.push('unit = ?');
    params.push(q.scope.unit);
  }
  if (q.scope.regionCodes) {
    const codes = q.scope.regionCodes.length ? q.scope.regionCodes : ['\u0000'];
    where.push(`region_code IN (${codes.map(() => '?').join(', ')})`);
    params.push(...codes);
  }
  const key = q.by === 'month' ? part.key : q.by ? ROLLUP_KEY[q.by] : "''";
  const found: Record<string, unknown>[] = await reader.query(
    `SELECT ${key} AS k, SUM(received) AS received, SUM(closed) AS closed, SUM(closed_ms) AS closed_ms,
       SUM(${dueSql}) AS due, SUM(due_on_time) AS due_hits, SUM(rated) AS rated, SUM(rated_good) AS rated_good,
       SUM(${dispatchedSql}) AS dispatched, SUM(signed_in_time) AS signed_in_time
     FROM ${part.table} WHERE ${where.join(' AND ')}${q.by ? ' GROUP BY k' : ''}`,
    params,
  );
  for (const f of found) {
    const r = row(rawKey(f.k));
    r.received += Number(f.received ?? 0);
    r.closed += Number(f.closed ?? 0);
    r.closedMs += Number(f.closed_ms ?? 0);
    r.due += Number(f.due ?? 0);
    r.dueHits += Number(f.due_hits ?? 0);
    r.rated += Number(f.rated ?? 0);
    r.ratedGood += Number(f.rated_good ?? 0);
    r.dispatched += Number(f.dispatched ?? 0);
    r.signedInTime += Number(f.signed_in_time ?? 0);
  }
}

/** The rollup keeps "no unit" and "no region" as ''; the figures speak of null. */
const rawKey = (k: unknown): string | null => (k === null || k === undefined || k === '' ? null : String(k));

async function readCorrection(
  reader: Reader,
  q: BucketQuery,
  c: { dayOf: (at: Date) => string; limitMs: number; today: string; cutoffDay: string },
  row: (key: string | null) => Visible,
): Promise<void> {
  const since = await foldedUpTo(reader as EntityManager);
  const changed: Record<string, unknown>[] = await reader.query(
    `SELECT ${selectFacts('c', 'c_')}, ${selectFacts('m', 'm_')}
     FROM cases c LEFT JOIN case_figure_marks m ON m.case_id = c.id${since ? ' WHERE c.updated_at >= ?' : ''}`,
    since ? [since] : [],
  );
  const deltas = new Map<string, { key: RollupKey; counts: Counts }>();
  for (const r of changed) {
    const before = factsFromRow(r, 'm_');
    if (before) addContribution(deltas, before, -1, c.dayOf, c.limitMs);
    addContribution(deltas, factsFromRow(r, 'c_')!, 1, c.dayOf, c.limitMs);
  }
  const regions = q.scope.regionCodes ? new Set(q.scope.regionCodes) : null;
  for (const { key, counts } of deltas.values()) {
    if (key.day < q.period.from || key.day > q.period.to) continue;
    if (q.scope.unit !== undefined && key.unit !== q.scope.unit) continue;
    if (regions && !regions.has(key.regionCode)) continue;
    const r = row(q.by ? rawKey(q.by === 'month' ? key.day.slice(0, 7) : dimensionOf(key, q.by)) : rawKey(''));
    r.received += counts.received;
    r.closed += counts.closed;
    r.closedMs += counts.closedMs;
    r.due += key.day < c.today ? counts.dueAll : counts.dueClosed;
    r.dueHits += counts.dueOnTime;
    r.rated += counts.rated;
    r.ratedGood += counts.ratedGood;
    r.dispatched += key.day < c.cutoffDay ? counts.dispatched : counts.signed;
    r.signedInTime += counts.signedInTime;
  }
}

function dimensionOf(key: RollupKey, by: Exclude<FigureDimension, 'month'>): string {
  return { type: key.type, area: key.category, unit: key.unit, region: key.regionCode }[by];
}

/** Open cases counted live for the one day the moment of asking falls in, per raw dimension value. */
async function countLive(
  reader: Reader,
  q: BucketQuery,
  day: string,
  [condition, values]: [string, unknown[]],
): Promise<[string | null, number][]> {
  const where = [condition];
  const params = [...values];
  if (q.scope.unit !== undefined) {
    where.push('handling_unit = ?');
    params.push(q.scope.unit);
  }
  if (q.scope.regionCodes) {
    const codes = q.scope.regionCodes.length ? q.scope.regionCodes : ['\u0000'];
    where.push(`region_code IN (${codes.map(() => '?').join(', ')})`);
    params.push(...codes);
  }
  const grouped = q.by !== undefined && q.by !== 'month';
  const found: { k: unknown; n: unknown }[] = await reader.query(
    `SELECT ${grouped ? CASE_KEY[q.by as keyof typeof CASE_KEY] : "''"} AS k, COUNT(*) AS n FROM cases
     WHERE ${where.join(' AND ')}${grouped ? ' GROUP BY k' : ''}`,
    params,
  );
  return found.map((f) => [q.by === 'month' ? day.slice(0, 7) : rawKey(f.k), Number(f.n ?? 0)]);
}

function toBuckets(rows: Map<string | null, Visible>): FigureBuckets {
  const list = (pick: (v: Visible) => [count: number, hits: number, ms: number]): Bucket[] =>
    [...rows.entries()]
      .map(([key, v]) => {
        const [count, hits, totalMs] = pick(v);
        return { key, count, hits, totalMs };
      })
      .filter((b) => b.count > 0);
  return {
    received: list((v) => [v.received, 0, 0]),
    closed: list((v) => [v.closed, 0, v.closedMs]),
    due: list((v) => [v.due, v.dueHits, 0]),
    rated: list((v) => [v.rated, v.ratedGood, 0]),
    dispatched: list((v) => [v.dispatched, v.signedInTime, 0]),
  };
}
