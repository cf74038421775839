// The product's BFF as in production (MariaDB, real configuration and middleware), with the sample catalog
// loaded into its empty database before it listens.
import { createRequire } from 'node:module';
import { instantWechat } from '../lib/instant-wechat.mjs';

const require = createRequire(import.meta.url);
const { loadConfig } = require('../../config/dist');
const { composeDeps } = require('../../bff/dist/compose');
const { buildApp } = require('../../bff/dist/app');
const { createDataSource } = require('../../bff/dist/db/data-source');
const { createLogger } = require('../../bff/dist/logger');
const { seedSampleCatalog } = require('../../bff/dist/modules/catalog/sample/seed');

const config = loadConfig({
  env: {},
  overrides: {
    mode: 'production',
    http: { publicUrl: 'https://12345.example.gov.cn' },
    db: { url: process.env.BFF_DB_URL, poolSize: 10 },
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
    forwarding: { enabled: false },
    log: { level: 'warn' },
  },
});
const dataSource = createDataSource(config.db);
await dataSource.initialize();
const deps = composeDeps(config, { dataSource, logger: createLogger('warn'), wechat: instantWechat });
const seeded = await seedSampleCatalog(deps.catalog, deps);
if (seeded) process.stderr.write(`sample catalog loaded: ${JSON.stringify(seeded)}\n`);
await deps.catalog.store.current();
const server = buildApp(deps).listen(0, '127.0.0.1', () =>
  process.stdout.write(`LISTENING ${server.address().port}\n`),
);
process.on('SIGTERM', () => server.close(() => dataSource.destroy().then(() => process.exit(0))));
