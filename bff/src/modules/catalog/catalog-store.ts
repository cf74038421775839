import type { RegionNode } from '@hotline/config';
import type { Clock } from '../../lib/clock';
import type { CityContext } from '../city/city-context';
import type { CatalogDocument } from '@hotline/shared-types';
import type { CatalogRepository, VersionRecord } from './catalog.repository';
import type { DocumentRecord } from './catalog-documents.repository';
import { resolveTree, type ResolvedCatalog } from './resolve';
import { CatalogSearchIndex, type IndexedArea } from './search-index';

/**
 * What citizens read, held in memory: every region's resolved catalog of the versions in effect today, and the
 * search index over them. Built once per catalog generation: each instance checks the generation in the database
 * at most once per `checkIntervalMs` and rebuilds when it moved (a publication on any instance) or the local
 * date changed (a version dated for today came into effect). Requests during a rebuild keep the previous one.
 */
export interface CatalogSnapshot {
  generation: number;
  /** The documents' own generation: linking a document reloads them without resolving the catalogs again. */
  documentsGeneration: number;
  /** Published documents by `region item`, newest first. */
  documents: Map<string, CatalogDocument[]>;
  /** Local date the versions were chosen for. */
  date: string;
  catalogs: Map<string, ResolvedCatalog>;
  /** The version each region shows; absent when it never published (it then shows its parent's catalog). */
  versions: Map<string, VersionRecord>;
  index: CatalogSearchIndex;
  /** True when anything shown comes from generated sample data. */
  sample: boolean;
  /** How long resolving and indexing took. */
  buildMs: number;
}

export interface CatalogStoreOptions {
  checkIntervalMs?: number;
}

/** The region tree of the city's configuration, without aliases. */
export interface CatalogRegions {
  root: RegionNode;
  byCode: Map<string, { node: RegionNode; parent: RegionNode | null }>;
}

export function catalogRegions(root: RegionNode): CatalogRegions {
  const byCode = new Map<string, { node: RegionNode; parent: RegionNode | null }>();
  const walk = (node: RegionNode, parent: RegionNode | null): void => {
    byCode.set(node.code, { node, parent });
    node.children.forEach((child) => walk(child, node));
  };
  walk(root, null);
  return { root, byCode };
}

export class CatalogStore {
  readonly regions: CatalogRegions;
  readonly areas: IndexedArea[];
  readonly areaOrder: Map<string, number>;
  private snapshot: CatalogSnapshot | undefined;
  private lastCheck = Number.NEGATIVE_INFINITY;
  private checking: Promise<CatalogSnapshot> | undefined;
  private readonly checkIntervalMs: number;

  constructor(
    private readonly repo: CatalogRepository,
    private readonly documents: { all(): Promise<DocumentRecord[]> },
    private readonly city: CityContext,
    private readonly clock: Clock,
    options: CatalogStoreOptions = {},
  ) {
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
    this.regions = catalogRegions(city.profile.region);
    this.areas = city.categories
      .filter((c) => c.kind === 'disclosure_area')
      .map(({ code, name, aliases }) => ({ code, name, aliases }));
    this.areaOrder = new Map(this.areas.map((a, i) => [a.code, i]));
  }

  today(): string {
    return this.city.calendar.localDate(this.clock.now());
  }

  /** The snapshot to answer with: checks the generation when the last check is older than the interval. */
  async current(): Promise<CatalogSnapshot> {
    const now = this.clock.now().getTime();
    if (this.snapshot && now - this.lastCheck < this.checkIntervalMs) return this.snapshot;
    if (!this.checking) {
      this.lastCheck = now;
      this.checking = this.check().finally(() => {
        this.checking = undefined;
      });
    }
    return this.snapshot ?? this.checking;
  }

  /** Resolves once no generation check or rebuild is running (for shutdown and tests). */
  async idle(): Promise<void> {
    await this.checking?.catch(() => undefined);
  }

  /** Checks now and waits for the rebuild if one is needed: after a publication on this instance. */
  async refresh(): Promise<CatalogSnapshot> {
    await this.checking?.catch(() => undefined);
    this.lastCheck = this.clock.now().getTime();
    return this.check();
  }

  private async check(): Promise<CatalogSnapshot> {
    const { catalog: generation, documents } = await this.repo.generations();
    const date = this.today();
    const was = this.snapshot;
    if (was && was.generation === generation && was.date === date) {
      if (was.documentsGeneration === documents) return was;
      const reloaded = { ...was, documentsGeneration: documents, documents: await this.loadDocuments() };
      if (this.snapshot === was) this.snapshot = reloaded;
      return this.snapshot ?? reloaded;
    }
    const built = { ...(await this.build(generation, date)), documentsGeneration: documents };
    // Two overlapping checks: the one that saw the newer generation wins, whichever finishes last.
    if (!this.snapshot || built.generation >= this.snapshot.generation) this.snapshot = built;
    return this.snapshot;
  }

  private async loadDocuments(): Promise<Map<string, CatalogDocument[]>> {
    const byItem = new Map<string, CatalogDocument[]>();
    for (const d of await this.documents.all()) {
      const key = `${d.regionCode} ${d.itemKey}`;
      const list = byItem.get(key) ?? [];
      list.push({ id: d.id, title: d.title, url: d.url, publishedOn: d.publishedOn, indexNumber: d.indexNumber });
      byItem.set(key, list);
    }
    return byItem;
  }

  /** Loads the layers in effect on `date` and the documents, resolves every region and indexes them. */
  async build(generation: number, date: string): Promise<CatalogSnapshot> {
    const versions = await this.repo.versionsInEffect(date);
    const started = performance.now();
    const layers = await this.repo.layers([...versions.values()]);
    const catalogs = resolveTree(this.regions.root, layers, this.areaOrder);
    const index = new CatalogSearchIndex(catalogs.values(), this.areas, this.city.profile.catalogVocabulary);
    return {
      generation,
      documentsGeneration: 0,
      documents: await this.loadDocuments(),
      date,
      catalogs,
      versions,
      index,
      sample: [...versions.values()].some((v) => v.sample),
      buildMs: performance.now() - started,
    };
  }
}
