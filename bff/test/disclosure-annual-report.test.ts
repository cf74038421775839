import ExcelJS from 'exceljs';
import type { DisclosureOutcome } from '@hotline/shared-types';
import { startTestApp, type TestApp } from './support/harness';
import { download, naturalApplication, officeAct, organisationApplication, setLocalTime } from './support/disclosure';
import { uploadedPhoto } from './support/photos';
import { staffSignIn } from './support/staff';

// Two years of applications, some carried across New Year, and the report's part three counted by hand.

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ clockStart: new Date('2025-11-03T01:00:00Z') });
});
afterEach(async () => t.close());

type Kind = 'natural' | 'commercial' | 'research' | 'public_interest' | 'legal_service';

async function submitAt(at: string, kind: Kind): Promise<string> {
  setLocalTime(t, at);
  const auth = await t.signIn();
  const photo = await uploadedPhoto(t, auth);
  const body = kind === 'natural' ? naturalApplication(photo.id) : organisationApplication(photo.id, kind);
  const res = await t.http.post('/api/v1/disclosure-applications').set('Authorization', auth).send(body).expect(201);
  return res.body.id as string;
}

async function actAt(at: string, id: string, action: Record<string, unknown>): Promise<void> {
  setLocalTime(t, at);
  const res = await officeAct(t, id, action as { action: string });
  if (res.status !== 200) throw new Error(`${String(action.action)} at ${at}: ${res.status} ${res.text}`);
}

const decide = (outcome: DisclosureOutcome) => ({
  action: 'decide',
  outcome,
  legalBasis: '《条例》',
  provided: '见答复',
});

/** Every row of part three, by its label (the last filled text cell of columns A–C), as the seven numbers D–J. */
async function partThree(year: number): Promise<Record<string, number[]>> {
  const { auth } = await staffSignIn(t, 'auditor');
  const file = await download(
    t,
    `/api/v1/admin/disclosure-applications/annual-report?year=${year}`,
    auth,
    /spreadsheetml/,
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('三、收到和处理政府信息公开申请情况');
  const rows: Record<string, number[]> = {};
  sheet?.eachRow((row, n) => {
    if (n < 5) return;
    const label = [3, 2, 1].map((c) => row.getCell(c).text).find((x) => x !== '') ?? '';
    rows[label] = [4, 5, 6, 7, 8, 9, 10].map((c) => Number(row.getCell(c).value));
  });
  return rows;
}

// Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
const zeros = [0, 0, 0, 0, 0, 0, 0];

test('when applications are received, decided and carried across New Year, then each year’s part three counts them by receipt and decision date', async () => {
  const a1 = await submitAt('2025-11-05T10:00', 'natural');
  await actAt('2025-11-05T10:05', a1, { action: 'confirm_receipt' });
  await actAt('2025-12-01T10:00', a1, decide('disclose.full'));
  const a2 = await submitAt('2025-12-15T10:00', 'commercial');
  await actAt('2025-12-15T10:05', a2, { action: 'confirm_receipt' });
  const a3 = await submitAt('2025-12-29T10:00', 'natural');
  await actAt('2025-12-29T10:05', a3, { action: 'confirm_receipt' });
  // Sent in 2025, confirmed in 2026: received in 2026 (art. 31).
  const a4 = await submitAt('2025-12-30T10:00', 'legal_service');
  await actAt('2026-01-05T10:00', a4, { action: 'confirm_receipt' });
  const a5 = await submitAt('2026-01-06T10:00', 'natural');
  await actAt('2026-01-06T10:05', a5, { action: 'confirm_receipt' });
  await submitAt('2026-01-06T11:00', 'natural'); // never confirmed: not received, counted nowhere
  await actAt('2026-01-07T10:00', a5, {
    action: 'request_supplement',
    missing: '请写明年份和项目',
    replyWithinWorkingDays: 3,
  });
  await actAt('2026-01-12T10:00', a2, decide('partial.partial'));
  await actAt('2026-01-13T10:00', a5, { action: 'close_uncorrected' });
  await actAt('2026-01-20T10:00', a4, decide('not_handled.petition'));
  await actAt('2026-02-02T10:00', a3, decide('withhold.third_party'));
  const a8 = await submitAt('2026-03-02T10:00', 'public_interest');
  await actAt('2026-03-02T10:05', a8, { action: 'confirm_receipt' });
  await actAt('2026-03-10T10:00', a8, decide('unable.not_held'));
  const a6 = await submitAt('2026-12-28T10:00', 'research');
  await actAt('2026-12-28T10:05', a6, { action: 'confirm_receipt' });

  const y2025 = await partThree(2025);
  expect(y2025['一、本年新收政府信息公开申请数量']).toEqual([2, 1, 0, 0, 0, 0, 3]);
  expect(y2025['二、上年结转政府信息公开申请数量']).toEqual(zeros);
  expect(y2025['（一）予以公开']).toEqual([1, 0, 0, 0, 0, 0, 1]);
  expect(y2025['（七）总计']).toEqual([1, 0, 0, 0, 0, 0, 1]);
  expect(y2025['四、结转下年度继续办理']).toEqual([1, 1, 0, 0, 0, 0, 2]);

  const y2026 = await partThree(2026);
  expect(y2026['一、本年新收政府信息公开申请数量']).toEqual([1, 0, 1, 1, 1, 0, 4]);
  expect(y2026['二、上年结转政府信息公开申请数量']).toEqual([1, 1, 0, 0, 0, 0, 2]);
  expect(y2026['（一）予以公开']).toEqual(zeros);
  expect(y2026['（二）部分公开（区分处理的，只计这一情形，不计其他情形）']).toEqual([0, 1, 0, 0, 0, 0, 1]);
  expect(y2026['4.保护第三方合法权益']).toEqual([1, 0, 0, 0, 0, 0, 1]);
  expect(y2026['1.本机关不掌握相关政府信息']).toEqual([0, 0, 0, 1, 0, 0, 1]);
  expect(y2026['1.信访举报投诉类申请']).toEqual([0, 0, 0, 0, 1, 0, 1]);
  expect(y2026['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请']).toEqual([1, 0, 0, 0, 0, 0, 1]);
  expect(y2026['（七）总计']).toEqual([2, 1, 0, 1, 1, 0, 5]);
  expect(y2026['四、结转下年度继续办理']).toEqual([0, 0, 1, 0, 0, 0, 1]);
  // Every one of the template's 21 outcome rows is there, and the rows that nothing fell into are zero.
  const outcomeRows = Object.keys(y2026).filter((label) => /^\d\.|^（[一二]）/.test(label));
  expect(outcomeRows).toHaveLength(21);
  const counted = ['（二）', '4.保护第三方', '1.本机关不掌握', '1.信访', '1.申请人无正当理由'];
  for (const label of outcomeRows.filter((l) => !counted.some((c) => l.startsWith(c)))) {
    expect([label, y2026[label]]).toEqual([label, zeros]);
  }
});

test('when the office enters the year’s reviews and lawsuits, then part four shows them with totals, and a bad year is refused', async () => {
  const officer = await staffSignIn(t, 'disclosure_officer');
  const counts = { upheld: 2, corrected: 1, other: 0, pending: 1 };
  await t.http
    .put('/api/v1/admin/disclosure-reviews')
    .set('Authorization', officer.auth)
    .send({
      year: 2025,
      reconsideration: counts,
      litigationDirect: { upheld: 1, corrected: 0, other: 0, pending: 0 },
      litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 1, pending: 2 },
    })
    .expect(200);
  const file = await download(
    t,
    '/api/v1/admin/disclosure-applications/annual-report?year=2025',
    officer.auth,
    /sheet/,
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('四、政府信息公开行政复议、行政诉讼情况');
  const values = Array.from({ length: 15 }, (_, i) => Number(sheet?.getRow(5).getCell(i + 1).value));
  expect(values).toEqual([2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 0, 1, 2, 3]);
  const bad = await t.http
    .get('/api/v1/admin/disclosure-applications/annual-report?year=20x5')
    .set('Authorization', officer.auth)
    .expect(400);
  expect(bad.body.error.code).toBe('VALIDATION_FAILED');
});
