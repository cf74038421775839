import { createHash } from 'node:crypto';
import type { LinkState } from '@hotline/shared-types';
import { In, type DataSource } from 'typeorm';
import { CatalogDocumentEntity, CatalogLinkStatusEntity } from './catalog-documents.entities';
import { bumpGeneration, DOCUMENTS_GENERATION } from './catalog.repository';

/** Documents linked to catalog items, and what the link checker found of their URLs; plain objects out. */

export interface DocumentRecord {
  id: string;
  regionCode: string;
  itemKey: string;
  title: string;
  url: string;
  publishedOn: string;
  indexNumber: string | null;
}

export interface LinkStatusRecord {
  urlHash: string;
  url: string;
  state: Exclude<LinkState, 'unchecked'>;
  failures: number;
  firstFailureAt: Date | null;
  lastCheckedAt: Date;
  lastSuccessAt: Date | null;
  lastError: string | null;
}

export const urlHash = (url: string): string => createHash('sha256').update(url).digest('hex');

const plain = (e: CatalogDocumentEntity): DocumentRecord => ({
  id: e.id,
  regionCode: e.regionCode,
  itemKey: e.itemKey,
  title: e.title,
  url: e.url,
  publishedOn: e.publishedOn,
  indexNumber: e.indexNumber,
});

const newestFirst = (a: DocumentRecord, b: DocumentRecord) =>
  a.publishedOn < b.publishedOn ? 1 : a.publishedOn > b.publishedOn ? -1 : a.id < b.id ? 1 : -1;

export class CatalogDocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get docs() {
    return this.dataSource.getRepository(CatalogDocumentEntity);
  }

  private get links() {
    return this.dataSource.getRepository(CatalogLinkStatusEntity);
  }

  /** A region's documents (of one item when given), newest first. */
  async list(regionCode: string, itemKey?: string): Promise<DocumentRecord[]> {
    const rows = await this.docs.find({ where: itemKey ? { regionCode, itemKey } : { regionCode } });
    return rows.map(plain).sort(newestFirst);
  }

  /** Every document, newest first within each item: the catalog store keeps them for citizens' item pages. */
  async all(): Promise<DocumentRecord[]> {
    return (await this.docs.find()).map(plain).sort(newestFirst);
  }

  /** The existing documents of these (item, URL) pairs, keyed `itemKey url`. */
  async existing(regionCode: string, pairs: readonly { itemKey: string; url: string }[]) {
    const hashes = [...new Set(pairs.map((p) => urlHash(p.url)))];
    const found = new Map<string, DocumentRecord>();
    for (let i = 0; i < hashes.length; i += 200) {
      const rows = await this.docs.find({ where: { regionCode, urlHash: In(hashes.slice(i, i + 200)) } });
      for (const row of rows) found.set(`${row.itemKey} ${row.url}`, plain(row));
    }
    return found;
  }

  /** Inserts new documents and updates those already linked (same region, item and URL), in one transaction. */
  async save(docs: readonly DocumentRecord[], actor: string, at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const doc of docs) {
        await manager.getRepository(CatalogDocumentEntity).save({
          ...doc,
          urlHash: urlHash(doc.url),
          createdBy: actor,
          createdAt: at,
        });
      }
      await bumpGeneration(manager, at, DOCUMENTS_GENERATION);
    });
  }

  async remove(regionCode: string, id: string, at: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(CatalogDocumentEntity).delete({ regionCode, id });
      if (!result.affected) return false;
      await bumpGeneration(manager, at, DOCUMENTS_GENERATION);
      return true;
    });
  }

  /** Every distinct URL any document links to. */
  async urls(): Promise<string[]> {
    const rows: { url: string }[] = await this.docs
      .createQueryBuilder('d')
      .select('DISTINCT d.url', 'url')
      .getRawMany();
    return rows.map((r) => r.url);
  }

  async linkStatuses(urls: readonly string[]): Promise<Map<string, LinkStatusRecord>> {
    const hashes = [...new Set(urls.map(urlHash))];
    const out = new Map<string, LinkStatusRecord>();
    for (let i = 0; i < hashes.length; i += 200) {
      for (const row of await this.links.find({ where: { urlHash: In(hashes.slice(i, i + 200)) } })) {
        out.set(row.url, { ...row, state: row.state as LinkStatusRecord['state'] });
      }
    }
    return out;
  }

  async putLinkStatus(status: LinkStatusRecord): Promise<void> {
    await this.links.save(status);
  }
}
