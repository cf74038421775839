import {
  catalogAreasSchema,
  catalogDiffSchema,
  catalogItemDetailSchema,
  catalogItemPageSchema,
  catalogRegionsSchema,
  catalogSearchResultSchema,
} from '@hotline/shared-types';
import { fakeBff } from './fake-bff';
import { CATALOG, REGIONS, SEARCH_HIT, areasOf, catalogBff, diffOf, item, summaryOf } from './fake-catalog';
import { callPageHook, fire, renderWeappPage, textOf, waitFor, type RenderOptions, type WeappPage } from './weapp-shim';

const textsOf = (harness: WeappPage, selector: string): string[] =>
  harness.page.querySelectorAll(selector).map((node) => node.dom.textContent ?? '');

function open(route: string, query: Record<string, string> = {}, options: RenderOptions = {}) {
  return renderWeappPage(`pages/catalog/${route}`, query, catalogBff(fakeBff()), options);
}

describe('catalog fixtures', () => {
  it('when checked against the shared schemas, then every fixture is a valid answer', () => {
    expect(catalogRegionsSchema.safeParse(REGIONS).success).toBe(true);
    expect(catalogAreasSchema.safeParse(areasOf('411102001')).success).toBe(true);
    const page = { ...areasOf('411100'), area: areasOf('411100').areas[0], page: 1, pageSize: 20, total: 1 };
    expect(catalogItemPageSchema.safeParse({ ...page, items: [summaryOf(item('411100.0001'))] }).success).toBe(true);
    const detail = { ...areasOf('411100'), item: item('411100.0001'), area: { code: 'A19', name: '社会救助' } };
    expect(catalogItemDetailSchema.safeParse(detail).success).toBe(true);
    expect(catalogDiffSchema.safeParse(diffOf()).success).toBe(true);
    const search = { page: 1, pageSize: 20, total: 1, hits: [SEARCH_HIT], sample: true };
    expect(catalogSearchResultSchema.safeParse(search).success).toBe(true);
  });
});

describe('weapp 政务公开 pages (real build in miniprogram-simulate)', () => {
  let harness: WeappPage | undefined;

  afterEach(() => {
    harness?.page.detach();
    harness = undefined;
  });

  it('when the catalog opens, then the city and its counties are offered and its areas show with counts', async () => {
    harness = open('index');
    await waitFor(() => harness!.page.querySelectorAll('.area-cell').length === 2, 'the areas');
    expect(textsOf(harness, '.region-row--city .region-option')).toEqual(['漯河市']);
    expect(textsOf(harness, '.region-row--county .region-option')).toEqual(['源汇区', '郾城区']);
    expect(textOf(harness, '.region-option--chosen')).toBe('漯河市');
    expect(textsOf(harness, '.area-cell__name')).toEqual(['社会救助', '征地补偿']);
    expect(textsOf(harness, '.area-cell__count')).toEqual(['3项', '2项']);
    expect(textOf(harness, '.sample-notice')).toContain('示例数据');
    expect(harness.page.querySelector('.catalog-diff-entry')).toBeUndefined();
  });

  it('when a county then a township is chosen, then its areas load, the not-applicable ones with reasons', async () => {
    harness = open('index');
    await waitFor(() => harness!.page.querySelector('.area-cell'), 'the areas');

    await fire(harness, '.region-row--county .region-option', 'tap');
    await fire(harness, '.region-row--township .region-option', 'tap');

    await waitFor(
      () => textOf(harness!, '.area-cell--not-applicable .area-cell__name') === '公共资源交易',
      'the areas',
    );
    expect(textOf(harness, '.area-cell__reason')).toBe('原因：本街道不承担公共资源交易职能');
    expect(textsOf(harness, '.region-option--chosen')).toEqual(['漯河市', '源汇区', '马路街街道']);
    expect(harness.storage.get('catalog-region')).toBe('411102001');

    await fire(harness, '.catalog-diff-entry', 'tap');
    await fire(harness, '.area-cell', 'tap');
    expect(harness.navigations).toEqual([
      '/pages/catalog/diff?region=411102001',
      '/pages/catalog/items?region=411102001&area=A19',
    ]);
  });

  it('when the areas cannot be loaded, then the error shows and 重试 loads them', async () => {
    let failing = true;
    const bff = catalogBff(fakeBff());
    harness = renderWeappPage('pages/catalog/index', {}, (request) =>
      failing && request.url.includes('/areas') ? { networkError: 'fail' } : bff(request),
    );
    const message = await waitFor(() => textOf(harness!, '.state-error'), 'the error');
    expect(message).toBe('网络连接失败，请检查网络后重试');
    failing = false;
    await fire(harness, '.retry-button', 'tap');
    await waitFor(() => harness!.page.querySelector('.area-cell'), 'the areas');
  });

  it('when an area opens, then its items list page by page and the removed ones show with reasons', async () => {
    harness = open('items', { region: '411100', area: 'A19' });
    await waitFor(() => harness!.page.querySelectorAll('.item-row').length === 2, 'the first page');
    expect(textOf(harness, '.catalog__title')).toBe('漯河市 · 社会救助');
    expect(textOf(harness, '.item-row__name')).toBe('最低生活保障 / 低保审批结果1');
    expect(textOf(harness, '.origin-tag')).toBe('继承');

    callPageHook(harness, 'onReachBottom');
    await waitFor(() => harness!.page.querySelectorAll('.item-row').length === 3, 'the second page');
    expect(textOf(harness, '.catalog__end')).toBe('共3项，没有更多了');

    await fire(harness, '.items-tab--removed-items', 'tap');
    await waitFor(() => textOf(harness!, '.item-row__reason') === '不适用原因：本区无农村人口', 'the removed item');
    expect(textOf(harness, '.item-row--removed .origin-tag')).toBe('不适用');
  });

  it('when an item opens, then every column, its origin and where to read it show', async () => {
    harness = open('item', { region: '411100', key: '411100.0001' });
    await waitFor(() => textOf(harness!, '.item-detail__name'), 'the item');
    expect(textsOf(harness, '.item-column__label')).toEqual([
      '一级事项',
      '二级事项',
      '三级事项',
      '公开内容',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
      '公开对象',
      '公开方式',
      '公开层级',
      '过程',
      '事项编码',
    ]);
    expect(textOf(harness, '.item-column--channels .item-column__value')).toBe('政府网站、社区/村公示栏(电子屏)');
    expect(textOf(harness, '.item-column--levels .item-column__value')).toBe('县级、乡级');
    expect(textOf(harness, '.item-column--level3 .item-column__value')).toBe('—');
    expect(textOf(harness, '.item-origin__summary')).toBe('来源：继承自漯河市');
  });

  it('when 复制链接 is held for the privacy guide, then the item page shows its own dialog and 同意 lets the call go on', async () => {
    harness = open('item', { region: '411100', key: '411100.0001' });
    await waitFor(() => textOf(harness!, '.item-detail__name'), 'the item');
    const listener = await waitFor(() => harness!.privacyListener, 'the privacy listener');
    const answers: unknown[] = [];

    listener((option) => answers.push(option));
    await waitFor(() => harness!.page.querySelector('.privacy-dialog'), 'the privacy dialog');
    expect(textOf(harness, '.privacy-dialog__text')).toContain('复制链接需要使用剪贴板');
    await fire(harness, '.privacy-agree', 'agreeprivacyauthorization');

    await waitFor(() => answers.length === 2, 'the answer');
    expect(answers[1]).toEqual({ event: 'agree', buttonId: 'agree-privacy-authorization' });
  });

  it('when an item is shared, then the share opens the same item under its name', async () => {
    harness = open('item', { region: '411100', key: '411100.0001' });
    const name = await waitFor(() => textOf(harness!, '.item-detail__name'), 'the item');
    const page = harness.page as unknown as { instance: { onShareAppMessage(event: object): unknown } };

    const share = page.instance.onShareAppMessage({ from: 'menu' });

    expect(share).toEqual({ title: name, path: '/pages/catalog/item?region=411100&key=411100.0001' });
  });

  it('when a search is made, then the hits show with the matches marked and open the item', async () => {
    harness = open('search', { region: '411100' });
    await fire(harness, '.search-input', 'input', { value: '低保' });
    await fire(harness, '.search-button', 'tap');

    await waitFor(() => textOf(harness!, '.search-total') === '共找到1项', 'the results');
    expect(textOf(harness, '.search-hit__name')).toBe('最低生活保障 / 低保审批结果1');
    expect(textsOf(harness, '.hit')).toEqual(['低保', '低保']);
    const asked = harness.requests.find((request) => request.url.startsWith(`${CATALOG}/search`));
    expect(new URL(asked?.url ?? '').searchParams.get('region')).toBe('411100');
    expect(textOf(harness, '.search-scope')).toBe('搜索范围：漯河市');
    expect(textOf(harness, '.search-whole-city')).toBe('在全市搜索（共3项）');

    await fire(harness, '.search-hit', 'tap');
    expect(harness.navigations).toEqual(['/pages/catalog/item?region=411100&key=411100.0001']);
  });

  it('when a region was searched and the citizen asks for the whole city, then the same words are searched everywhere', async () => {
    harness = open('search', { region: '411100' });
    await fire(harness, '.search-input', 'input', { value: '低保' });
    await fire(harness, '.search-button', 'tap');
    await fire(harness, '.search-whole-city', 'tap');

    await waitFor(() => textOf(harness!, '.search-scope') === '搜索范围：全市', 'the whole-city results');
    const last = harness.requests.filter((request) => request.url.startsWith(`${CATALOG}/search`)).at(-1);
    expect(new URL(last?.url ?? '').searchParams.get('region')).toBeNull();
    expect(new URL(last?.url ?? '').searchParams.get('q')).toBe('低保');
  });

  it('when nothing matches, then the page says so', async () => {
    harness = open('search');
    await fire(harness, '.search-input', 'input', { value: '火星' });
    await fire(harness, '.search-button', 'tap');
    await waitFor(() => textOf(harness!, '.search-empty') === '没有找到相关事项，换个说法试试', 'the empty result');
  });

  it('when a township’s differences open, then added, adjusted, removed items and areas show', async () => {
    harness = open('diff', { region: '411102001' });
    await waitFor(() => textOf(harness!, '.catalog__title'), 'the differences');
    expect(textOf(harness, '.catalog__title')).toBe('马路街街道 与 源汇区 的差异');
    expect(textsOf(harness, '.catalog__heading')).toEqual([
      '未涉及领域（1个）',
      '本地新增（1项）',
      '本地调整（1项）',
      '本地不适用（1项）',
    ]);
    expect(textsOf(harness, '.diff-group--adjusted .diff-item__origin')).toEqual(['继承自漯河市，调整：公开主体']);
  });
});
