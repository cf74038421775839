import type { DataSource, EntityManager } from 'typeorm';
import { isSqlite, readDate, sqlDate } from '../../db/sql';
import type { CityContext } from '../city/city-context';
import {
  addContribution,
  cityDayOf,
  COUNTS,
  FACT_COLUMNS,
  factsFromRow,
  keyText,
  selectFacts,
  type Counts,
  type RollupKey,
} from './rollup.facts';

/**
 * Keeps the rollup (case_figures) up to date without touching the case write paths: every case write stamps
 * `updated_at`, and the fold reads the cases changed since its cursor, adds to the rollup the difference between
 * each case's facts now and its mark (the facts last folded), and moves the mark and the cursor on, all in one
 * transaction. Folding a case twice adds nothing, so overlaps are harmless. Cases changed in the last
 * FOLD_LAG_MS are left to the figures' live correction (figures.queries.ts): a transaction that stamped an
 * earlier `updated_at` but has not committed yet would otherwise be skipped for good.
 */

export const FOLD_LAG_MS = 2 * 60_000;
const CURSOR_ID = 1;
const ROWS_PER_STATEMENT = 400;

export interface FoldSettings {
  dayOf: (at: Date) => string;
  signingLimitMs: number;
}

/** Folds up to `batch` changed cases older than `now - FOLD_LAG_MS`; answers how many it read. */
export async function foldBatch(dataSource: DataSource, settings: FoldSettings, now: Date, batch = 2000) {
  return dataSource.manager.transaction(async (manager) => {
    const cursor = await lockCursor(manager);
    const after = cursor.at
      ? ['(c.updated_at > ? OR (c.updated_at = ? AND c.id > ?)) AND ', [cursor.at, cursor.at, cursor.id ?? '']]
      : ['', []];
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT c.id AS id, c.updated_at AS updated, ${selectFacts('c', 'c_')}, ${selectFacts('m', 'm_')}
       FROM cases c LEFT JOIN case_figure_marks m ON m.case_id = c.id
       WHERE ${after[0] as string}c.updated_at < ? ORDER BY c.updated_at, c.id LIMIT ?`,
      [...(after[1] as unknown[]), sqlDate(new Date(now.getTime() - FOLD_LAG_MS)), batch],
    );
    if (!rows.length) return 0;
    const deltas = new Map<string, { key: RollupKey; counts: Counts }>();
    for (const row of rows) {
      const before = factsFromRow(row, 'm_');
      if (before) addContribution(deltas, before, -1, settings.dayOf, settings.signingLimitMs);
      addContribution(deltas, factsFromRow(row, 'c_')!, 1, settings.dayOf, settings.signingLimitMs);
    }
    const changed = [...deltas.values()].filter(({ counts }) => COUNTS.some((c) => counts[c] !== 0));
    await addToRollup(manager, 'case_figures', 'day', changed);
    await addToRollup(manager, 'case_figures_monthly', 'month', byMonth(changed));
    await writeMarks(manager, rows);
    const last = rows[rows.length - 1]!;
    await manager.query('UPDATE case_figures_cursor SET folded_at = ?, folded_id = ? WHERE id = ?', [
      sqlDate(readDate(last.updated)),
      String(last.id),
      CURSOR_ID,
    ]);
    return rows.length;
  });
}

/** Folds until nothing older than the lag is left; `progress` hears the running total. */
export async function foldAll(
  dataSource: DataSource,
  settings: FoldSettings,
  now: () => Date,
  progress?: (folded: number) => void,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await foldBatch(dataSource, settings, now());
    total += n;
    if (n) progress?.(total);
    if (n < 2000) return total;
  }
}

/** Empties the rollup and the marks and rewinds the cursor: the next folds recompute everything from the cases. */
export async function resetRollup(dataSource: DataSource): Promise<void> {
  await dataSource.manager.transaction(async (manager) => {
    await lockCursor(manager);
    await manager.query('DELETE FROM case_figures');
    await manager.query('DELETE FROM case_figures_monthly');
    await manager.query('DELETE FROM case_figure_marks');
    await manager.query('UPDATE case_figures_cursor SET folded_at = NULL, folded_id = NULL WHERE id = ?', [CURSOR_ID]);
  });
}

/** Where the fold has got to: cases with `updated_at` at or after it may not be in the rollup yet. */
export async function foldedUpTo(manager: EntityManager): Promise<string | null> {
  const rows: { folded_at: unknown }[] = await manager.query('SELECT folded_at FROM case_figures_cursor WHERE id = ?', [
    CURSOR_ID,
  ]);
  const at = rows[0]?.folded_at;
  return at === null || at === undefined ? null : sqlDate(readDate(at));
}

async function lockCursor(manager: EntityManager): Promise<{ at: string | null; id: string | null }> {
  const read = async () =>
    (await manager.query(
      `SELECT folded_at, folded_id FROM case_figures_cursor WHERE id = ?${isSqlite(manager) ? '' : ' FOR UPDATE'}`,
      [CURSOR_ID],
    )) as { folded_at: unknown; folded_id: string | null }[];
  let rows = await read();
  if (!rows.length) {
    const ignore = isSqlite(manager) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    await manager.query(`${ignore} INTO case_figures_cursor (id, folded_at, folded_id) VALUES (?, NULL, NULL)`, [
      CURSOR_ID,
    ]);
    rows = await read();
  }
  const row = rows[0]!;
  return { at: row.folded_at === null ? null : sqlDate(readDate(row.folded_at)), id: row.folded_id };
}

const ROLLUP_COLUMNS = [
  'received',
  'closed',
  'closed_ms',
  'due_all',
  'due_closed',
  'due_on_time',
  'rated',
  'rated_good',
  'dispatched',
  'signed',
  'signed_in_time',
] as const;

/** The day entries summed per month: the key's `day` becomes `YYYY-MM`. */
function byMonth(entries: { key: RollupKey; counts: Counts }[]): { key: RollupKey; counts: Counts }[] {
  const months = new Map<string, { key: RollupKey; counts: Counts }>();
  for (const { key, counts } of entries) {
    const monthKey = { ...key, day: key.day.slice(0, 7) };
    const text = keyText(monthKey);
    const entry = months.get(text);
    if (entry) COUNTS.forEach((c) => (entry.counts[c] += counts[c]));
    else months.set(text, { key: monthKey, counts: { ...counts } });
  }
  return [...months.values()];
}

async function addToRollup(
  manager: EntityManager,
  table: 'case_figures' | 'case_figures_monthly',
  period: 'day' | 'month',
  entries: { key: RollupKey; counts: Counts }[],
): Promise<void> {
  const sqlite = isSqlite(manager);
  const columns = [period, 'type', 'category', 'unit', 'region_code', ...ROLLUP_COLUMNS];
  const update = ROLLUP_COLUMNS.map((c) =>
    sqlite ? `${c} = ${c} + excluded.${c}` : `${c} = ${c} + VALUES(${c})`,
  ).join(', ');
  const conflict = sqlite
    ? ` ON CONFLICT (${period}, type, category, unit, region_code) DO UPDATE SET `
    : ' ON DUPLICATE KEY UPDATE ';
  for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
    const chunk = entries.slice(i, i + ROWS_PER_STATEMENT);
    const row = `(${columns.map(() => '?').join(', ')})`;
    await manager.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => row).join(', ')}${conflict}${update}`,
      chunk.flatMap(({ key, counts }) => [
        key.day,
        key.type,
        key.category,
        key.unit,
        key.regionCode,
        ...COUNTS.map((c) => counts[c]),
      ]),
    );
  }
}

async function writeMarks(manager: EntityManager, rows: Record<string, unknown>[]): Promise<void> {
  const columns = ['case_id', ...FACT_COLUMNS];
  const dates = new Set<string>(['created_at', 'closed_at', 'due_at', 'dispatched_at', 'signed_at', 'rated_at']);
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const row = `(${columns.map(() => '?').join(', ')})`;
    await manager.query(
      `REPLACE INTO case_figure_marks (${columns.join(', ')}) VALUES ${chunk.map(() => row).join(', ')}`,
      chunk.flatMap((r) => [
        r.id,
        ...FACT_COLUMNS.map((c) => {
          const v = r[`c_${c}`];
          return dates.has(c) ? sqlDate(readDate(v, true)) : (v ?? null);
        }),
      ]),
    );
  }
}

/** The fold's settings for a city: its days, its signing limit. Changing either needs `npm run figures -- rebuild`. */
export function foldSettings(city: CityContext): FoldSettings {
  return { dayOf: cityDayOf(city.profile.timezone), signingLimitMs: city.profile.signingLimitHours * 3_600_000 };
}
