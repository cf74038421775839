import { seedSampleCatalog } from '../src/modules/catalog/sample/seed';
import { generateSampleCatalog } from '../src/modules/catalog/sample/sample-catalog';
import { startTestApp, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

type Area = { code: string; itemCount: number; applicable: boolean; notApplicableReason: string | null };

describe('the sample catalog (示例数据)', () => {
  test('when generated twice from the same seed, then it is the same; another seed gives another catalog', () => {
    const { root } = t.deps.catalog.store.regions;
    const areas = t.deps.catalog.store.areas;
    const a = generateSampleCatalog(root, areas, 7);
    expect(generateSampleCatalog(root, areas, 7)).toEqual(a);
    expect(generateSampleCatalog(root, areas, 8).get('411102')).not.toEqual(a.get('411102'));
  });

  test('when loaded into an empty catalog, then the city has 1,453 items skewed over 26 areas, all marked sample data', async () => {
    const seeded = await seedSampleCatalog(t.deps.catalog, t.deps);
    expect(seeded).toMatchObject({ regions: 67, cityItems: 1453 });
    const res = await t.http.get('/api/v1/catalog/regions/411100/areas').expect(200);
    expect(res.body).toMatchObject({ sample: true, version: 1 });
    const counts = (res.body.areas as Area[]).map((a) => a.itemCount);
    expect(counts.reduce((n, c) => n + c, 0)).toBe(1453);
    const byCode = new Map((res.body.areas as Area[]).map((a) => [a.code, a.itemCount]));
    for (const enforcement of ['A16', 'A11', 'A17', 'A25', 'A05', 'A03']) {
      expect(byCode.get(enforcement)).toBeGreaterThanOrEqual(80);
      expect(byCode.get(enforcement)).toBeLessThanOrEqual(150);
    }
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(8);
  });

  test('when a township is read, then it covers 12–18 areas and every other area says why not', async () => {
    for (const township of ['411102001', '411121001', '411172001']) {
      const res = await t.http.get(`/api/v1/catalog/regions/${township}/areas`).expect(200);
      const areas = res.body.areas as Area[];
      const covered = areas.filter((a) => a.applicable);
      expect(covered.length).toBeGreaterThanOrEqual(12);
      expect(covered.length).toBeLessThanOrEqual(18);
      for (const a of areas.filter((x) => !x.applicable)) expect(a.notApplicableReason).toMatch(/不承担.+领域/);
    }
  });

  test('when a county is compared with the city, then it has local additions, adjustments and removals', async () => {
    const diff = await t.http.get('/api/v1/catalog/regions/411102/diff').expect(200);
    expect(diff.body.added.length).toBeGreaterThan(5);
    expect(diff.body.adjusted.length).toBeGreaterThan(5);
    expect(diff.body.removed.length).toBeGreaterThan(5);
    expect(diff.body.adjusted[0].origin.summary).toMatch(/^继承自漯河市，调整：/);
  });

  test('when searching the whole sample, then every region is searched and paging holds', async () => {
    const res = await t.http.get(`/api/v1/catalog/search?q=${encodeURIComponent('食品经营')}&pageSize=10`).expect(200);
    expect(res.body.total).toBeGreaterThan(67);
    expect(res.body.hits).toHaveLength(10);
    expect(res.body.sample).toBe(true);
  });

  test('when loading again, then nothing changes', async () => {
    expect(await seedSampleCatalog(t.deps.catalog, t.deps)).toBeNull();
  });
});
