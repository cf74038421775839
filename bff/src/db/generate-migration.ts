import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dialectOf, type DbSettings } from './data-source';

/**
 * Writes a migration holding the difference between the entities and a database migrated to the latest
 * migration, computed by TypeORM's schema builder (`migration:generate` without ts-node). Review it before
 * committing. Usage through `npm run db:generate -- <Name>`, which runs it for both dialects.
 */
function render(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]): string =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

export async function generateMigration(
  settings: DbSettings,
  name: string,
  timestamp: number,
): Promise<string | undefined> {
  const dataSource = new DataSource(dataSourceOptions(settings));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) return undefined;
    const folder = dialectOf(settings) === 'sqlite' ? 'sqlite' : 'mysql';
    const className = `${name}${timestamp}`;
    const file = path.resolve(
      __dirname,
      '../../src/db/migrations',
      folder,
      `${timestamp}-${name.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase())}.ts`,
    );
    // Tables state their character set so emoji and rare CJK characters never depend on a server default.
    const up = sql.upQueries.map((q) =>
      folder === 'mysql'
        ? q.query.replace(/ENGINE=InnoDB$/, 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci')
        : q.query,
    );
    const down = sql.downQueries.map((q) => q.query).reverse();
    writeFileSync(file, render(className, up, down));
    return file;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const [name, url, sqlitePath] = process.argv.slice(2);
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    process.stderr.write('usage: generate-migration <PascalCaseName> [mysql-url|-] [sqlite-path]\n');
    process.exit(2);
  }
  const settings: DbSettings = {
    url: url && url !== '-' ? url : undefined,
    sqlitePath: sqlitePath ?? ':memory:',
    poolSize: 2,
  };
  generateMigration(settings, name, Number(process.env.MIGRATION_TIMESTAMP ?? Date.now()))
    .then((file) => process.stdout.write(file ? `wrote ${file}\n` : 'no changes\n'))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
