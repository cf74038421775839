import type { MigrationInterface } from 'typeorm';
import { Initial1764230000000 } from './1764230000000-initial';
import { Staff1795804724732 } from './1795804724732-staff';
import { Catalog1795804758515 } from './1795804758515-catalog';
import { Notifications1795806412891 } from './1795806412891-notifications';
import { CatalogDocuments1795810274951 } from './1795810274951-catalog-documents';
import { DisclosureApplications1796322416596 } from './1796322416596-disclosure-applications';
import { DisclosureLetters1796322416597 } from './1796322416597-disclosure-letters';
import { ReadPathsAtScale1796322636876 } from './1796322636876-read-paths-at-scale';

/** In order; a new migration is generated with `npm run db:generate -- <Name>` and appended here. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1764230000000,
  Staff1795804724732,
  Catalog1795804758515,
  Notifications1795806412891,
  CatalogDocuments1795810274951,
  DisclosureApplications1796322416596,
  DisclosureLetters1796322416597,
  ReadPathsAtScale1796322636876,
];
