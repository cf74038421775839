import { itemColumnsSchema, type CatalogVersion, type ItemColumn, type ItemColumns } from '@hotline/shared-types';
import type { EntityManager } from 'typeorm';
import { Invalid, NotFound } from '../../lib/errors';
import { isUniqueViolation } from '../../db/sql';
import { DRAFT } from './catalog.repository';
import {
  assertArea,
  assertRegion,
  conflict,
  diffOf,
  parentExclusion,
  parentRow,
  record,
  type CatalogEditDeps,
} from './catalog-edit-support';
import { changedColumns, type ResolvedRow } from './resolve';

export type { CatalogEditDeps } from './catalog-edit-support';

/**
 * Editing a region's catalog: every edit changes the region's draft (version 0) and records who changed what;
 * `publish` turns the draft into the next version, which citizens see from its effective date. An `actor` is the
 * staff account id of whoever edits. Inherited items are never copied: a region stores only its additions,
 * its removals (with a reason) and, for adjusted items, the columns that differ from its parent.
 */

/** Adds an item defined by this region; answers its new stable key. */
export async function addItem(
  deps: CatalogEditDeps,
  actor: string,
  regionCode: string,
  input: { areaCode: string; columns: ItemColumns },
): Promise<{ key: string }> {
  assertRegion(deps, regionCode);
  assertArea(deps, input.areaCode);
  if (await parentExclusion(deps, regionCode, input.areaCode)) throw conflict('该领域在上级目录中不适用，不能新增事项');
  return deps.catalogRepo.transaction(async (manager) => {
    const exclusions = await deps.catalogRepo.exclusions(regionCode, DRAFT, manager);
    if (exclusions.some((x) => x.areaCode === input.areaCode)) throw conflict('该领域已标为不适用，请先恢复该领域');
    const serial = (await deps.catalogRepo.maxSerial(regionCode, manager)) + 1;
    const key = `${regionCode}.${String(serial).padStart(4, '0')}`;
    const entries = await deps.catalogRepo.entries(regionCode, DRAFT, manager);
    const sortOrder = Math.max(100_000, ...entries.map((e) => e.sortOrder)) + 1;
    await deps.catalogRepo.putDraftEntry(manager, {
      regionCode,
      itemKey: key,
      kind: 'add',
      areaCode: input.areaCode,
      columns: input.columns,
      reason: null,
      sortOrder,
    });
    const columns = Object.keys(input.columns) as ItemColumn[];
    await record(deps, manager, actor, regionCode, {
      itemKey: key,
      areaCode: input.areaCode,
      action: 'add',
      changes: diffOf({}, input.columns, columns),
      reason: null,
    });
    return { key };
  });
}

/**
 * Changes columns of an item. An item defined here is edited in place; an inherited item gets (or updates) an
 * adjustment holding only the columns that now differ from the parent — a column set back to the parent's
 * value follows the parent again.
 */
export async function updateItem(
  deps: CatalogEditDeps,
  actor: string,
  regionCode: string,
  key: string,
  columns: Partial<ItemColumns>,
): Promise<void> {
  assertRegion(deps, regionCode);
  const inherited = await parentRow(deps, regionCode, key);
  await deps.catalogRepo.transaction(async (manager) => {
    const entry = await deps.catalogRepo.entry(regionCode, key, manager);
    if (entry?.kind === 'remove') throw conflict('该事项已标为不适用，请先恢复');
    if (entry?.kind === 'add') {
      const before = entry.columns as ItemColumns;
      const after = itemColumnsSchema.parse({ ...before, ...columns });
      const changed = changedColumns(before, columns);
      if (!changed.length) return;
      await deps.catalogRepo.putDraftEntry(manager, { ...entry, columns: after });
      await record(deps, manager, actor, regionCode, {
        itemKey: key,
        areaCode: entry.areaCode,
        action: 'update',
        changes: diffOf(before, after, changed),
        reason: null,
      });
      return;
    }
    if (!inherited) throw new NotFound('该地区没有这个公开事项');
    const before = { ...inherited.columns, ...(entry?.columns ?? {}) };
    const changed = changedColumns(before, columns);
    if (!changed.length) return;
    const wanted = { ...(entry?.columns ?? {}), ...columns };
    const adjusted = await putAdjustment(deps, manager, regionCode, inherited, wanted);
    await record(deps, manager, actor, regionCode, {
      itemKey: key,
      areaCode: inherited.areaCode,
      // Back to the parent's values in every column: the item follows its parent again.
      action: adjusted ? 'adjust' : 'reset',
      changes: diffOf(before, { ...before, ...columns }, changed),
      reason: null,
    });
  });
}

/**
 * Stores an adjustment with only the columns that differ from the parent; none left means no adjustment.
 * Answers whether an adjustment remains.
 */
async function putAdjustment(
  deps: CatalogEditDeps,
  manager: EntityManager,
  regionCode: string,
  inherited: ResolvedRow,
  wanted: Partial<ItemColumns>,
): Promise<boolean> {
  const differing = changedColumns(inherited.columns, wanted);
  if (!differing.length) {
    await deps.catalogRepo.deleteDraftEntry(manager, regionCode, inherited.key);
    return false;
  }
  await deps.catalogRepo.putDraftEntry(manager, {
    regionCode,
    itemKey: inherited.key,
    kind: 'adjust',
    areaCode: inherited.areaCode,
    columns: Object.fromEntries(differing.map((c) => [c, wanted[c]])) as Partial<ItemColumns>,
    reason: null,
    sortOrder: inherited.sortOrder,
  });
  return true;
}

/** Marks an inherited item not applicable here (with the reason citizens read), or deletes an item defined here. */
export async function removeItem(
  deps: CatalogEditDeps,
  actor: string,
  regionCode: string,
  key: string,
  reason: string,
): Promise<void> {
  assertRegion(deps, regionCode);
  const inherited = await parentRow(deps, regionCode, key);
  await deps.catalogRepo.transaction(async (manager) => {
    const entry = await deps.catalogRepo.entry(regionCode, key, manager);
    if (entry?.kind === 'remove') return;
    if (!entry && !inherited) throw new NotFound('该地区没有这个公开事项');
    const areaCode = entry?.areaCode ?? (inherited as ResolvedRow).areaCode;
    if (entry?.kind === 'add') await deps.catalogRepo.deleteDraftEntry(manager, regionCode, key);
    else {
      await deps.catalogRepo.putDraftEntry(manager, {
        regionCode,
        itemKey: key,
        kind: 'remove',
        areaCode,
        columns: null,
        reason,
        sortOrder: (inherited as ResolvedRow).sortOrder,
      });
    }
    await record(deps, manager, actor, regionCode, {
      itemKey: key,
      areaCode,
      action: 'remove',
      changes:
        entry?.kind === 'adjust'
          ? diffOf(entry.columns ?? {}, {}, Object.keys(entry.columns ?? {}) as ItemColumn[])
          : {},
      reason,
    });
  });
}

/** Takes an inherited item back after a removal: it follows the parent again (earlier adjustments are gone). */
export async function restoreItem(
  deps: CatalogEditDeps,
  actor: string,
  regionCode: string,
  key: string,
): Promise<void> {
  assertRegion(deps, regionCode);
  await deps.catalogRepo.transaction(async (manager) => {
    const entry = await deps.catalogRepo.entry(regionCode, key, manager);
    if (entry?.kind !== 'remove') throw conflict('该事项没有被标为不适用');
    await deps.catalogRepo.deleteDraftEntry(manager, regionCode, key);
    await record(deps, manager, actor, regionCode, {
      itemKey: key,
      areaCode: entry.areaCode,
      action: 'restore',
      changes: {},
      reason: entry.reason,
    });
  });
}

/** Marks a whole area not applicable to the region (未涉及领域), with the reason, or applicable again. */
export async function setAreaApplicability(
  deps: CatalogEditDeps,
  actor: string,
  regionCode: string,
  areaCode: string,
  input: { applicable: boolean; reason?: string | undefined },
): Promise<void> {
  assertRegion(deps, regionCode);
  assertArea(deps, areaCode);
  if (!input.applicable && !input.reason) {
    throw new Invalid([{ path: 'reason', message: '请说明该领域不适用的原因' }]);
  }
  if (input.applicable && (await parentExclusion(deps, regionCode, areaCode))) {
    throw conflict('该领域在上级目录中不适用，本级不能单独恢复');
  }
  await deps.catalogRepo.transaction(async (manager) => {
    const current = (await deps.catalogRepo.exclusions(regionCode, DRAFT, manager)).find(
      (x) => x.areaCode === areaCode,
    );
    if (input.applicable) {
      if (!current) return;
      await deps.catalogRepo.deleteDraftExclusion(manager, regionCode, areaCode);
    } else {
      if (current?.reason === input.reason) return;
      await deps.catalogRepo.putDraftExclusion(manager, { regionCode, areaCode, reason: input.reason as string });
    }
    await record(deps, manager, actor, regionCode, {
      itemKey: null,
      areaCode,
      action: input.applicable ? 'area_on' : 'area_off',
      changes: { notApplicableReason: { from: current?.reason ?? null, to: input.applicable ? null : input.reason } },
      reason: input.reason ?? null,
    });
  });
}

/**
 * Publishes the region's draft as its next version, in effect from `effectiveDate` (default: today, city time),
 * then rebuilds this instance's resolved catalogs and search index; other instances follow within a second.
 */
export async function publish(
  deps: CatalogEditDeps,
  actor: string,
  regionCode: string,
  input: { effectiveDate?: string | undefined; note?: string | undefined; sample?: boolean },
): Promise<CatalogVersion> {
  assertRegion(deps, regionCode);
  const now = deps.clock.now();
  const today = deps.catalogStore.today();
  const effectiveDate = input.effectiveDate ?? today;
  if (effectiveDate < today) {
    throw new Invalid([{ path: 'effectiveDate', message: '生效日期不能早于今天' }]);
  }
  let published: CatalogVersion;
  try {
    published = await deps.catalogRepo.transaction(async (manager) => {
      const versions = await deps.catalogRepo.versions(regionCode, manager);
      const pending = await deps.catalogRepo.changes(regionCode, { pendingOnly: true }, manager);
      if (versions.length && !pending.length) throw conflict('没有待发布的修改');
      const version: CatalogVersion = {
        regionCode,
        version: (versions.at(-1)?.version ?? 0) + 1,
        effectiveDate,
        publishedAt: now.toISOString(),
        publishedBy: actor,
        note: input.note ?? null,
        sample: input.sample ?? false,
      };
      await deps.catalogRepo.publish(manager, version);
      return version;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('另一位编辑刚刚发布了该目录，请刷新后重试');
    throw error;
  }
  await deps.catalogStore.refresh();
  return published;
}

/** Throws the draft away: the region's layer goes back to its newest publication. */
export async function discardDraft(deps: CatalogEditDeps, regionCode: string): Promise<void> {
  assertRegion(deps, regionCode);
  await deps.catalogRepo.transaction(async (manager) => {
    const versions = await deps.catalogRepo.versions(regionCode, manager);
    await deps.catalogRepo.discardDraft(manager, regionCode, versions.at(-1)?.version ?? null);
  });
}

/** The draft's pending changes and the region's published versions. */
export async function draftOf(deps: CatalogEditDeps, regionCode: string) {
  assertRegion(deps, regionCode);
  return {
    regionCode,
    pending: await deps.catalogRepo.changes(regionCode, { pendingOnly: true }),
    versions: await deps.catalogRepo.versions(regionCode),
  };
}

/** Every recorded change of a region (or of one of its items), oldest first. */
export async function historyOf(deps: CatalogEditDeps, regionCode: string, itemKey?: string) {
  assertRegion(deps, regionCode);
  return { items: await deps.catalogRepo.changes(regionCode, { itemKey }) };
}
