import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DbSettings } from '../../src/db/data-source';

export interface TestDatabase {
  settings: DbSettings;
  drop(): Promise<void>;
}

export const testDialect = (): 'sqlite' | 'mariadb' => (process.env.TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite');

/** A fresh, empty database for one test file: a temp SQLite file, or a new schema on the throwaway MariaDB. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDialect() === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hotline-sqlite-'));
    return {
      settings: { sqlitePath: path.join(dir, 'test.sqlite'), poolSize: 1 },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const serverUrl = process.env.TEST_MARIADB_URL as string;
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl.replace(/^mariadb:/, 'mysql:') });
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    settings: { url: `${serverUrl}/${name}`, sqlitePath: '', poolSize: 5 },
    drop: async () => {
      const conn = await createConnection({ uri: serverUrl.replace(/^mariadb:/, 'mysql:') });
      await conn.query(`DROP DATABASE IF EXISTS ${name}`);
      await conn.end();
    },
  };
}
