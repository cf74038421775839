// The product's own BFF for the benchmarks, as in production (MariaDB, real configuration, real middleware and services). WeChat
// is answered in-process so the content check's network hop is left out of both sides, as the issue asks.
import { createRequire } from 'node:module';
import { instantWechat } from './instant-wechat.mjs';
import { benchConfig } from './bench-config.mjs';

const require = createRequire(import.meta.url);
const { composeDeps } = require('../../bff/dist/compose');
const { buildApp } = require('../../bff/dist/app');
const { seedSampleCatalog } = require('../../bff/dist/modules/catalog/sample/seed');
const { createDataSource } = require('../../bff/dist/db/data-source');
const { createLogger } = require('../../bff/dist/logger');

const sqlite = process.env.BFF_SQLITE_PATH;
const config = benchConfig({
  // Production requires a MySQL URL; the SQLite run is the embedded (demo-mode) configuration with the same keys.
  ...(sqlite ? { mode: 'demo', db: { sqlitePath: sqlite } } : { db: { url: process.env.BFF_DB_URL, poolSize: 10 } }),
  ...(process.env.BFF_STORAGE_DIR ? { storage: { driver: 'local', localDir: process.env.BFF_STORAGE_DIR } } : {}),
  // Forwarding is measured by bench/forwarding; here the worker stays off so only the API is timed.
  forwarding: { enabled: false },
});
const wechat = instantWechat;
const dataSource = createDataSource(config.db);
await dataSource.initialize();
// SQLite runs in its own process file: migrated here (MariaDB databases are migrated by the bench).
if (process.env.BFF_SQLITE_PATH) await dataSource.runMigrations({ transaction: 'each' });
// Figures and exports on their own small pool, as bff/src/server.ts does in production.
const reportingDataSource = config.db.url
  ? createDataSource({ ...config.db, poolSize: config.db.reportingPoolSize })
  : undefined;
await reportingDataSource?.initialize();
const deps = composeDeps(config, {
  dataSource,
  logger: createLogger('warn'),
  wechat,
  ...(reportingDataSource && { reportingDataSource }),
});
if (process.env.BFF_SEED_CATALOG) {
  // The sample catalog (示例数据), published and indexed before the server listens.
  await seedSampleCatalog(deps.catalog, deps);
  await deps.catalog.store.current();
}
const app = buildApp(deps);
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => dataSource.destroy().then(() => process.exit(0))));
