import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One entry of a region's own catalog layer, in one version of that layer. Version 0 is the working draft;
 * publishing copies the draft to version n+1. A region's resolved catalog is its parent's plus these entries.
 */
@Entity({ name: 'catalog_entries' })
export class CatalogEntryEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 32 })
  regionCode!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @PrimaryColumn({ name: 'item_key', type: 'varchar', length: 40 })
  itemKey!: string;

  /** add: an item defined here; adjust: changed columns of an inherited item; remove: not applicable here. */
  @Column({ type: 'varchar', length: 8 })
  kind!: 'add' | 'adjust' | 'remove';

  @Column({ name: 'area_code', type: 'varchar', length: 8 })
  areaCode!: string;

  /** add: every column; adjust: the changed columns only; remove: null. */
  @Column({ type: 'simple-json', nullable: true })
  columns!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder!: number;
}

/** An area a region marks not applicable (未涉及领域), with the reason citizens read; versioned like entries. */
@Entity({ name: 'catalog_area_exclusions' })
export class CatalogAreaExclusionEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 32 })
  regionCode!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @PrimaryColumn({ name: 'area_code', type: 'varchar', length: 8 })
  areaCode!: string;

  @Column({ type: 'varchar', length: 200 })
  reason!: string;
}

/** One publication of a region's layer. Citizens see, per region, the newest version already in effect. */
@Entity({ name: 'catalog_versions' })
export class CatalogVersionEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 32 })
  regionCode!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** Local date (YYYY-MM-DD) from which citizens see this version. */
  @Column({ name: 'effective_date', type: 'varchar', length: 10 })
  effectiveDate!: string;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'varchar', length: 64 })
  publishedBy!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  /** Generated sample data (示例数据), labelled as such wherever shown. */
  @Column({ type: 'boolean', default: false })
  sample!: boolean;
}

/** Who changed what in a region's layer, and when; `version` is set when a publication takes the change in. */
@Entity({ name: 'catalog_changes' })
@Index('idx_catalog_changes_item', ['regionCode', 'itemKey'])
@Index('idx_catalog_changes_version', ['regionCode', 'version'])
export class CatalogChangeEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 32 })
  regionCode!: string;

  @Column({ name: 'item_key', type: 'varchar', length: 40, nullable: true })
  itemKey!: string | null;

  @Column({ name: 'area_code', type: 'varchar', length: 8, nullable: true })
  areaCode!: string | null;

  @Column({ type: 'varchar', length: 16 })
  action!: string;

  /** column → { from, to } */
  @Column({ type: 'simple-json' })
  changes!: Record<string, { from: unknown; to: unknown }>;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'int', nullable: true })
  version!: number | null;
}

/**
 * The catalog's generation: bumped by every publication. Each instance compares it with the generation of its
 * in-memory resolved catalogs and search index, and rebuilds them when it moved.
 */
@Entity({ name: 'catalog_generation' })
export class CatalogGenerationEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  name!: string;

  @Column({ type: 'int' })
  generation!: number;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

export const CATALOG_ENTITIES = [
  CatalogEntryEntity,
  CatalogAreaExclusionEntity,
  CatalogVersionEntity,
  CatalogChangeEntity,
  CatalogGenerationEntity,
];
