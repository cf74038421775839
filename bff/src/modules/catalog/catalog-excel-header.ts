import type { CatalogChannel, ImportProblem } from '@hotline/shared-types';
import type ExcelJS from 'exceljs';

/**
 * Finds the header of a sheet laid out the way counties publish their 标准目录 and says what each column holds.
 * Published headers are one to three rows deep: grouped headings (公开事项 over 一级事项/二级事项, 公开渠道和载体
 * over one column per channel, 公开对象/公开方式/公开层级 over √-marked sub-columns) are merged over what they
 * group, so each column is read as the path of headings above it (a merged cell reads as its master's text).
 */

export type FieldId =
  | 'key'
  | 'level1'
  | 'level2'
  | 'level3'
  | 'content'
  | 'basis'
  | 'deadline'
  | 'body'
  | 'audience'
  | 'mode'
  | 'levels'
  | 'stage'
  | 'code'
  | 'area';
export type ChoiceField = 'audience' | 'mode' | 'levels';

export type ColumnRole =
  | { kind: 'field'; id: FieldId }
  /** One cell listing channels, marked (■政府网站 □政府公报) or just named. */
  | { kind: 'channelMarks' }
  /** One column per channel, marked ■/□ or √. */
  | { kind: 'channel'; channel: CatalogChannel }
  /** One √-marked sub-column of 公开对象/公开方式/公开层级. */
  | { kind: 'choice'; field: ChoiceField; value: string };

export interface SheetHeader {
  /** The first and last header row (1-based). */
  top: number;
  bottom: number;
  columns: Map<number, ColumnRole & { label: string }>;
  /** The header's text per column, to recognise a header repeated further down (printed page headers). */
  signature: string;
  /** Columns read but not used: 序号, 备注 and headings the catalog does not know. */
  ignored: { col: number; label: string }[];
}

export const FIELD_LABELS = new Map<string, FieldId>([
  ['事项编号', 'key'],
  ['一级事项', 'level1'],
  ['二级事项', 'level2'],
  ['三级事项', 'level3'],
  ['事项名称', 'level2'],
  ['公开内容', 'content'],
  ['公开内容(要素)', 'content'],
  ['公开要素', 'content'],
  ['公开依据', 'basis'],
  ['公开时限', 'deadline'],
  ['公开主体', 'body'],
  ['公开对象', 'audience'],
  ['公开方式', 'mode'],
  ['公开层级', 'levels'],
  ['过程', 'stage'],
  ['事项编码', 'code'],
  ['领域', 'area'],
  ['公开领域', 'area'],
  ['所属领域', 'area'],
  ['试点领域', 'area'],
]);
/** Headings a catalog has that carry nothing to import. */
const KNOWN_IGNORED = new Set(['序号', '备注', '编号']);
const GROUPS = new Set(['公开事项', '事项', '公开标准']);
export const CHANNEL_HEADINGS = new Set(['公开渠道和载体', '公开渠道', '公开载体', '公开渠道(载体)', '公开渠道及载体']);

/** The sub-columns a √-marked group may have, by the wording counties use. */
export const CHOICES: Record<ChoiceField, { heading: string; expected: string; values: Record<string, string> }> = {
  audience: { heading: '公开对象', expected: '全社会/特定群体', values: { 全社会: 'public', 特定群体: 'specific' } },
  mode: {
    heading: '公开方式',
    expected: '主动/依申请',
    values: { 主动: 'active', 主动公开: 'active', 依申请: 'on_request', 依申请公开: 'on_request' },
  },
  levels: {
    heading: '公开层级',
    expected: '县级/乡级',
    values: {
      县级: 'county',
      县: 'county',
      县区级: 'county',
      '县(区)级': 'county',
      市县级: 'county',
      乡级: 'township',
      乡: 'township',
      乡镇: 'township',
      乡镇级: 'township',
      '乡镇(街道)': 'township',
      乡镇街道: 'township',
      '乡(镇)级': 'township',
    },
  },
};
const CHOICE_OF_HEADING = new Map(
  (Object.entries(CHOICES) as [ChoiceField, (typeof CHOICES)[ChoiceField]][]).map(([f, c]) => [c.heading, f]),
);

export function normalize(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[：:]$/, '');
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

/** Looks channel names up by any of their configured names. */
export class ChannelNames {
  private readonly byName = new Map<string, CatalogChannel>();
  /** Longest first, so 广播电视 is read before 广播 and 政府网站 before 网站. */
  readonly names: string[];

  constructor(synonyms: Readonly<Record<string, readonly string[]>>, labels: Readonly<Record<CatalogChannel, string>>) {
    for (const [code, label] of Object.entries(labels)) this.byName.set(normalize(label), code as CatalogChannel);
    for (const [code, names] of Object.entries(synonyms))
      if (code in labels) for (const name of names) this.byName.set(normalize(name), code as CatalogChannel);
    this.names = [...this.byName.keys()].sort((a, b) => b.length - a.length);
  }

  get(name: string): CatalogChannel | undefined {
    return this.byName.get(normalize(name));
  }
}

const isHeading = (text: string, channels: ChannelNames) =>
  FIELD_LABELS.has(text) ||
  KNOWN_IGNORED.has(text) ||
  GROUPS.has(text) ||
  CHANNEL_HEADINGS.has(text) ||
  Object.values(CHOICES).some((c) => text in c.values) ||
  channels.get(text) !== undefined;

/** Whether a row has a group heading merged across columns: the row below then holds its sub-headings. */
function groupsAcross(sheet: ExcelJS.Worksheet, r: number, width: number): boolean {
  for (let col = 1; col < width; col += 1) {
    const cell = sheet.getCell(r, col);
    const next = sheet.getCell(r, col + 1);
    const text = normalize(cellText(cell));
    const grouping = CHANNEL_HEADINGS.has(text) || CHOICE_OF_HEADING.has(text) || GROUPS.has(text);
    if (grouping && cell.isMerged && next.isMerged && cell.master.address === next.master.address) return true;
  }
  return false;
}

function rowTexts(sheet: ExcelJS.Worksheet, r: number, width: number): string[] {
  const row = sheet.getRow(r);
  return Array.from({ length: width }, (_, i) => normalize(cellText(row.getCell(i + 1))));
}

/** Where a problem is, in the words of the sheet: "第3行第J列". */
export const at = (row: number, col: number) => `第${row}行第${columnLetter(col)}列`;
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Finds the header: its first row is the first of the top 15 with at least three catalog headings (a title row
 * above it has none); the rows below belong to it while every text in them is a heading or a sub-heading.
 */
export function findHeader(
  sheet: ExcelJS.Worksheet,
  channels: ChannelNames,
  problems: ImportProblem[],
): SheetHeader | null {
  const width = sheet.columnCount;
  const problem = (row: number | null, column: string | null, message: string) =>
    problems.push({ sheet: sheet.name, row, column, message });
  let top = 0;
  for (let r = 1; r <= Math.min(15, sheet.rowCount) && !top; r += 1) {
    const texts = new Set(rowTexts(sheet, r, width).filter(Boolean));
    if ([...texts].filter((t) => FIELD_LABELS.has(t) || CHANNEL_HEADINGS.has(t) || GROUPS.has(t)).length >= 3) top = r;
  }
  if (!top) {
    problem(null, null, '前15行中找不到表头：表头应含“一级事项”“二级事项”“公开内容”“公开主体”等列名');
    return null;
  }
  let bottom = top;
  while (bottom < top + 2 && bottom < sheet.rowCount) {
    const texts = rowTexts(sheet, bottom + 1, width).filter(Boolean);
    const below = texts.length && (texts.every((t) => isHeading(t, channels)) || groupsAcross(sheet, bottom, width));
    if (!below) break;
    bottom += 1;
  }
  const header: SheetHeader = { top, bottom, columns: new Map(), signature: '', ignored: [] };
  const paths: string[][] = [];
  for (let col = 1; col <= width; col += 1) {
    const path: string[] = [];
    for (let r = top; r <= bottom; r += 1) {
      const text = normalize(cellText(sheet.getCell(r, col)));
      if (text && path[path.length - 1] !== text) path.push(text);
    }
    paths.push(path);
  }
  header.signature = paths.map((p) => p.join('/')).join('|');
  const before = problems.length;
  paths.forEach((path, i) => classify(sheet.name, header, i + 1, path, channels, problems));
  checkGroups(sheet, header, paths, problems);
  const fields = new Set<string>([...header.columns.values()].map((c) => (c.kind === 'field' ? c.id : c.kind)));
  const has = (id: string) =>
    fields.has(id) || [...header.columns.values()].some((c) => 'field' in c && c.field === id);
  const required: [string, string][] = [
    ['level1', '一级事项'],
    ['level2', '二级事项'],
    ['content', '公开内容'],
    ['basis', '公开依据'],
    ['deadline', '公开时限'],
    ['body', '公开主体'],
    ['audience', '公开对象'],
    ['mode', '公开方式'],
    ['levels', '公开层级'],
  ];
  const found = [
    ...new Set(paths.filter((p) => p.length).map((p) => (CHANNEL_HEADINGS.has(p[0]!) ? p[0]! : p.join('/')))),
  ];
  for (const [id, label] of required)
    if (!has(id)) problem(top, label, `第${top}至${bottom}行的表头中没有“${label}”列（找到的列：${found.join('、')}）`);
  if (!fields.has('channel') && !fields.has('channelMarks'))
    problem(
      top,
      '公开渠道和载体',
      `第${top}至${bottom}行的表头中没有“公开渠道和载体”列（找到的列：${found.join('、')}）`,
    );
  return problems.length === before ? header : null;
}

function classify(
  sheet: string,
  header: SheetHeader,
  col: number,
  path: readonly string[],
  channels: ChannelNames,
  problems: ImportProblem[],
): void {
  const last = path[path.length - 1];
  const label = path.join('/');
  if (!last) return;
  const groups = path.slice(0, -1);
  const channelGroup = groups.find((g) => CHANNEL_HEADINGS.has(g));
  const choiceGroup = groups.map((g) => CHOICE_OF_HEADING.get(g)).find(Boolean);
  if (channelGroup) {
    const channel = channels.get(last);
    if (channel) header.columns.set(col, { kind: 'channel', channel, label });
    else
      problems.push({
        sheet,
        row: header.bottom,
        column: label,
        message: `${at(header.bottom, col)}：“${channelGroup}”下的“${last}”不是已知的公开渠道（可在 catalog-vocabulary 配置中加上这个名称）`,
      });
  } else if (choiceGroup) {
    const value = CHOICES[choiceGroup].values[last];
    if (value) header.columns.set(col, { kind: 'choice', field: choiceGroup, value, label });
  } else if (CHANNEL_HEADINGS.has(last)) header.columns.set(col, { kind: 'channelMarks', label });
  else if (FIELD_LABELS.has(last)) {
    const id = FIELD_LABELS.get(last)!;
    const taken = [...header.columns.values()].some((c) => c.kind === 'field' && c.id === id);
    if (taken) header.ignored.push({ col, label });
    else header.columns.set(col, { kind: 'field', id, label });
  } else header.ignored.push({ col, label });
}

/** A √-marked group must have a sub-column for each of its values; anything else under it is a mistake. */
function checkGroups(
  sheet: ExcelJS.Worksheet,
  header: SheetHeader,
  paths: string[][],
  problems: ImportProblem[],
): void {
  for (const choice of Object.values(CHOICES)) {
    const under = paths
      .map((p, i) => ({ p, col: i + 1 }))
      .filter(({ p }) => p.length > 1 && p.slice(0, -1).includes(choice.heading));
    if (!under.length) continue;
    const wrong = under.filter(({ p }) => !(p[p.length - 1]! in choice.values));
    const values = new Set(under.map(({ col }) => header.columns.get(col)).map((c) => c && 'value' in c && c.value));
    const wanted = new Set(Object.values(choice.values));
    if (wrong.length || values.size < wanted.size) {
      let row = header.top;
      while (row < header.bottom && normalize(cellText(sheet.getCell(row, under[0]!.col))) !== choice.heading) row += 1;
      const seen = under.map(({ p }) => p[p.length - 1]).join('/');
      problems.push({
        sheet: sheet.name,
        row,
        column: choice.heading,
        message: `第${row}行：找到表头“${choice.heading}”，其下应为“${choice.expected}”${wanted.size}列，实际为“${seen}”`,
      });
      for (const { col } of under) header.columns.delete(col);
    }
  }
}
