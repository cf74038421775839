import { readFileSync } from 'node:fs';
import { ConfigError, loadCity, loadConfig } from '@hotline/config';
import type { CatalogImportReport } from '@hotline/shared-types';
import { createDataSource } from '../../db/data-source';
import { systemClock } from '../../lib/clock';
import { ulidGenerator } from '../../lib/ids';
import { CityContext } from '../city/city-context';
import { createCatalog, type CatalogModule } from './catalog.module';
import { importCatalog } from './catalog-import';
import { checkLinks } from './link-checker';
import { seedSampleCatalog } from './sample/seed';

/** Changes made from the command line are recorded under this actor. */
const CLI_ACTOR = 'cli';

const USAGE = [
  'usage: npm run catalog -- seed      load the generated sample catalog (示例数据) into an empty catalog',
  '       npm run catalog -- import <file.xlsx> --region <code> [--dry-run] [--json] [--whole-region]',
  "                                    replace the areas a workbook covers in a region's draft (all or nothing;",
  '                                    --whole-region: the file is the whole catalog; --json: one JSON object)',
  '       npm run catalog -- check-links    check the URLs of published documents that are due (link checker)',
  '',
].join('\n');

/** What the import command reads from its arguments, or null when they do not make sense. */
export interface ImportArgs {
  file: string;
  region: string;
  dryRun: boolean;
  json: boolean;
  scope: 'areas' | 'region';
}

export function importArgs(args: readonly string[]): ImportArgs | null {
  const rest = [...args];
  const dryRun = rest.includes('--dry-run');
  const json = rest.includes('--json');
  const scope = rest.includes('--whole-region') ? 'region' : 'areas';
  const at = rest.indexOf('--region');
  const region = at >= 0 ? rest[at + 1] : undefined;
  const files = rest.filter((a, i) => !a.startsWith('--') && i !== at + 1);
  return files.length === 1 && region && !region.startsWith('--')
    ? { file: files[0]!, region, dryRun, json, scope }
    : null;
}

/** The one JSON object `--json` prints: counts first, then the details a script may want. */
export function importSummary(report: CatalogImportReport) {
  const rejected = new Set(report.problems.filter((p) => p.row !== null).map((p) => `${p.sheet}\u0000${p.row}`)).size;
  return {
    regionCode: report.regionCode,
    dryRun: report.dryRun,
    imported: report.imported,
    rows: report.rows + rejected,
    items: report.rows,
    skipped: report.skipped.reduce((n, s) => n + s.toRow - s.fromRow + 1, 0),
    rejected,
    byArea: Object.fromEntries(report.byArea.map((a) => [a.name, a.items])),
    changes: report.byArea,
    problems: report.problems,
    warnings: report.warnings,
    skippedRows: report.skipped,
  };
}

async function runImport(catalog: CatalogModule, args: ImportArgs) {
  if (args.json) {
    const report = await importCatalog(catalog.edit, CLI_ACTOR, args.region, readFileSync(args.file), args);
    process.stdout.write(`${JSON.stringify(importSummary(report))}\n`);
    return report.problems.length ? 1 : 0;
  }
  const bar = (done: number, total: number) => {
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
  };
  const report = await importCatalog(catalog.edit, CLI_ACTOR, args.region, readFileSync(args.file), {
    dryRun: args.dryRun,
    scope: args.scope,
    progress: ({ sheet, rowsRead, rowsTotal }) => process.stdout.write(`\r${bar(rowsRead, rowsTotal)} ${sheet}   `),
  });
  process.stdout.write('\n');
  for (const p of report.problems) {
    const where = [p.sheet && `工作表“${p.sheet}”`, p.row !== null && `第${p.row}行`, p.column && `“${p.column}”列`];
    process.stdout.write(`${where.filter(Boolean).join(' ')}：${p.message}\n`);
  }
  if (report.problems.length) {
    process.stdout.write(`${report.problems.length}处错误，未做任何修改\n`);
    return 1;
  }
  const { layer, draft } = report;
  process.stdout.write(
    `${report.rows}行：新增${layer?.added}项，调整${layer?.adjusted}项，不适用${layer?.removed}项，未涉及领域${layer?.notApplicable}个\n`,
  );
  process.stdout.write(
    draft
      ? `已写入${args.region}的草稿（新增${draft.added}条、修改${draft.changed}条、撤销${draft.dropped}条、领域${draft.areas}个），发布后生效\n`
      : '试运行：未做任何修改\n',
  );
  return 0;
}

/** `npm run catalog -- <command>`: catalog maintenance against the configured database. */
async function main(command: string | undefined, args: readonly string[]): Promise<number> {
  const imported = command === 'import' ? importArgs(args) : null;
  if (command !== 'seed' && command !== 'check-links' && !imported) {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig();
  const dataSource = createDataSource(config.db);
  await dataSource.initialize();
  try {
    if (config.db.migrateOnStart ?? config.mode === 'demo') await dataSource.runMigrations({ transaction: 'each' });
    const city = new CityContext(loadCity(config.city));
    const catalog = createCatalog({
      dataSource,
      city,
      clock: systemClock,
      ids: ulidGenerator,
      importLimits: { maxRows: config.catalog.importMaxRows, memoryMb: config.catalog.importMemoryMb },
    });
    if (imported) return await runImport(catalog, imported);
    if (command === 'check-links') {
      const summary = await checkLinks(catalog.docs);
      process.stdout.write(
        `检查${summary.checked}个链接（${summary.skipped}个近期已查）：正常${summary.ok}，访问失败${summary.failing}，失效${summary.broken}\n`,
      );
      return 0;
    }
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

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
