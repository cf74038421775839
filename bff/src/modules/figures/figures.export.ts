import { FIGURE_DIMENSIONS, type FigureDimension, type FigureRow, type Figures } from '@hotline/shared-types';
import ExcelJS from 'exceljs';
import { computeFigures, type FiguresDeps, type FiguresScope } from './figures.service';

/** The figures as an Excel workbook: the same numbers as the API, one sheet overall and one per dimension. */

export const SHEET_NAMES: Record<'total' | FigureDimension, string> = {
  total: '总体',
  type: '按类型',
  area: '按领域',
  unit: '按承办单位',
  region: '按区域',
  month: '按月份',
};

/** The definitions printed above every sheet; docs/metrics.md says the same at length. */
export const DEFINITIONS = [
  '受理量：统计期间内提交的诉求数（含后来撤回的）。',
  '办结量：统计期间内办结的诉求数（不含撤回）。',
  '按时办结率：办结期限在统计期间内的诉求（不含撤回；尚未到期且未办结的不计）中，在期限前（含）办结的比例。',
  '满意率：统计期间内评价的诉求中，“满意”与“基本满意”之和所占比例。',
  '及时签收率：统计期间内首次派单的诉求（尚在签收时限内且未签收的不计）中，在签收时限内签收的比例。',
  '平均办理时长：统计期间内办结的诉求从提交到办结的平均小时数。',
  '日期均按城市当地时间计算；比率后附分子与分母。',
];

const COLUMNS = [
  { header: '分类', width: 28 },
  { header: '受理量', width: 10 },
  { header: '办结量', width: 10 },
  { header: '按时办结率', width: 12, percent: true },
  { header: '满意率', width: 10, percent: true },
  { header: '及时签收率', width: 12, percent: true },
  { header: '平均办理时长(小时)', width: 18 },
  { header: '按时办结数', width: 12 },
  { header: '应办结数', width: 10 },
  { header: '满意与基本满意数', width: 16 },
  { header: '评价数', width: 10 },
  { header: '及时签收数', width: 12 },
  { header: '派单数', width: 10 },
];

/** Computes the overall figures and every breakdown for the period, and writes them as one workbook. */
export async function exportFigures(
  deps: FiguresDeps,
  query: { from: string; to: string },
  scope: FiguresScope = {},
  signal?: AbortSignal,
): Promise<Buffer> {
  const period = { from: query.from, to: query.to };
  const overall = await computeFigures(deps, period, scope, signal);
  const breakdowns: Figures[] = [];
  for (const by of FIGURE_DIMENSIONS) breakdowns.push(await computeFigures(deps, { ...period, by }, scope, signal));
  return figuresWorkbook(overall, breakdowns, deps.city.profile.timezone);
}

export async function figuresWorkbook(overall: Figures, breakdowns: Figures[], timeZone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '12345 figures';
  addSheet(workbook, SHEET_NAMES.total, overall, [overall.total], timeZone);
  for (const figures of breakdowns) {
    if (figures.by) addSheet(workbook, SHEET_NAMES[figures.by], figures, [...figures.rows, figures.total], timeZone);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, name: string, figures: Figures, rows: FigureRow[], timeZone: string) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = COLUMNS.map(({ width }) => ({ width }));
  const title = sheet.addRow([`12345 热线诉求统计（${name}）`]);
  title.font = { bold: true, size: 14 };
  sheet.addRow([`统计期间：${figures.from} 至 ${figures.to}（${timeZone} 时间，含首尾两日）`]);
  for (const line of DEFINITIONS) sheet.addRow([line]);
  sheet.addRow([]);
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  for (const row of rows) {
    sheet.addRow([
      row.label,
      row.received,
      row.closed,
      row.onTimeClosure.rate,
      row.satisfaction.rate,
      row.timelySigning.rate,
      row.avgHandlingHours,
      row.onTimeClosure.numerator,
      row.onTimeClosure.denominator,
      row.satisfaction.numerator,
      row.satisfaction.denominator,
      row.timelySigning.numerator,
      row.timelySigning.denominator,
    ]);
  }
  COLUMNS.forEach((column, index) => {
    if (column.percent) sheet.getColumn(index + 1).numFmt = '0.00%';
  });
  sheet.getColumn(7).numFmt = '0.0';
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
}
