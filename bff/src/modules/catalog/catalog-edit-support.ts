import type { CatalogChange, ItemColumn, ItemColumns } from '@hotline/shared-types';
import type { EntityManager } from 'typeorm';
import { Conflict, NotFound } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { CatalogRepository } from './catalog.repository';
import type { CatalogStore } from './catalog-store';
import type { ImportLimits } from './catalog-excel-thread';
import type { ResolvedRow } from './resolve';

/** Helpers shared by the catalog's editing services. What every editing function takes: */
export interface CatalogEditDeps {
  catalogRepo: CatalogRepository;
  catalogStore: CatalogStore;
  clock: Clock;
  ids: IdGenerator;
  /** How workbooks are read: limits from configuration, channel names from the city's vocabulary. */
  importing: { limits: ImportLimits; channelNames: Readonly<Record<string, readonly string[]>> };
}

export type Change = Omit<CatalogChange, 'id' | 'at' | 'actor' | 'version' | 'regionCode'>;

export const conflict = (message: string) => new Conflict('CONFLICT', message);

export function assertRegion(deps: CatalogEditDeps, regionCode: string): void {
  if (!deps.catalogStore.regions.byCode.has(regionCode)) throw new NotFound('找不到该地区');
}

export function assertArea(deps: CatalogEditDeps, areaCode: string): void {
  if (!deps.catalogStore.areaOrder.has(areaCode)) throw new NotFound('找不到该公开领域');
}

/** Why an area does not apply to the region's parent (so not to the region either), or undefined. */
export async function parentExclusion(
  deps: CatalogEditDeps,
  regionCode: string,
  areaCode: string,
): Promise<string | undefined> {
  const parent = deps.catalogStore.regions.byCode.get(regionCode)?.parent;
  if (!parent) return undefined;
  const snapshot = await deps.catalogStore.current();
  return snapshot.catalogs.get(parent.code)?.notApplicable.get(areaCode);
}

/** The parent's published row an inherited item comes from, or null (the root, or an item the parent lacks). */
export async function parentRow(deps: CatalogEditDeps, regionCode: string, key: string): Promise<ResolvedRow | null> {
  const parent = deps.catalogStore.regions.byCode.get(regionCode)?.parent;
  if (!parent) return null;
  const snapshot = await deps.catalogStore.current();
  const row = snapshot.catalogs.get(parent.code)?.byKey.get(key);
  return row && row.status !== 'removed' ? row : null;
}

export async function record(
  deps: CatalogEditDeps,
  manager: EntityManager,
  actor: string,
  regionCode: string,
  change: Change,
): Promise<void> {
  const at = deps.clock.now();
  await deps.catalogRepo.insertChanges(manager, [
    { ...change, id: deps.ids.next(at), regionCode, actor, at: at.toISOString(), version: null },
  ]);
}

export const diffOf = (before: Partial<ItemColumns>, after: Partial<ItemColumns>, columns: ItemColumn[]) =>
  Object.fromEntries(columns.map((c) => [c, { from: before[c] ?? null, to: after[c] ?? null }]));
