import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795804758515 implements MigrationInterface {
  name = 'Catalog1795804758515';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "catalog_entries" ("region_code" varchar(32) NOT NULL, "version" integer NOT NULL, "item_key" varchar(40) NOT NULL, "kind" varchar(8) NOT NULL, "area_code" varchar(8) NOT NULL, "columns" text, "reason" varchar(200), "sort_order" integer NOT NULL DEFAULT (0), PRIMARY KEY ("region_code", "version", "item_key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "catalog_area_exclusions" ("region_code" varchar(32) NOT NULL, "version" integer NOT NULL, "area_code" varchar(8) NOT NULL, "reason" varchar(200) NOT NULL, PRIMARY KEY ("region_code", "version", "area_code"))',
    );
    await queryRunner.query(
      'CREATE TABLE "catalog_versions" ("region_code" varchar(32) NOT NULL, "version" integer NOT NULL, "effective_date" varchar(10) NOT NULL, "published_at" datetime(3) NOT NULL, "published_by" varchar(64) NOT NULL, "note" varchar(200), "sample" boolean NOT NULL DEFAULT (0), PRIMARY KEY ("region_code", "version"))',
    );
    await queryRunner.query(
      'CREATE TABLE "catalog_changes" ("id" varchar(26) PRIMARY KEY NOT NULL, "region_code" varchar(32) NOT NULL, "item_key" varchar(40), "area_code" varchar(8), "action" varchar(16) NOT NULL, "changes" text NOT NULL, "reason" varchar(200), "actor" varchar(64) NOT NULL, "at" datetime(3) NOT NULL, "version" integer)',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_catalog_changes_version" ON "catalog_changes" ("region_code", "version") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_catalog_changes_item" ON "catalog_changes" ("region_code", "item_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "catalog_generation" ("name" varchar(16) PRIMARY KEY NOT NULL, "generation" integer NOT NULL, "updated_at" datetime(3) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "catalog_generation"');
    await queryRunner.query('DROP INDEX "idx_catalog_changes_item"');
    await queryRunner.query('DROP INDEX "idx_catalog_changes_version"');
    await queryRunner.query('DROP TABLE "catalog_changes"');
    await queryRunner.query('DROP TABLE "catalog_versions"');
    await queryRunner.query('DROP TABLE "catalog_area_exclusions"');
    await queryRunner.query('DROP TABLE "catalog_entries"');
  }
}
