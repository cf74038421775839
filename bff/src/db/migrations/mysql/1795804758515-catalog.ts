import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795804758515 implements MigrationInterface {
  name = 'Catalog1795804758515';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `catalog_entries` (`region_code` varchar(32) NOT NULL, `version` int NOT NULL, `item_key` varchar(40) NOT NULL, `kind` varchar(8) NOT NULL, `area_code` varchar(8) NOT NULL, `columns` text NULL, `reason` varchar(200) NULL, `sort_order` int NOT NULL DEFAULT '0', PRIMARY KEY (`region_code`, `version`, `item_key`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `catalog_area_exclusions` (`region_code` varchar(32) NOT NULL, `version` int NOT NULL, `area_code` varchar(8) NOT NULL, `reason` varchar(200) NOT NULL, PRIMARY KEY (`region_code`, `version`, `area_code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `catalog_versions` (`region_code` varchar(32) NOT NULL, `version` int NOT NULL, `effective_date` varchar(10) NOT NULL, `published_at` datetime(3) NOT NULL, `published_by` varchar(64) NOT NULL, `note` varchar(200) NULL, `sample` tinyint NOT NULL DEFAULT 0, PRIMARY KEY (`region_code`, `version`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `catalog_changes` (`id` varchar(26) NOT NULL, `region_code` varchar(32) NOT NULL, `item_key` varchar(40) NULL, `area_code` varchar(8) NULL, `action` varchar(16) NOT NULL, `changes` text NOT NULL, `reason` varchar(200) NULL, `actor` varchar(64) NOT NULL, `at` datetime(3) NOT NULL, `version` int NULL, INDEX `idx_catalog_changes_version` (`region_code`, `version`), INDEX `idx_catalog_changes_item` (`region_code`, `item_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `catalog_generation` (`name` varchar(16) NOT NULL, `generation` int NOT NULL, `updated_at` datetime(3) NOT NULL, PRIMARY KEY (`name`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `catalog_generation`');
    await queryRunner.query('DROP INDEX `idx_catalog_changes_item` ON `catalog_changes`');
    await queryRunner.query('DROP INDEX `idx_catalog_changes_version` ON `catalog_changes`');
    await queryRunner.query('DROP TABLE `catalog_changes`');
    await queryRunner.query('DROP TABLE `catalog_versions`');
    await queryRunner.query('DROP TABLE `catalog_area_exclusions`');
    await queryRunner.query('DROP TABLE `catalog_entries`');
  }
}
