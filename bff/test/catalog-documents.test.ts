import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ItemColumns } from '@hotline/shared-types';
import { ulidGenerator } from '../src/lib/ids';
import { addItem, publish } from '../src/modules/catalog/catalog.service';
import { createCatalog } from '../src/modules/catalog/catalog.module';
import { addDocument } from '../src/modules/catalog/catalog-documents.service';
import { CatalogDocumentsRepository, urlHash } from '../src/modules/catalog/catalog-documents.repository';
import { startTestApp, type TestApp } from './support/harness';
import { staffSignIn, type TestStaff } from './support/staff';

const CITY = '411100';
const COUNTY = '411104';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let editor: TestStaff;
const keys: string[] = [];

const item = (level2: string, deadline: string, body: string): ItemColumns => ({
  level1: '财政预算',
  level2,
  level3: null,
  content: `${level2}全文`,
  basis: '《中华人民共和国预算法》',
  deadline,
  body,
  channels: ['website'],
  audience: 'public',
  mode: 'active',
  levels: ['county'],
  stage: null,
  code: null,
});

beforeAll(async () => {
  // 2026-03-02 local time
  t = await startTestApp();
  editor = await staffSignIn(t, 'disclosure_editor');
  const deps = t.deps.catalog.edit;
  for (const [name, deadline, body] of [
    ['部门预算', '每年', '财政局'],
    ['预算执行情况', '每季度结束后15日内', '财政局'],
    ['预算调整方案', '自形成或变更之日起20个工作日内', '财政局'],
    ['政府债务', '每月', '审计局'],
  ] as const) {
    keys.push((await addItem(deps, editor.id, CITY, { areaCode: 'A04', columns: item(name, deadline, body) })).key);
  }
  await publish(deps, editor.id, CITY, {});
});
afterAll(async () => t.close());

const admin = (path: string) => `/api/v1/admin/catalog/regions${path}`;
const post = (path: string) => t.http.post(admin(path)).set('Authorization', editor.auth);

describe('published documents', () => {
  test('when an editor links a document, then citizens see it in the item detail, newest first', async () => {
    const first = await post(`/${COUNTY}/documents`)
      .send({
        itemKey: keys[0],
        title: '2025年部门预算',
        url: 'https://www.example.gov.cn/a/1.html',
        publishedOn: '2025-02-10',
      })
      .expect(201);
    await post(`/${COUNTY}/documents`)
      .send({
        itemKey: keys[0],
        title: '2026年部门预算',
        url: 'https://www.example.gov.cn/a/2.html',
        publishedOn: '2026-02-12',
        indexNumber: '11411104MB1234567/2026-00012',
      })
      .expect(201);
    const detail = await t.http.get(`/api/v1/catalog/regions/${COUNTY}/items/${keys[0]}`).expect(200);
    expect(detail.body.documents.map((d: { title: string }) => d.title)).toEqual(['2026年部门预算', '2025年部门预算']);
    expect(detail.body.documents[0].indexNumber).toBe('11411104MB1234567/2026-00012');
    expect(detail.body.item.key).toBe(keys[0]);
    // another region's documents are its own
    const city = await t.http.get(`/api/v1/catalog/regions/${CITY}/items/${keys[0]}`).expect(200);
    expect(city.body.documents).toEqual([]);

    await t.http
      .delete(admin(`/${COUNTY}/documents/${first.body.id}`))
      .set('Authorization', editor.auth)
      .expect(200);
    const after = await t.http.get(`/api/v1/catalog/regions/${COUNTY}/items/${keys[0]}`).expect(200);
    expect(after.body.documents).toHaveLength(1);
  });

  test('when a document is invalid or its item unknown, then 400 with fields or 404', async () => {
    const bad = await post(`/${COUNTY}/documents`)
      .send({ itemKey: keys[0], title: '', url: 'ftp://x', publishedOn: '2026-13-01' })
      .expect(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'publishedOn',
      'title',
      'url',
    ]);
    const missing = await post(`/${COUNTY}/documents`)
      .send({ itemKey: '411100.9999', title: '文件', url: 'https://a.gov.cn/', publishedOn: '2026-01-01' })
      .expect(404);
    expect(missing.body.error.message).toBe('该地区目录中没有事项 411100.9999');
  });

  test('when a CSV list is uploaded, then items are found by key or by name and every bad row is reported', async () => {
    const csv = [
      '事项编号,事项名称,文件标题,链接,发布日期,索引号',
      `${keys[1]},,"2025年第四季度预算执行情况, 全文",https://www.example.gov.cn/b/4.html,2026/1/10,IDX-4`,
      `,财政预算/政府债务,2026年1月政府债务情况,https://www.example.gov.cn/c/1.html,2026年2月3日,`,
      `,财政预算/不存在的事项,标题,https://www.example.gov.cn/x.html,2026-01-01,`,
      `411100.9999,,标题,https://www.example.gov.cn/y.html,2026-01-01,`,
      `${keys[1]},,,www.example.gov.cn,2026-02-30,`,
    ].join('\r\n');
    const upload = (dryRun: boolean, body: string) =>
      post(`/${COUNTY}/documents/import?dryRun=${dryRun}`).set('Content-Type', 'text/csv').send(body);
    const dry = await upload(true, csv).expect(200);
    expect(dry.body.problems).toEqual([
      {
        sheet: 'CSV',
        row: 4,
        column: '事项名称',
        message: '该地区目录中没有名为“财政预算/不存在的事项”的事项（格式：一级事项/二级事项[/三级事项]）',
      },
      { sheet: 'CSV', row: 5, column: '事项编号', message: '该地区目录中没有事项编号“411100.9999”' },
      { sheet: 'CSV', row: 6, column: '发布日期', message: '无法识别的日期“2026-02-30”（如 2026-03-05）' },
      { sheet: 'CSV', row: 6, column: '文件标题', message: '请填写文件标题' },
      { sheet: 'CSV', row: 6, column: '链接', message: '链接应以 http:// 或 https:// 开头，且不含空格' },
    ]);
    await upload(false, csv).expect(400);
    expect(await new CatalogDocumentsRepository(t.dataSource).list(COUNTY, keys[1])).toEqual([]);

    const good = csv.split('\r\n').slice(0, 3).join('\r\n');
    const done = await upload(false, good).expect(201);
    expect(done.body).toMatchObject({ imported: true, rows: 2, added: 2, updated: 0 });
    const again = await upload(true, good.replace('IDX-4', 'IDX-5')).expect(200);
    expect(again.body).toMatchObject({ added: 0, updated: 1 });
    const listed = await t.http
      .get(admin(`/${COUNTY}/documents?item=${keys[1]}`))
      .set('Authorization', editor.auth)
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        title: '2025年第四季度预算执行情况, 全文',
        publishedOn: '2026-01-10',
        indexNumber: 'IDX-4',
        linkState: 'unchecked',
      }),
    ]);
  });

  test('when another instance links a document, then this instance shows it after its next check, without resolving the catalogs again', async () => {
    const other = createCatalog({ dataSource: t.dataSource, city: t.deps.city, clock: t.clock, ids: ulidGenerator });
    const mine = t.deps.catalog.queries;
    const before = await mine.item(COUNTY, keys[2]!);
    const snapshot = await t.deps.catalog.store.current();
    await addDocument(other.docs, editor.id, COUNTY, {
      itemKey: keys[2]!,
      title: '预算调整方案（第二次）',
      url: 'https://www.example.gov.cn/adj/2.html',
      publishedOn: '2026-02-20',
      indexNumber: null,
    });
    expect((await mine.item(COUNTY, keys[2]!)).documents).toEqual(before.documents); // within the check interval

    t.clock.advance(2_000);
    await t.deps.catalog.store.current();
    await t.deps.catalog.store.idle();
    const after = await mine.item(COUNTY, keys[2]!);
    expect(after.documents?.map((d) => d.title)).toContain('预算调整方案（第二次）');
    const now = await t.deps.catalog.store.current();
    expect(now.catalogs).toBe(snapshot.catalogs);
  });

  test('when the CSV was saved by Chinese Excel (GB18030) or with a UTF-8 BOM, then the Chinese text reads the same', async () => {
    const csv = [
      '事项编号,事项名称,文件标题,链接,发布日期,索引号',
      `,财政预算/政府债务,"2026年2月政府债务情况（第二期，全文）",https://www.example.gov.cn/c/2.html,2026年3月3日,`,
    ].join('\r\n');
    const upload = (body: Buffer) =>
      post(`/${COUNTY}/documents/import?dryRun=true`).set('Content-Type', 'text/csv').send(body);
    const gb = iconv.encode(csv, 'gb18030');
    expect(gb.equals(Buffer.from(csv, 'utf-8'))).toBe(false);
    for (const body of [gb, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf-8')])]) {
      const dry = await upload(body).expect(200);
      expect(dry.body).toMatchObject({ problems: [], rows: 1, added: 1 });
    }
    const broken = await upload(Buffer.from('事项编号,文件标题\r\n"未闭合的引号,标题', 'utf-8')).expect(200);
    expect(broken.body.problems).toEqual([
      expect.objectContaining({ sheet: 'CSV', message: expect.stringContaining('CSV格式有误') }),
    ]);
  });

  test('when an Excel list is uploaded, then it is read like the CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('文件');
    sheet.addRow(['事项编号', '文件标题', '链接', '发布日期']);
    sheet.addRow([keys[2], '预算调整方案', 'https://www.example.gov.cn/d/1.html', new Date('2025-06-01T00:00:00Z')]);
    sheet.addRow([keys[2], '重复', 'https://www.example.gov.cn/d/1.html', '2025-06-02']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await post(`/${COUNTY}/documents/import?dryRun=true`).set('Content-Type', XLSX).send(file).expect(200);
    expect(res.body.problems).toEqual([
      { sheet: '文件', row: 3, column: '链接', message: '与第2行是同一事项的同一链接' },
    ]);
    sheet.spliceRows(3, 1);
    const ok = await post(`/${COUNTY}/documents/import`)
      .set('Content-Type', XLSX)
      .send(Buffer.from(await workbook.xlsx.writeBuffer()))
      .expect(201);
    expect(ok.body).toMatchObject({ added: 1, problems: [] });
  });
});

describe('compliance report', () => {
  test('when documents are missing, outdated or broken, then the report counts them per area and body', async () => {
    // today is 2026-03-02. 部门预算 (每年): newest 2026-02-12, fine. 预算执行情况 (每季度+15日): 2026-01-10, fine.
    // 预算调整方案 (event-driven): has a document, age not assessed. 政府债务 (每月): 2026-02-03 is fine today…
    let auth = editor.auth;
    const report = async (query = '') =>
      (
        await t.http
          .get(admin(`/${COUNTY}/compliance${query}`))
          .set('Authorization', auth)
          .expect(200)
      ).body;
    const now = await report();
    expect(now.totals).toEqual({ items: 4, noDocument: 0, outdated: 0, brokenLinks: 0, notAssessed: 1 });

    t.clock.advance(40 * 24 * 3_600_000); // … but 2026-04-11 is 67 days after it
    await t.deps.catalog.store.refresh();
    auth = (await staffSignIn(t, 'disclosure_editor')).auth; // sessions do not last 40 days
    const later = await report();
    expect(later.totals).toMatchObject({ outdated: 1 });
    expect(later.items).toEqual([
      expect.objectContaining({ key: keys[3], problems: ['outdated'], newestDocumentOn: '2026-02-03', maxAgeDays: 31 }),
    ]);
    expect(later.byBody).toEqual([
      { body: '财政局', items: 3, noDocument: 0, outdated: 0, brokenLinks: 0, notAssessed: 1 },
      { body: '审计局', items: 1, noDocument: 0, outdated: 1, brokenLinks: 0, notAssessed: 0 },
    ]);

    const docs = new CatalogDocumentsRepository(t.dataSource);
    const url = 'https://www.example.gov.cn/a/2.html';
    await docs.putLinkStatus({
      urlHash: urlHash(url),
      url,
      state: 'broken',
      failures: 3,
      firstFailureAt: t.clock.now(),
      lastCheckedAt: t.clock.now(),
      lastSuccessAt: null,
      lastError: 'HTTP 404',
    });
    const city = await t.http
      .get(admin(`/${CITY}/compliance?body=${encodeURIComponent('财政局')}`))
      .set('Authorization', auth);
    expect(city.body.totals).toMatchObject({ items: 3, noDocument: 3 });
    const broken = await report('?area=A04&body=%E8%B4%A2%E6%94%BF%E5%B1%80');
    expect(broken.items).toEqual([
      expect.objectContaining({ key: keys[0], problems: ['broken_link'], brokenUrls: [url] }),
    ]);
    expect(broken.byArea).toEqual([
      { areaCode: 'A04', areaName: '财政预决算', items: 3, noDocument: 0, outdated: 0, brokenLinks: 1, notAssessed: 1 },
    ]);
    const dispatcher = await staffSignIn(t, 'dispatcher');
    await t.http
      .get(admin(`/${COUNTY}/compliance`))
      .set('Authorization', dispatcher.auth)
      .expect(403);
  });
});
