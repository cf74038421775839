import { ConfigError, loadCity, loadConfig } from '@hotline/config';
import { createDataSource } from '../../db/data-source';
import { systemClock } from '../../lib/clock';
import { ulidGenerator } from '../../lib/ids';
import { CityContext } from '../city/city-context';
import { createCatalog } from './catalog.module';
import { seedSampleCatalog } from './sample/seed';

const USAGE =
  'usage: npm run catalog -- seed      load the generated sample catalog (示例数据) into an empty catalog\n';

/** `npm run catalog -- <command>`: catalog maintenance against the configured database. */
async function main(command: string | undefined): Promise<number> {
  if (command !== 'seed') {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig();
  const dataSource = createDataSource(config.db);
  await dataSource.initialize();
  try {
    if (config.db.migrateOnStart ?? config.mode === 'demo') await dataSource.runMigrations({ transaction: 'each' });
    const city = new CityContext(loadCity(config.city));
    const catalog = createCatalog({ dataSource, city, clock: systemClock, ids: ulidGenerator });
    const seeded = await seedSampleCatalog(catalog, { clock: systemClock, ids: ulidGenerator });
    process.stdout.write(
      seeded
        ? `sample catalog (示例数据) loaded: ${seeded.regions} regions, ${seeded.cityItems} city items, ${seeded.entries} layer entries; resolved and indexed in ${seeded.buildMs.toFixed(0)} ms\n`
        : 'the catalog is not empty: nothing loaded\n',
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
