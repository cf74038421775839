import { originSummary, type ItemColumns } from '@hotline/shared-types';
import { emptyLayer, resolveTree, type RegionLayer } from '../../src/modules/catalog/resolve';
import { CatalogSearchIndex, highlight } from '../../src/modules/catalog/search-index';

const columns = (over: Partial<ItemColumns>): ItemColumns => ({
  level1: '行政许可',
  level2: '事项',
  level3: null,
  content: '办理条件、程序和期限',
  basis: '《中华人民共和国政府信息公开条例》',
  deadline: '实时公开',
  body: '有关部门',
  channels: ['website'],
  audience: 'public',
  mode: 'active',
  levels: ['county'],
  stage: null,
  code: null,
  ...over,
});

const areas = [
  { code: 'A01', name: '医疗卫生', aliases: ['卫生健康'] },
  { code: 'A02', name: '社会救助', aliases: [] },
];
const tree = { code: 'C', name: '示例市', children: [{ code: 'K', name: '示例县', children: [] }] };
const layers = new Map<string, RegionLayer>([
  [
    'C',
    {
      ...emptyLayer(),
      additions: [
        {
          key: 'C.0001',
          areaCode: 'A02',
          sortOrder: 1,
          columns: columns({ level1: '最低生活保障', level2: '低保审批' }),
        },
        {
          key: 'C.0002',
          areaCode: 'A02',
          sortOrder: 2,
          columns: columns({ level2: '临时救助', content: '最低生活保障边缘家庭的临时救助标准', mode: 'on_request' }),
        },
        { key: 'C.0003', areaCode: 'A01', sortOrder: 1, columns: columns({ level2: '医疗机构执业登记' }) },
      ],
    },
  ],
  ['K', { ...emptyLayer(), adjustments: [{ key: 'C.0003', columns: { level2: '诊所备案' } }] }],
]);
const index = new CatalogSearchIndex(
  resolveTree(
    tree,
    layers,
    new Map([
      ['A01', 0],
      ['A02', 1],
    ]),
  ).values(),
  areas,
);
const page = { offset: 0, limit: 10 };

describe('the catalog search index', () => {
  test('when a term is in one item name and another item content, then the name match ranks first in every region', () => {
    const found = index.search('最低生活保障', {}, page);
    expect(found?.hits.map((h) => [h.region.code, h.row.key])).toEqual([
      ['C', 'C.0001'],
      ['K', 'C.0001'],
      ['C', 'C.0002'],
      ['K', 'C.0002'],
    ]);
    expect(found?.total).toBe(4);
    expect(found?.hits[2]?.snippet?.column).toBe('content');
    expect(found?.hits[2]?.snippet?.text.filter((p) => p.hit).map((p) => p.text)).toEqual(['最低生活保障']);
  });

  test('when searching by an area alias, then the items of that area are found', () => {
    const found = index.search('卫生健康', { region: 'C' }, page);
    expect(found?.hits.map((h) => h.row.key)).toEqual(['C.0003']);
    expect(found?.hits[0]?.snippet?.column).toBe('area');
  });

  test('when a region adjusted an item name, then each region is searched in its own version', () => {
    expect(index.search('诊所', { region: 'K' }, page)?.hits.map((h) => h.row.key)).toEqual(['C.0003']);
    expect(index.search('诊所', { region: 'C' }, page)?.total).toBe(0);
  });

  test('when filters are given, then only matching items count; several terms must all match', () => {
    expect(index.search('救助', { mode: 'on_request', region: 'C' }, page)?.hits.map((h) => h.row.key)).toEqual([
      'C.0002',
    ]);
    expect(index.search('临时 标准', { region: 'C' }, page)?.total).toBe(1);
    expect(index.search('临时 不存在', { region: 'C' }, page)?.total).toBe(0);
    expect(index.search('救', { region: 'C' }, page)?.total).toBe(2);
  });

  test('when the region is unknown, then the answer is null', () => {
    expect(index.search('救助', { region: 'X' }, page)).toBeNull();
  });

  test('when a citizen types a consultation, then the items it is about are suggested first', () => {
    const found = index.suggest('请问家里困难怎么申请低保审批，临时救助有什么条件', 'K', 3);
    expect(found?.[0]?.row.key).toBe('C.0001');
    expect(found?.map((s) => s.row.key)).toContain('C.0002');
    expect(found?.[0]?.score).toBeGreaterThan(0);
  });

  test('when text is highlighted, then pieces cover it all and the matches are marked', () => {
    expect(highlight('低保审批与低保', ['低保'])).toEqual([
      { text: '低保', hit: true },
      { text: '审批与', hit: false },
      { text: '低保', hit: true },
    ]);
  });
});

describe('origin summaries', () => {
  const city = { code: 'C', name: '漯河市' };
  const county = { code: 'K', name: '源汇区' };
  test.each([
    [{ status: 'inherited', adjustments: [] }, county, '继承自漯河市'],
    [
      { status: 'adjusted', adjustments: [{ region: county, columns: ['body'] }] },
      county,
      '继承自漯河市，调整：公开主体',
    ],
    [
      { status: 'inherited', adjustments: [{ region: county, columns: ['body', 'deadline'] }] },
      { code: 'T', name: '某街道' },
      '继承自漯河市，源汇区调整：公开主体、公开时限',
    ],
    [{ status: 'added', adjustments: [] }, city, '漯河市新增'],
  ] as const)('when the origin is %j in %j, then it reads %s', (origin, here, text) => {
    expect(
      originSummary(
        {
          ...origin,
          adjustments: origin.adjustments.map((a) => ({ ...a, columns: [...a.columns] })),
          definedIn: city,
          removedReason: null,
        },
        here,
      ),
    ).toBe(text);
  });
});
