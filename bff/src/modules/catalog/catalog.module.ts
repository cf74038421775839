import type { DataSource } from 'typeorm';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { CityContext } from '../city/city-context';
import { CatalogDocumentsRepository } from './catalog-documents.repository';
import type { DocumentDeps } from './catalog-documents.service';
import { CatalogQueries } from './catalog-queries';
import { CatalogRepository } from './catalog.repository';
import type { CatalogEditDeps } from './catalog.service';
import { CatalogStore, type CatalogStoreOptions } from './catalog-store';
import type { ImportLimits } from './catalog-excel-thread';

/** Limits of a workbook import when configuration gives none (the configuration's defaults). */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxRows: 60000, memoryMb: 512 };

/** The catalog's collaborators, built once per process: one store (resolved catalogs + index) per instance. */
export interface CatalogModule {
  repo: CatalogRepository;
  store: CatalogStore;
  queries: CatalogQueries;
  /** What the editing service functions take. */
  edit: CatalogEditDeps;
  /** What the published-documents, compliance and link-check functions take. */
  docs: DocumentDeps;
}

export function createCatalog(
  deps: { dataSource: DataSource; city: CityContext; clock: Clock; ids: IdGenerator; importLimits?: ImportLimits },
  options: CatalogStoreOptions = {},
): CatalogModule {
  const repo = new CatalogRepository(deps.dataSource);
  const documents = new CatalogDocumentsRepository(deps.dataSource);
  const store = new CatalogStore(repo, documents, deps.city, deps.clock, options);
  return {
    repo,
    store,
    queries: new CatalogQueries(store),
    edit: {
      catalogRepo: repo,
      catalogStore: store,
      clock: deps.clock,
      ids: deps.ids,
      importing: {
        limits: deps.importLimits ?? DEFAULT_IMPORT_LIMITS,
        channelNames: deps.city.profile.catalogVocabulary.channels,
      },
    },
    docs: {
      catalogStore: store,
      documents,
      clock: deps.clock,
      ids: deps.ids,
    },
  };
}
