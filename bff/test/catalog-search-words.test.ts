import { loadCity } from '@hotline/config';
import type { ItemColumns } from '@hotline/shared-types';
import { emptyLayer, resolveCatalog, type ItemDefinition } from '../src/modules/catalog/resolve';
import { CatalogSearchIndex, normalize } from '../src/modules/catalog/search-index';
import { QueryAnalyzer } from '../src/modules/catalog/search-query';

const city = loadCity('luohe');
const vocabulary = city.catalogVocabulary;
const areas = city.categories.filter((c) => c.kind === 'disclosure_area');

const columns = (level1: string, level2: string, content: string): ItemColumns => ({
  level1,
  level2,
  level3: null,
  content,
  basis: '《政府信息公开条例》',
  deadline: '信息形成或者变更之日起20个工作日内',
  body: '县政府',
  channels: ['website'],
  audience: 'public',
  mode: 'active',
  levels: ['county'],
  stage: null,
  code: null,
});

const items: [string, ItemColumns][] = [
  ['A20', columns('最低生活保障', '最低生活保障审核确认', '保障对象条件、审核确认程序、保障标准')],
  ['A03', columns('交易服务许可', '申请材料', '申请材料清单、办理流程、申请条件')],
  ['A11', columns('污染防治许可', '排污许可申请', '申请材料、办理时限、许可条件')],
  ['A26', columns('公共交通', '公共交通线路调整', '线路、站点、运营时间调整公告')],
  ['A19', columns('医疗保险', '城乡居民基本医疗保险参保缴费', '参保范围、缴费标准、缴费渠道')],
  ['A09', columns('公共租赁住房', '公租房保障对象名单', '申请条件、审核结果、轮候情况')],
  ['A22', columns('户籍管理', '户口迁移办理指南', '迁入条件、申请材料、办理流程')],
];

function index(): CatalogSearchIndex {
  const additions: ItemDefinition[] = items.map(([areaCode, c], i) => ({
    key: `411100.${String(i + 1).padStart(4, '0')}`,
    areaCode,
    sortOrder: i,
    columns: c,
  }));
  const order = new Map(areas.map((a, i) => [a.code, i]));
  const catalog = resolveCatalog({ code: '411100', name: '漯河市' }, null, { ...emptyLayer(), additions }, order);
  return new CatalogSearchIndex([catalog], areas, vocabulary);
}

const names = (found: ReturnType<CatalogSearchIndex['search']>) => found!.hits.map((h) => h.row.columns.level2);

describe('search in citizens’ words', () => {
  test('when a citizen asks in a phrase, then function words are dropped, everyday words bring their formal terms and common words are optional', () => {
    const concepts = new QueryAnalyzer(vocabulary, normalize).analyze('低保怎么申请，需要准备哪些材料？');
    expect(concepts).toEqual([
      { text: '低保', alternatives: ['低保', '最低生活保障'], common: false, chunk: 0 },
      { text: '申请', alternatives: ['申请'], common: true, chunk: 0 },
      { text: '材料', alternatives: ['材料'], common: true, chunk: 0 },
    ]);
  });

  test.each([
    ['低保', '最低生活保障审核确认'],
    ['低保怎么申请', '最低生活保障审核确认'],
    ['公交', '公共交通线路调整'],
    ['医保怎么交', '城乡居民基本医疗保险参保缴费'],
    ['廉租房', '公租房保障对象名单'],
    ['落户需要什么材料', '户口迁移办理指南'],
    // 排污许可证 is in no item: it stands for the longest piece items have, 排污许可
    ['排污许可证怎么申请', '排污许可申请'],
  ])('when a citizen searches %s, then %s comes first', (query, expected) => {
    expect(names(index().search(query, {}, { offset: 0, limit: 3 }))[0]).toBe(expected);
  });

  test('when terms are separated by spaces, then each must match; words of one phrase need not all', () => {
    expect(index().search('低保 不存在的词', {}, { offset: 0, limit: 3 })!.total).toBe(0);
    expect(names(index().search('公交线路没有了', {}, { offset: 0, limit: 3 }))[0]).toBe('公共交通线路调整');
  });

  test('when only words every item has are searched, then they still find what has them', () => {
    expect(names(index().search('申请材料', {}, { offset: 0, limit: 10 }))[0]).toBe('申请材料');
  });

  test('when a 咨询 asks how to apply for 低保 and what to prepare, then 最低生活保障 is suggested first, not items matched on 申请材料', () => {
    const suggested = index().suggest('低保怎么申请，需要准备哪些材料', undefined, 3)!;
    expect(suggested[0]!.row.columns.level2).toBe('最低生活保障审核确认');
    expect(suggested.map((s) => s.row.columns.level1)).not.toContain('交易服务许可');
  });
});
