import type { ItemColumns } from '@hotline/shared-types';
import { createCatalog } from '../src/modules/catalog/catalog.module';
import {
  addItem,
  discardDraft,
  draftOf,
  historyOf,
  publish,
  removeItem,
  restoreItem,
  setAreaApplicability,
  updateItem,
} from '../src/modules/catalog/catalog.service';
import { ulidGenerator } from '../src/lib/ids';
import { nextItemKeys, previewDraft, replaceDraft } from '../src/modules/catalog/catalog-drafts.service';
import { deriveLayer } from '../src/modules/catalog/resolve';
import { startTestApp, type TestApp } from './support/harness';
import { refusal } from './support/refusal';

const CITY = '411100';
const COUNTY = '411102';
const TOWN = '411102001';
const EDITOR = 'staff-editor-1';

const columns = (over: Partial<ItemColumns> = {}): ItemColumns => ({
  level1: '最低生活保障',
  level2: '低保审批结果',
  level3: null,
  content: '最低生活保障对象的姓名、保障人数、保障金额等审批结果信息',
  basis: '《中华人民共和国政府信息公开条例》、《社会救助暂行办法》',
  deadline: '信息形成或者变更之日起20个工作日内',
  body: '民政部门',
  channels: ['website', 'notice_board'],
  audience: 'public',
  mode: 'active',
  levels: ['county', 'township'],
  stage: 'result',
  code: null,
  ...over,
});

let t: TestApp;
const edit = () => t.deps.catalog.edit;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const get = (path: string) => t.http.get(`/api/v1/catalog${path}`);

describe('the catalog before anything is published', () => {
  test('when citizens list regions, then the configured tree comes back: 1 city, 8 counties, 58 townships', async () => {
    const res = await get('/regions').expect(200);
    expect(res.body.root).toMatchObject({ code: CITY, name: '漯河市', level: 'city' });
    expect(res.body.root.children).toHaveLength(8);
    expect(res.body.root.children.flatMap((c: { children: unknown[] }) => c.children)).toHaveLength(58);
  });

  test('when the region is unknown, then 404 NOT_FOUND with a Chinese message; a malformed area is a 400', async () => {
    const res = await get('/regions/999999/areas').expect(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', message: '找不到该地区' });
    const bad = await get(`/regions/${CITY}/areas/health/items`).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.fields[0]).toMatchObject({ path: 'area', message: '领域编码格式有误' });
    await get(`/regions/${CITY}/areas/Z99/items`).expect(404);
  });

  test('when an editor adds an item, then citizens still see nothing until it is published', async () => {
    const { key } = await addItem(edit(), EDITOR, CITY, { areaCode: 'A20', columns: columns() });
    expect(key).toBe(`${CITY}.0001`);
    const areas = await get(`/regions/${CITY}/areas`).expect(200);
    expect(areas.body.version).toBe(0);
    expect(areas.body.areas.find((a: { code: string }) => a.code === 'A20').itemCount).toBe(0);
    await get(`/regions/${CITY}/items/${key}`).expect(404);
    const draft = await draftOf(edit(), CITY);
    expect(draft.pending.map((c) => [c.action, c.itemKey, c.actor, c.version])).toEqual([['add', key, EDITOR, null]]);
    await discardDraft(edit(), CITY);
    expect((await draftOf(edit(), CITY)).pending).toEqual([]);
  });
});

describe('inheritance through publication', () => {
  let lowIncome: string;
  let pension: string;
  let planning: string;

  beforeAll(async () => {
    ({ key: lowIncome } = await addItem(edit(), EDITOR, CITY, { areaCode: 'A20', columns: columns() }));
    ({ key: pension } = await addItem(edit(), EDITOR, CITY, {
      areaCode: 'A21',
      columns: columns({
        level1: '高龄津贴',
        level2: '高龄津贴发放名单',
        content: '高龄津贴发放对象和标准',
        body: '民政部门',
      }),
    }));
    ({ key: planning } = await addItem(edit(), EDITOR, CITY, {
      areaCode: 'A01',
      columns: columns({
        level1: '规划许可',
        level2: '建设工程规划许可',
        content: '建设工程规划许可证核发结果',
        mode: 'on_request',
      }),
    }));
    await publish(edit(), EDITOR, CITY, { note: '首次发布' });
  });

  test('when the city publishes, then every county and township inherits its items', async () => {
    const res = await get(`/regions/${TOWN}/areas/A20/items`).expect(200);
    expect(res.body).toMatchObject({ version: 0, total: 1, sample: false });
    expect(res.body.items[0]).toMatchObject({
      key: lowIncome,
      body: '民政部门',
      status: 'inherited',
      origin: '继承自漯河市',
    });
    const city = await get(`/regions/${CITY}/areas`).expect(200);
    expect(city.body).toMatchObject({ version: 1, effectiveDate: '2026-03-02' });
    // Served from the per-snapshot cache the second time: the same JSON, still typed as JSON.
    const again = await get(`/regions/${TOWN}/areas/A20/items`).expect(200);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.text).toBe(res.text);
  });

  test('when a county adjusts one column and publishes, then only that column is its own and the detail says so', async () => {
    await updateItem(edit(), EDITOR, COUNTY, lowIncome, { body: '源汇区民政局', content: columns().content });
    const before = await get(`/regions/${COUNTY}/items/${lowIncome}`).expect(200);
    expect(before.body.item.body).toBe('民政部门');
    const preview = await previewDraft(edit(), COUNTY);
    expect(preview.byKey.get(lowIncome)).toMatchObject({ status: 'adjusted', columns: { body: '源汇区民政局' } });
    await publish(edit(), EDITOR, COUNTY, {});
    const after = await get(`/regions/${COUNTY}/items/${lowIncome}`).expect(200);
    expect(after.body.item).toMatchObject({
      body: '源汇区民政局',
      origin: { status: 'adjusted', adjustments: [{ region: { code: COUNTY }, columns: ['body'] }] },
    });
    expect(after.body.item.origin.summary).toBe('继承自漯河市，调整：公开主体');
    const town = await get(`/regions/${TOWN}/items/${lowIncome}`).expect(200);
    expect(town.body.item.origin).toMatchObject({ status: 'inherited', summary: '继承自漯河市，源汇区调整：公开主体' });
  });

  test('when the city later changes the content and the body, then the county follows on content and keeps its body', async () => {
    await updateItem(edit(), 'staff-editor-2', CITY, lowIncome, {
      content: '低保对象审批结果及保障金额',
      body: '市民政局',
    });
    await publish(edit(), 'staff-editor-2', CITY, {});
    const county = await get(`/regions/${COUNTY}/items/${lowIncome}`).expect(200);
    expect(county.body.item).toMatchObject({ content: '低保对象审批结果及保障金额', body: '源汇区民政局' });
    const other = await get(`/regions/411103/items/${lowIncome}`).expect(200);
    expect(other.body.item).toMatchObject({ body: '市民政局', origin: { status: 'inherited' } });
  });

  test('when a county removes an item and marks an area not applicable, then both show with reasons and the diff lists them', async () => {
    await removeItem(edit(), EDITOR, COUNTY, pension, '本区高龄津贴由市级统一发放');
    await setAreaApplicability(edit(), EDITOR, COUNTY, 'A01', {
      applicable: false,
      reason: '本区规划事项由市级部门统一公开',
    });
    const { key: local } = await addItem(edit(), EDITOR, COUNTY, {
      areaCode: 'A20',
      columns: columns({ level1: '临时救助', level2: '源汇区临时救助专项行动', body: '源汇区民政局' }),
    });
    await publish(edit(), EDITOR, COUNTY, {});

    const areas = await get(`/regions/${COUNTY}/areas`).expect(200);
    const area = (code: string) => areas.body.areas.find((a: { code: string }) => a.code === code);
    expect(area('A20')).toMatchObject({ itemCount: 2, applicable: true });
    expect(area('A21')).toMatchObject({ itemCount: 0, removedCount: 1 });
    expect(area('A01')).toMatchObject({ applicable: false, notApplicableReason: '本区规划事项由市级部门统一公开' });
    const removed = await get(`/regions/${COUNTY}/areas/A21/items?show=removed`).expect(200);
    expect(removed.body.items[0]).toMatchObject({
      status: 'removed',
      removedReason: '本区高龄津贴由市级统一发放',
      origin: '继承自漯河市，本地不适用：本区高龄津贴由市级统一发放',
    });

    const diff = await get(`/regions/${COUNTY}/diff`).expect(200);
    expect(diff.body.parent).toEqual({ code: CITY, name: '漯河市' });
    expect(diff.body.added.map((i: { key: string }) => i.key)).toEqual([local]);
    expect(diff.body.adjusted.map((i: { key: string }) => i.key)).toEqual([lowIncome]);
    expect(diff.body.removed.map((i: { key: string }) => i.key)).toEqual([pension]);
    expect(diff.body.notApplicableAreas).toEqual([
      { code: 'A01', name: '城乡规划', reason: '本区规划事项由市级部门统一公开' },
    ]);

    // The township inherits neither the removed item nor the area.
    await get(`/regions/${TOWN}/items/${pension}`).expect(404);
    const town = await get(`/regions/${TOWN}/areas/A01/items?show=all`).expect(200);
    expect(town.body.area).toMatchObject({ applicable: false, itemCount: 0 });
    const gone = await get(`/regions/${COUNTY}/items/${planning}`).expect(200);
    expect(gone.body.item.origin).toMatchObject({ status: 'removed', removedReason: '本区规划事项由市级部门统一公开' });
  });

  test('when an adjustment is set back to the parent’s values and a removal restored, then the item follows its parent again', async () => {
    await updateItem(edit(), EDITOR, COUNTY, lowIncome, { body: '市民政局' });
    await restoreItem(edit(), EDITOR, COUNTY, pension);
    await publish(edit(), EDITOR, COUNTY, {});
    const item = await get(`/regions/${COUNTY}/items/${lowIncome}`).expect(200);
    expect(item.body.item).toMatchObject({ body: '市民政局', origin: { status: 'inherited' } });
    await get(`/regions/${COUNTY}/items/${pension}`).expect(200);
  });

  test('when the history of an item is read, then every change says who, when, what and which version published it', async () => {
    const { items } = await historyOf(edit(), COUNTY, lowIncome);
    expect(items.map((c) => [c.action, c.actor, c.version])).toEqual([
      ['adjust', EDITOR, 1],
      ['reset', EDITOR, 3],
    ]);
    expect(items[0]?.changes).toEqual({ body: { from: '民政部门', to: '源汇区民政局' } });
    const city = await historyOf(edit(), CITY, lowIncome);
    expect(city.items.map((c) => [c.action, c.actor, c.version])).toEqual([
      ['add', EDITOR, 1],
      ['update', 'staff-editor-2', 2],
    ]);
    expect((await draftOf(edit(), COUNTY)).versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });

  test('when the county made an area not applicable, then its townships can neither add to it nor take it back', async () => {
    const adding = addItem(edit(), EDITOR, TOWN, { areaCode: 'A01', columns: columns() });
    expect(await refusal(adding)).toMatchObject({ status: 409, message: '该领域在上级目录中不适用，不能新增事项' });
    const reopening = setAreaApplicability(edit(), EDITOR, TOWN, 'A01', { applicable: true });
    expect(await refusal(reopening)).toMatchObject({ status: 409 });
  });

  test('when two editors publish the same region at once, then one version is made and the other gets 409', async () => {
    await updateItem(edit(), EDITOR, '411121', lowIncome, { deadline: '实时公开' });
    const results = await Promise.allSettled([
      refusal(publish(edit(), EDITOR, '411121', {})),
      refusal(publish(edit(), 'staff-editor-2', '411121', {})),
    ]);
    // The winner's publish resolves, so its refusal() rejects; the loser's refusal is what the client sees.
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results.find((r) => r.status === 'fulfilled')).toMatchObject({ value: { status: 409, code: 'CONFLICT' } });
    expect((await draftOf(edit(), '411121')).versions.map((v) => v.version)).toEqual([1]);
  });

  test('when nothing changed since the last publication, then publishing again is refused', async () => {
    expect(await refusal(publish(edit(), EDITOR, COUNTY, {}))).toMatchObject({ status: 409, code: 'CONFLICT' });
  });
});

describe('versions and instances', () => {
  test('when a version is dated tomorrow, then citizens see it from tomorrow (city time)', async () => {
    const { key } = await addItem(edit(), EDITOR, '411103', {
      areaCode: 'A18',
      columns: columns({ level1: '就业援助', level2: '郾城区就业援助月活动' }),
    });
    await publish(edit(), EDITOR, '411103', { effectiveDate: '2026-03-03' });
    await get(`/regions/411103/items/${key}`).expect(404);
    t.clock.advance(24 * 3600_000);
    // The first request of the new day starts the check (answered from the old snapshot meanwhile).
    await t.deps.catalog.store.current();
    await t.deps.catalog.store.idle();
    await get(`/regions/411103/items/${key}`).expect(200);
    expect(await refusal(publish(edit(), EDITOR, '411103', { effectiveDate: '2026-03-01' }))).toMatchObject({
      status: 400,
    });
  });

  test('when another instance publishes, then this one picks it up at its next generation check, not before', async () => {
    const other = createCatalog({ dataSource: t.dataSource, city: t.deps.city, clock: t.clock, ids: ulidGenerator });
    await get(`/regions/${CITY}/areas`).expect(200);
    const { key } = await addItem(other.edit, EDITOR, CITY, {
      areaCode: 'A24',
      columns: columns({ level1: '招生入学', level2: '义务教育招生政策' }),
    });
    await publish(other.edit, EDITOR, CITY, {});
    await get(`/regions/${CITY}/items/${key}`).expect(404);
    t.clock.advance(1500);
    // This request starts the check and is still answered from the old snapshot.
    await get(`/regions/${CITY}/items/${key}`).expect(404);
    await t.deps.catalog.store.idle();
    await get(`/regions/${CITY}/items/${key}`).expect(200);
  });
});

describe('search and suggestions', () => {
  test('when citizens search, then name matches come first with marked text, and filters narrow the hits', async () => {
    const res = await get(`/search?q=${encodeURIComponent('高龄津贴')}&region=${CITY}`).expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.hits[0]).toMatchObject({ areaName: '养老服务', region: { code: CITY } });
    expect(res.body.hits[0].name.filter((p: { hit: boolean }) => p.hit).map((p: { text: string }) => p.text)).toEqual([
      '高龄津贴',
      '高龄津贴',
    ]);
    // Searched in one region, the answer says so and how many the whole city has.
    expect(res.body.scope).toEqual({ region: { code: CITY, name: expect.any(String) }, wholeCityTotal: 67 });
    // 低保 finds the items that say 低保 and those under the formal term 最低生活保障.
    const all = await get(`/search?q=${encodeURIComponent('低保')}`).expect(200);
    expect(all.body.total).toBe(152);
    expect(all.body.scope).toEqual({ region: null, wholeCityTotal: null });
    expect(all.body.understood).toEqual([{ text: '低保', alternatives: ['低保', '最低生活保障'], common: false }]);
    const filtered = await get(`/search?q=${encodeURIComponent('低保')}&mode=on_request`).expect(200);
    expect(filtered.body.total).toBe(0);
    const paged = await get(`/search?q=${encodeURIComponent('低保')}&page=4&pageSize=50`).expect(200);
    expect(paged.body.hits).toHaveLength(2);
  });

  test('when the city renames an item and publishes, then every region finds it by the new name only', async () => {
    const before = await get(`/search?q=${encodeURIComponent('高龄津贴发放名单')}`).expect(200);
    const key = before.body.hits[0].key as string;
    await updateItem(edit(), EDITOR, CITY, key, { level2: '高龄老人补贴名单' });
    await publish(edit(), EDITOR, CITY, {});
    const renamed = await get(`/search?q=${encodeURIComponent('高龄老人补贴')}&region=${TOWN}`).expect(200);
    expect(renamed.body.hits.map((h: { key: string }) => h.key)).toEqual([key]);
    // The old name is gone: what is found now are items sharing pieces of it (高龄…名单), under the new name.
    const old = await get(`/search?q=${encodeURIComponent('高龄津贴发放名单')}`).expect(200);
    const text = (pieces: { text: string }[]) => pieces.map((p) => p.text).join('');
    expect(old.body.hits.map((h: { name: { text: string }[] }) => text(h.name))).not.toContainEqual(
      expect.stringContaining('高龄津贴发放名单'),
    );
    expect(old.body.understood.map((c: { text: string }) => c.text)).not.toContain('高龄津贴发放名单');
  });

  test('when searching by an area alias, then its items are found', async () => {
    const res = await get(`/search?q=${encodeURIComponent('就业创业')}&region=411103`).expect(200);
    expect(res.body.hits[0]).toMatchObject({ areaCode: 'A18', snippet: { column: 'area' } });
  });

  test('when the query is empty or the region unknown, then 400 and 404 in the error envelope', async () => {
    const empty = await get('/search?q=').expect(400);
    expect(empty.body.error.details.fields[0]).toMatchObject({ path: 'q', message: '请输入要搜索的内容' });
    const unknown = await get('/search?q=abc&region=000000').expect(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    await get('/search?q=abc&channel=fax').expect(400);
  });

  test('when a citizen types a consultation, then related catalog items are suggested', async () => {
    const res = await t.http
      .post('/api/v1/catalog/suggest')
      .send({ text: '我父亲今年85岁，想问问高龄津贴怎么申请', region: TOWN })
      .expect(200);
    expect(res.body.items[0]).toMatchObject({ region: { code: TOWN }, areaCode: 'A21' });
    await t.http.post('/api/v1/catalog/suggest').send({ text: '我' }).expect(400);
  });
});

describe("importing a region's whole catalog", () => {
  const LINYING = '411122';

  test('when a county hands in its full catalog, then its draft holds only the differences, with history', async () => {
    const city = (await t.deps.catalog.store.current()).catalogs.get(CITY);
    if (!city) throw new Error('no city catalog');
    const [changed, dropped, ...kept] = city.rows.filter((r) => r.status !== 'removed');
    if (!changed || !dropped) throw new Error('the city needs two items');
    const rows = [
      { key: changed.key, areaCode: changed.areaCode, columns: { ...changed.columns, body: '临颍县民政局' } },
      ...kept.map((r) => ({ key: r.key, areaCode: r.areaCode, columns: r.columns })),
      { areaCode: 'A18', columns: columns({ level1: '就业服务', level2: '临颍县返乡创业服务' }) },
    ];
    const [newKey] = await nextItemKeys(edit(), LINYING, 1);
    const layer = deriveLayer(city, rows, { newKey: () => newKey as string, missingReason: '临颍县目录未列入' });
    expect(await replaceDraft(edit(), 'importer', LINYING, layer)).toEqual({
      added: 3,
      changed: 0,
      dropped: 0,
      areas: 0,
    });
    expect(await replaceDraft(edit(), 'importer', LINYING, layer)).toEqual({
      added: 0,
      changed: 0,
      dropped: 0,
      areas: 0,
    });
    const draft = await draftOf(edit(), LINYING);
    expect(draft.pending.map((c) => c.action).sort()).toEqual(['add', 'adjust', 'remove']);

    await publish(edit(), 'importer', LINYING, {});
    const diff = await get(`/regions/${LINYING}/diff`).expect(200);
    expect(diff.body.added.map((i: { key: string }) => i.key)).toEqual([newKey]);
    expect(diff.body.adjusted.map((i: { key: string; body: string }) => [i.key, i.body])).toEqual([
      [changed.key, '临颍县民政局'],
    ]);
    expect(
      diff.body.removed.map((i: { key: string; origin: { removedReason: string } }) => [i.key, i.origin.removedReason]),
    ).toEqual([[dropped.key, '临颍县目录未列入']]);
  });

  test('when an import names an item the parent does not have, then nothing is written', async () => {
    const layer = {
      additions: [],
      adjustments: [{ key: `${CITY}.9999`, columns: { body: 'x' } }],
      removals: [],
      notApplicable: [],
    };
    expect(await refusal(replaceDraft(edit(), 'importer', LINYING, layer))).toMatchObject({ status: 404 });
    expect((await draftOf(edit(), LINYING)).pending).toEqual([]);
  });
});
