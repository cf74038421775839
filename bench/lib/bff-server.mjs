// The product's own BFF for the benchmarks, as in production (MariaDB, real configuration, real middleware and services). WeChat
// is answered in-process so the content check's network hop is left out of both sides, as the issue asks.
import { createRequire } from 'node:module';
import { instantWechat } from '../lib/instant-wechat.mjs';

const require = createRequire(import.meta.url);
const { loadConfig } = require('../../config/dist');
const { composeDeps } = require('../../bff/dist/compose');
const { buildApp } = require('../../bff/dist/app');
const { seedSampleCatalog } = require('../../bff/dist/modules/catalog/sample/seed');
const { createDataSource } = require('../../bff/dist/db/data-source');
const { createLogger } = require('../../bff/dist/logger');

const config = loadConfig({
  env: {},
  overrides: {
    // Production requires a MySQL URL; the SQLite run is the embedded (demo-mode) configuration with the same keys.
    mode: process.env.BFF_SQLITE_PATH ? 'demo' : 'production',
    http: { publicUrl: 'https://12345.example.gov.cn' },
    db: process.env.BFF_SQLITE_PATH
      ? { sqlitePath: process.env.BFF_SQLITE_PATH }
      : { url: process.env.BFF_DB_URL, poolSize: 10 },
    ...(process.env.BFF_STORAGE_DIR ? { storage: { driver: 'local', localDir: process.env.BFF_STORAGE_DIR } } : {}),
    auth: { tokenSecret: 'b'.repeat(48), audience: 'bench' },
    pii: { keys: `k1:${Buffer.alloc(32, 9).toString('base64')}`, activeKeyId: 'k1', hashKey: 'h'.repeat(40) },
    wechat: {
      appId: 'wxbench',
      appSecret: 's'.repeat(32),
      apiBaseUrl: 'http://127.0.0.1:9/',
      pushToken: 'p'.repeat(32),
    },
    hotline: {
      baseUrl: 'http://127.0.0.1:9/',
      keyId: 'k',
      secret: 'x'.repeat(40),
      inboundKeys: `in:${'i'.repeat(40)}`,
    },
    // Forwarding is measured by bench/forwarding; here the worker stays off so only intake is timed.
    forwarding: { enabled: false },
    rateLimits: { casesPerCitizenPerHour: 1e9, casesPerIpPerHour: 1e9, uploadsPerCitizenPerHour: 1e9 },
    log: { level: 'warn' },
  },
});
const wechat = instantWechat;
const dataSource = createDataSource(config.db);
await dataSource.initialize();
// SQLite runs in its own process file: migrated here (MariaDB databases are migrated by the bench).
if (process.env.BFF_SQLITE_PATH) await dataSource.runMigrations({ transaction: 'each' });
const deps = composeDeps(config, { dataSource, logger: createLogger('warn'), wechat });
if (process.env.BFF_SEED_CATALOG) {
  // The sample catalog (示例数据), published and indexed before the server listens.
  await seedSampleCatalog(deps.catalog, deps);
  await deps.catalog.store.current();
}
const app = buildApp(deps);
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => dataSource.destroy().then(() => process.exit(0))));
