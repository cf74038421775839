import type { FigureRow, Figures, FiguresQuery } from '@hotline/shared-types';
import type { Clock } from '../../lib/clock';
import type { ReportingReads } from '../../db/reporting';
import type { CityContext } from '../city/city-context';
import { monthLabel, regionAndBelow, rowKeyOf, TOTAL, type RowKey } from './dimensions';
import { queryBuckets, type Bucket, type FigureBuckets } from './figures.queries';
import { cityPeriod } from './period';

export interface FiguresDeps {
  /** Reporting reads: their own small pool, a statement time limit, cancelled when the client goes away. */
  reporting: ReportingReads;
  city: CityContext;
  clock: Clock;
}

/** Limits the figures to the cases of one handling unit and/or one region (and the regions below it). */
export interface FiguresScope {
  unit?: string | undefined;
  regionCode?: string | undefined;
}

/**
 * The city's figures over a period of city-time days (按时办结率, 满意率, 及时签收率, volumes, handling time),
 * overall and, with `query.by`, per type, area, unit, region or month. Definitions: docs/metrics.md.
 */
export async function computeFigures(
  deps: FiguresDeps,
  query: FiguresQuery,
  scope: FiguresScope = {},
  signal?: AbortSignal,
): Promise<Figures> {
  const { profile } = deps.city;
  const period = cityPeriod(query.from, query.to, profile.timezone);
  const now = deps.clock.now();
  const buckets = await deps.reporting.run(
    (reader) =>
      queryBuckets(reader, {
        period,
        by: query.by,
        scope: {
          unit: scope.unit,
          regionCodes: scope.regionCode === undefined ? undefined : regionAndBelow(profile.region, scope.regionCode),
        },
        now,
        signingLimitHours: profile.signingLimitHours,
        timeZone: profile.timezone,
      }),
    signal,
  );
  const rows = tally(buckets, rowKeyOf(query.by, deps.city));
  if (query.by === 'month') {
    for (const month of period.months) {
      if (!rows.has(month.key)) rows.set(month.key, new Tally({ key: month.key, label: monthLabel(month.key) }));
    }
  }
  const total = new Tally(TOTAL);
  rows.forEach((row) => total.add(row));
  return {
    from: query.from,
    to: query.to,
    by: query.by ?? null,
    total: total.toRow(),
    rows: query.by ? [...rows.values()].map((row) => row.toRow()).sort(byKey) : [],
  };
}

/** Counts of one row, summed from the buckets whose raw value lands on it. */
class Tally {
  received = 0;
  closed = 0;
  handlingMs = 0;
  due = 0;
  onTime = 0;
  rated = 0;
  satisfied = 0;
  dispatched = 0;
  signedInTime = 0;

  constructor(readonly row: RowKey) {}

  add(other: Tally): void {
    this.received += other.received;
    this.closed += other.closed;
    this.handlingMs += other.handlingMs;
    this.due += other.due;
    this.onTime += other.onTime;
    this.rated += other.rated;
    this.satisfied += other.satisfied;
    this.dispatched += other.dispatched;
    this.signedInTime += other.signedInTime;
  }

  toRow(): FigureRow {
    return {
      key: this.row.key,
      label: this.row.label,
      received: this.received,
      closed: this.closed,
      onTimeClosure: rate(this.onTime, this.due),
      satisfaction: rate(this.satisfied, this.rated),
      timelySigning: rate(this.signedInTime, this.dispatched),
      avgHandlingHours: this.closed ? Math.round(this.handlingMs / this.closed / 360_000) / 10 : null,
    };
  }
}

function tally(buckets: FigureBuckets, rowKey: (raw: string | null) => RowKey): Map<string, Tally> {
  const rows = new Map<string, Tally>();
  const each = (list: Bucket[], apply: (t: Tally, b: Bucket) => void): void => {
    for (const bucket of list) {
      const key = rowKey(bucket.key);
      let row = rows.get(key.key);
      if (!row) rows.set(key.key, (row = new Tally(key)));
      apply(row, bucket);
    }
  };
  each(buckets.received, (t, b) => (t.received += b.count));
  each(buckets.closed, (t, b) => {
    t.closed += b.count;
    t.handlingMs += b.totalMs;
  });
  each(buckets.due, (t, b) => {
    t.due += b.count;
    t.onTime += b.hits;
  });
  each(buckets.rated, (t, b) => {
    t.rated += b.count;
    t.satisfied += b.hits;
  });
  each(buckets.dispatched, (t, b) => {
    t.dispatched += b.count;
    t.signedInTime += b.hits;
  });
  return rows;
}

function rate(numerator: number, denominator: number): FigureRow['onTimeClosure'] {
  return { numerator, denominator, rate: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null };
}

const byKey = (a: FigureRow, b: FigureRow): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
