import type { Clock } from '../../../lib/clock';
import type { IdGenerator } from '../../../lib/ids';
import type { CatalogModule } from '../catalog.module';
import { DRAFT, type ChangeRecord, type EntryRecord } from '../catalog.repository';
import { generateSampleCatalog, SAMPLE_SEED } from './sample-catalog';

export const SAMPLE_ACTOR = 'sample-generator';
export const SAMPLE_NOTE = '示例数据（自动生成，非本地实际目录）';

export interface SeedResult {
  regions: number;
  cityItems: number;
  entries: number;
  buildMs: number;
}

/**
 * Loads the generated sample catalog (示例数据) into an empty catalog: every region's layer as its draft, each
 * entry recorded in the change history, then version 1 of every region published, marked as sample data.
 * Answers null, changing nothing, when anything was ever published.
 */
export async function seedSampleCatalog(
  catalog: CatalogModule,
  deps: { clock: Clock; ids: IdGenerator },
  seed = SAMPLE_SEED,
): Promise<SeedResult | null> {
  if (!(await catalog.repo.isEmpty())) return null;
  const layers = generateSampleCatalog(catalog.store.regions.root, catalog.store.areas, seed);
  const now = deps.clock.now();
  const effectiveDate = catalog.store.today();
  const entries: EntryRecord[] = [];
  const changes: ChangeRecord[] = [];
  const change = (c: Pick<ChangeRecord, 'regionCode' | 'itemKey' | 'areaCode' | 'action' | 'changes' | 'reason'>) =>
    changes.push({ ...c, id: deps.ids.next(now), actor: SAMPLE_ACTOR, at: now.toISOString(), version: null });
  const areaOf = new Map<string, string>();
  for (const [regionCode, layer] of layers) {
    for (const a of layer.additions) {
      areaOf.set(a.key, a.areaCode);
      entries.push({
        regionCode,
        version: DRAFT,
        itemKey: a.key,
        kind: 'add',
        areaCode: a.areaCode,
        columns: a.columns,
        reason: null,
        sortOrder: a.sortOrder,
      });
      change({ regionCode, itemKey: a.key, areaCode: a.areaCode, action: 'add', changes: {}, reason: null });
    }
    for (const x of layer.adjustments) {
      const areaCode = areaOf.get(x.key) ?? '';
      entries.push({
        regionCode,
        version: DRAFT,
        itemKey: x.key,
        kind: 'adjust',
        areaCode,
        columns: x.columns,
        reason: null,
        sortOrder: 0,
      });
      const diff = Object.fromEntries(Object.entries(x.columns).map(([c, to]) => [c, { from: null, to }]));
      change({ regionCode, itemKey: x.key, areaCode, action: 'adjust', changes: diff, reason: null });
    }
    for (const r of layer.removals) {
      const areaCode = areaOf.get(r.key) ?? '';
      entries.push({
        regionCode,
        version: DRAFT,
        itemKey: r.key,
        kind: 'remove',
        areaCode,
        columns: null,
        reason: r.reason,
        sortOrder: 0,
      });
      change({ regionCode, itemKey: r.key, areaCode, action: 'remove', changes: {}, reason: r.reason });
    }
    for (const n of layer.notApplicable) {
      change({ regionCode, itemKey: null, areaCode: n.areaCode, action: 'area_off', changes: {}, reason: n.reason });
    }
  }
  await catalog.repo.transaction(async (manager) => {
    await catalog.repo.insertEntries(manager, entries);
    await catalog.repo.insertExclusions(
      manager,
      [...layers].flatMap(([regionCode, layer]) =>
        layer.notApplicable.map((n) => ({ regionCode, version: DRAFT, ...n })),
      ),
    );
    await catalog.repo.insertChanges(manager, changes);
    for (const regionCode of layers.keys()) {
      await catalog.repo.publish(manager, {
        regionCode,
        version: 1,
        effectiveDate,
        publishedAt: now.toISOString(),
        publishedBy: SAMPLE_ACTOR,
        note: SAMPLE_NOTE,
        sample: true,
      });
    }
  });
  const snapshot = await catalog.store.refresh();
  return {
    regions: layers.size,
    cityItems: layers.get(catalog.store.regions.root.code)?.additions.length ?? 0,
    entries: entries.length,
    buildMs: snapshot.buildMs,
  };
}
