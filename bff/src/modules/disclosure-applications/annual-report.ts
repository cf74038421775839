import {
  APPLICANT_TYPES,
  DISCLOSURE_OUTCOMES,
  type ApplicantType,
  type DisclosureOutcome,
  type DisclosureReviews,
} from '@hotline/shared-types';
import ExcelJS from 'exceljs';
import type { ReportRow } from './disclosure.repository';

export type Column = ApplicantType | 'total';
export type Counts = Record<Column, number>;

/** Part three of the annual report: each line by applicant type. */
export interface YearCounts {
  received: Counts;
  carriedIn: Counts;
  outcomes: Record<DisclosureOutcome, Counts>;
  decided: Counts;
  carriedOut: Counts;
}

const COLUMNS = [...(Object.keys(APPLICANT_TYPES) as ApplicantType[]), 'total'] as const;
const OUTCOMES = Object.keys(DISCLOSURE_OUTCOMES) as DisclosureOutcome[];
const zero = (): Counts => Object.fromEntries(COLUMNS.map((c) => [c, 0])) as Counts;
const add = (counts: Counts, type: ApplicantType) => {
  counts[type] += 1;
  counts.total += 1;
};

/**
 * The year's counts (统计口径, docs/disclosure-applications.md): received = the date received (confirmation for
 * online applications) falls in the year; carried in = received earlier and still open when the year began;
 * outcomes = decided in the year; carried out = received by the year's end and still open then. So
 * received + carried in = decided + carried out, the template's check.
 */
export function countYear(rows: readonly ReportRow[], start: Date, end: Date): YearCounts {
  const counts: YearCounts = {
    received: zero(),
    carriedIn: zero(),
    outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, zero()])) as Record<DisclosureOutcome, Counts>,
    decided: zero(),
    carriedOut: zero(),
  };
  const within = (d: Date) => d.getTime() >= start.getTime() && d.getTime() < end.getTime();
  for (const row of rows) {
    if (row.receivedAt.getTime() >= end.getTime()) continue;
    if (within(row.receivedAt)) add(counts.received, row.applicantType);
    else if (!row.decidedAt || row.decidedAt.getTime() >= start.getTime()) add(counts.carriedIn, row.applicantType);
    if (row.decidedAt && row.outcome && within(row.decidedAt)) {
      add(counts.outcomes[row.outcome], row.applicantType);
      add(counts.decided, row.applicantType);
    } else if (!row.decidedAt || row.decidedAt.getTime() >= end.getTime()) {
      add(counts.carriedOut, row.applicantType);
    }
  }
  return counts;
}

const GROUP_NUMBERS: Record<string, string> = {
  予以公开: '（一）',
  部分公开: '（二）',
  不予公开: '（三）',
  无法提供: '（四）',
  不予处理: '（五）',
  其他处理: '（六）',
};

const thin = { style: 'thin' } as const;
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

function box(sheet: ExcelJS.Worksheet, range: string, value: string | number): void {
  const [from] = range.split(':');
  if (range.includes(':')) sheet.mergeCells(range);
  const cell = sheet.getCell(from as string);
  cell.value = value;
  cell.alignment = { vertical: 'middle', horizontal: typeof value === 'number' ? 'center' : 'left', wrapText: true };
}

function partThree(book: ExcelJS.Workbook, counts: YearCounts): void {
  const sheet = book.addWorksheet('三、收到和处理政府信息公开申请情况');
  sheet.columns = [{ width: 10 }, { width: 16 }, { width: 44 }, ...COLUMNS.map(() => ({ width: 11 }))];
  box(sheet, 'A1:J1', '三、收到和处理政府信息公开申请情况');
  box(sheet, 'A2:C4', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
  box(sheet, 'D2:J2', '申请人情况');
  box(sheet, 'D3:D4', '自然人');
  box(sheet, 'E3:I3', '法人或其他组织');
  box(sheet, 'J3:J4', '总计');
  (['commercial', 'research', 'public_interest', 'legal_service', 'other_org'] as const).forEach((type, i) =>
    box(sheet, `${String.fromCharCode(69 + i)}4`, APPLICANT_TYPES[type]),
  );
  let row = 5;
  const numbers = (values: Counts) =>
    COLUMNS.forEach((c, i) => box(sheet, `${String.fromCharCode(68 + i)}${row}`, values[c]));
  box(sheet, `A${row}:C${row}`, '一、本年新收政府信息公开申请数量');
  numbers(counts.received);
  row += 1;
  box(sheet, `A${row}:C${row}`, '二、上年结转政府信息公开申请数量');
  numbers(counts.carriedIn);
  const firstResult = (row += 1);
  for (const group of Object.keys(GROUP_NUMBERS)) {
    const members = OUTCOMES.filter((o) => DISCLOSURE_OUTCOMES[o].group === group);
    const label = `${GROUP_NUMBERS[group]}${group}`;
    if (members.length === 1) {
      box(
        sheet,
        `B${row}:C${row}`,
        group === '部分公开' ? `${label}（区分处理的，只计这一情形，不计其他情形）` : label,
      );
      numbers(counts.outcomes[members[0] as DisclosureOutcome]);
      row += 1;
      continue;
    }
    box(sheet, `B${row}:B${row + members.length - 1}`, label);
    members.forEach((outcome, i) => {
      box(sheet, `C${row}`, `${i + 1}.${DISCLOSURE_OUTCOMES[outcome].label}`);
      numbers(counts.outcomes[outcome]);
      row += 1;
    });
  }
  box(sheet, `B${row}:C${row}`, '（七）总计');
  numbers(counts.decided);
  box(sheet, `A${firstResult}:A${row}`, '三、本年度办理结果');
  row += 1;
  box(sheet, `A${row}:C${row}`, '四、结转下年度继续办理');
  numbers(counts.carriedOut);
  sheet.eachRow((r) => r.eachCell((cell) => (cell.border = BORDER)));
}

const REVIEW_LABELS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

function partFour(book: ExcelJS.Workbook, reviews: DisclosureReviews | null): void {
  const sheet = book.addWorksheet('四、政府信息公开行政复议、行政诉讼情况');
  sheet.columns = Array.from({ length: 15 }, () => ({ width: 10 }));
  const col = (i: number) => String.fromCharCode(65 + i);
  box(sheet, 'A1:O1', '四、政府信息公开行政复议、行政诉讼情况');
  box(sheet, 'A2:E2', '行政复议');
  box(sheet, 'F2:O2', '行政诉讼');
  REVIEW_LABELS.forEach((label, i) => box(sheet, `${col(i)}3:${col(i)}4`, label));
  box(sheet, 'F3:J3', '未经复议直接起诉');
  box(sheet, 'K3:O3', '复议后起诉');
  REVIEW_LABELS.forEach((label, i) => {
    box(sheet, `${col(5 + i)}4`, label);
    box(sheet, `${col(10 + i)}4`, label);
  });
  const groups = [reviews?.reconsideration, reviews?.litigationDirect, reviews?.litigationAfterReconsideration];
  groups.forEach((g, gi) => {
    const values = [g?.upheld ?? 0, g?.corrected ?? 0, g?.other ?? 0, g?.pending ?? 0];
    [...values, values.reduce((a, b) => a + b, 0)].forEach((v, i) => box(sheet, `${col(gi * 5 + i)}5`, v));
  });
  sheet.eachRow((r) => r.eachCell((cell) => (cell.border = BORDER)));
}

/** The workbook: part three counted from the applications, part four as the office entered it. */
export async function annualReportWorkbook(counts: YearCounts, reviews: DisclosureReviews | null): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  partThree(book, counts);
  partFour(book, reviews);
  return Buffer.from(await book.xlsx.writeBuffer());
}
