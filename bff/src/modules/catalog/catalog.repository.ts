import type { CatalogChange, CatalogVersion, ItemColumns } from '@hotline/shared-types';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, insertStatement, readDate, sqlBool, sqlDate, withDeadlockRetry } from '../../db/sql';
import { emptyLayer, type RegionLayer } from './resolve';

/**
 * Data access of the catalog, in plain SQL returning plain objects. Version 0 of a region's entries is its
 * working draft; versions 1, 2, … are publications, never changed once written.
 */

export const DRAFT = 0;

/** One entry of a region's layer as stored. */
export interface EntryRecord {
  regionCode: string;
  version: number;
  itemKey: string;
  kind: 'add' | 'adjust' | 'remove';
  areaCode: string;
  columns: Partial<ItemColumns> | null;
  reason: string | null;
  sortOrder: number;
}

export interface ExclusionRecord {
  regionCode: string;
  version: number;
  areaCode: string;
  reason: string;
}

export type ChangeRecord = CatalogChange;
export type VersionRecord = CatalogVersion;

type Row = Record<string, unknown>;

const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

function entryOf(r: Row): EntryRecord {
  return {
    regionCode: String(r.region_code),
    version: Number(r.version),
    itemKey: String(r.item_key),
    kind: r.kind as EntryRecord['kind'],
    areaCode: String(r.area_code),
    columns: r.columns === null || r.columns === undefined ? null : parseJson(r.columns),
    reason: r.reason === null || r.reason === undefined ? null : String(r.reason),
    sortOrder: Number(r.sort_order),
  };
}

function versionOf(r: Row): VersionRecord {
  return {
    regionCode: String(r.region_code),
    version: Number(r.version),
    effectiveDate: String(r.effective_date),
    publishedAt: readDate(r.published_at).toISOString(),
    publishedBy: String(r.published_by),
    note: r.note === null || r.note === undefined ? null : String(r.note),
    sample: Boolean(Number(r.sample)),
  };
}

function changeOf(r: Row): ChangeRecord {
  return {
    id: String(r.id),
    regionCode: String(r.region_code),
    itemKey: r.item_key === null ? null : String(r.item_key),
    areaCode: r.area_code === null ? null : String(r.area_code),
    action: r.action as ChangeRecord['action'],
    changes: parseJson(r.changes),
    reason: r.reason === null ? null : String(r.reason),
    actor: String(r.actor),
    at: readDate(r.at).toISOString(),
    version: r.version === null ? null : Number(r.version),
  };
}

/** The layer a set of stored entries and exclusions describe. */
export function layerOf(entries: readonly EntryRecord[], exclusions: readonly ExclusionRecord[]): RegionLayer {
  const layer = emptyLayer();
  for (const e of entries) {
    if (e.kind === 'add') {
      layer.additions.push({
        key: e.itemKey,
        areaCode: e.areaCode,
        sortOrder: e.sortOrder,
        columns: e.columns as ItemColumns,
      });
    } else if (e.kind === 'adjust') layer.adjustments.push({ key: e.itemKey, columns: e.columns ?? {} });
    else layer.removals.push({ key: e.itemKey, reason: e.reason ?? '' });
  }
  layer.notApplicable = exclusions.map((x) => ({ areaCode: x.areaCode, reason: x.reason }));
  return layer;
}

const GENERATION = 'catalog';
/** Moves when documents are linked or unlinked: citizens' item pages read them from the store, not per request. */
export const DOCUMENTS_GENERATION = 'documents';

/** Moves a generation counter (creating it at 1), in the caller's transaction. */
export async function bumpGeneration(manager: EntityManager, at: Date, name = GENERATION): Promise<void> {
  const changed = await execute(
    manager,
    'UPDATE catalog_generation SET generation = generation + 1, updated_at = ? WHERE name = ?',
    [sqlDate(at), name],
  );
  if (changed === 0) {
    await manager.query(...insertStatement('catalog_generation', { name, generation: 1, updated_at: sqlDate(at) }));
  }
}
const CHUNK = 200;

export class CatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withDeadlockRetry(() => this.dataSource.transaction(work));
  }

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** The catalog's generation number and its documents'; 0 before anything was ever published or linked. */
  async generations(): Promise<{ catalog: number; documents: number }> {
    const rows: Row[] = await this.dataSource.query(
      'SELECT name, generation FROM catalog_generation WHERE name IN (?, ?)',
      [GENERATION, DOCUMENTS_GENERATION],
    );
    const of = (name: string) => Number(rows.find((r) => r.name === name)?.generation ?? 0);
    return { catalog: of(GENERATION), documents: of(DOCUMENTS_GENERATION) };
  }

  async generation(): Promise<number> {
    return (await this.generations()).catalog;
  }

  bumpGeneration(manager: EntityManager, at: Date): Promise<void> {
    return bumpGeneration(manager, at);
  }

  /** Per region, the newest version in effect on `date` (YYYY-MM-DD). */
  async versionsInEffect(date: string): Promise<Map<string, VersionRecord>> {
    const rows: Row[] = await this.dataSource.query(
      'SELECT * FROM catalog_versions WHERE effective_date <= ? ORDER BY region_code, version',
      [date],
    );
    return new Map(rows.map(versionOf).map((v) => [v.regionCode, v]));
  }

  async versions(regionCode: string, manager?: EntityManager): Promise<VersionRecord[]> {
    const rows: Row[] = await this.m(manager).query(
      'SELECT * FROM catalog_versions WHERE region_code = ? ORDER BY version',
      [regionCode],
    );
    return rows.map(versionOf);
  }

  /** The layers of the given (region, version) pairs, by region. */
  async layers(pairs: readonly { regionCode: string; version: number }[]): Promise<Map<string, RegionLayer>> {
    const out = new Map<string, RegionLayer>();
    for (let i = 0; i < pairs.length; i += 50) {
      const chunk = pairs.slice(i, i + 50);
      const where = chunk.map(() => '(region_code = ? AND version = ?)').join(' OR ');
      const params = chunk.flatMap((p) => [p.regionCode, p.version]);
      const entries: Row[] = await this.dataSource.query(`SELECT * FROM catalog_entries WHERE ${where}`, params);
      const exclusions: Row[] = await this.dataSource.query(
        `SELECT * FROM catalog_area_exclusions WHERE ${where}`,
        params,
      );
      for (const p of chunk) out.set(p.regionCode, emptyLayer());
      const byRegion = new Map<string, { e: EntryRecord[]; x: ExclusionRecord[] }>();
      const slot = (code: string) => byRegion.get(code) ?? byRegion.set(code, { e: [], x: [] }).get(code)!;
      for (const r of entries) slot(String(r.region_code)).e.push(entryOf(r));
      for (const r of exclusions) slot(String(r.region_code)).x.push(this.exclusionOf(r));
      for (const [code, { e, x }] of byRegion) out.set(code, layerOf(e, x));
    }
    return out;
  }

  private exclusionOf(r: Row): ExclusionRecord {
    return {
      regionCode: String(r.region_code),
      version: Number(r.version),
      areaCode: String(r.area_code),
      reason: String(r.reason),
    };
  }

  async entries(regionCode: string, version: number, manager?: EntityManager): Promise<EntryRecord[]> {
    const rows: Row[] = await this.m(manager).query(
      'SELECT * FROM catalog_entries WHERE region_code = ? AND version = ? ORDER BY sort_order, item_key',
      [regionCode, version],
    );
    return rows.map(entryOf);
  }

  async entry(regionCode: string, itemKey: string, manager?: EntityManager): Promise<EntryRecord | null> {
    const rows: Row[] = await this.m(manager).query(
      'SELECT * FROM catalog_entries WHERE region_code = ? AND version = ? AND item_key = ?',
      [regionCode, DRAFT, itemKey],
    );
    return rows[0] ? entryOf(rows[0]) : null;
  }

  async exclusions(regionCode: string, version: number, manager?: EntityManager): Promise<ExclusionRecord[]> {
    const rows: Row[] = await this.m(manager).query(
      'SELECT * FROM catalog_area_exclusions WHERE region_code = ? AND version = ?',
      [regionCode, version],
    );
    return rows.map((r) => this.exclusionOf(r));
  }

  /** Writes one draft entry, replacing the one for the same item if any. */
  async putDraftEntry(manager: EntityManager, entry: Omit<EntryRecord, 'version'>): Promise<void> {
    await this.deleteDraftEntry(manager, entry.regionCode, entry.itemKey);
    await this.insertEntries(manager, [{ ...entry, version: DRAFT }]);
  }

  async deleteDraftEntry(manager: EntityManager, regionCode: string, itemKey: string): Promise<void> {
    await manager.query('DELETE FROM catalog_entries WHERE region_code = ? AND version = ? AND item_key = ?', [
      regionCode,
      DRAFT,
      itemKey,
    ]);
  }

  async insertEntries(manager: EntityManager, entries: readonly EntryRecord[]): Promise<void> {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      await manager.query(
        `INSERT INTO catalog_entries (region_code, version, item_key, kind, area_code, columns, reason, sort_order) VALUES ${values}`,
        chunk.flatMap((e) => [
          e.regionCode,
          e.version,
          e.itemKey,
          e.kind,
          e.areaCode,
          e.columns === null ? null : JSON.stringify(e.columns),
          e.reason,
          e.sortOrder,
        ]),
      );
    }
  }

  async putDraftExclusion(manager: EntityManager, x: Omit<ExclusionRecord, 'version'>): Promise<void> {
    await this.deleteDraftExclusion(manager, x.regionCode, x.areaCode);
    await this.insertExclusions(manager, [{ ...x, version: DRAFT }]);
  }

  async deleteDraftExclusion(manager: EntityManager, regionCode: string, areaCode: string): Promise<void> {
    await manager.query('DELETE FROM catalog_area_exclusions WHERE region_code = ? AND version = ? AND area_code = ?', [
      regionCode,
      DRAFT,
      areaCode,
    ]);
  }

  async insertExclusions(manager: EntityManager, rows: readonly ExclusionRecord[]): Promise<void> {
    for (const x of rows) {
      await manager.query(
        ...insertStatement('catalog_area_exclusions', {
          region_code: x.regionCode,
          version: x.version,
          area_code: x.areaCode,
          reason: x.reason,
        }),
      );
    }
  }

  /** Serial numbers already used for keys defined by a region, in any version. */
  async maxSerial(regionCode: string, manager?: EntityManager): Promise<number> {
    const rows: Row[] = await this.m(manager).query(
      "SELECT item_key FROM catalog_entries WHERE region_code = ? AND kind = 'add'",
      [regionCode],
    );
    return rows.reduce((max, r) => Math.max(max, Number(String(r.item_key).split('.')[1] ?? 0)), 0);
  }

  async insertChanges(manager: EntityManager, changes: readonly ChangeRecord[]): Promise<void> {
    for (let i = 0; i < changes.length; i += CHUNK) {
      const chunk = changes.slice(i, i + CHUNK);
      const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      await manager.query(
        `INSERT INTO catalog_changes (id, region_code, item_key, area_code, action, changes, reason, actor, at, version) VALUES ${values}`,
        chunk.flatMap((c) => [
          c.id,
          c.regionCode,
          c.itemKey,
          c.areaCode,
          c.action,
          JSON.stringify(c.changes),
          c.reason,
          c.actor,
          sqlDate(new Date(c.at)),
          c.version,
        ]),
      );
    }
  }

  /** Changes of a region (optionally of one item) by the version that published them, then time, pending last; pending ones (not yet published) only if asked. */
  async changes(
    regionCode: string,
    filter: { itemKey?: string | undefined; pendingOnly?: boolean },
    manager?: EntityManager,
  ): Promise<ChangeRecord[]> {
    const rows: Row[] = await this.m(manager).query(
      `SELECT * FROM catalog_changes WHERE region_code = ?${filter.itemKey ? ' AND item_key = ?' : ''}${
        filter.pendingOnly ? ' AND version IS NULL' : ''
      } ORDER BY CASE WHEN version IS NULL THEN 1 ELSE 0 END, version, at, id`,
      [regionCode, ...(filter.itemKey ? [filter.itemKey] : [])],
    );
    return rows.map(changeOf);
  }

  /**
   * Publishes a region's draft as version `version`: copies the draft entries and exclusions, records the
   * version, stamps the pending changes with it and moves the catalog's generation.
   */
  async publish(manager: EntityManager, v: VersionRecord): Promise<void> {
    await manager.query(
      ...insertStatement('catalog_versions', {
        region_code: v.regionCode,
        version: v.version,
        effective_date: v.effectiveDate,
        published_at: sqlDate(new Date(v.publishedAt)),
        published_by: v.publishedBy,
        note: v.note,
        sample: sqlBool(v.sample),
      }),
    );
    await manager.query(
      `INSERT INTO catalog_entries (region_code, version, item_key, kind, area_code, columns, reason, sort_order)
       SELECT region_code, ?, item_key, kind, area_code, columns, reason, sort_order
       FROM catalog_entries WHERE region_code = ? AND version = ?`,
      [v.version, v.regionCode, DRAFT],
    );
    await manager.query(
      `INSERT INTO catalog_area_exclusions (region_code, version, area_code, reason)
       SELECT region_code, ?, area_code, reason FROM catalog_area_exclusions WHERE region_code = ? AND version = ?`,
      [v.version, v.regionCode, DRAFT],
    );
    await manager.query('UPDATE catalog_changes SET version = ? WHERE region_code = ? AND version IS NULL', [
      v.version,
      v.regionCode,
    ]);
    await this.bumpGeneration(manager, new Date(v.publishedAt));
  }

  /** Throws the draft away: back to the newest publication (or to nothing), pending changes forgotten. */
  async discardDraft(manager: EntityManager, regionCode: string, latest: number | null): Promise<void> {
    await manager.query('DELETE FROM catalog_entries WHERE region_code = ? AND version = ?', [regionCode, DRAFT]);
    await manager.query('DELETE FROM catalog_area_exclusions WHERE region_code = ? AND version = ?', [
      regionCode,
      DRAFT,
    ]);
    await manager.query('DELETE FROM catalog_changes WHERE region_code = ? AND version IS NULL', [regionCode]);
    if (latest === null) return;
    await manager.query(
      `INSERT INTO catalog_entries (region_code, version, item_key, kind, area_code, columns, reason, sort_order)
       SELECT region_code, ?, item_key, kind, area_code, columns, reason, sort_order
       FROM catalog_entries WHERE region_code = ? AND version = ?`,
      [DRAFT, regionCode, latest],
    );
    await manager.query(
      `INSERT INTO catalog_area_exclusions (region_code, version, area_code, reason)
       SELECT region_code, ?, area_code, reason FROM catalog_area_exclusions WHERE region_code = ? AND version = ?`,
      [DRAFT, regionCode, latest],
    );
  }

  /** True when nothing was ever published or drafted: demo mode then loads the sample catalog. */
  async isEmpty(): Promise<boolean> {
    const rows: Row[] = await this.dataSource.query('SELECT COUNT(*) AS n FROM catalog_versions');
    return Number(rows[0]?.n ?? 0) === 0;
  }
}
