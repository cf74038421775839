import {
  originSummary,
  type CatalogItem,
  type CatalogItemWithDocuments,
  type CatalogItemPage,
  type CatalogItemSummary,
  type CatalogRegionNode,
  type CatalogSearchQuery,
  type CatalogSearchResult,
  type RegionRef,
} from '@hotline/shared-types';
import type { RegionNode } from '@hotline/config';
import { NotFound } from '../../lib/errors';
import type { CatalogSnapshot, CatalogStore } from './catalog-store';
import type { ResolvedCatalog, ResolvedRow } from './resolve';

/**
 * What citizens read from the catalog: published versions only, from the in-memory snapshot (no database
 * access per request beyond the store's generation check).
 */

const regionNotFound = () => new NotFound('找不到该地区');
const areaNotFound = () => new NotFound('找不到该公开领域');
const itemNotFound = () => new NotFound('该地区没有这个公开事项');

/** A resolved row in the shape of the contract. */
export function catalogItemOf(row: ResolvedRow, here: RegionRef): CatalogItem {
  const origin = {
    status: row.status,
    definedIn: row.definedIn,
    adjustments: row.adjustments.map((a) => ({ region: a.region, columns: [...a.columns] })),
    removedReason: row.removedReason,
  };
  return {
    key: row.key,
    areaCode: row.areaCode,
    ...row.columns,
    origin: { ...origin, summary: originSummary(origin, here) },
  };
}

/** A resolved row as a line of an items list. */
export function catalogItemSummaryOf(row: ResolvedRow, here: RegionRef): CatalogItemSummary {
  const { level1, level2, level3, deadline, body, mode } = row.columns;
  return {
    key: row.key,
    areaCode: row.areaCode,
    level1,
    level2,
    level3,
    deadline,
    body,
    mode,
    status: row.status,
    origin: originSummary(row, here),
    removedReason: row.removedReason,
  };
}

/**
 * Answers are immutable per snapshot (their keys start with its generation and date), so the popular ones are
 * kept in bounded maps, emptied when full: no eviction bookkeeping on the hot path.
 */
const CACHE_ENTRIES = 2000;

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(key, value);
}

function regionTree(node: RegionNode): CatalogRegionNode {
  return { code: node.code, name: node.name, level: node.level, children: node.children.map(regionTree) };
}

export class CatalogQueries {
  private readonly tree: CatalogRegionNode;
  /** Item rows of a region and area, active ones and removed ones, per snapshot. */
  private grouped = new WeakMap<ResolvedCatalog, Map<string, { active: ResolvedRow[]; removed: ResolvedRow[] }>>();

  private readonly pages = new Map<string, CatalogItemPage>();
  private readonly searches = new Map<string, CatalogSearchResult>();
  private readonly details = new Map<string, CatalogItemWithDocuments>();

  constructor(private readonly store: CatalogStore) {
    this.tree = regionTree(store.regions.root);
  }

  regions(): { root: CatalogRegionNode } {
    return { root: this.tree };
  }

  private async catalog(regionCode: string): Promise<{ snapshot: CatalogSnapshot; catalog: ResolvedCatalog }> {
    const snapshot = await this.store.current();
    const catalog = snapshot.catalogs.get(regionCode);
    if (!catalog) throw regionNotFound();
    return { snapshot, catalog };
  }

  private meta(snapshot: CatalogSnapshot, catalog: ResolvedCatalog) {
    const version = snapshot.versions.get(catalog.region.code);
    return {
      region: catalog.region,
      version: version?.version ?? 0,
      effectiveDate: version?.effectiveDate ?? null,
      sample: snapshot.sample,
    };
  }

  private groups(catalog: ResolvedCatalog) {
    let groups = this.grouped.get(catalog);
    if (!groups) {
      groups = new Map(this.store.areas.map((a) => [a.code, { active: [], removed: [] }]));
      for (const row of catalog.rows) {
        groups.get(row.areaCode)?.[row.status === 'removed' ? 'removed' : 'active'].push(row);
      }
      this.grouped.set(catalog, groups);
    }
    return groups;
  }

  private areaSummary(catalog: ResolvedCatalog, code: string) {
    const area = this.store.areas.find((a) => a.code === code);
    if (!area) throw areaNotFound();
    const group = this.groups(catalog).get(code);
    const reason = catalog.notApplicable.get(code) ?? null;
    return {
      ...area,
      itemCount: group?.active.length ?? 0,
      removedCount: group?.removed.length ?? 0,
      applicable: reason === null,
      notApplicableReason: reason,
    };
  }

  async areas(regionCode: string) {
    const { snapshot, catalog } = await this.catalog(regionCode);
    return {
      ...this.meta(snapshot, catalog),
      areas: this.store.areas.map((a) => this.areaSummary(catalog, a.code)),
    };
  }

  async items(
    regionCode: string,
    areaCode: string,
    query: { page: number; pageSize: number; show: 'active' | 'removed' | 'all' },
  ): Promise<CatalogItemPage> {
    const { snapshot, catalog } = await this.catalog(regionCode);
    const cacheKey = `${snapshot.generation}|${snapshot.date}|${regionCode}|${areaCode}|${query.show}|${query.page}|${query.pageSize}`;
    const cached = this.pages.get(cacheKey);
    if (cached) return cached;
    const area = this.areaSummary(catalog, areaCode);
    const group = this.groups(catalog).get(areaCode) ?? { active: [], removed: [] };
    const rows =
      query.show === 'active'
        ? group.active
        : query.show === 'removed'
          ? group.removed
          : [...group.active, ...group.removed];
    const from = (query.page - 1) * query.pageSize;
    const page = {
      ...this.meta(snapshot, catalog),
      area,
      page: query.page,
      pageSize: query.pageSize,
      total: rows.length,
      items: rows.slice(from, from + query.pageSize).map((row) => catalogItemSummaryOf(row, catalog.region)),
    };
    remember(this.pages, cacheKey, page);
    return page;
  }

  async item(regionCode: string, key: string): Promise<CatalogItemWithDocuments> {
    const { snapshot, catalog } = await this.catalog(regionCode);
    const cacheKey = `${snapshot.generation}|${snapshot.documentsGeneration}|${snapshot.date}|${regionCode}|${key}`;
    const cached = this.details.get(cacheKey);
    if (cached) return cached;
    const row = catalog.byKey.get(key);
    if (!row) throw itemNotFound();
    const area = this.store.areas.find((a) => a.code === row.areaCode);
    const detail = {
      ...this.meta(snapshot, catalog),
      item: catalogItemOf(row, catalog.region),
      area: { code: row.areaCode, name: area?.name ?? row.areaCode },
      documents: snapshot.documents.get(`${regionCode} ${key}`) ?? [],
    };
    remember(this.details, cacheKey, detail);
    return detail;
  }

  /** What a region changed against its parent: its additions, adjustments, removals and areas not applicable. */
  async diff(regionCode: string) {
    const { snapshot, catalog } = await this.catalog(regionCode);
    const parent = catalog.parent ? snapshot.catalogs.get(catalog.parent.code) : undefined;
    const here = catalog.region;
    const adjustedHere = (row: ResolvedRow) => row.adjustments.at(-1)?.region.code === here.code;
    const of = (predicate: (row: ResolvedRow) => boolean) =>
      catalog.rows.filter(predicate).map((row) => catalogItemOf(row, here));
    return {
      ...this.meta(snapshot, catalog),
      parent: catalog.parent,
      added: of((r) => r.status === 'added'),
      adjusted: of((r) => r.status === 'adjusted' && adjustedHere(r)),
      // Items gone with a whole area are summarised by notApplicableAreas instead.
      removed: of((r) => r.status === 'removed' && !catalog.notApplicable.has(r.areaCode)),
      notApplicableAreas: [...catalog.notApplicable]
        .filter(([code]) => !parent?.notApplicable.has(code))
        .map(([code, reason]) => ({ code, name: this.store.areas.find((a) => a.code === code)?.name ?? code, reason })),
    };
  }

  async search(query: CatalogSearchQuery): Promise<CatalogSearchResult> {
    const snapshot = await this.store.current();
    const cacheKey = `${snapshot.generation}|${snapshot.date}|${JSON.stringify(query)}`;
    const cached = this.searches.get(cacheKey);
    if (cached) return cached;
    const result = this.runSearch(snapshot, query);
    remember(this.searches, cacheKey, result);
    return result;
  }

  private runSearch(snapshot: CatalogSnapshot, query: CatalogSearchQuery): CatalogSearchResult {
    const found = snapshot.index.search(
      query.q,
      { region: query.region, area: query.area, level: query.level, mode: query.mode, channels: query.channel },
      { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
    );
    if (!found) throw regionNotFound();
    const region = query.region === undefined ? null : snapshot.catalogs.get(query.region)!.region;
    const wholeCity = region
      ? snapshot.index.search(
          query.q,
          { ...query, region: undefined, channels: query.channel },
          { offset: 0, limit: 0 },
        )
      : null;
    return {
      page: query.page,
      pageSize: query.pageSize,
      total: found.total,
      sample: snapshot.sample,
      scope: { region, wholeCityTotal: wholeCity?.total ?? null },
      understood: snapshot.index.understand(query.q).map(({ text, alternatives, common }) => ({
        text,
        alternatives,
        common,
      })),
      hits: found.hits.map((hit) => ({
        region: hit.region,
        key: hit.row.key,
        areaCode: hit.area.code,
        areaName: hit.area.name,
        name: hit.name,
        snippet: hit.snippet,
        mode: hit.row.columns.mode,
        status: hit.row.status === 'removed' ? 'inherited' : hit.row.status,
      })),
    };
  }

  async suggest(input: { text: string; region?: string | undefined; limit: number }) {
    const snapshot = await this.store.current();
    const found = snapshot.index.suggest(input.text, input.region, input.limit);
    if (!found) throw regionNotFound();
    return {
      sample: snapshot.sample,
      items: found.map((s) => ({
        region: s.region,
        key: s.row.key,
        areaCode: s.area.code,
        areaName: s.area.name,
        name: s.name,
        score: s.score,
      })),
    };
  }
}
