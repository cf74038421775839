import { DataSource, type EntityManager } from 'typeorm';

/**
 * Helpers for the few hot paths written as plain SQL (the rest goes through TypeORM): every value is bound as a
 * parameter, the same way on MySQL/MariaDB and SQLite.
 */

/** A UTC `YYYY-MM-DD HH:MM:SS.mmm` value: what both dialects store in a datetime(3) column. */
export function sqlDate(date: Date): string;
export function sqlDate(date: Date | null): string | null;
export function sqlDate(date: Date | null): string | null {
  return date ? date.toISOString().replace('T', ' ').slice(0, 23) : null;
}

/** A datetime read back: mysql2 gives a Date (connection time zone Z), SQLite the stored UTC literal. */
export function readDate(value: unknown): Date;
export function readDate(value: unknown, nullable: true): Date | null;
export function readDate(value: unknown, _nullable?: true): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}

export const sqlBool = (value: boolean): number => (value ? 1 : 0);

/** Builds `INSERT INTO t (a, b) VALUES (?, ?)` and its parameters from one row object. */
export function insertStatement(table: string, row: Record<string, unknown>): [string, unknown[]] {
  const columns = Object.keys(row);
  return [
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    Object.values(row),
  ];
}

/** A unique or primary key refused the row (MySQL/MariaDB 1062, SQLite constraint). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { errno?: number; code?: string; driverError?: { errno?: number; code?: string } } | null;
  const codes = [e?.errno, e?.code, e?.driverError?.errno, e?.driverError?.code];
  return codes.some(
    (c) =>
      c === 1062 || c === 'ER_DUP_ENTRY' || c === 'SQLITE_CONSTRAINT_PRIMARYKEY' || c === 'SQLITE_CONSTRAINT_UNIQUE',
  );
}

/**
 * The embedded SQLite rather than MySQL/MariaDB, for the few statements whose syntax differs: the one way the code
 * tells the dialect, from the data source or a transaction's manager.
 */
export function isSqlite(db: DataSource | EntityManager): boolean {
  return (db instanceof DataSource ? db : db.connection).options.type === 'better-sqlite3';
}

/** ` FOR UPDATE` where the database has row locks; SQLite's single writer makes it unnecessary there. */
export function forUpdate(db: DataSource | EntityManager): string {
  return isSqlite(db) ? '' : ' FOR UPDATE';
}

/** `(?, ?, …), (?, ?, …)`: the placeholders of `rows` rows of `width` values each. */
export function placeholderRows(rows: number, width: number): string {
  const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

/** `?, ?, …`: the placeholders of a list of `count` values (an `IN (…)`). */
export const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

/** Runs a write and answers how many rows it changed (both drivers), inside the manager's transaction if any. */
export async function execute(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  if (manager.queryRunner) return (await manager.queryRunner.query(sql, params, true)).affected ?? 0;
  const runner = manager.connection.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).affected ?? 0;
  } finally {
    await runner.release();
  }
}

/** MySQL/MariaDB gave up on a transaction (deadlock or lock wait timeout): running it again is the cure. */
export function isRetryableTransactionError(error: unknown): boolean {
  const e = error as { errno?: number; driverError?: { errno?: number } } | null;
  return [e?.errno, e?.driverError?.errno].some((n) => n === 1213 || n === 1205);
}

/** Runs a transaction, again (up to three times in all) when the database chose it as a deadlock victim. */
export async function withDeadlockRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 3 || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
    }
  }
}

/** Error codes meaning the database cannot be reached right now (network, restart, overload), not a bad query. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
  'SQLITE_BUSY',
]);

/** True when an error (or the driver error TypeORM wraps) says the database is unreachable, not that a query is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    const fatal = (e as { fatal?: unknown }).fatal;
    if (fatal === true && typeof code === 'string' && !code.startsWith('ER_PARSE')) return true;
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
