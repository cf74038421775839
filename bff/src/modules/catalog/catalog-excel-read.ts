import {
  CATALOG_CHANNELS,
  DISCLOSURE_STAGES,
  itemColumnsSchema,
  itemKeySchema,
  type CatalogChannel,
  type CatalogImportSkipped,
  type DisclosureStage,
  type ImportProblem,
  type ItemColumns,
} from '@hotline/shared-types';
import ExcelJS from 'exceljs';
import { NOT_APPLICABLE_SHEET, REMOVED_SHEET } from './catalog-excel';
import {
  at,
  CHOICES,
  ChannelNames,
  cellText,
  findHeader,
  normalize,
  type ChoiceField,
  type FieldId,
  type SheetHeader,
} from './catalog-excel-header';
import type { IndexedArea } from './search-index';

/**
 * Reads a catalog workbook into plain rows, collecting every problem instead of stopping at the first. It reads
 * our own export and the layouts counties publish (see `catalog-excel-header.ts`): one sheet per area (named
 * after it, or with the area in the title row) or all areas in one sheet (a 领域 column, or a row naming the
 * area before its items); title, blank and note rows (注、说明) are skipped and reported as skipped. Which rows
 * are new, adjusted or removed against the parent is decided later (`catalog-import.ts`).
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
  warnings: ImportProblem[];
  skipped: CatalogImportSkipped[];
}

export interface ReaderOptions {
  areas: readonly IndexedArea[];
  /** Channel code → the names workbooks give it (the configured vocabulary). */
  channelNames: Readonly<Record<string, readonly string[]>>;
  /** Item rows accepted in one file; more is refused. */
  maxRows: number;
}

export type ImportProgress = (progress: { sheet: string; rowsRead: number; rowsTotal: number }) => void;

const MARKS_ON = new Set(['■', '✓', '√', '✔', '☑', '●', '是', 'Y', 'y']);
const MARKS_OFF = new Set(['', '□', '☐', '○', '否', '-', '—', '/']);
const MARK_CHARS = /[■□☑☐√✓✔●○]/;
const NOTE = /^(注|说明|填表说明|备注)\s*([:：、.．\d１-９]|$)/;
const STAGES = new Map(
  (Object.entries(DISCLOSURE_STAGES) as [DisclosureStage, string][]).map(([code, label]) => [label, code]),
);
/** Short fields where a line break is only layout (a narrow printed column). */
const ONE_LINE: FieldId[] = ['key', 'level1', 'level2', 'level3', 'deadline', 'body', 'code', 'area'];

/** Finds an area by any of its names, also as sheet names and section rows write it ("一、城乡规划领域"). */
class AreaNames {
  private readonly byName = new Map<string, string>();
  private readonly names: string[];

  constructor(areas: readonly IndexedArea[]) {
    for (const area of areas)
      for (const name of [area.name, ...area.aliases]) this.byName.set(normalize(name), area.code);
    this.names = [...this.byName.keys()].sort((a, b) => b.length - a.length);
  }

  exact(text: string): string | undefined {
    const t = normalize(text)
      .replace(/^([一二三四五六七八九十]+|\d+)[、.．]/, '')
      .replace(/(领域)?(基层政务公开)?(标准目录|事项目录|目录|事项)?$/, '');
    return this.byName.get(t) ?? this.byName.get(normalize(text));
  }

  /** An area named anywhere in a title ("召陵区城乡规划领域基层政务公开标准目录"). */
  within(text: string): string | undefined {
    const t = normalize(text);
    const name = this.names.find((n) => t.includes(n));
    return name === undefined ? undefined : this.byName.get(name);
  }
}

interface SheetContext {
  sheet: ExcelJS.Worksheet;
  header: SheetHeader;
  channels: ChannelNames;
  areas: AreaNames;
  out: ReadWorkbook;
}

function skip(out: ReadWorkbook, sheet: string, row: number, reason: CatalogImportSkipped['reason'], text = '') {
  const last = out.skipped[out.skipped.length - 1];
  if (last && last.sheet === sheet && last.reason === reason && last.toRow === row - 1 && reason === 'blank')
    last.toRow = row;
  else out.skipped.push({ sheet, fromRow: row, toRow: row, reason, text: text.slice(0, 60) || null });
}

/** Channels written in one cell: "■政府网站 □政府公报 ■两微一端", or just their names. */
function channelsInCell(text: string, names: ChannelNames): { channels: CatalogChannel[]; unknown: string[] } {
  const channels: CatalogChannel[] = [];
  const unknown: string[] = [];
  const marked = MARK_CHARS.test(text);
  const parts = marked
    ? [...text.matchAll(/([■□☑☐√✓✔●○])\s*([^■□☑☐√✓✔●○]*)/g)].map((m) => ({ on: MARKS_ON.has(m[1]!), name: m[2]! }))
    : [{ on: true, name: text }];
  for (const { on, name } of parts) {
    let rest = normalize(name);
    for (const known of names.names) {
      if (!rest.includes(known)) continue;
      rest = rest.split(known).join('、');
      const channel = names.get(known)!;
      if (on && !channels.includes(channel)) channels.push(channel);
    }
    unknown.push(...rest.split(/[、,，;；/|\s]+/).filter(Boolean));
  }
  return { channels, unknown };
}

/** Reads one data row of a catalog sheet; null when it was rejected (its problems are recorded). */
function readRow(ctx: SheetContext, r: number, areaCode: string): SheetRow | null {
  const { sheet, header, out } = ctx;
  const row = sheet.getRow(r);
  const before = out.problems.length;
  // Fields already reported are not reported again as empty when the row is checked as a whole.
  const failed = new Set<string>();
  const problem = (col: number, label: string, message: string, field?: string) => {
    if (field) failed.add(field);
    out.problems.push({ sheet: sheet.name, row: r, column: label, message: `${at(r, col)}：${message}` });
  };
  const fields = new Map<FieldId, string>();
  const fieldCol = new Map<FieldId, { col: number; label: string }>();
  const marked: Record<ChoiceField, string[]> = { audience: [], mode: [], levels: [] };
  const channels: CatalogChannel[] = [];
  for (const [col, role] of header.columns) {
    const cell = row.getCell(col);
    if (cell.isMerged && cell.master.address !== cell.address && Number(cell.master.col) !== col) {
      problem(
        col,
        role.label,
        `单元格与${cell.master.address}跨列合并，请取消合并后重新导入`,
        role.kind === 'field' ? role.id : 'channels',
      );
      continue;
    }
    const raw = cellText(cell).replace(/\r\n?/g, '\n');
    if (role.kind === 'field') {
      fields.set(role.id, ONE_LINE.includes(role.id) ? raw.replace(/\s*\n\s*/g, '') : raw);
      fieldCol.set(role.id, { col, label: role.label });
    } else if (role.kind === 'channelMarks') {
      const found = channelsInCell(raw, ctx.channels);
      channels.push(...found.channels.filter((c) => !channels.includes(c)));
      for (const name of found.unknown)
        problem(
          col,
          role.label,
          `“${name}”不是已知的公开渠道（应为${Object.values(CATALOG_CHANNELS).join('、')}之一）`,
          'channels',
        );
    } else {
      const mark = normalize(raw);
      const on = MARKS_ON.has(mark);
      if (!on && !MARKS_OFF.has(mark))
        problem(
          col,
          role.label,
          `无法识别的标记“${raw}”，请用√或■表示“有”，留空或□表示“无”`,
          role.kind === 'channel' ? 'channels' : role.field,
        );
      if (role.kind === 'channel') {
        if (on && !channels.includes(role.channel)) channels.push(role.channel);
      } else if (on) marked[role.field].push(role.value);
    }
  }
  const text = (id: FieldId) => fields.get(id) ?? '';
  const choose = (field: ChoiceField): string[] => {
    if (fieldCol.has(field)) {
      const words = text(field)
        .split(/[、,，/\s]+/)
        .filter(Boolean);
      const values = CHOICES[field].values;
      const unknown = words.find((w) => !(w in values));
      const where = fieldCol.get(field)!;
      if (unknown)
        problem(
          where.col,
          where.label,
          `${CHOICES[field].heading}应为“${CHOICES[field].expected}”，不是“${unknown}”`,
          field,
        );
      return [...new Set(words.map((w) => values[w]).filter((v): v is string => !!v))];
    }
    return marked[field];
  };
  const audience = choose('audience');
  const mode = choose('mode');
  const levels = choose('levels');
  const stageText = text('stage');
  const stage = stageText ? (STAGES.get(stageText) ?? null) : null;
  if (stageText && !stage)
    problem(fieldCol.get('stage')!.col, '过程', `过程应为决策、执行、管理、服务或结果，不是“${stageText}”`, 'stage');
  const key = text('key') || undefined;
  if (key !== undefined && !itemKeySchema.safeParse(key).success)
    problem(fieldCol.get('key')!.col, '事项编号', `事项编号“${key}”格式有误`, 'key');

  const optional = (id: FieldId) => text(id) || undefined;
  const parsed = itemColumnsSchema.safeParse({
    level1: optional('level1'),
    level2: optional('level2'),
    level3: text('level3') || null,
    content: optional('content'),
    basis: optional('basis'),
    deadline: optional('deadline'),
    body: optional('body'),
    channels,
    // Some catalogs tick both: the wider audience and active disclosure then apply.
    audience: audience.includes('public') ? 'public' : audience[0],
    mode: mode.includes('active') ? 'active' : mode[0],
    levels,
    stage,
    code: text('code') || null,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const id = String(issue.path[0] ?? '') as FieldId;
      if (failed.has(id)) continue;
      const heading =
        id === ('channels' as FieldId)
          ? '公开渠道和载体'
          : (fieldCol.get(id)?.label ?? (id in CHOICES ? CHOICES[id as ChoiceField].heading : id));
      const col = fieldCol.get(id)?.col ?? [...header.columns.keys()][0] ?? 1;
      const empty = issue.code === 'invalid_value' || issue.code === 'invalid_type' || issue.code === 'too_small';
      problem(col, heading, empty ? `请填写“${heading}”` : `“${heading}”${issue.message}`);
    }
    return null;
  }
  return out.problems.length > before ? null : { sheet: sheet.name, row: r, key, areaCode, columns: parsed.data };
}

/** A row of one text repeated across (merged) cells: a section title or a note. */
function singleText(sheet: ExcelJS.Worksheet, r: number): string | null {
  const texts = new Set<string>();
  sheet.getRow(r).eachCell((cell) => {
    const t = cellText(cell);
    if (t) texts.add(t);
  });
  return texts.size === 1 ? [...texts][0]! : null;
}

function firstText(sheet: ExcelJS.Worksheet, r: number): string {
  let first = '';
  sheet.getRow(r).eachCell((cell) => {
    if (!first) first = cellText(cell);
  });
  return first;
}

function readCatalogSheet(
  sheet: ExcelJS.Worksheet,
  ctx: Omit<SheetContext, 'sheet' | 'header'>,
  onRow: (r: number) => boolean,
): void {
  const { out, areas } = ctx;
  const headerProblems: ImportProblem[] = [];
  const header = findHeader(sheet, ctx.channels, headerProblems);
  const sheetArea =
    areas.exact(sheet.name) ??
    (header ? rangeArea(sheet, 1, header.top - 1, areas) : undefined) ??
    areas.within(sheet.name);
  if (!header) {
    const rowsWithText = Array.from({ length: sheet.rowCount }, (_, i) => firstText(sheet, i + 1)).filter(Boolean);
    if (!rowsWithText.length || (!sheetArea && !headerProblems.some((p) => p.row !== null))) {
      out.warnings.push({ sheet: sheet.name, row: null, column: null, message: '工作表中没有目录表头，已跳过整张表' });
      out.skipped.push({ sheet: sheet.name, fromRow: 1, toRow: sheet.rowCount, reason: 'sheet', text: null });
    } else out.problems.push(...headerProblems);
    return;
  }
  for (const { col, label } of header.ignored)
    out.warnings.push({
      sheet: sheet.name,
      row: header.top,
      column: label,
      message: `${at(header.top, col)}：“${label}”列不属于目录内容，已忽略`,
    });
  for (let r = 1; r < header.top; r += 1)
    if (firstText(sheet, r)) skip(out, sheet.name, r, 'title', firstText(sheet, r));
  const full: SheetContext = { ...ctx, sheet, header };
  let section: string | undefined;
  let notes = false;
  const areaCol = [...header.columns].find(([, role]) => role.kind === 'field' && role.id === 'area')?.[0];
  for (let r = header.bottom + 1; r <= sheet.rowCount; r += 1) {
    const first = firstText(sheet, r);
    const single = singleText(sheet, r);
    if (notes || NOTE.test(first)) {
      notes = true;
      if (first) skip(out, sheet.name, r, 'note', first);
      else skip(out, sheet.name, r, 'blank');
      continue;
    }
    if (!first) {
      skip(out, sheet.name, r, 'blank');
      continue;
    }
    if (rowSignature(sheet, r, header) === header.signature) {
      skip(out, sheet.name, r, 'header', first);
      continue;
    }
    const sectionArea = single !== null ? areas.exact(single) : undefined;
    if (sectionArea) {
      section = sectionArea;
      skip(out, sheet.name, r, 'section', single!);
      continue;
    }
    const named = areaCol ? cellText(sheet.getCell(r, areaCol)) : '';
    const areaCode = named ? areas.exact(named) : (section ?? sheetArea);
    if (!areaCode) {
      const message = named
        ? `“${named}”不是公开领域名称`
        : `不知道这一行属于哪个领域：工作表名“${sheet.name}”和标题都不是领域名称，表中也没有“领域”列或领域标题行`;
      out.problems.push({ sheet: sheet.name, row: r, column: named ? '领域' : null, message: `第${r}行：${message}` });
      continue;
    }
    const row = readRow(full, r, areaCode);
    if (row) out.rows.push(row);
    if (!onRow(r)) return;
  }
}

function rowSignature(sheet: ExcelJS.Worksheet, r: number, header: SheetHeader): string {
  const depth = header.bottom - header.top;
  if (r + depth > sheet.rowCount) return '';
  const width = header.signature.split('|').length;
  return Array.from({ length: width }, (_, i) => {
    const path: string[] = [];
    for (let k = r; k <= r + depth; k += 1) {
      const t = normalize(cellText(sheet.getCell(k, i + 1)));
      if (t && path[path.length - 1] !== t) path.push(t);
    }
    return path.join('/');
  }).join('|');
}

function rangeArea(sheet: ExcelJS.Worksheet, from: number, to: number, areas: AreaNames): string | undefined {
  for (let r = from; r <= to; r += 1) {
    const found = areas.within(firstText(sheet, r));
    if (found) return found;
  }
  return undefined;
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
    if (!found) problems.push({ sheet: sheet.name, row: 1, column: label, message: `第1行：缺少“${label}”列` });
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
  file: Buffer | ArrayBuffer,
  options: ReaderOptions,
  progress: ImportProgress = () => undefined,
): Promise<ReadWorkbook> {
  const out: ReadWorkbook = { rows: [], removals: [], notApplicable: [], problems: [], warnings: [], skipped: [] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as ArrayBuffer);
  } catch {
    out.problems.push({ sheet: '', row: null, column: null, message: '无法读取该文件，请上传 .xlsx 格式的Excel文件' });
    return out;
  }
  const areas = new AreaNames(options.areas);
  const channels = new ChannelNames(options.channelNames, CATALOG_CHANNELS);
  const rowsTotal = workbook.worksheets.reduce((n, s) => n + s.rowCount, 0);
  let rowsRead = 0;
  let overCap = false;
  for (const sheet of workbook.worksheets) {
    const problem = (row: number | null, column: string | null, message: string) =>
      out.problems.push({ sheet: sheet.name, row, column, message: row ? `第${row}行：${message}` : message });
    if (sheet.name === NOT_APPLICABLE_SHEET) {
      readListSheet(sheet, ['领域', '不适用原因'], out.problems, ([name = '', reason = ''], r) => {
        const areaCode = areas.exact(name);
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
      readCatalogSheet(sheet, { channels, areas, out }, (r) => {
        if (r % 200 === 0) progress({ sheet: sheet.name, rowsRead: rowsRead + r, rowsTotal });
        if (out.rows.length <= options.maxRows) return true;
        overCap = true;
        return false;
      });
    }
    if (overCap) {
      out.problems.push({
        sheet: sheet.name,
        row: null,
        column: null,
        message: `文件超过${options.maxRows}行事项的上限，请按领域拆分后分批导入`,
      });
      break;
    }
    rowsRead += sheet.rowCount;
    progress({ sheet: sheet.name, rowsRead, rowsTotal });
  }
  if (!out.problems.length && !out.rows.length && !out.removals.length && !out.notApplicable.length) {
    out.problems.push({
      sheet: '',
      row: null,
      column: null,
      message: workbook.worksheets.length
        ? '文件中没有可导入的目录行：应有含“一级事项”“二级事项”“公开内容”“公开主体”等列名的表头，其下为事项行'
        : '文件中没有工作表',
    });
  }
  return out;
}
