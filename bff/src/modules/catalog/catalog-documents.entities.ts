import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A document a region actually published for one of its catalog items (title, URL, date, 索引号). Documents
 * belong to a region and an item key: a county links its own publications to the city items it inherits.
 */
@Entity({ name: 'catalog_documents' })
@Index('idx_catalog_documents_item', ['regionCode', 'itemKey'])
@Index('uq_catalog_documents_url', ['regionCode', 'itemKey', 'urlHash'], { unique: true })
export class CatalogDocumentEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 32 })
  regionCode!: string;

  @Column({ name: 'item_key', type: 'varchar', length: 40 })
  itemKey!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** sha256 of the URL: URLs are too long to index, their hashes are not. */
  @Column({ name: 'url_hash', type: 'varchar', length: 64 })
  urlHash!: string;

  /** Local date (YYYY-MM-DD) the document was published. */
  @Column({ name: 'published_on', type: 'varchar', length: 10 })
  publishedOn!: string;

  @Column({ name: 'index_number', type: 'varchar', length: 64, nullable: true })
  indexNumber!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/**
 * What the link checker knows of one URL: consecutive failures since the last success and when the first of
 * them happened. A link is broken only after repeated failures over days (see `link-checker.ts`).
 */
@Entity({ name: 'catalog_link_status' })
export class CatalogLinkStatusEntity {
  @PrimaryColumn({ name: 'url_hash', type: 'varchar', length: 64 })
  urlHash!: string;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** ok | failing (failed, not yet broken) | broken */
  @Column({ type: 'varchar', length: 8 })
  state!: string;

  @Column({ type: 'int', default: 0 })
  failures!: number;

  @Column({ name: 'first_failure_at', type: 'datetime', precision: 3, nullable: true })
  firstFailureAt!: Date | null;

  @Column({ name: 'last_checked_at', type: 'datetime', precision: 3 })
  lastCheckedAt!: Date;

  @Column({ name: 'last_success_at', type: 'datetime', precision: 3, nullable: true })
  lastSuccessAt!: Date | null;

  /** The last failure, readable: "HTTP 404", "超时", "连接失败" … */
  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true })
  lastError!: string | null;
}

export const CATALOG_DOCUMENT_ENTITIES = [CatalogDocumentEntity, CatalogLinkStatusEntity];
