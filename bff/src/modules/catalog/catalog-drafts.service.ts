import type { CatalogChange, ItemColumn, ItemColumns } from '@hotline/shared-types';
import { NotFound } from '../../lib/errors';
import { DRAFT, layerOf, type EntryRecord } from './catalog.repository';
import { assertRegion, diffOf, type CatalogEditDeps, type Change } from './catalog-edit-support';
import { resolveCatalog, type RegionLayer, type ResolvedCatalog } from './resolve';

/** Whole-draft operations: previewing a region's draft and replacing it at once (imports). */

/**
 * The region's catalog as it would read once its draft is published: the parent's published catalog with the
 * draft layer applied. For editors' previews, exports of a draft and import dry runs.
 */
export async function previewDraft(deps: CatalogEditDeps, regionCode: string): Promise<ResolvedCatalog> {
  assertRegion(deps, regionCode);
  const { node, parent } = deps.catalogStore.regions.byCode.get(regionCode)!;
  const snapshot = await deps.catalogStore.current();
  const [entries, exclusions] = await Promise.all([
    deps.catalogRepo.entries(regionCode, DRAFT),
    deps.catalogRepo.exclusions(regionCode, DRAFT),
  ]);
  return resolveCatalog(
    { code: node.code, name: node.name },
    parent ? (snapshot.catalogs.get(parent.code) ?? null) : null,
    layerOf(entries, exclusions),
    deps.catalogStore.areaOrder,
  );
}

export interface DraftReplacement {
  added: number;
  changed: number;
  dropped: number;
  areas: number;
}

/**
 * Replaces a region's whole draft layer at once (an import: see `deriveLayer`), recording one change per entry
 * that differs from the current draft — added, updated, adjusted, removed, taken back — and per area switched.
 * Keys of additions are the caller's (new ones from `nextItemKeys`).
 */
export async function replaceDraft(
  deps: CatalogEditDeps,
  actor: string,
  regionCode: string,
  layer: RegionLayer,
): Promise<DraftReplacement> {
  assertRegion(deps, regionCode);
  const wanted: Omit<EntryRecord, 'version'>[] = [
    ...layer.additions.map((a) => ({
      regionCode,
      itemKey: a.key,
      kind: 'add' as const,
      areaCode: a.areaCode,
      columns: a.columns,
      reason: null,
      sortOrder: a.sortOrder,
    })),
    ...layer.adjustments.map((a) => ({
      regionCode,
      itemKey: a.key,
      kind: 'adjust' as const,
      areaCode: '',
      columns: a.columns,
      reason: null,
      sortOrder: 0,
    })),
    ...layer.removals.map((r) => ({
      regionCode,
      itemKey: r.key,
      kind: 'remove' as const,
      areaCode: '',
      columns: null,
      reason: r.reason,
      sortOrder: 0,
    })),
  ];
  const parent = deps.catalogStore.regions.byCode.get(regionCode)?.parent;
  const inherited = parent ? (await deps.catalogStore.current()).catalogs.get(parent.code) : undefined;
  for (const entry of wanted) {
    if (entry.kind === 'add') continue;
    const row = inherited?.byKey.get(entry.itemKey);
    if (!row || row.status === 'removed') throw new NotFound(`上级目录没有事项 ${entry.itemKey}`);
    entry.areaCode = row.areaCode;
    entry.sortOrder = row.sortOrder;
  }
  return deps.catalogRepo.transaction(async (manager) => {
    const current = new Map((await deps.catalogRepo.entries(regionCode, DRAFT, manager)).map((e) => [e.itemKey, e]));
    const result: DraftReplacement = { added: 0, changed: 0, dropped: 0, areas: 0 };
    const at = deps.clock.now();
    const changes: CatalogChange[] = [];
    const note = (c: Change) =>
      changes.push({ ...c, id: deps.ids.next(at), regionCode, actor, at: at.toISOString(), version: null });
    for (const entry of wanted) {
      const before = current.get(entry.itemKey);
      current.delete(entry.itemKey);
      if (
        before &&
        before.kind === entry.kind &&
        JSON.stringify(before.columns) === JSON.stringify(entry.columns) &&
        before.reason === entry.reason
      )
        continue;
      await deps.catalogRepo.putDraftEntry(manager, entry);
      const from: Partial<ItemColumns> = before?.columns ?? {};
      const to: Partial<ItemColumns> = entry.columns ?? {};
      const touched = [...new Set([...Object.keys(from), ...Object.keys(to)])] as ItemColumn[];
      const diff = diffOf(
        from,
        to,
        touched.filter((c) => JSON.stringify(from[c]) !== JSON.stringify(to[c])),
      );
      const action =
        entry.kind === 'remove'
          ? 'remove'
          : entry.kind === 'adjust'
            ? 'adjust'
            : before?.kind === 'add'
              ? 'update'
              : 'add';
      note({ itemKey: entry.itemKey, areaCode: entry.areaCode, action, changes: diff, reason: entry.reason });
      if (before) result.changed += 1;
      else result.added += 1;
    }
    for (const gone of current.values()) {
      await deps.catalogRepo.deleteDraftEntry(manager, regionCode, gone.itemKey);
      const action = gone.kind === 'remove' ? 'restore' : gone.kind === 'adjust' ? 'reset' : 'remove';
      note({ itemKey: gone.itemKey, areaCode: gone.areaCode, action, changes: {}, reason: null });
      result.dropped += 1;
    }
    const exclusions = new Map(
      (await deps.catalogRepo.exclusions(regionCode, DRAFT, manager)).map((x) => [x.areaCode, x.reason]),
    );
    for (const { areaCode, reason } of layer.notApplicable) {
      const before = exclusions.get(areaCode);
      exclusions.delete(areaCode);
      if (before === reason) continue;
      await deps.catalogRepo.putDraftExclusion(manager, { regionCode, areaCode, reason });
      note({
        itemKey: null,
        areaCode,
        action: 'area_off',
        changes: { notApplicableReason: { from: before ?? null, to: reason } },
        reason,
      });
      result.areas += 1;
    }
    for (const [areaCode, reason] of exclusions) {
      await deps.catalogRepo.deleteDraftExclusion(manager, regionCode, areaCode);
      note({
        itemKey: null,
        areaCode,
        action: 'area_on',
        changes: { notApplicableReason: { from: reason, to: null } },
        reason: null,
      });
      result.areas += 1;
    }
    await deps.catalogRepo.insertChanges(manager, changes);
    return result;
  });
}

/** A new key for an item the region defines (its next serial), for callers building additions themselves. */
export async function nextItemKeys(deps: CatalogEditDeps, regionCode: string, count: number): Promise<string[]> {
  const first = (await deps.catalogRepo.maxSerial(regionCode)) + 1;
  return Array.from({ length: count }, (_, i) => `${regionCode}.${String(first + i).padStart(4, '0')}`);
}
