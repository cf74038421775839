import {
  CATALOG_CHANNELS,
  DISCLOSURE_AUDIENCES,
  DISCLOSURE_LEVELS,
  DISCLOSURE_STAGES,
  type CatalogChannel,
  type DisclosureMode,
} from '@hotline/shared-types';
import ExcelJS from 'exceljs';
import type { ResolvedCatalog, ResolvedRow } from './resolve';
import type { IndexedArea } from './search-index';

/**
 * The spreadsheet layout cities publish their standard catalog in: one sheet per area, two header rows
 * (公开渠道和载体 spans one column per channel, marked ■/□), 一级事项 merged over the rows it spans. Two more
 * sheets carry what a layout of active items cannot: areas not applicable here and items removed here, with
 * their reasons. The `事项编号` column holds the stable item key, so a county's sheet says which city item a row is.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const NOT_APPLICABLE_SHEET = '未涉及领域';
export const REMOVED_SHEET = '不适用事项';
export const CHANNEL_ORDER = Object.keys(CATALOG_CHANNELS) as CatalogChannel[];
export const MARK_ON = '■';
export const MARK_OFF = '□';

/** The single columns of the layout, in order; the channel columns come after 公开主体. */
export const LAYOUT = {
  before: [
    { id: 'serial', label: '序号', width: 6 },
    { id: 'key', label: '事项编号', width: 13 },
    { id: 'level1', label: '一级事项', width: 16 },
    { id: 'level2', label: '二级事项', width: 22 },
    { id: 'level3', label: '三级事项', width: 16 },
    { id: 'content', label: '公开内容（要素）', width: 36 },
    { id: 'basis', label: '公开依据', width: 36 },
    { id: 'deadline', label: '公开时限', width: 20 },
    { id: 'body', label: '公开主体', width: 16 },
  ],
  channels: '公开渠道和载体',
  after: [
    { id: 'audience', label: '公开对象', width: 10 },
    { id: 'mode', label: '公开方式', width: 10 },
    { id: 'levels', label: '公开层级', width: 10 },
    { id: 'stage', label: '过程', width: 8 },
    { id: 'code', label: '事项编码', width: 14 },
  ],
} as const;

export const MODE_TEXT: Record<DisclosureMode, string> = { active: '主动', on_request: '依申请' };

function rowValues(row: ResolvedRow, serial: number): (string | number)[] {
  const c = row.columns;
  return [
    serial,
    row.key,
    c.level1,
    c.level2,
    c.level3 ?? '',
    c.content,
    c.basis,
    c.deadline,
    c.body,
    ...CHANNEL_ORDER.map((ch) => (c.channels.includes(ch) ? MARK_ON : MARK_OFF)),
    DISCLOSURE_AUDIENCES[c.audience],
    MODE_TEXT[c.mode],
    c.levels.map((l) => DISCLOSURE_LEVELS[l]).join('、'),
    c.stage ? DISCLOSURE_STAGES[c.stage] : '',
    c.code ?? '',
  ];
}

function addHeader(sheet: ExcelJS.Worksheet): void {
  const first = LAYOUT.before.length + 1;
  const last = first + CHANNEL_ORDER.length - 1;
  const labels = [...LAYOUT.before.map((c) => c.label), ...CHANNEL_ORDER.map(() => LAYOUT.channels)];
  sheet.addRow([...labels, ...LAYOUT.after.map((c) => c.label)]);
  sheet.addRow([
    ...LAYOUT.before.map(() => ''),
    ...CHANNEL_ORDER.map((ch) => CATALOG_CHANNELS[ch]),
    ...LAYOUT.after.map(() => ''),
  ]);
  sheet.mergeCells(1, first, 1, last);
  const single = [...LAYOUT.before.map((_, i) => i + 1), ...LAYOUT.after.map((_, i) => last + 1 + i)];
  for (const col of single) sheet.mergeCells(1, col, 2, col);
  [...LAYOUT.before, ...CHANNEL_ORDER.map(() => ({ width: 5 })), ...LAYOUT.after].forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  for (const r of [1, 2]) {
    const header = sheet.getRow(r);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  }
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
}

/** 一级事项 is merged over each run of consecutive rows that share it, as the printed catalogs do. */
function mergeLevel1(sheet: ExcelJS.Worksheet, rows: readonly ResolvedRow[]): void {
  const col = LAYOUT.before.findIndex((c) => c.id === 'level1') + 1;
  let start = 0;
  for (let i = 1; i <= rows.length; i += 1) {
    if (i < rows.length && rows[i]?.columns.level1 === rows[start]?.columns.level1) continue;
    if (i - start > 1) sheet.mergeCells(start + 3, col, i + 2, col);
    start = i;
  }
}

/** A region's resolved catalog as a workbook in the published layout. */
export async function catalogWorkbook(catalog: ResolvedCatalog, areas: readonly IndexedArea[]): Promise<Buffer> {
  return Buffer.from(await layoutWorkbook(catalog, areas).xlsx.writeBuffer());
}

const TEMPLATE_NOTES = [
  '填表说明（本表不导入）',
  '1. 每个公开领域一张工作表，表名为领域名称；不涉及的领域删去其工作表，并在“未涉及领域”表中写明原因。',
  '2. 从第3行起每行一个事项；“一级事项”可跨行合并，其他单元格请勿跨列合并。',
  '3. “事项编号”：沿用上级目录的事项填上级的编号（可从上级目录导出的表中复制），本地新增的事项留空。',
  '4. 公开渠道和载体：适用的渠道填“■”或“√”，不适用的填“□”或留空。',
  '5. 公开对象填“全社会”或“特定群体”；公开方式填“主动”或“依申请”；公开层级填“县级”“乡级”或“县级、乡级”。',
  '6. 上级目录有、本地不适用的事项，写在“不适用事项”表中并说明原因。',
  '7. 导入时只替换文件中出现的领域，其他领域保持不变；请先“试导入”查看每个领域新增、调整、删除的事项。',
];

/** An empty catalog in the layout the import reads best, with instructions, for editors to fill in. */
export async function importTemplate(catalog: ResolvedCatalog, areas: readonly IndexedArea[]): Promise<Buffer> {
  const workbook = layoutWorkbook(catalog, areas);
  const notes = workbook.addWorksheet('填表说明');
  for (const line of TEMPLATE_NOTES) notes.addRow([line]);
  notes.getColumn(1).width = 100;
  notes.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function layoutWorkbook(catalog: ResolvedCatalog, areas: readonly IndexedArea[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '政务公开标准目录';
  for (const area of areas) {
    if (catalog.notApplicable.has(area.code)) continue;
    const rows = catalog.rows.filter((r) => r.areaCode === area.code && r.status !== 'removed');
    const sheet = workbook.addWorksheet(area.name);
    addHeader(sheet);
    rows.forEach((row, i) => sheet.addRow(rowValues(row, i + 1)).commit());
    mergeLevel1(sheet, rows);
  }
  const excluded = workbook.addWorksheet(NOT_APPLICABLE_SHEET);
  excluded.addRow(['领域', '不适用原因']).font = { bold: true };
  for (const area of areas) {
    const reason = catalog.notApplicable.get(area.code);
    if (reason !== undefined) excluded.addRow([area.name, reason]);
  }
  const removed = workbook.addWorksheet(REMOVED_SHEET);
  removed.addRow(['事项编号', '领域', '一级事项', '二级事项', '不适用原因']).font = { bold: true };
  const areaName = new Map(areas.map((a) => [a.code, a.name]));
  for (const row of catalog.rows) {
    if (row.status !== 'removed' || catalog.notApplicable.has(row.areaCode)) continue;
    removed.addRow([
      row.key,
      areaName.get(row.areaCode) ?? row.areaCode,
      row.columns.level1,
      row.columns.level2,
      row.removedReason ?? '',
    ]);
  }
  return workbook;
}
