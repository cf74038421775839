import type { ItemColumns } from '@hotline/shared-types';
import {
  deriveLayer,
  emptyLayer,
  resolveCatalog,
  resolveTree,
  type RegionLayer,
} from '../../src/modules/catalog/resolve';

const columns = (over: Partial<ItemColumns> = {}): ItemColumns => ({
  level1: '行政许可',
  level2: '食品经营许可',
  level3: null,
  content: '许可事项名称、依据、条件、程序、期限',
  basis: '《中华人民共和国政府信息公开条例》',
  deadline: '信息形成或者变更之日起20个工作日内',
  body: '市场监督管理部门',
  channels: ['website'],
  audience: 'public',
  mode: 'active',
  levels: ['county', 'township'],
  stage: null,
  code: null,
  ...over,
});

const areaOrder = new Map([
  ['A01', 0],
  ['A02', 1],
]);
const city = { code: 'C', name: '示例市' };
const county = { code: 'K', name: '示例县' };
const town = { code: 'T', name: '示例镇' };

const cityLayer = (): RegionLayer => ({
  ...emptyLayer(),
  additions: [
    { key: 'C.0001', areaCode: 'A01', sortOrder: 1, columns: columns() },
    { key: 'C.0002', areaCode: 'A01', sortOrder: 2, columns: columns({ level2: '行政处罚决定' }) },
    { key: 'C.0003', areaCode: 'A02', sortOrder: 1, columns: columns({ level1: '规划', level2: '规划公示' }) },
  ],
});

describe('resolving one region from its parent and its own layer', () => {
  test('when the root has only additions, then every row is "added" there, sorted by area then order', () => {
    const root = resolveCatalog(city, null, cityLayer(), areaOrder);
    expect(root.rows.map((r) => [r.key, r.status])).toEqual([
      ['C.0001', 'added'],
      ['C.0002', 'added'],
      ['C.0003', 'added'],
    ]);
    expect(root.rows[0]?.definedIn).toEqual(city);
  });

  test('when a county adds, removes and adjusts, then each row says so and unchanged rows share the parent columns', () => {
    const root = resolveCatalog(city, null, cityLayer(), areaOrder);
    const layer: RegionLayer = {
      additions: [{ key: 'K.0001', areaCode: 'A01', sortOrder: 100001, columns: columns({ level2: '本地特色' }) }],
      adjustments: [{ key: 'C.0001', columns: { body: '示例县市场监督管理局' } }],
      removals: [{ key: 'C.0002', reason: '本县无此职能' }],
      notApplicable: [],
    };
    const k = resolveCatalog(county, root, layer, areaOrder);
    const byKey = (key: string) => k.byKey.get(key);
    expect(byKey('C.0001')).toMatchObject({
      status: 'adjusted',
      adjustments: [{ region: county, columns: ['body'] }],
    });
    expect(byKey('C.0001')?.columns.body).toBe('示例县市场监督管理局');
    expect(byKey('C.0001')?.columns.content).toBe(root.byKey.get('C.0001')?.columns.content);
    expect(byKey('C.0002')).toMatchObject({ status: 'removed', removedReason: '本县无此职能' });
    expect(byKey('C.0003')?.status).toBe('inherited');
    expect(byKey('C.0003')?.columns).toBe(root.byKey.get('C.0003')?.columns);
    expect(byKey('K.0001')).toMatchObject({ status: 'added', definedIn: county });
    expect(k.stale).toEqual([]);
  });

  test('when the city changes a column the county did not adjust, then the county row follows; the adjusted column does not', () => {
    const layer: RegionLayer = { ...emptyLayer(), adjustments: [{ key: 'C.0001', columns: { body: '县局' } }] };
    const changedCity = cityLayer();
    (changedCity.additions[0] as { columns: ItemColumns }).columns = columns({ content: '新的公开内容', body: '市局' });
    const k = resolveCatalog(county, resolveCatalog(city, null, changedCity, areaOrder), layer, areaOrder);
    expect(k.byKey.get('C.0001')?.columns).toMatchObject({ content: '新的公开内容', body: '县局' });
  });

  test('when an area is not applicable, then its inherited and own rows are removed with the area reason', () => {
    const root = resolveCatalog(city, null, cityLayer(), areaOrder);
    const layer: RegionLayer = {
      ...emptyLayer(),
      additions: [{ key: 'K.0001', areaCode: 'A02', sortOrder: 1, columns: columns() }],
      notApplicable: [{ areaCode: 'A02', reason: '本县未设规划职能' }],
    };
    const k = resolveCatalog(county, root, layer, areaOrder);
    expect(k.byKey.get('C.0003')).toMatchObject({ status: 'removed', removedReason: '本县未设规划职能' });
    expect(k.byKey.get('K.0001')).toMatchObject({ status: 'removed', removedReason: '本县未设规划职能' });
    expect(k.notApplicable.get('A02')).toBe('本县未设规划职能');
  });

  test('when an entry points at an item the parent no longer has, then it is reported stale and ignored', () => {
    const root = resolveCatalog(city, null, cityLayer(), areaOrder);
    const layer: RegionLayer = {
      ...emptyLayer(),
      adjustments: [{ key: 'C.0099', columns: { body: 'x' } }],
      removals: [{ key: 'C.0098', reason: 'y' }],
    };
    const k = resolveCatalog(county, root, layer, areaOrder);
    expect(k.stale.sort()).toEqual(['C.0098', 'C.0099']);
    expect(k.rows).toHaveLength(3);
  });
});

describe('resolving a whole tree', () => {
  const tree = { ...city, children: [{ ...county, children: [{ ...town, children: [] }] }] };

  test('when the county adjusted and removed, then the township inherits the adjusted row with its history and not the removed one', () => {
    const layers = new Map<string, RegionLayer>([
      ['C', cityLayer()],
      [
        'K',
        {
          ...emptyLayer(),
          adjustments: [{ key: 'C.0001', columns: { deadline: '实时公开' } }],
          removals: [{ key: 'C.0002', reason: '不适用' }],
        },
      ],
      ['T', { ...emptyLayer(), adjustments: [{ key: 'C.0001', columns: { body: '示例镇人民政府' } }] }],
    ]);
    const all = resolveTree(tree, layers, areaOrder);
    const t = all.get('T');
    expect(t?.rows.map((r) => r.key)).toEqual(['C.0001', 'C.0003']);
    expect(t?.byKey.get('C.0001')).toMatchObject({
      status: 'adjusted',
      definedIn: city,
      adjustments: [
        { region: county, columns: ['deadline'] },
        { region: town, columns: ['body'] },
      ],
    });
    expect(t?.byKey.get('C.0001')?.columns).toMatchObject({ deadline: '实时公开', body: '示例镇人民政府' });
  });

  test('when a region never published, then it shows its parent catalog, every row inherited', () => {
    const all = resolveTree(tree, new Map([['C', cityLayer()]]), areaOrder);
    expect(all.get('T')?.rows.map((r) => r.status)).toEqual(['inherited', 'inherited', 'inherited']);
  });
});

describe('deriving a layer from a full catalog (the inverse of resolving)', () => {
  test('when a county writes down its whole catalog, then the layer has only its differences, and resolving it gives the rows back', () => {
    const root = resolveCatalog(city, null, cityLayer(), areaOrder);
    const rows = [
      { key: 'C.0001', areaCode: 'A01', columns: columns({ body: '示例县市场监督管理局' }) },
      { key: 'C.0003', areaCode: 'A02', columns: columns({ level1: '规划', level2: '规划公示' }) },
      { areaCode: 'A02', columns: columns({ level2: '本县特色事项' }) },
    ];
    const layer = deriveLayer(root, rows, {
      newKey: (n) => `K.${String(n).padStart(4, '0')}`,
      missingReason: '本县未列入',
    });
    expect(layer.adjustments).toEqual([{ key: 'C.0001', columns: { body: '示例县市场监督管理局' } }]);
    expect(layer.removals).toEqual([{ key: 'C.0002', reason: '本县未列入' }]);
    expect(layer.additions.map((a) => a.key)).toEqual(['K.0001']);

    const k = resolveCatalog(county, root, layer, areaOrder);
    const active = k.rows.filter((r) => r.status !== 'removed');
    expect(active.map((r) => r.columns)).toEqual(rows.map((r) => r.columns));
    expect(k.byKey.get('C.0003')?.status).toBe('inherited');
  });
});
