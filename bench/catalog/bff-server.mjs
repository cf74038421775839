// The product's BFF as in production (MariaDB, real configuration and middleware), with the sample catalog
// loaded into its empty database before it listens.
import { createRequire } from 'node:module';
import { instantWechat } from '../lib/instant-wechat.mjs';
import { benchConfig } from '../lib/bench-config.mjs';

const require = createRequire(import.meta.url);
const { composeDeps } = require('../../bff/dist/compose');
const { buildApp } = require('../../bff/dist/app');
const { createDataSource } = require('../../bff/dist/db/data-source');
const { createLogger } = require('../../bff/dist/logger');
const { seedSampleCatalog } = require('../../bff/dist/modules/catalog/sample/seed');

const config = benchConfig({ db: { url: process.env.BFF_DB_URL, poolSize: 10 }, forwarding: { enabled: false } });
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
