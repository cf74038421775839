import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogDocuments1795810274951 implements MigrationInterface {
  name = 'CatalogDocuments1795810274951';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `catalog_documents` (`id` varchar(26) NOT NULL, `region_code` varchar(32) NOT NULL, `item_key` varchar(40) NOT NULL, `title` varchar(300) NOT NULL, `url` varchar(2000) NOT NULL, `url_hash` varchar(64) NOT NULL, `published_on` varchar(10) NOT NULL, `index_number` varchar(64) NULL, `created_by` varchar(64) NOT NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_catalog_documents_url` (`region_code`, `item_key`, `url_hash`), INDEX `idx_catalog_documents_item` (`region_code`, `item_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `catalog_link_status` (`url_hash` varchar(64) NOT NULL, `url` varchar(2000) NOT NULL, `state` varchar(8) NOT NULL, `failures` int NOT NULL DEFAULT '0', `first_failure_at` datetime(3) NULL, `last_checked_at` datetime(3) NOT NULL, `last_success_at` datetime(3) NULL, `last_error` varchar(200) NULL, PRIMARY KEY (`url_hash`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `catalog_link_status`');
    await queryRunner.query('DROP INDEX `idx_catalog_documents_item` ON `catalog_documents`');
    await queryRunner.query('DROP INDEX `uq_catalog_documents_url` ON `catalog_documents`');
    await queryRunner.query('DROP TABLE `catalog_documents`');
  }
}
