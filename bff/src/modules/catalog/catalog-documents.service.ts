import {
  addDocumentRequestSchema,
  type CatalogDocument,
  type ImportProblem,
  type LinkState,
} from '@hotline/shared-types';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { z } from 'zod';
import { NotFound } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import { cellText } from './catalog-excel-header';
import type { CatalogDocumentsRepository, DocumentRecord } from './catalog-documents.repository';
import type { CatalogStore } from './catalog-store';
import type { ResolvedCatalog } from './resolve';

/**
 * Documents a region actually published for its catalog items: linked one by one or in bulk from a CSV or
 * Excel list (item key or item name path, title, URL, date, 索引号). A bulk list is all or nothing, every
 * rejected row reported like the catalog import. Items are looked up in the region's published catalog.
 */
export interface DocumentDeps {
  catalogStore: CatalogStore;
  documents: CatalogDocumentsRepository;
  clock: Clock;
  ids: IdGenerator;
}

type DocumentInput = z.output<typeof addDocumentRequestSchema>;

async function publishedCatalog(deps: DocumentDeps, regionCode: string): Promise<ResolvedCatalog> {
  const catalog = (await deps.catalogStore.current()).catalogs.get(regionCode);
  if (!catalog) throw new NotFound('找不到该地区');
  return catalog;
}

const toRecord = (deps: DocumentDeps, regionCode: string, input: DocumentInput, id?: string): DocumentRecord => ({
  id: id ?? deps.ids.next(deps.clock.now()),
  regionCode,
  itemKey: input.itemKey,
  title: input.title,
  url: input.url,
  publishedOn: input.publishedOn,
  indexNumber: input.indexNumber || null,
});

export async function addDocument(
  deps: DocumentDeps,
  actor: string,
  regionCode: string,
  input: DocumentInput,
): Promise<CatalogDocument> {
  const catalog = await publishedCatalog(deps, regionCode);
  const row = catalog.byKey.get(input.itemKey);
  if (!row || row.status === 'removed') throw new NotFound(`该地区目录中没有事项 ${input.itemKey}`);
  const before = (await deps.documents.existing(regionCode, [input])).get(`${input.itemKey} ${input.url}`);
  const doc = toRecord(deps, regionCode, input, before?.id);
  await deps.documents.save([doc], actor, deps.clock.now());
  await deps.catalogStore.refresh();
  return { id: doc.id, title: doc.title, url: doc.url, publishedOn: doc.publishedOn, indexNumber: doc.indexNumber };
}

export async function removeDocument(deps: DocumentDeps, regionCode: string, id: string): Promise<void> {
  await publishedCatalog(deps, regionCode);
  if (!(await deps.documents.remove(regionCode, id, deps.clock.now()))) throw new NotFound('找不到该文件');
  await deps.catalogStore.refresh();
}

export async function listDocuments(deps: DocumentDeps, regionCode: string, itemKey?: string) {
  await publishedCatalog(deps, regionCode);
  const docs = await deps.documents.list(regionCode, itemKey);
  const states = await deps.documents.linkStatuses(docs.map((d) => d.url));
  return {
    items: docs.map(({ regionCode: _region, ...d }) => ({
      ...d,
      linkState: (states.get(d.url)?.state ?? 'unchecked') as LinkState,
    })),
  };
}

/** What citizens see under an item: its documents in this region, newest first. */
// ——— bulk lists ———

const HEADERS = {
  key: ['事项编号'],
  path: ['事项名称', '事项'],
  title: ['文件标题', '标题'],
  url: ['链接', '网址', 'URL'],
  date: ['发布日期', '日期'],
  indexNumber: ['索引号'],
} as const;
type Field = keyof typeof HEADERS;

interface ListRow {
  sheet: string;
  row: number;
  values: Partial<Record<Field, string>>;
}

/**
 * The text of a CSV file: UTF-8 (with or without a BOM) when it decodes as UTF-8, otherwise GB18030, which is what
 * Chinese Excel writes when a sheet is saved as "CSV (逗号分隔)". GB18030 is a superset of GBK and GB2312.
 */
export function csvText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
  } catch {
    return iconv.decode(file, 'gb18030');
  }
}

/** RFC 4180 CSV (quoted fields with commas, quotes and line breaks), by csv-parse. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

function fieldsOf(header: readonly string[]): Map<Field, number> {
  const at = new Map<Field, number>();
  header.forEach((label, i) => {
    const clean = label.trim().replace(/\s+/g, '');
    for (const [field, names] of Object.entries(HEADERS) as [Field, readonly string[]][]) {
      if (names.includes(clean) && !at.has(field)) at.set(field, i);
    }
  });
  return at;
}

function tableRows(sheet: string, table: readonly string[][], problems: ImportProblem[]): ListRow[] {
  const header = table[0] ?? [];
  const at = fieldsOf(header);
  const missing = (['title', 'url', 'date'] as Field[]).filter((f) => !at.has(f));
  if (!at.has('key') && !at.has('path')) missing.unshift('key');
  for (const field of missing) {
    const label = field === 'key' ? '事项编号或事项名称' : HEADERS[field][0];
    problems.push({ sheet, row: 1, column: label, message: `缺少“${label}”列` });
  }
  if (missing.length) return [];
  const rows: ListRow[] = [];
  table.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const values: ListRow['values'] = {};
    for (const [field, col] of at) values[field] = (cells[col] ?? '').trim();
    rows.push({ sheet, row: i + 2, values });
  });
  return rows;
}

async function readList(file: Buffer, kind: 'csv' | 'xlsx', problems: ImportProblem[]): Promise<ListRow[]> {
  if (kind === 'csv') {
    try {
      return tableRows('CSV', parseCsv(csvText(file)), problems);
    } catch (error) {
      const line = (error as { lines?: number }).lines ?? null;
      problems.push({
        sheet: 'CSV',
        row: line,
        column: null,
        message: 'CSV格式有误（引号未配对？），请在Excel中重新另存为CSV',
      });
      return [];
    }
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    problems.push({ sheet: '', row: null, column: null, message: '无法读取该文件，请上传 .xlsx 格式的Excel文件' });
    return [];
  }
  const rows: ListRow[] = [];
  for (const sheet of workbook.worksheets) {
    const table: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      table.push(Array.from({ length: sheet.columnCount }, (_, c) => cellText(row.getCell(c + 1))));
    }
    rows.push(...tableRows(sheet.name, table, problems));
  }
  return rows;
}

/** 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日 → 2026-03-05; null when not a date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** Finds an item by 一级事项/二级事项[/三级事项] among the region's active items. */
function byNamePath(catalog: ResolvedCatalog, path: string): { key?: string; problem?: string } {
  const parts = path.split(/\s*[/／>]\s*/).filter(Boolean);
  const matches = catalog.rows.filter(
    (r) =>
      r.status !== 'removed' &&
      [r.columns.level1, r.columns.level2, r.columns.level3].filter(Boolean).join('/') === parts.join('/'),
  );
  if (matches.length === 1) return { key: matches[0]!.key };
  return matches.length
    ? { problem: `有${matches.length}个事项名为“${path}”，请改用事项编号` }
    : { problem: `该地区目录中没有名为“${path}”的事项（格式：一级事项/二级事项[/三级事项]）` };
}

const LABEL: Record<string, string> = {
  itemKey: '事项编号',
  title: '文件标题',
  url: '链接',
  publishedOn: '发布日期',
  indexNumber: '索引号',
};

/** Links a list of documents (CSV or Excel) to the region's items; all or nothing. */
export async function importDocuments(
  deps: DocumentDeps,
  actor: string,
  regionCode: string,
  file: Buffer,
  options: { kind: 'csv' | 'xlsx'; dryRun: boolean },
) {
  const catalog = await publishedCatalog(deps, regionCode);
  const problems: ImportProblem[] = [];
  const rows = await readList(file, options.kind, problems);
  const inputs: DocumentInput[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const problem = (column: string | null, message: string) =>
      problems.push({ sheet: row.sheet, row: row.row, column, message });
    const v = row.values;
    let itemKey = v.key || undefined;
    if (!itemKey && v.path) {
      const found = byNamePath(catalog, v.path);
      if (found.problem) problem('事项名称', found.problem);
      itemKey = found.key;
    } else if (!itemKey) problem('事项编号', '请填写事项编号或事项名称');
    else if (catalog.byKey.get(itemKey)?.status === undefined || catalog.byKey.get(itemKey)?.status === 'removed') {
      problem('事项编号', `该地区目录中没有事项编号“${itemKey}”`);
      itemKey = undefined;
    }
    const publishedOn = v.date ? parseDate(v.date) : null;
    if (v.date && !publishedOn) problem('发布日期', `无法识别的日期“${v.date}”（如 2026-03-05）`);
    const parsed = addDocumentRequestSchema.safeParse({
      itemKey: itemKey ?? 'X.1',
      title: v.title || undefined,
      url: v.url || undefined,
      publishedOn: publishedOn ?? (v.date ? '2000-01-01' : undefined),
      indexNumber: v.indexNumber || null,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const label = LABEL[String(issue.path[0])] ?? String(issue.path[0]);
        problem(label, issue.code === 'invalid_type' ? `请填写${label}` : issue.message);
      }
    } else if (itemKey) {
      const pair = `${itemKey} ${parsed.data.url}`;
      const first = seen.get(pair);
      if (first !== undefined) problem('链接', `与第${first}行是同一事项的同一链接`);
      seen.set(pair, row.row);
      inputs.push(parsed.data);
    }
  }
  const report = {
    regionCode,
    dryRun: options.dryRun,
    imported: false,
    rows: rows.length,
    problems,
    added: 0,
    updated: 0,
  };
  if (problems.length) return report;
  const existing = await deps.documents.existing(regionCode, inputs);
  const docs = inputs.map((input) => {
    const before = existing.get(`${input.itemKey} ${input.url}`);
    if (!before) report.added += 1;
    else if (
      before.title !== input.title ||
      before.publishedOn !== input.publishedOn ||
      before.indexNumber !== input.indexNumber
    )
      report.updated += 1;
    return toRecord(deps, regionCode, input, before?.id);
  });
  if (options.dryRun) return report;
  await deps.documents.save(docs, actor, deps.clock.now());
  await deps.catalogStore.refresh();
  report.imported = true;
  return report;
}
