import type { CatalogImportArea, CatalogImportReport, ImportProblem, ItemColumns } from '@hotline/shared-types';
import { DRAFT, layerOf } from './catalog.repository';
import { assertRegion, type CatalogEditDeps } from './catalog-edit-support';
import { nextItemKeys, previewDraft, replaceDraft } from './catalog-drafts.service';
import type { ImportProgress, ReadWorkbook } from './catalog-excel-read';
import { readWorkbookOffThread } from './catalog-excel-thread';
import { catalogWorkbook, importTemplate } from './catalog-excel';
import {
  changedColumns,
  deriveLayer,
  emptyLayer,
  resolveCatalog,
  type ItemDefinition,
  type RegionLayer,
  type ResolvedCatalog,
  type ResolvedRow,
} from './resolve';

/**
 * Excel export and import of a region's catalog. An import reads the areas the file covers and works out their
 * layer against the parent's published catalog (`deriveLayer`): rows carrying a parent item's key inherit or
 * adjust it, rows without a key are additions, parent items of a covered area the file lacks are removed.
 * All or nothing: any rejected row and the draft stays as it was; every rejected row is reported.
 */

/** Parent items a sheet leaves out are removed with this reason unless the removed-items sheet gives one. */
export const MISSING_REASON = '本地区目录未列入该事项';

export async function exportCatalog(
  deps: CatalogEditDeps,
  regionCode: string,
  source: 'published' | 'draft',
): Promise<Buffer> {
  assertRegion(deps, regionCode);
  const catalog =
    source === 'draft'
      ? await previewDraft(deps, regionCode)
      : (await deps.catalogStore.current()).catalogs.get(regionCode);
  return catalogWorkbook(catalog!, deps.catalogStore.areas);
}

/** The empty workbook editors fill in: every area of the standard, no rows. */
export function catalogTemplate(deps: CatalogEditDeps): Promise<Buffer> {
  const root = deps.catalogStore.regions.root;
  const empty = resolveCatalog({ code: root.code, name: root.name }, null, emptyLayer(), deps.catalogStore.areaOrder);
  return importTemplate(empty, deps.catalogStore.areas);
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * A sheet lists channels and levels in the layout's order; where they are the same set as before, the stored
 * order is kept, so reading a sheet back does not count as a change.
 */
function withOrderOf<R extends { columns: ItemColumns }>(row: R, before: Readonly<ItemColumns> | undefined): R {
  if (!before) return row;
  const columns = { ...row.columns };
  if (sameSet(columns.channels, before.channels)) columns.channels = before.channels;
  if (sameSet(columns.levels, before.levels)) columns.levels = before.levels;
  return { ...row, columns };
}

interface Plan {
  layer: RegionLayer;
  problems: ImportProblem[];
}

/** Checks the rows read against the parent and the region's own items, and builds the layer they amount to. */
function planLayer(
  deps: CatalogEditDeps,
  read: ReadWorkbook,
  parent: ResolvedCatalog,
  regionCode: string,
  own: ReadonlyMap<string, ItemDefinition>,
  newKeys: readonly string[],
): Plan {
  // A key with the region's own code is one of its own items, kept under its key even when the draft lost it.
  const isOwn = (key: string | undefined) => key !== undefined && (own.has(key) || key.startsWith(`${regionCode}.`));
  const problems: ImportProblem[] = [];
  const problem = (at: { sheet: string; row: number }, column: string | null, message: string) =>
    problems.push({ sheet: at.sheet, row: at.row, column, message });
  const areaName = new Map(deps.catalogStore.areas.map((a) => [a.code, a.name]));
  const excluded = new Map(read.notApplicable.map((x) => [x.areaCode, x.reason]));
  const seen = new Map<string, string>();
  const rememberKey = (at: { sheet: string; row: number }, key: string) => {
    const before = seen.get(key);
    if (before) problem(at, '事项编号', `事项编号“${key}”重复（已出现在${before}）`);
    seen.set(key, `${at.sheet}第${at.row}行`);
  };
  for (const row of read.rows) {
    const parentReason = parent.notApplicable.get(row.areaCode);
    if (parentReason) problem(row, null, `该领域在上级目录中不适用（${parentReason}），不能有事项`);
    else if (excluded.has(row.areaCode)) problem(row, null, `该领域已列在“未涉及领域”中，不能再有事项`);
    if (row.key === undefined) continue;
    rememberKey(row, row.key);
    const inherited = parent.byKey.get(row.key);
    const areaCode = isOwn(row.key)
      ? (own.get(row.key)?.areaCode ?? row.areaCode)
      : inherited?.status === 'removed'
        ? undefined
        : inherited?.areaCode;
    if (areaCode === undefined) problem(row, '事项编号', `上级目录和本地区目录中都没有事项编号“${row.key}”`);
    else if (areaCode !== row.areaCode)
      problem(row, '事项编号', `事项“${row.key}”属于“${areaName.get(areaCode) ?? areaCode}”领域，不能放在本工作表`);
  }
  for (const removal of read.removals) {
    rememberKey(removal, removal.key);
    const inherited = parent.byKey.get(removal.key);
    if (!inherited || inherited.status === 'removed')
      problem(removal, '事项编号', `上级目录中没有事项编号“${removal.key}”，不能标为不适用`);
  }
  if (problems.length) return { layer: emptyLayer(), problems };

  // New items go after everything the region already lists, as `addItem` places them.
  let sortOrder = [...parent.rows, ...own.values()].reduce((max, r) => Math.max(max, r.sortOrder), 100_000);
  const ownAdditions: ItemDefinition[] = read.rows
    .filter((r) => isOwn(r.key))
    .map((r) => ({
      key: r.key!,
      areaCode: r.areaCode,
      sortOrder: own.get(r.key!)?.sortOrder ?? (sortOrder += 1),
      columns: withOrderOf(r, own.get(r.key!)?.columns).columns,
    }));
  const derived = deriveLayer(
    parent,
    read.rows.filter((r) => !isOwn(r.key)).map((r) => withOrderOf(r, parent.byKey.get(r.key ?? '')?.columns)),
    { newKey: (i) => newKeys[i - 1] ?? '', missingReason: MISSING_REASON, firstSortOrder: sortOrder },
  );
  const reasons = new Map(read.removals.map((r) => [r.key, r.reason]));
  const notApplicable = read.notApplicable
    .filter((x) => parent.notApplicable.get(x.areaCode) !== x.reason)
    .map(({ areaCode, reason }) => ({ areaCode, reason }));
  return {
    problems,
    layer: {
      additions: [...ownAdditions, ...derived.additions],
      adjustments: derived.adjustments,
      // Items of an area not applicable here need no removal of their own: the area's reason shows.
      removals: derived.removals
        .filter((r) => reasons.has(r.key) || !excluded.has(parent.byKey.get(r.key)?.areaCode ?? ''))
        .map((r) => ({ key: r.key, reason: reasons.get(r.key) ?? r.reason })),
      notApplicable,
    },
  };
}

type Scope = 'areas' | 'region';

/** The areas a file speaks about: those with rows, those it marks not applicable, those of the items it removes. */
function coveredAreas(read: ReadWorkbook, parent: ResolvedCatalog): Set<string> {
  return new Set([
    ...read.rows.map((r) => r.areaCode),
    ...read.notApplicable.map((x) => x.areaCode),
    ...read.removals.map((r) => parent.byKey.get(r.key)?.areaCode ?? ''),
  ]);
}

/**
 * The file's layer for the areas it covers, the current draft's for every other area: a file of three areas
 * leaves the other twenty-three as they are.
 */
function withinAreas(
  file: RegionLayer,
  current: RegionLayer,
  covered: Set<string>,
  parent: ResolvedCatalog,
): RegionLayer {
  const areaOf = (key: string) => parent.byKey.get(key)?.areaCode ?? '';
  const fromFile = (area: string) => covered.has(area);
  return {
    additions: [
      ...file.additions.filter((a) => fromFile(a.areaCode)),
      ...current.additions.filter((a) => !fromFile(a.areaCode) && !file.additions.some((f) => f.key === a.key)),
    ],
    adjustments: [
      ...file.adjustments.filter((a) => fromFile(areaOf(a.key))),
      ...current.adjustments.filter((a) => !fromFile(areaOf(a.key))),
    ],
    removals: [
      ...file.removals.filter((r) => fromFile(areaOf(r.key))),
      ...current.removals.filter((r) => !fromFile(areaOf(r.key))),
    ],
    notApplicable: [
      ...file.notApplicable.filter((x) => fromFile(x.areaCode)),
      ...current.notApplicable.filter((x) => !fromFile(x.areaCode)),
    ],
  };
}

/** Per area, what a catalog would list after the import against what its draft lists now. */
function areaChanges(
  deps: CatalogEditDeps,
  before: ResolvedCatalog,
  after: ResolvedCatalog,
  shown: (areaCode: string) => boolean,
): CatalogImportArea[] {
  const active = (c: ResolvedCatalog, area: string) =>
    new Map(c.rows.filter((r) => r.areaCode === area && r.status !== 'removed').map((r) => [r.key, r]));
  const ref = (r: ResolvedRow) => ({ key: r.key, level1: r.columns.level1, level2: r.columns.level2 });
  const out: CatalogImportArea[] = [];
  for (const area of deps.catalogStore.areas) {
    const was = active(before, area.code);
    const now = active(after, area.code);
    const entry: CatalogImportArea = {
      areaCode: area.code,
      name: area.name,
      items: now.size,
      added: [...now.values()].filter((r) => !was.has(r.key)).map(ref),
      removed: [...was.values()].filter((r) => !now.has(r.key)).map(ref),
      changed: [...now.values()].flatMap((r) => {
        const old = was.get(r.key);
        const columns = old ? changedColumns(old.columns, r.columns) : [];
        return columns.length ? [{ ...ref(r), columns }] : [];
      }),
    };
    if (shown(area.code) || entry.added.length || entry.removed.length || entry.changed.length) out.push(entry);
  }
  return out;
}

/**
 * Imports a workbook into a region's draft (or only checks it, `dryRun`): by default only the areas the file
 * covers are replaced; `scope: 'region'` takes the file as the region's whole catalog.
 */
export async function importCatalog(
  deps: CatalogEditDeps,
  actor: string,
  regionCode: string,
  file: Buffer,
  options: { dryRun: boolean; scope?: Scope; progress?: ImportProgress },
): Promise<CatalogImportReport> {
  assertRegion(deps, regionCode);
  const scope = options.scope ?? 'areas';
  const { node, parent } = deps.catalogStore.regions.byCode.get(regionCode)!;
  const read = await readWorkbookOffThread(
    file,
    { areas: deps.catalogStore.areas, channelNames: deps.importing.channelNames },
    deps.importing.limits,
    options.progress,
  );
  const report: CatalogImportReport = {
    regionCode,
    dryRun: options.dryRun,
    imported: false,
    rows: read.rows.length,
    scope,
    problems: read.problems,
    warnings: read.warnings,
    skipped: read.skipped,
    byArea: [],
    layer: null,
    draft: null,
  };
  if (read.problems.length) return report;
  const snapshot = await deps.catalogStore.current();
  const parentCatalog =
    (parent && snapshot.catalogs.get(parent.code)) ||
    resolveCatalog({ code: node.code, name: node.name }, null, emptyLayer(), deps.catalogStore.areaOrder);
  const [entries, exclusions] = await Promise.all([
    deps.catalogRepo.entries(regionCode, DRAFT),
    deps.catalogRepo.exclusions(regionCode, DRAFT),
  ]);
  const own = new Map(
    entries
      .filter((e) => e.kind === 'add' && e.columns)
      .map((e) => [
        e.itemKey,
        { key: e.itemKey, areaCode: e.areaCode, sortOrder: e.sortOrder, columns: e.columns as ItemColumns },
      ]),
  );
  // New keys follow every serial already used, in the database or by the file's own rows.
  const fileSerials = read.rows
    .filter((r) => r.key?.startsWith(`${regionCode}.`))
    .map((r) => Number(r.key!.split('.')[1]));
  const [first] = await nextItemKeys(deps, regionCode, 1);
  const start = Math.max(Number(first!.split('.')[1]), ...fileSerials.map((n) => n + 1));
  const newKeys = read.rows
    .filter((r) => r.key === undefined)
    .map((_, i) => `${regionCode}.${String(start + i).padStart(4, '0')}`);
  const plan = planLayer(deps, read, parentCatalog, regionCode, own, newKeys);
  report.problems = plan.problems;
  if (plan.problems.length) return report;
  const covered = coveredAreas(read, parentCatalog);
  const current = layerOf(entries, exclusions);
  const layer = scope === 'region' ? plan.layer : withinAreas(plan.layer, current, covered, parentCatalog);
  const region = { code: node.code, name: node.name };
  const areaOrder = deps.catalogStore.areaOrder;
  report.byArea = areaChanges(
    deps,
    resolveCatalog(region, parentCatalog, current, areaOrder),
    resolveCatalog(region, parentCatalog, layer, areaOrder),
    (area) => scope === 'region' || covered.has(area),
  );
  report.layer = {
    added: layer.additions.length,
    adjusted: layer.adjustments.length,
    removed: layer.removals.length,
    notApplicable: layer.notApplicable.length,
  };
  if (options.dryRun) return report;
  report.draft = await replaceDraft(deps, actor, regionCode, layer);
  report.imported = true;
  return report;
}
