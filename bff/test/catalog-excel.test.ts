import ExcelJS from 'exceljs';
import type { ItemColumns } from '@hotline/shared-types';
import { addItem, publish, removeItem, setAreaApplicability, updateItem } from '../src/modules/catalog/catalog.service';
import { previewDraft, replaceDraft } from '../src/modules/catalog/catalog-drafts.service';
import { emptyLayer, type ResolvedCatalog } from '../src/modules/catalog/resolve';
import { startTestApp, type TestApp } from './support/harness';
import { staffSignIn, type TestStaff } from './support/staff';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CITY = '411100';
const COUNTY = '411104';

let t: TestApp;
let editor: TestStaff;
const keys: string[] = [];

const item = (level1: string, level2: string, extra: Partial<ItemColumns> = {}): ItemColumns => ({
  level1,
  level2,
  level3: null,
  content: `${level2}的依据、程序、结果`,
  basis: '《中华人民共和国政府信息公开条例》',
  deadline: '自该信息形成或者变更之日起20个工作日内',
  body: '市司法局',
  channels: ['website', 'service_center'],
  audience: 'public',
  mode: 'active',
  levels: ['county', 'township'],
  stage: null,
  code: null,
  ...extra,
});

beforeAll(async () => {
  t = await startTestApp();
  editor = await staffSignIn(t, 'disclosure_editor');
  const deps = t.deps.catalog.edit;
  const add = async (areaCode: string, columns: ItemColumns) =>
    keys.push((await addItem(deps, editor.id, CITY, { areaCode, columns })).key);
  await add('A13', item('法律援助', '法律援助申请指南', { level3: '申请条件', stage: 'service' }));
  await add('A13', item('法律援助', '法律援助机构名录', { channels: ['website', 'hotline', 'notice_board'] }));
  await add('A13', item('人民调解', '人民调解组织', { mode: 'on_request', audience: 'specific', levels: ['county'] }));
  await add('A01', item('规划编制', '国土空间总体规划', { code: 'GH-001' }));
  await publish(deps, editor.id, CITY, {});
  await updateItem(deps, editor.id, COUNTY, keys[0]!, { body: '召陵区司法局' });
  await removeItem(deps, editor.id, COUNTY, keys[2]!, '本区人民调解由乡镇负责');
  await addItem(deps, editor.id, COUNTY, { areaCode: 'A13', columns: item('法律援助', '召陵区法律援助工作站') });
  await setAreaApplicability(deps, editor.id, COUNTY, 'A01', { applicable: false, reason: '规划由市级统一公开' });
  await publish(deps, editor.id, COUNTY, {});
});
afterAll(async () => t.close());

const admin = (path: string) => `/api/v1/admin/catalog/regions${path}`;

async function download(path: string, auth?: string): Promise<Buffer> {
  const req = t.http
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const res = await (auth ? req.set('Authorization', auth) : req).expect(200);
  expect(res.headers['content-type']).toContain(XLSX);
  return res.body as Buffer;
}

const upload = (region: string, file: Buffer, dryRun: boolean) =>
  t.http
    .post(admin(`/${region}/import?dryRun=${dryRun}`))
    .set('Authorization', editor.auth)
    .set('Content-Type', XLSX)
    .send(file);

/** What a citizen reads of a catalog, without where it was resolved. */
const essence = (c: ResolvedCatalog) => ({
  rows: c.rows.map((r) => ({
    key: r.key,
    areaCode: r.areaCode,
    columns: r.columns,
    status: r.status,
    removedReason: r.removedReason,
  })),
  notApplicable: [...c.notApplicable],
});

async function workbookOf(file: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook;
}

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('catalog Excel export', () => {
  test('when a county exports, then the sheets follow the published layout with ■/□ marks and merged 一级事项', async () => {
    const workbook = await workbookOf(await download(`/api/v1/catalog/regions/${COUNTY}/export`));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['公共法律服务', '未涉及领域', '不适用事项']),
    );
    expect(workbook.getWorksheet('城乡规划')).toBeUndefined();
    const sheet = workbook.getWorksheet('公共法律服务')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 10)).toEqual([
      '序号',
      '事项编号',
      '一级事项',
      '二级事项',
      '三级事项',
      '公开内容（要素）',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
    ]);
    expect(header.slice(-5)).toEqual(['公开对象', '公开方式', '公开层级', '过程', '事项编码']);
    expect(sheet.getCell(2, 10).value).toBe('政府网站');
    expect(sheet.getCell(3, 2).value).toBe(keys[0]);
    expect(sheet.getCell(3, 9).value).toBe('召陵区司法局');
    expect(sheet.getCell(3, 10).value).toBe('■');
    expect(sheet.getCell(3, 11).value).toBe('□');
    // 法律援助 spans the three rows that share it (two city items and the county's own)
    expect(sheet.getCell(5, 3).isMerged).toBe(true);
    expect(sheet.getCell(5, 3).master.address).toBe('C3');
    const removed = workbook.getWorksheet('不适用事项')!;
    expect(removed.getRow(2).values).toEqual([
      undefined,
      keys[2],
      '公共法律服务',
      '人民调解',
      '人民调解组织',
      '本区人民调解由乡镇负责',
    ]);
    expect(workbook.getWorksheet('未涉及领域')!.getRow(2).values).toEqual([
      undefined,
      '城乡规划',
      '规划由市级统一公开',
    ]);
  });

  test('when an editor exports the draft, then unpublished edits are in it; the public export does not have them', async () => {
    await updateItem(t.deps.catalog.edit, editor.id, CITY, keys[1]!, { body: '市法律援助中心' });
    const draft = await workbookOf(await download(admin(`/${CITY}/export?source=draft`), editor.auth));
    expect(draft.getWorksheet('公共法律服务')!.getCell(4, 9).value).toBe('市法律援助中心');
    const published = await workbookOf(await download(`/api/v1/catalog/regions/${CITY}/export`));
    expect(published.getWorksheet('公共法律服务')!.getCell(4, 9).value).toBe('市司法局');
    await t.http.get(admin(`/${CITY}/export`)).expect(401);
    await updateItem(t.deps.catalog.edit, editor.id, CITY, keys[1]!, { body: '市司法局' });
  });
});

describe('catalog Excel import', () => {
  test('when a county exports and imports into an emptied draft, then the draft resolves to the same catalog', async () => {
    const deps = t.deps.catalog.edit;
    const file = await download(`/api/v1/catalog/regions/${COUNTY}/export`);
    const published = (await t.deps.catalog.store.current()).catalogs.get(COUNTY)!;
    await replaceDraft(deps, editor.id, COUNTY, emptyLayer());
    expect(essence(await previewDraft(deps, COUNTY))).not.toEqual(essence(published));

    const dry = await upload(COUNTY, file, true).expect(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      imported: false,
      rows: 3,
      problems: [],
      layer: { added: 1, adjusted: 1, removed: 1, notApplicable: 1 },
      draft: null,
    });
    expect(essence(await previewDraft(deps, COUNTY))).not.toEqual(essence(published));

    const done = await upload(COUNTY, file, false).expect(201);
    expect(done.body).toMatchObject({ imported: true, draft: { added: 3, changed: 0, dropped: 0, areas: 1 } });
    expect(essence(await previewDraft(deps, COUNTY))).toEqual(essence(published));
    const reexported = await workbookOf(await download(admin(`/${COUNTY}/export?source=draft`), editor.auth));
    const original = await workbookOf(file);
    for (const sheet of original.worksheets) {
      expect(reexported.getWorksheet(sheet.name)?.getSheetValues()).toEqual(sheet.getSheetValues());
    }
    const again = await upload(COUNTY, file, false).expect(201);
    expect(again.body.draft).toEqual({ added: 0, changed: 0, dropped: 0, areas: 0 });
  });

  test("when a county's sheet is edited, then rows without a key are added, changed cells adjust, missing rows are removed", async () => {
    const deps = t.deps.catalog.edit;
    const workbook = await workbookOf(await download(`/api/v1/catalog/regions/${CITY}/export`));
    const sheet = workbook.getWorksheet('公共法律服务')!;
    sheet.getCell(3, 9).value = '召陵区司法局';
    sheet.getCell(3, 15).value = '✓'; // 纸质媒体 and 公开查阅点 marked the other accepted ways
    sheet.getCell(3, 16).value = '√';
    sheet.spliceRows(5, 1); // 人民调解组织 is not in the county's sheet
    const added = sheet.addRow([
      9,
      '',
      '村级法律顾问',
      '村级法律顾问名单',
      '',
      '名单与联系方式',
      '《公共法律服务体系建设规划》',
      '实时',
      '召陵区司法局',
    ]);
    added.getCell(10).value = '■';
    added.getCell(24).value = '全社会';
    added.getCell(25).value = '主动公开';
    added.getCell(26).value = '乡级';
    const report = await upload('411102', await bytesOf(workbook), false).expect(201);
    expect(report.body.layer).toEqual({ added: 1, adjusted: 1, removed: 1, notApplicable: 0 });
    const draft = await previewDraft(deps, '411102');
    const adjusted = draft.byKey.get(keys[0]!)!;
    expect(adjusted.status).toBe('adjusted');
    expect(adjusted.adjustments.at(-1)!.columns.sort()).toEqual(['body', 'channels']);
    expect(adjusted.columns.channels).toEqual(['website', 'print', 'reading_point', 'service_center']);
    expect(draft.byKey.get(keys[2]!)).toMatchObject({ status: 'removed', removedReason: '本地区目录未列入该事项' });
    const own = draft.rows.find((r) => r.status === 'added')!;
    expect(own.key).toMatch(/^411102\.\d{4}$/);
    expect(own.columns).toMatchObject({ level1: '村级法律顾问', channels: ['website'], levels: ['township'] });
  });

  test('when a sheet is broken in many ways, then every problem is reported with sheet, row and column, and nothing changes', async () => {
    const deps = t.deps.catalog.edit;
    const workbook = await workbookOf(await download(`/api/v1/catalog/regions/${CITY}/export`));
    const sheet = workbook.getWorksheet('公共法律服务')!;
    sheet.getCell(3, 11).value = 'x';
    sheet.getCell(4, 25).value = '公示';
    sheet.getCell(5, 9).value = '';
    sheet.getCell(5, 26).value = '省级';
    const planning = workbook.getWorksheet('城乡规划')!;
    planning.unMergeCells('H1:H2');
    planning.getCell(1, 8).value = '备注';
    planning.getCell(2, 8).value = '';
    const extra = sheet.addRow([4, '', '法律援助', '新事项', '', '内容', '依据', '实时', '市司法局']);
    extra.getCell(10).value = '■';
    extra.getCell(24).value = '全社会';
    extra.getCell(25).value = '主动';
    extra.getCell(26).value = '县级';
    sheet.mergeCells(`F${extra.number}:G${extra.number}`);
    workbook.addWorksheet('说明').addRow(['本表由某某局编制']);
    const before = await t.http
      .get(admin(`/${CITY}/draft`))
      .set('Authorization', editor.auth)
      .expect(200);

    const dry = await upload(CITY, await bytesOf(workbook), true).expect(200);
    expect(dry.body.problems).toEqual([
      {
        sheet: '城乡规划',
        row: 1,
        column: '公开时限',
        message:
          '第1至2行的表头中没有“公开时限”列（找到的列：序号、事项编号、一级事项、二级事项、三级事项、公开内容(要素)、' +
          '公开依据、备注、公开主体、公开渠道和载体、公开对象、公开方式、公开层级、过程、事项编码）',
      },
      {
        sheet: '公共法律服务',
        row: 3,
        column: '公开渠道和载体/政府公报',
        message: '第3行第K列：无法识别的标记“x”，请用√或■表示“有”，留空或□表示“无”',
      },
      {
        sheet: '公共法律服务',
        row: 4,
        column: '公开方式',
        message: '第4行第Y列：公开方式应为“主动/依申请”，不是“公示”',
      },
      { sheet: '公共法律服务', row: 5, column: '公开层级', message: '第5行第Z列：公开层级应为“县级/乡级”，不是“省级”' },
      { sheet: '公共法律服务', row: 5, column: '公开主体', message: '第5行第I列：请填写“公开主体”' },
      {
        sheet: '公共法律服务',
        row: 6,
        column: '公开依据',
        message: '第6行第G列：单元格与F6跨列合并，请取消合并后重新导入',
      },
    ]);
    expect(dry.body).toMatchObject({ imported: false, layer: null });
    // A sheet that is no catalog (a cover, an explanation) is passed over with a warning, not refused.
    expect(dry.body.warnings).toContainEqual({
      sheet: '说明',
      row: null,
      column: null,
      message: '工作表中没有目录表头，已跳过整张表',
    });

    const refused = await upload(CITY, await bytesOf(workbook), false).expect(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '文件中有6处错误，未做任何修改' });
    expect(refused.body.error.details.problems).toHaveLength(6);
    const after = await t.http
      .get(admin(`/${CITY}/draft`))
      .set('Authorization', editor.auth)
      .expect(200);
    expect(after.body.pending).toEqual(before.body.pending);
    expect((await previewDraft(deps, CITY)).rows).toHaveLength(4);
  });

  test('when keys are unknown, repeated or in the wrong area, or the file has no header, then the rows are rejected', async () => {
    const workbook = await workbookOf(await download(`/api/v1/catalog/regions/${COUNTY}/export`));
    const sheet = workbook.getWorksheet('公共法律服务')!;
    sheet.getCell(4, 2).value = keys[0]!; // the same city item twice
    sheet.getCell(5, 2).value = '411102.0042'; // another county's item
    const noHeader = workbook.getWorksheet('义务教育')!;
    noHeader.unMergeCells('A1:A2');
    noHeader.spliceRows(1, 2, ['事项', '内容']);
    const report = await upload(COUNTY, await bytesOf(workbook), true).expect(200);
    expect(report.body.problems).toEqual([
      {
        sheet: '义务教育',
        row: null,
        column: null,
        message: '前15行中找不到表头：表头应含“一级事项”“二级事项”“公开内容”“公开主体”等列名',
      },
    ]);
    workbook.removeWorksheet(noHeader.id);
    const second = await upload(COUNTY, await bytesOf(workbook), true).expect(200);
    expect(second.body.problems).toEqual([
      {
        sheet: '公共法律服务',
        row: 4,
        column: '事项编号',
        message: `事项编号“${keys[0]!}”重复（已出现在公共法律服务第3行）`,
      },
      {
        sheet: '公共法律服务',
        row: 5,
        column: '事项编号',
        message: '上级目录和本地区目录中都没有事项编号“411102.0042”',
      },
    ]);
  });

  test('when the body is not a workbook, then 415 for the wrong type and a problem for unreadable bytes', async () => {
    await t.http
      .post(admin(`/${COUNTY}/import`))
      .set('Authorization', editor.auth)
      .set('Content-Type', 'text/plain')
      .send('序号,一级事项')
      .expect(415);
    const res = await upload(COUNTY, Buffer.from('not a zip'), true).expect(200);
    expect(res.body.problems).toEqual([
      { sheet: '', row: null, column: null, message: '无法读取该文件，请上传 .xlsx 格式的Excel文件' },
    ]);
    const dispatcher = await staffSignIn(t, 'dispatcher');
    await t.http
      .post(admin(`/${COUNTY}/import`))
      .set('Authorization', dispatcher.auth)
      .set('Content-Type', XLSX)
      .send(Buffer.from('x'))
      .expect(403);
  });
});
