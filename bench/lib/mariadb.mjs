// A throwaway MariaDB with the product's schema migrated into each named database.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startThrowawayMariadb } = require('../../scripts/lib/throwaway-mariadb.cjs');
const { createDataSource } = require('../../bff/dist/db/data-source');

export async function mariadbWithSchema(names) {
  const server = await startThrowawayMariadb();
  const mysql = require('mysql2/promise');
  const admin = await mysql.createConnection({ uri: server.url.replace('mariadb:', 'mysql:') });
  const urls = {};
  for (const name of names) {
    await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    urls[name] = `${server.url}/${name}`;
    const ds = createDataSource({ url: urls[name], sqlitePath: '', poolSize: 2 });
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
  }
  await admin.end();
  return { urls, pid: server.pid, stop: server.stop };
}
