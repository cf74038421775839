import { createDataSource } from '../src/db/data-source';
import { createTestDatabase, testDialect } from './support/database';

describe(`migrations (${testDialect()})`, () => {
  test('when every migration has run, then the schema matches the entities exactly', async () => {
    const db = await createTestDatabase();
    const dataSource = createDataSource(db.settings);
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  test('when every migration is reverted, then no table of ours is left', async () => {
    const db = await createTestDatabase();
    const dataSource = createDataSource(db.settings);
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      for (let i = 0; i < applied.length; i += 1) await dataSource.undoLastMigration();
      const runner = dataSource.createQueryRunner();
      const tables = await runner.getTables(['citizens', 'cases']);
      await runner.release();
      expect(tables.map((table) => table.name)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  if (testDialect() === 'mariadb') {
    test('when tables are created, then they use utf8mb4 whatever the server default', async () => {
      const db = await createTestDatabase();
      const dataSource = createDataSource(db.settings);
      await dataSource.initialize();
      try {
        await dataSource.runMigrations();
        const rows: { TABLE_COLLATION: string }[] = await dataSource.query(
          "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('cases','citizens')",
        );
        expect(rows.map((r) => r.TABLE_COLLATION)).toEqual(['utf8mb4_unicode_ci', 'utf8mb4_unicode_ci']);
      } finally {
        await dataSource.destroy();
        await db.drop();
      }
    });
  }
});
