import ExcelJS from 'exceljs';
import { loadCity } from '@hotline/config';
import { CATALOG_CHANNELS, type CatalogChannel, type ItemColumns } from '@hotline/shared-types';
import { addItem, publish } from '../src/modules/catalog/catalog.service';
import { previewDraft } from '../src/modules/catalog/catalog-drafts.service';
import { readCatalogWorkbook, type ReaderOptions } from '../src/modules/catalog/catalog-excel-read';
import { importCatalog } from '../src/modules/catalog/catalog-import';
import { ITEMS, LAYOUTS } from './fixtures/county-catalog-layouts';
import { startTestApp, type TestApp } from './support/harness';
import { staffSignIn, type TestStaff } from './support/staff';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CITY = '411100';
const COUNTY = '411104';
const city = loadCity('luohe');
const options: ReaderOptions = {
  areas: city.categories.filter((c) => c.kind === 'disclosure_area'),
  channelNames: city.catalogVocabulary.channels,
  maxRows: 1000,
};
const areaName = new Map(options.areas.map((a) => [a.code, a.name]));
const channelCode = new Map(
  (Object.entries(CATALOG_CHANNELS) as [CatalogChannel, string][]).map(([code, label]) => [label, code]),
);

describe('reading the layouts counties publish', () => {
  test.each(LAYOUTS.map((l) => [l.name, l] as const))(
    'when the workbook has %s, then every item is read',
    async (_, layout) => {
      const read = await readCatalogWorkbook(await layout.build(), options);

      expect(read.problems).toEqual([]);
      expect(read.rows).toHaveLength(layout.expected.items);
      const byArea: Record<string, number> = {};
      for (const row of read.rows) byArea[areaName.get(row.areaCode)!] = (byArea[areaName.get(row.areaCode)!] ?? 0) + 1;
      expect(byArea).toEqual(layout.expected.byArea);
      expect(read.skipped.map((s) => s.reason)).toEqual(layout.expected.skippedReasons);
      expect(read.warnings).toHaveLength(layout.expected.warnings);
      for (const row of read.rows) {
        const item = ITEMS.find((i) => i.level2 === row.columns.level2)!;
        expect(row.columns).toMatchObject({
          level1: item.level1,
          content: item.content,
          deadline: item.deadline,
          body: item.body,
          audience: item.audience === '全社会' ? 'public' : 'specific',
          mode: item.mode === '主动' ? 'active' : 'on_request',
        });
        expect(row.columns.basis.replace(/\n/g, '')).toBe(item.basis);
        expect([...row.columns.channels].sort()).toEqual(item.channels.map((c) => channelCode.get(c)).sort());
        expect([...row.columns.levels].sort()).toEqual(
          item.levels.map((l) => (l === '县级' ? 'county' : 'township')).sort(),
        );
      }
    },
  );

  test('when a √ group has the wrong sub-columns and a channel column is unknown, then the header problems say what was expected and where', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('义务教育');
    sheet.addRow([
      '一级事项',
      '二级事项',
      '公开内容',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
      '公开渠道和载体',
      '公开对象',
      '公开对象',
      '公开方式',
      '公开层级',
    ]);
    sheet.addRow(['', '', '', '', '', '', '政府网站', '网上公开栏目', '全社会', '特殊群体', '', '']);
    sheet.mergeCells('G1:H1');
    sheet.mergeCells('I1:J1');
    for (const col of ['A', 'B', 'C', 'D', 'E', 'F', 'K', 'L']) sheet.mergeCells(`${col}1:${col}2`);
    sheet.addRow([
      '招生入学',
      '招生政策',
      '招生范围',
      '《义务教育法》',
      '实时',
      '县教育局',
      '√',
      '',
      '√',
      '',
      '主动',
      '县级',
    ]);

    const read = await readCatalogWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), options);

    expect(read.problems.map((p) => p.message)).toEqual([
      '第2行第H列：“公开渠道和载体”下的“网上公开栏目”不是已知的公开渠道（可在 catalog-vocabulary 配置中加上这个名称）',
      '第1行：找到表头“公开对象”，其下应为“全社会/特定群体”2列，实际为“全社会/特殊群体”',
      '第1至2行的表头中没有“公开对象”列（找到的列：一级事项、二级事项、公开内容、公开依据、公开时限、公开主体、公开渠道和载体、公开对象/全社会、公开对象/特殊群体、公开方式、公开层级）',
    ]);
    expect(read.rows).toEqual([]);
  });

  test('when a channel cell names a channel the vocabulary does not know, then that row is rejected naming the cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('社会救助');
    sheet.addRow([
      '一级事项',
      '二级事项',
      '公开内容',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
      '公开对象',
      '公开方式',
      '公开层级',
    ]);
    sheet.addRow([
      '低保',
      '低保审核',
      '条件',
      '《社会救助暂行办法》',
      '实时',
      '县民政局',
      '■政府网站 ■乡村大喇叭',
      '全社会',
      '主动',
      '县级、乡级',
    ]);

    const read = await readCatalogWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), options);

    expect(read.problems).toEqual([
      expect.objectContaining({
        row: 2,
        column: '公开渠道和载体',
        message: expect.stringMatching(/^第2行第G列：“乡村大喇叭”不是已知的公开渠道/),
      }),
    ]);
  });
});

describe('importing what counties publish', () => {
  let t: TestApp;
  let editor: TestStaff;
  const upload = (region: string, file: Buffer, query: string) =>
    t.http
      .post(`/api/v1/admin/catalog/regions/${region}/import?${query}`)
      .set('Authorization', editor.auth)
      .set('Content-Type', XLSX)
      .send(file);
  const item = (level1: string, level2: string): ItemColumns => ({
    level1,
    level2,
    level3: null,
    content: `${level2}的内容`,
    basis: '《政府信息公开条例》',
    deadline: '实时',
    body: '市民政局',
    channels: ['website'],
    audience: 'public',
    mode: 'active',
    levels: ['county'],
    stage: null,
    code: null,
  });

  beforeAll(async () => {
    t = await startTestApp();
    editor = await staffSignIn(t, 'disclosure_editor');
    const deps = t.deps.catalog.edit;
    await addItem(deps, editor.id, CITY, { areaCode: 'A13', columns: item('法律援助', '市级法律援助事项') });
    await addItem(deps, editor.id, CITY, { areaCode: 'A20', columns: item('临时救助', '临时救助审批') });
    await addItem(deps, editor.id, CITY, { areaCode: 'A24', columns: item('招生入学', '市级招生事项') });
    await publish(deps, editor.id, CITY, {});
  });
  afterAll(async () => t.close());

  test('when a county imports a file of one area, then the dry run lists that area only and the import leaves the other areas as inherited', async () => {
    const file = await LAYOUTS[4]!.build(); // 公共法律服务 only
    const dry = await upload(COUNTY, file, 'dryRun=true').expect(200);
    expect(dry.body.byArea).toEqual([
      {
        areaCode: 'A13',
        name: '公共法律服务',
        items: 3,
        added: ITEMS.filter((i) => i.area === '公共法律服务').map((i) => ({
          key: expect.stringMatching(/^411104\./),
          level1: i.level1,
          level2: i.level2,
        })),
        changed: [],
        removed: [expect.objectContaining({ level2: '市级法律援助事项' })],
      },
    ]);
    expect(dry.body.skipped).toEqual([expect.objectContaining({ reason: 'note', text: '填表说明：打“✓”表示适用。' })]);

    await upload(COUNTY, file, 'dryRun=false').expect(201);
    const draft = await previewDraft(t.deps.catalog.edit, COUNTY);
    const active = (area: string) =>
      draft.rows.filter((r) => r.areaCode === area && r.status !== 'removed').map((r) => r.columns.level2);
    expect(active('A20')).toEqual(['临时救助审批']);
    expect(active('A24')).toEqual(['市级招生事项']);
    expect(active('A13')).toHaveLength(3);
  });

  test('when the editor asks to replace the whole region, then the areas the file lacks lose their inherited items', async () => {
    const report = await upload(COUNTY, await LAYOUTS[4]!.build(), 'dryRun=true&scope=region').expect(200);
    const byName = Object.fromEntries(report.body.byArea.map((a: { name: string }) => [a.name, a]));
    expect(byName['社会救助']).toMatchObject({
      items: 0,
      removed: [expect.objectContaining({ level2: '临时救助审批' })],
    });
    expect(byName['义务教育']).toMatchObject({ items: 0 });
  });

  test('when the workbook has no sheets or no recognisable rows, then it is refused and nothing changes', async () => {
    const before = (await previewDraft(t.deps.catalog.edit, COUNTY)).rows.length;
    const empty = Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer());
    const none = await upload(COUNTY, empty, 'dryRun=false').expect(400);
    expect(none.body.error.details.problems).toEqual([expect.objectContaining({ message: '文件中没有工作表' })]);
    const cover = new ExcelJS.Workbook();
    cover.addWorksheet('封面').addRow(['某某县基层政务公开标准目录']);
    const refused = await upload(COUNTY, Buffer.from(await cover.xlsx.writeBuffer()), 'dryRun=false').expect(400);
    expect(refused.body.error.details.problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^文件中没有可导入的目录行/) }),
    ]);
    expect((await previewDraft(t.deps.catalog.edit, COUNTY)).rows).toHaveLength(before);
  });

  test('when an editor fills in the downloaded template, then it imports as it is, its instructions sheet passed over', async () => {
    const res = await t.http
      .get('/api/v1/admin/catalog/import-template')
      .set('Authorization', editor.auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      ...options.areas.map((a) => a.name),
      '未涉及领域',
      '不适用事项',
      '填表说明',
    ]);
    const row = workbook.getWorksheet('养老服务')!.getRow(3);
    row.values = [
      1,
      '',
      '高龄津贴',
      '高龄津贴申领',
      '',
      '申领条件、标准、流程',
      '《老年人权益保障法》',
      '实时',
      '县民政局',
    ];
    row.getCell(10).value = '√';
    row.getCell(24).value = '全社会';
    row.getCell(25).value = '主动';
    row.getCell(26).value = '县级、乡级';

    const dry = await upload(COUNTY, Buffer.from(await workbook.xlsx.writeBuffer()), 'dryRun=true').expect(200);
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.byArea).toEqual([
      expect.objectContaining({
        name: '养老服务',
        items: 1,
        added: [expect.objectContaining({ level2: '高龄津贴申领' })],
      }),
    ]);
    expect(dry.body.warnings).toContainEqual(expect.objectContaining({ sheet: '填表说明' }));
  });

  test('when an old .xls or WPS .et file is uploaded, then the message asks to save it as .xlsx', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const res = await t.http
      .post(`/api/v1/admin/catalog/regions/${COUNTY}/import?dryRun=true`)
      .set('Authorization', editor.auth)
      .set('Content-Type', 'application/vnd.ms-excel')
      .send(ole)
      .expect(200);
    expect(res.body.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('另存为') })]);
  });

  test('when a 50,000-row workbook is being read, then /healthz answers while the import is still in flight', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('社会救助');
    sheet.addRow([
      '一级事项',
      '二级事项',
      '公开内容',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
      '公开对象',
      '公开方式',
      '公开层级',
    ]);
    for (let i = 0; i < 50_000; i += 1)
      sheet.addRow([
        `救助${i % 50}`,
        `救助事项${i}`,
        '条件、程序',
        '《社会救助暂行办法》',
        '实时',
        '县民政局',
        '政府网站',
        '全社会',
        '主动',
        '县级',
      ]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    let finished = false;
    let healthzWhileReading: number | undefined;
    let answered!: () => void;
    const healthzDone = new Promise<void>((resolve) => (answered = resolve));
    const importing = importCatalog(t.deps.catalog.edit, editor.id, COUNTY, file, {
      dryRun: true,
      progress: () => {
        if (healthzWhileReading !== undefined || finished) return;
        healthzWhileReading = 0;
        void t.http.get('/healthz').then((res) => {
          healthzWhileReading = finished ? -1 : res.status;
          answered();
        });
      },
    }).finally(() => (finished = true));

    await healthzDone;
    expect(healthzWhileReading).toBe(200);
    const report = await importing;
    expect(report.problems).toEqual([]);
    expect(report.rows).toBe(50_000);
  }, 180_000); // building and reading 50,000 rows takes tens of seconds on a shared machine
});
