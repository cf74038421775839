import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from './support/harness';
import { download } from './support/disclosure';
import { staffSignIn } from './support/staff';
import { sampleDepsOf, seedSampleApplications } from '../src/modules/disclosure-applications/sample/seed';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ clockStart: new Date('2026-07-01T02:00:00Z') });
});
afterEach(async () => t.close());

test('when the demo starts on an empty database, then sample applications fill the queue, the letters and both years of the report, once', async () => {
  expect(await seedSampleApplications(sampleDepsOf(t.deps))).toBe(7);
  expect(await seedSampleApplications(sampleDepsOf(t.deps))).toBe(0);
  const { auth } = await staffSignIn(t, 'disclosure_officer');
  const queue = await t.http.get('/api/v1/admin/disclosure-applications').set('Authorization', auth).expect(200);
  expect(queue.body.items).toHaveLength(7);
  const statuses = queue.body.items.map((i: { status: string }) => i.status).sort();
  expect(statuses).toEqual(['answered', 'answered', 'answered', 'answered', 'answered', 'answered', 'submitted']);
  const file = await download(t, '/api/v1/admin/disclosure-applications/annual-report?year=2026', auth, /sheet/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const rows = new Map<string, number>();
  book.worksheets[0]?.eachRow((row) => {
    const label = [3, 2, 1].map((c) => row.getCell(c).text).find((x) => x !== '') ?? '';
    rows.set(label, Number(row.getCell(10).value));
  });
  // 2026: four received and answered, one carried in from December 2025 and answered, one sent today unconfirmed.
  expect(rows.get('一、本年新收政府信息公开申请数量')).toBe(4);
  expect(rows.get('二、上年结转政府信息公开申请数量')).toBe(1);
  expect(rows.get('（七）总计')).toBe(5);
  expect(rows.get('四、结转下年度继续办理')).toBe(0);
});
