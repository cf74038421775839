import { escape } from 'mysql2';
import type { EntityManager } from 'typeorm';

/**
 * Helpers for the few hot paths written as plain SQL (the rest goes through TypeORM): values are bound as
 * parameters the same way on MySQL/MariaDB and SQLite, except in the statements of many rows (`BulkValues`).
 */

let lastMs = Number.NaN;
let lastText = '';

/** A UTC `YYYY-MM-DD HH:MM:SS.mmm` literal: what both dialects store in a datetime(3) column. */
export function sqlDate(date: Date): string;
export function sqlDate(date: Date | null): string | null;
export function sqlDate(date: Date | null): string | null {
  if (!date) return null;
  // A batch writes the same instant on every row it touches: the last conversion is kept.
  const ms = date.getTime();
  if (ms !== lastMs) {
    lastText = date.toISOString().replace('T', ' ').slice(0, 23);
    lastMs = ms;
  }
  return lastText;
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

type WithConnection = { connection: { options: { type: string } } };

/** The embedded SQLite rather than MySQL/MariaDB, for the few statements whose syntax differs. */
export const isSqlite = (manager: WithConnection): boolean => manager.connection.options.type === 'better-sqlite3';

/** ` FOR UPDATE` where the database has row locks; SQLite's single writer makes it unnecessary there. */
export function forUpdate(manager: WithConnection): string {
  return isSqlite(manager) ? '' : ' FOR UPDATE';
}

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

/** What a string may hold to be written between single quotes as it is: ASCII letters, digits and `_ .:+-`. */
const PLAIN = /^[\w .:+-]*$/;

/**
 * The values of a statement with many rows (a recorded batch: hundreds of rows of a dozen columns). On
 * MySQL/MariaDB they are written into the statement as literals: mysql2 would otherwise scan the whole text for
 * its placeholders and escape value after value, the largest cost of recording a batch in this process. A plain
 * string (an id, a date, a code) is quoted as it is; any other goes through mysql2's own `escape`, the function
 * its placeholders use. On SQLite the values stay bound parameters.
 */
export class BulkValues {
  readonly params: unknown[] = [];
  private readonly inline: boolean;

  constructor(manager: EntityManager) {
    this.inline = !isSqlite(manager);
  }

  /** One value's SQL: a literal, or `?` with the value bound. */
  add(value: string | number | null): string {
    if (!this.inline) {
      this.params.push(value);
      return '?';
    }
    if (value === null) return 'NULL';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
      return String(value);
    }
    return PLAIN.test(value) ? `'${value}'` : escape(value);
  }

  /** A row of values: `(a, b, …)`. */
  row(values: readonly (string | number | null)[]): string {
    return `(${values.map((v) => this.add(v)).join(', ')})`;
  }
}
