import type { ItemColumn, ItemColumns, ItemStatus, RegionRef } from '@hotline/shared-types';

/**
 * Inheritance, as a pure function: a region's resolved catalog is its parent's resolved catalog with the
 * region's own layer applied — items added here, columns adjusted here, items removed here, and whole areas
 * marked not applicable here. No I/O: the store and the tests feed it plain objects.
 */

/** An item as first defined in a region's layer (an "add" entry). */
export interface ItemDefinition {
  key: string;
  areaCode: string;
  sortOrder: number;
  columns: ItemColumns;
}

/** A region's own layer of one version (or of its draft). */
export interface RegionLayer {
  additions: ItemDefinition[];
  /** Changed columns only; every other column keeps following the parent. */
  adjustments: { key: string; columns: Partial<ItemColumns> }[];
  removals: { key: string; reason: string }[];
  notApplicable: { areaCode: string; reason: string }[];
}

export const emptyLayer = (): RegionLayer => ({ additions: [], adjustments: [], removals: [], notApplicable: [] });

/** One row of a region's resolved catalog. Rows that did not change share their `columns` object with the parent. */
export interface ResolvedRow {
  key: string;
  areaCode: string;
  sortOrder: number;
  columns: Readonly<ItemColumns>;
  status: ItemStatus;
  definedIn: RegionRef;
  /** Every region on the way down that adjusted columns, top first. */
  adjustments: readonly { region: RegionRef; columns: ItemColumn[] }[];
  removedReason: string | null;
}

export interface ResolvedCatalog {
  region: RegionRef;
  parent: RegionRef | null;
  /** Sorted by area (in the standard's order), then sort order, then key; removed rows included. */
  rows: ResolvedRow[];
  byKey: Map<string, ResolvedRow>;
  /** Areas not applicable here (including those inherited from above), with the reason. */
  notApplicable: Map<string, string>;
  /** Layer entries that point at items the parent no longer has (e.g. the city removed an item a county adjusted). */
  stale: string[];
}

function sortRows(rows: ResolvedRow[], areaOrder: ReadonlyMap<string, number>): void {
  const area = (code: string) => areaOrder.get(code) ?? Number.MAX_SAFE_INTEGER;
  rows.sort(
    (a, b) =>
      area(a.areaCode) - area(b.areaCode) || a.sortOrder - b.sortOrder || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/**
 * Resolves one region from its parent's resolved catalog (null for the root) and its own layer.
 * Rows removed in the parent are not inherited; the region's own removals stay as `removed` rows with a reason.
 */
export function resolveCatalog(
  region: RegionRef,
  parent: ResolvedCatalog | null,
  layer: RegionLayer,
  areaOrder: ReadonlyMap<string, number>,
): ResolvedCatalog {
  const notApplicable = new Map(parent?.notApplicable ?? []);
  for (const { areaCode, reason } of layer.notApplicable) notApplicable.set(areaCode, reason);
  const adjustments = new Map(layer.adjustments.map((a) => [a.key, a.columns]));
  const removals = new Map(layer.removals.map((r) => [r.key, r.reason]));
  const rows: ResolvedRow[] = [];
  const used = new Set<string>();

  for (const inherited of parent?.rows ?? []) {
    if (inherited.status === 'removed') continue;
    const areaReason = notApplicable.get(inherited.areaCode);
    const removedReason = removals.get(inherited.key) ?? areaReason ?? null;
    const changed = adjustments.get(inherited.key);
    if (removals.has(inherited.key)) used.add(inherited.key);
    if (changed) used.add(inherited.key);
    const columns = changed && !removedReason ? { ...inherited.columns, ...changed } : inherited.columns;
    const adjusted = changed && !removedReason ? Object.keys(changed) : [];
    rows.push({
      key: inherited.key,
      areaCode: inherited.areaCode,
      sortOrder: inherited.sortOrder,
      columns,
      status: removedReason ? 'removed' : adjusted.length ? 'adjusted' : 'inherited',
      definedIn: inherited.definedIn,
      adjustments: adjusted.length
        ? [...inherited.adjustments, { region, columns: adjusted as ItemColumn[] }]
        : inherited.adjustments,
      removedReason,
    });
  }
  for (const added of layer.additions) {
    const areaReason = notApplicable.get(added.areaCode) ?? null;
    rows.push({
      key: added.key,
      areaCode: added.areaCode,
      sortOrder: added.sortOrder,
      columns: added.columns,
      status: areaReason ? 'removed' : 'added',
      definedIn: region,
      adjustments: [],
      removedReason: areaReason,
    });
  }
  sortRows(rows, areaOrder);
  const stale = [...adjustments.keys(), ...removals.keys()].filter((key) => !used.has(key));
  return {
    region,
    parent: parent?.region ?? null,
    rows,
    byKey: new Map(rows.map((r) => [r.key, r])),
    notApplicable,
    stale,
  };
}

export interface RegionTreeNode {
  code: string;
  name: string;
  children: RegionTreeNode[];
}

/** Resolves every region of a tree top-down; a region without a layer inherits its parent's catalog as it is. */
export function resolveTree(
  root: RegionTreeNode,
  layers: ReadonlyMap<string, RegionLayer>,
  areaOrder: ReadonlyMap<string, number>,
): Map<string, ResolvedCatalog> {
  const out = new Map<string, ResolvedCatalog>();
  const walk = (node: RegionTreeNode, parent: ResolvedCatalog | null): void => {
    const resolved = resolveCatalog(
      { code: node.code, name: node.name },
      parent,
      layers.get(node.code) ?? emptyLayer(),
      areaOrder,
    );
    out.set(node.code, resolved);
    node.children.forEach((child) => walk(child, resolved));
  };
  walk(root, null);
  return out;
}

/** Which of a row's columns differ from another set of columns (arrays compared by content). */
export function changedColumns(before: Readonly<ItemColumns>, after: Partial<ItemColumns>): ItemColumn[] {
  return (Object.keys(after) as ItemColumn[]).filter(
    (column) => JSON.stringify(before[column]) !== JSON.stringify(after[column]),
  );
}

/** A row of a region's full catalog as someone wrote it down, e.g. a county's own spreadsheet. */
export interface FullCatalogRow {
  /** The key of the parent's item this row is, when known; rows without one are the region's own. */
  key?: string | undefined;
  areaCode: string;
  columns: ItemColumns;
}

/**
 * The inverse of `resolveCatalog`: the layer that turns the parent's catalog into a region's full catalog.
 * Rows with a parent key become adjustments holding only the columns that differ (none: plain inheritance),
 * rows without one become additions (keyed by `newKey`), and parent items missing from the rows become
 * removals with `missingReason`. Resolving the result against the same parent gives the rows back.
 */
export function deriveLayer(
  parent: ResolvedCatalog,
  rows: readonly FullCatalogRow[],
  options: { newKey: (index: number) => string; missingReason: string; firstSortOrder?: number },
): RegionLayer {
  const layer = emptyLayer();
  const present = new Set<string>();
  let added = 0;
  for (const row of rows) {
    const inherited = row.key === undefined ? undefined : parent.byKey.get(row.key);
    if (inherited && inherited.status !== 'removed') {
      present.add(inherited.key);
      const differing = changedColumns(inherited.columns, row.columns);
      if (differing.length) {
        layer.adjustments.push({
          key: inherited.key,
          columns: Object.fromEntries(differing.map((c) => [c, row.columns[c]])) as Partial<ItemColumns>,
        });
      }
      continue;
    }
    added += 1;
    layer.additions.push({
      key: options.newKey(added),
      areaCode: row.areaCode,
      sortOrder: (options.firstSortOrder ?? 100_000) + added,
      columns: row.columns,
    });
  }
  for (const row of parent.rows) {
    if (row.status !== 'removed' && !present.has(row.key)) {
      layer.removals.push({ key: row.key, reason: options.missingReason });
    }
  }
  return layer;
}
