import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS as MYSQL_MIGRATIONS } from './migrations/mysql';
import { MIGRATIONS as SQLITE_MIGRATIONS } from './migrations/sqlite';

export interface DbSettings {
  url?: string | undefined;
  sqlitePath: string;
  poolSize: number;
  connectTimeoutMs?: number | undefined;
}

export type Dialect = 'sqlite' | 'mariadb' | 'mysql';

export function dialectOf(settings: DbSettings): Dialect {
  if (!settings.url) return 'sqlite';
  return settings.url.startsWith('mariadb://') ? 'mariadb' : 'mysql';
}

/**
 * MySQL/MariaDB in production (the `mariadb` driver type against MariaDB, since `mysql` there rewrites JSON
 * columns), the embedded SQLite file for the demo. Never synchronize: the schema comes from migrations.
 */
export function dataSourceOptions(settings: DbSettings): DataSourceOptions {
  const dialect = dialectOf(settings);
  if (dialect === 'sqlite') {
    if (settings.sqlitePath !== ':memory:')
      mkdirSync(path.dirname(path.resolve(settings.sqlitePath)), { recursive: true });
    return {
      type: 'better-sqlite3',
      database: settings.sqlitePath,
      entities: ENTITIES,
      migrations: SQLITE_MIGRATIONS,
      migrationsTransactionMode: 'each',
      synchronize: false,
      enableWAL: true,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  const url = new URL(settings.url as string);
  url.protocol = 'mysql:';
  return {
    type: dialect,
    url: url.toString(),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: settings.poolSize,
    entities: ENTITIES,
    migrations: MYSQL_MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // trace: false skips mysql2's stack capture on every query (measurable on the intake path).
    // A database that is down answers 503 within a second instead of holding requests (bench faults).
    extra: { connectTimeout: settings.connectTimeoutMs ?? 1000, trace: false },
  };
}

/**
 * better-sqlite3 gives TypeORM one connection, so two transactions at once would nest and fail; on SQLite
 * transactions therefore queue behind each other (the demo's single process; MySQL has a real pool).
 */
function serializeTransactions(dataSource: DataSource): void {
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let queue: Promise<unknown> = Promise.resolve();
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) => {
    const run = queue.then(() => original(...args));
    queue = run.catch(() => undefined);
    return run;
  };
}

export function createDataSource(settings: DbSettings): DataSource {
  const dataSource = new DataSource(dataSourceOptions(settings));
  if (dialectOf(settings) === 'sqlite') serializeTransactions(dataSource);
  return dataSource;
}
