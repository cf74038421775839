import { ConfigError, loadConfig } from '@hotline/config';
import { createDataSource } from './data-source';

/** `npm run db:migrate`: applies pending migrations to the configured database, printing each one. */
async function migrate(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource(config.db);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) process.stdout.write(`applied ${migration.name}\n`);
    process.stdout.write(applied.length ? `${applied.length} migration(s) applied\n` : 'database is up to date\n');
  } finally {
    await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
