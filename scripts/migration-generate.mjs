#!/usr/bin/env node
// Generates a migration for both dialects from the difference between the entities and the migrated schema:
// SQLite in memory, MySQL/MariaDB on a throwaway MariaDB server. Usage: npm run db:generate -- AddSomething
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const name = process.argv[2];
if (!name) {
  process.stderr.write('usage: npm run db:generate -- <PascalCaseName>\n');
  process.exit(2);
}
process.stdout.write('building…\n');
execFileSync('npx', ['tsc', '-b', 'bff'], { cwd: root, stdio: 'inherit' });
const { generateMigration } = require(path.join(root, 'bff/dist/db/generate-migration.js'));
const { startThrowawayMariadb } = require('./lib/throwaway-mariadb.cjs');
const timestamp = Number(process.env.MIGRATION_TIMESTAMP ?? Date.now());

process.stdout.write('sqlite: ');
process.stdout.write(
  `${(await generateMigration({ sqlitePath: ':memory:', poolSize: 1 }, name, timestamp)) ?? 'no changes'}\n`,
);
process.stdout.write('mysql: starting a throwaway MariaDB… ');
const server = await startThrowawayMariadb();
try {
  const admin = await import('mysql2/promise');
  const conn = await admin.createConnection({ uri: server.url.replace('mariadb:', 'mysql:') });
  await conn.query('CREATE DATABASE gen CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  await conn.end();
  const file = await generateMigration({ url: `${server.url}/gen`, sqlitePath: '', poolSize: 2 }, name, timestamp);
  process.stdout.write(`${file ?? 'no changes'}\n`);
} finally {
  await server.stop();
}
