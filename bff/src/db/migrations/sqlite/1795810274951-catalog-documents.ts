import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogDocuments1795810274951 implements MigrationInterface {
  name = 'CatalogDocuments1795810274951';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "catalog_documents" ("id" varchar(26) PRIMARY KEY NOT NULL, "region_code" varchar(32) NOT NULL, "item_key" varchar(40) NOT NULL, "title" varchar(300) NOT NULL, "url" varchar(2000) NOT NULL, "url_hash" varchar(64) NOT NULL, "published_on" varchar(10) NOT NULL, "index_number" varchar(64), "created_by" varchar(64) NOT NULL, "created_at" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_catalog_documents_url" ON "catalog_documents" ("region_code", "item_key", "url_hash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_catalog_documents_item" ON "catalog_documents" ("region_code", "item_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "catalog_link_status" ("url_hash" varchar(64) PRIMARY KEY NOT NULL, "url" varchar(2000) NOT NULL, "state" varchar(8) NOT NULL, "failures" integer NOT NULL DEFAULT (0), "first_failure_at" datetime(3), "last_checked_at" datetime(3) NOT NULL, "last_success_at" datetime(3), "last_error" varchar(200))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "catalog_link_status"');
    await queryRunner.query('DROP INDEX "idx_catalog_documents_item"');
    await queryRunner.query('DROP INDEX "uq_catalog_documents_url"');
    await queryRunner.query('DROP TABLE "catalog_documents"');
  }
}
