import {
  CATALOG_CHANNELS,
  DISCLOSURE_STAGES,
  itemColumnsSchema,
  itemKeySchema,
  type CatalogChannel,
  type DisclosureAudience,
  type DisclosureLevel,
  type DisclosureMode,
  type DisclosureStage,
  type ImportProblem,
  type ItemColumns,
} from '@hotline/shared-types';
import ExcelJS from 'exceljs';
import { LAYOUT, NOT_APPLICABLE_SHEET, REMOVED_SHEET } from './catalog-excel';
import type { IndexedArea } from './search-index';

/**
 * Reads a catalog workbook in the published layout (see `catalog-excel.ts`) into plain rows, collecting every
 * problem instead of stopping at the first: a missing header column, an unknown channel, a mark that is not
 * ■/□/✓/√, an unknown 公开方式, an empty required cell, a merged cell that spans columns. Which rows are new,
 * adjusted or removed against the parent is decided later (`catalog-import.ts`).
 */

export interface SheetRow {
  sheet: string;
  row: number;
  key: string | undefined;
  areaCode: string;
  columns: ItemColumns;
}

export interface ReadWorkbook {
  rows: SheetRow[];
  removals: { sheet: string; row: number; key: string; reason: string }[];
  notApplicable: { sheet: string; row: number; areaCode: string; reason: string }[];
  problems: ImportProblem[];
}

export type ImportProgress = (progress: { sheet: string; rowsRead: number; rowsTotal: number }) => void;

type ColumnId = (typeof LAYOUT.before)[number]['id'] | (typeof LAYOUT.after)[number]['id'];
const REQUIRED: ColumnId[] = ['level1', 'level2', 'content', 'basis', 'deadline', 'body', 'audience', 'mode', 'levels'];
const LABELS = new Map<string, ColumnId>([
  ...[...LAYOUT.before, ...LAYOUT.after].map((c) => [normalize(c.label), c.id] as [string, ColumnId]),
  ['公开内容', 'content'],
  ['事项名称', 'level2'],
]);
const CHANNEL_HEADERS = new Set(['公开渠道和载体', '公开渠道', '公开载体']);
const CHANNELS_BY_LABEL = new Map(
  (Object.entries(CATALOG_CHANNELS) as [CatalogChannel, string][]).map(([code, label]) => [normalize(label), code]),
);
const MARKS_ON = new Set(['■', '✓', '√', '✔', '☑', '●']);
const MARKS_OFF = new Set(['', '□', '☐']);
const AUDIENCES: Record<string, DisclosureAudience> = { 全社会: 'public', 特定群体: 'specific' };
const MODES: Record<string, DisclosureMode> = {
  主动: 'active',
  主动公开: 'active',
  依申请: 'on_request',
  依申请公开: 'on_request',
};
const LEVELS: Record<string, DisclosureLevel> = {
  县级: 'county',
  县: 'county',
  县区级: 'county',
  乡级: 'township',
  乡: 'township',
  乡镇: 'township',
  乡镇级: 'township',
  乡镇街道: 'township',
};
const STAGES = new Map(
  (Object.entries(DISCLOSURE_STAGES) as [DisclosureStage, string][]).map(([code, label]) => [label, code]),
);
const LABEL_OF: Record<string, string> = Object.fromEntries(
  [...LAYOUT.before, ...LAYOUT.after].map((c) => [c.id, c.label.replace('（要素）', '')]),
);

function normalize(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[（(]要素[）)]/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result).trim();
  }
  return '';
}

interface Header {
  columns: Map<ColumnId, { col: number; label: string }>;
  channels: { col: number; channel: CatalogChannel; label: string }[];
  firstDataRow: number;
}

function readHeader(sheet: ExcelJS.Worksheet, problems: ImportProblem[]): Header | null {
  let at = 0;
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && !at; r += 1) {
    sheet.getRow(r).eachCell((cell) => {
      if (normalize(cellText(cell)) === '一级事项') at = r;
    });
  }
  if (!at) {
    problems.push({ sheet: sheet.name, row: null, column: null, message: '找不到表头：前10行中没有“一级事项”列' });
    return null;
  }
  const header: Header = { columns: new Map(), channels: [], firstDataRow: at + 2 };
  const before = problems.length;
  for (let col = 1; col <= sheet.columnCount; col += 1) {
    const top = normalize(cellText(sheet.getCell(at, col)));
    if (CHANNEL_HEADERS.has(top)) {
      const sub = cellText(sheet.getCell(at + 1, col));
      const channel = CHANNELS_BY_LABEL.get(normalize(sub));
      if (channel) header.channels.push({ col, channel, label: `公开渠道和载体/${sub}` });
      else
        problems.push({
          sheet: sheet.name,
          row: at + 1,
          column: `公开渠道和载体/${sub}`,
          message: `无法识别的公开渠道“${sub}”`,
        });
      continue;
    }
    const id = LABELS.get(top);
    if (id && !header.columns.has(id)) header.columns.set(id, { col, label: LABEL_OF[id] ?? top });
  }
  for (const id of REQUIRED) {
    const label = LABEL_OF[id] ?? id;
    if (!header.columns.has(id))
      problems.push({ sheet: sheet.name, row: at, column: label, message: `缺少“${label}”列` });
  }
  if (!header.channels.length) {
    problems.push({ sheet: sheet.name, row: at, column: '公开渠道和载体', message: '缺少“公开渠道和载体”列' });
  }
  return problems.length === before ? header : null;
}

/** Reads one data row; answers null for a blank row. */
function readRow(
  sheet: ExcelJS.Worksheet,
  r: number,
  header: Header,
  areaCode: string,
  problems: ImportProblem[],
): SheetRow | null {
  const row = sheet.getRow(r);
  const mapped = [...header.columns.values(), ...header.channels];
  if (mapped.every(({ col }) => cellText(row.getCell(col)) === '')) return null;
  const problem = (column: string, message: string) => problems.push({ sheet: sheet.name, row: r, column, message });
  const failed = new Set<string>();
  const fail = (id: string, label: string, message: string) => {
    failed.add(id);
    problem(label, message);
  };
  for (const { col, label } of mapped) {
    const cell = row.getCell(col);
    if (!cell.isMerged || cell.master.address === cell.address) continue;
    if (Number(cell.master.col) !== col)
      fail(`merge${col}`, label, `单元格与${cell.master.address}跨列合并，请取消合并后重新导入`);
    else if (col === header.columns.get('key')?.col) fail('key', label, '事项编号不能合并单元格');
  }
  const text = (id: ColumnId) => {
    const at = header.columns.get(id);
    return at ? cellText(row.getCell(at.col)) : '';
  };
  const labelOf = (id: ColumnId) => header.columns.get(id)?.label ?? LABEL_OF[id] ?? id;

  const channels: CatalogChannel[] = [];
  for (const { col, channel, label } of header.channels) {
    const mark = cellText(row.getCell(col));
    if (MARKS_ON.has(mark)) channels.push(channel);
    else if (!MARKS_OFF.has(mark)) fail('channels', label, `无法识别的标记“${mark}”，请用■（有）或□（无），也可用✓、√`);
  }
  const audience = AUDIENCES[text('audience')];
  if (!audience && text('audience'))
    fail('audience', labelOf('audience'), `公开对象应为“全社会”或“特定群体”，不是“${text('audience')}”`);
  const mode = MODES[text('mode')];
  if (!mode && text('mode')) fail('mode', labelOf('mode'), `公开方式应为“主动”或“依申请”，不是“${text('mode')}”`);
  const levelWords = text('levels')
    .split(/[、,，/\s]+/)
    .filter(Boolean);
  const levels = [...new Set(levelWords.map((w) => LEVELS[w]).filter((l): l is DisclosureLevel => !!l))];
  const unknownLevel = levelWords.find((w) => !LEVELS[w]);
  if (unknownLevel) fail('levels', labelOf('levels'), `公开层级应为“县级”“乡级”，不是“${unknownLevel}”`);
  const stage = text('stage') ? (STAGES.get(text('stage')) ?? null) : null;
  if (text('stage') && !stage)
    fail('stage', labelOf('stage'), `过程应为决策、执行、管理、服务或结果，不是“${text('stage')}”`);
  const key = text('key') || undefined;
  if (key !== undefined && !itemKeySchema.safeParse(key).success)
    fail('key', labelOf('key'), `事项编号“${key}”格式有误`);

  const optional = (id: ColumnId) => text(id) || undefined;
  const parsed = itemColumnsSchema.safeParse({
    level1: optional('level1'),
    level2: optional('level2'),
    level3: text('level3') || null,
    content: optional('content'),
    basis: optional('basis'),
    deadline: optional('deadline'),
    body: optional('body'),
    channels: failed.has('channels') ? ['other'] : channels,
    audience: audience ?? (failed.has('audience') ? 'public' : undefined),
    mode: mode ?? (failed.has('mode') ? 'active' : undefined),
    levels: failed.has('levels') ? ['county'] : levels,
    stage,
    code: text('code') || null,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const id = String(issue.path[0] ?? '');
      const label = id === 'channels' ? '公开渠道和载体' : labelOf(id as ColumnId);
      const message =
        issue.code === 'invalid_value' || issue.code === 'invalid_type' ? `请填写${label}` : issue.message;
      problem(label, message);
    }
    return null;
  }
  return failed.size ? null : { sheet: sheet.name, row: r, key, areaCode, columns: parsed.data };
}

function readListSheet(
  sheet: ExcelJS.Worksheet,
  columns: readonly string[],
  problems: ImportProblem[],
  each: (values: string[], r: number) => void,
): void {
  const at = columns.map((label) => {
    let found = 0;
    sheet.getRow(1).eachCell((cell, col) => {
      if (normalize(cellText(cell)) === label && !found) found = col;
    });
    if (!found) problems.push({ sheet: sheet.name, row: 1, column: label, message: `缺少“${label}”列` });
    return found;
  });
  if (at.some((col) => !col)) return;
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const values = at.map((col) => cellText(sheet.getCell(r, col)));
    if (values.some(Boolean)) each(values, r);
  }
}

/** Reads every sheet; problems hold everything that is wrong, rows only what could be read. */
export async function readCatalogWorkbook(
  file: Buffer,
  areas: readonly IndexedArea[],
  progress: ImportProgress = () => undefined,
): Promise<ReadWorkbook> {
  const out: ReadWorkbook = { rows: [], removals: [], notApplicable: [], problems: [] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    out.problems.push({ sheet: '', row: null, column: null, message: '无法读取该文件，请上传 .xlsx 格式的Excel文件' });
    return out;
  }
  const areaByName = new Map<string, string>();
  for (const area of areas) for (const name of [area.name, ...area.aliases]) areaByName.set(normalize(name), area.code);
  const rowsTotal = workbook.worksheets.reduce((n, s) => n + s.rowCount, 0);
  let rowsRead = 0;
  const seenAreas = new Map<string, string>();
  for (const sheet of workbook.worksheets) {
    const problem = (row: number | null, column: string | null, message: string) =>
      out.problems.push({ sheet: sheet.name, row, column, message });
    if (sheet.name === NOT_APPLICABLE_SHEET) {
      readListSheet(sheet, ['领域', '不适用原因'], out.problems, ([name = '', reason = ''], r) => {
        const areaCode = areaByName.get(normalize(name));
        if (!areaCode) problem(r, '领域', `无法识别的领域“${name}”`);
        else if (reason.length < 2 || reason.length > 200) problem(r, '不适用原因', '请填写不适用原因（2至200个字）');
        else out.notApplicable.push({ sheet: sheet.name, row: r, areaCode, reason });
      });
    } else if (sheet.name === REMOVED_SHEET) {
      readListSheet(sheet, ['事项编号', '不适用原因'], out.problems, ([key = '', reason = ''], r) => {
        if (!itemKeySchema.safeParse(key).success) problem(r, '事项编号', `事项编号“${key}”格式有误`);
        else if (reason.length < 2 || reason.length > 200) problem(r, '不适用原因', '请填写不适用原因（2至200个字）');
        else out.removals.push({ sheet: sheet.name, row: r, key, reason });
      });
    } else {
      const areaCode = areaByName.get(normalize(sheet.name));
      if (!areaCode) {
        problem(
          null,
          null,
          `工作表名“${sheet.name}”不是公开领域名称，也不是“${NOT_APPLICABLE_SHEET}”或“${REMOVED_SHEET}”`,
        );
      } else if (seenAreas.has(areaCode)) {
        problem(null, null, `与工作表“${seenAreas.get(areaCode) ?? ''}”是同一领域`);
      } else {
        seenAreas.set(areaCode, sheet.name);
        const header = readHeader(sheet, out.problems);
        for (let r = header?.firstDataRow ?? Infinity; header && r <= sheet.rowCount; r += 1) {
          const row = readRow(sheet, r, header, areaCode, out.problems);
          if (row) out.rows.push(row);
          if (r % 200 === 0) progress({ sheet: sheet.name, rowsRead: rowsRead + r, rowsTotal });
        }
      }
    }
    rowsRead += sheet.rowCount;
    progress({ sheet: sheet.name, rowsRead, rowsTotal });
  }
  return out;
}
