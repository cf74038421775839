import type { CatalogItem, CatalogItemSummary, CatalogRegionNode } from '@hotline/shared-types';
import { API, errorAnswer } from './fake-bff';
import type { FakeBff, RecordedRequest } from './weapp-shim';

export const CATALOG = `${API}/catalog`;

const city = { code: '411100', name: '漯河市' };
const county = { code: '411102', name: '源汇区' };
const township = { code: '411102001', name: '马路街街道' };

export const REGIONS: { root: CatalogRegionNode } = {
  root: {
    ...city,
    level: 'city',
    children: [
      { ...county, level: 'county', children: [{ ...township, level: 'township', children: [] }] },
      { code: '411103', name: '郾城区', level: 'county', children: [] },
    ],
  },
};

const area = (code: string, name: string, itemCount: number, reason: string | null = null) => ({
  code,
  name,
  aliases: [],
  itemCount,
  removedCount: reason ? itemCount : 1,
  applicable: reason === null,
  notApplicableReason: reason,
});

const meta = (region: { code: string; name: string }) => ({
  region,
  version: 1,
  effectiveDate: '2026-11-01',
  sample: true,
});

export function areasOf(code: string) {
  const region = [city, county, township].find((candidate) => candidate.code === code) ?? city;
  const areas = [area('A19', '社会救助', 3), area('A07', '征地补偿', 2)];
  if (code === township.code) areas.push(area('A03', '公共资源交易', 0, '本街道不承担公共资源交易职能'));
  return { ...meta(region), areas };
}

export function item(key: string, overrides: Partial<CatalogItem> = {}): CatalogItem {
  return {
    key,
    areaCode: 'A19',
    level1: '最低生活保障',
    level2: `低保审批结果${key.slice(-1)}`,
    level3: null,
    content: '城乡低保对象的姓名、保障人数、保障金额',
    basis: '《社会救助暂行办法》',
    deadline: '信息形成或者变更之日起20个工作日内',
    body: '漯河市民政局',
    channels: ['website', 'notice_board'],
    audience: 'public',
    mode: 'active',
    levels: ['county', 'township'],
    stage: 'result',
    code: null,
    origin: {
      status: 'inherited',
      definedIn: city,
      adjustments: [],
      removedReason: null,
      summary: '继承自漯河市',
    },
    ...overrides,
  };
}

/** Items of 社会救助: three that apply (answered two a page), one removed here with its reason. */
const ACTIVE = [item('411100.0001'), item('411100.0002'), item('411100.0003')];
const REMOVED = [
  item('411100.0009', {
    origin: {
      status: 'removed',
      definedIn: city,
      adjustments: [],
      removedReason: '本区无农村人口',
      summary: '继承自漯河市，本地不适用：本区无农村人口',
    },
  }),
];

/** The row of an items list for an item. */
export function summaryOf(row: CatalogItem): CatalogItemSummary {
  const { key, areaCode, level1, level2, level3, deadline, body, mode, origin } = row;
  return {
    key,
    areaCode,
    level1,
    level2,
    level3,
    deadline,
    body,
    mode,
    status: origin.status,
    origin: origin.summary,
    removedReason: origin.removedReason,
  };
}

export const SEARCH_HIT = {
  region: city,
  key: '411100.0001',
  areaCode: 'A19',
  areaName: '社会救助',
  name: [
    { text: '最低生活保障 / ', hit: false },
    { text: '低保', hit: true },
    { text: '审批结果1', hit: false },
  ],
  snippet: {
    column: 'content' as const,
    text: [
      { text: '城乡', hit: false },
      { text: '低保', hit: true },
    ],
  },
  mode: 'active' as const,
  status: 'inherited' as const,
};

export function diffOf() {
  return {
    ...meta(township),
    parent: county,
    added: [
      item('411102001.0001', {
        level2: '街道临时救助',
        origin: { ...item('x').origin, status: 'added', definedIn: township, summary: '马路街街道新增' },
      }),
    ],
    adjusted: [
      item('411100.0002', {
        body: '马路街街道办事处',
        origin: {
          status: 'adjusted',
          definedIn: city,
          adjustments: [{ region: township, columns: ['body'] }],
          removedReason: null,
          summary: '继承自漯河市，调整：公开主体',
        },
      }),
    ],
    removed: REMOVED,
    notApplicableAreas: [{ code: 'A03', name: '公共资源交易', reason: '本街道不承担公共资源交易职能' }],
  };
}

/** Answers the catalog endpoints the way the BFF does, from the fixtures above. */
export function catalogBff(fallback: FakeBff): FakeBff {
  return (request: RecordedRequest) => {
    const url = new URL(request.url);
    const path = url.pathname.replace('/api/v1/catalog', '');
    if (!request.url.startsWith(CATALOG)) return fallback(request);
    if (path === '/regions') return { statusCode: 200, data: REGIONS };
    let match = /^\/regions\/(\w+)\/areas$/.exec(path);
    if (match) return { statusCode: 200, data: areasOf(match[1] ?? '') };
    match = /^\/regions\/(\w+)\/areas\/(\w+)\/items$/.exec(path);
    if (match) {
      const page = Number(url.searchParams.get('page') ?? '1');
      // Two rows a page whatever is asked, so two pages exist.
      const pageSize = Math.min(Number(url.searchParams.get('pageSize') ?? '20'), 2);
      const rows = url.searchParams.get('show') === 'removed' ? REMOVED : ACTIVE;
      const areaSummary = areasOf(match[1] ?? '').areas[0];
      return {
        statusCode: 200,
        data: {
          ...meta(city),
          area: areaSummary,
          page,
          pageSize,
          total: rows.length,
          items: rows.slice((page - 1) * pageSize, page * pageSize).map(summaryOf),
        },
      };
    }
    match = /^\/regions\/(\w+)\/items\/(.+)$/.exec(path);
    if (match) {
      const found = [...ACTIVE, ...REMOVED].find((row) => row.key === decodeURIComponent(match?.[2] ?? ''));
      if (!found) return errorAnswer(404, 'NOT_FOUND', '找不到相关内容');
      return { statusCode: 200, data: { ...meta(city), item: found, area: { code: 'A19', name: '社会救助' } } };
    }
    match = /^\/regions\/(\w+)\/diff$/.exec(path);
    if (match) return { statusCode: 200, data: diffOf() };
    if (path === '/search') {
      const q = url.searchParams.get('q') ?? '';
      const hits = q.includes('低保') ? [SEARCH_HIT] : [];
      const region = url.searchParams.get('region');
      const scope = region
        ? { region: { code: region, name: '漯河市' }, wholeCityTotal: hits.length * 3 }
        : { region: null, wholeCityTotal: null };
      return { statusCode: 200, data: { page: 1, pageSize: 20, total: hits.length, hits, sample: true, scope } };
    }
    return errorAnswer(404, 'ROUTE_NOT_FOUND', '接口不存在');
  };
}
