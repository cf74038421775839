import { readDate } from '../../db/sql';

/**
 * What a case adds to the rollup: per day (each figure on its own city-time day), the counts of docs/metrics.md
 * that do not depend on the moment of asking. Pure functions, shared by the fold and the live correction.
 */

/** The columns of a case (or of its mark) the figures read. */
export interface FigureFacts {
  type: string;
  category: string;
  unit: string | null;
  regionCode: string | null;
  status: string;
  createdAt: Date;
  closedAt: Date | null;
  dueAt: Date | null;
  dispatchedAt: Date | null;
  signedAt: Date | null;
  rating: string | null;
  ratedAt: Date | null;
}

export const COUNTS = [
  'received',
  'closed',
  'closedMs',
  'dueAll',
  'dueClosed',
  'dueOnTime',
  'rated',
  'ratedGood',
  'dispatched',
  'signed',
  'signedInTime',
] as const;
export type CountName = (typeof COUNTS)[number];
export type Counts = Record<CountName, number>;

export const zeroCounts = (): Counts => Object.fromEntries(COUNTS.map((c) => [c, 0])) as Counts;

/** One rollup row's key: the day and the four dimensions ('' for no unit or region). */
export interface RollupKey {
  day: string;
  type: string;
  category: string;
  unit: string;
  regionCode: string;
}

export const keyText = (k: RollupKey): string => [k.day, k.type, k.category, k.unit, k.regionCode].join('\u0000');

/** Adds `sign` × the case's counts to `into`, one entry per rollup row it touches. */
export function addContribution(
  into: Map<string, { key: RollupKey; counts: Counts }>,
  facts: FigureFacts,
  sign: 1 | -1,
  dayOf: (at: Date) => string,
  signingLimitMs: number,
): void {
  const add = (at: Date, changes: Partial<Counts>): void => {
    const key: RollupKey = {
      day: dayOf(at),
      type: facts.type,
      category: facts.category,
      unit: facts.unit ?? '',
      regionCode: facts.regionCode ?? '',
    };
    const text = keyText(key);
    let entry = into.get(text);
    if (!entry) into.set(text, (entry = { key, counts: zeroCounts() }));
    for (const [name, value] of Object.entries(changes) as [CountName, number][]) entry.counts[name] += sign * value;
  };
  const withdrawn = facts.status === 'withdrawn';
  const { closedAt, dueAt, dispatchedAt, signedAt } = facts;
  add(facts.createdAt, { received: 1 });
  if (!withdrawn && closedAt) {
    add(closedAt, { closed: 1, closedMs: closedAt.getTime() - facts.createdAt.getTime() });
  }
  if (!withdrawn && dueAt) {
    add(dueAt, {
      dueAll: 1,
      dueClosed: closedAt ? 1 : 0,
      dueOnTime: closedAt && closedAt.getTime() <= dueAt.getTime() ? 1 : 0,
    });
  }
  if (facts.rating && facts.ratedAt) {
    const good = facts.rating === 'satisfied' || facts.rating === 'basically_satisfied';
    add(facts.ratedAt, { rated: 1, ratedGood: good ? 1 : 0 });
  }
  if (dispatchedAt) {
    add(dispatchedAt, {
      dispatched: 1,
      signed: signedAt ? 1 : 0,
      signedInTime: signedAt && signedAt.getTime() - dispatchedAt.getTime() <= signingLimitMs ? 1 : 0,
    });
  }
}

/** Figure facts from a row whose columns carry `prefix` (`c_` for the case, `m_` for its mark). */
export function factsFromRow(row: Record<string, unknown>, prefix: string): FigureFacts | null {
  const get = (name: string): unknown => row[`${prefix}${name}`];
  if (get('type') === null || get('type') === undefined) return null;
  const text = (name: string): string | null => {
    const v = get(name);
    return v === null || v === undefined ? null : String(v);
  };
  return {
    type: String(get('type')),
    category: String(get('category')),
    unit: text('handling_unit'),
    regionCode: text('region_code'),
    status: String(get('status')),
    createdAt: readDate(get('created_at')),
    closedAt: readDate(get('closed_at'), true),
    dueAt: readDate(get('due_at'), true),
    dispatchedAt: readDate(get('dispatched_at'), true),
    signedAt: readDate(get('signed_at'), true),
    rating: text('rating'),
    ratedAt: readDate(get('rated_at'), true),
  };
}

/** The columns `factsFromRow` reads, as a select list for `alias` with `prefix`. */
export const FACT_COLUMNS = [
  'type',
  'category',
  'handling_unit',
  'region_code',
  'status',
  'created_at',
  'closed_at',
  'due_at',
  'dispatched_at',
  'signed_at',
  'rating',
  'rated_at',
] as const;

export const selectFacts = (alias: string, prefix: string): string =>
  FACT_COLUMNS.map((c) => `${alias}.${c} AS ${prefix}${c}`).join(', ');

/** The city-time day (`YYYY-MM-DD`) of an instant; cached per quarter hour, the finest offset step in use. */
export function cityDayOf(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const cache = new Map<number, string>();
  return (at) => {
    const slot = Math.floor(at.getTime() / 900_000);
    let day = cache.get(slot);
    if (day === undefined) {
      day = format.format(at);
      if (cache.size > 100_000) cache.clear();
      cache.set(slot, day);
    }
    return day;
  };
}
