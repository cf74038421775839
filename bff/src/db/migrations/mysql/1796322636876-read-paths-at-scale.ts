import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReadPathsAtScale1796322636876 implements MigrationInterface {
  name = 'ReadPathsAtScale1796322636876';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `case_figures` (`day` varchar(10) NOT NULL, `type` varchar(16) NOT NULL, `category` varchar(32) NOT NULL, `unit` varchar(100) NOT NULL, `region_code` varchar(32) NOT NULL, `received` int NOT NULL DEFAULT '0', `closed` int NOT NULL DEFAULT '0', `closed_ms` bigint NOT NULL DEFAULT '0', `due_all` int NOT NULL DEFAULT '0', `due_closed` int NOT NULL DEFAULT '0', `due_on_time` int NOT NULL DEFAULT '0', `rated` int NOT NULL DEFAULT '0', `rated_good` int NOT NULL DEFAULT '0', `dispatched` int NOT NULL DEFAULT '0', `signed` int NOT NULL DEFAULT '0', `signed_in_time` int NOT NULL DEFAULT '0', PRIMARY KEY (`day`, `type`, `category`, `unit`, `region_code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `case_figures_monthly` (`month` varchar(7) NOT NULL, `type` varchar(16) NOT NULL, `category` varchar(32) NOT NULL, `unit` varchar(100) NOT NULL, `region_code` varchar(32) NOT NULL, `received` int NOT NULL DEFAULT '0', `closed` int NOT NULL DEFAULT '0', `closed_ms` bigint NOT NULL DEFAULT '0', `due_all` int NOT NULL DEFAULT '0', `due_closed` int NOT NULL DEFAULT '0', `due_on_time` int NOT NULL DEFAULT '0', `rated` int NOT NULL DEFAULT '0', `rated_good` int NOT NULL DEFAULT '0', `dispatched` int NOT NULL DEFAULT '0', `signed` int NOT NULL DEFAULT '0', `signed_in_time` int NOT NULL DEFAULT '0', PRIMARY KEY (`month`, `type`, `category`, `unit`, `region_code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `case_figure_marks` (`case_id` varchar(26) NOT NULL, `type` varchar(16) NOT NULL, `category` varchar(32) NOT NULL, `handling_unit` varchar(100) NULL, `region_code` varchar(32) NULL, `status` varchar(16) NOT NULL, `created_at` datetime(3) NOT NULL, `closed_at` datetime(3) NULL, `due_at` datetime(3) NULL, `dispatched_at` datetime(3) NULL, `signed_at` datetime(3) NULL, `rating` varchar(24) NULL, `rated_at` datetime(3) NULL, PRIMARY KEY (`case_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `case_figures_cursor` (`id` int NOT NULL, `folded_at` datetime(3) NULL, `folded_id` varchar(26) NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query('CREATE INDEX `idx_cases_content_check` ON `cases` (`content_check`, `id`)');
    await queryRunner.query('CREATE INDEX `idx_cases_dispatched` ON `cases` (`dispatched_at`)');
    await queryRunner.query('CREATE INDEX `idx_cases_updated` ON `cases` (`updated_at`, `id`)');
    await queryRunner.query('CREATE INDEX `idx_cases_status_due` ON `cases` (`status`, `due_at`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_cases_status_due` ON `cases`');
    await queryRunner.query('DROP INDEX `idx_cases_updated` ON `cases`');
    await queryRunner.query('DROP INDEX `idx_cases_dispatched` ON `cases`');
    await queryRunner.query('DROP INDEX `idx_cases_content_check` ON `cases`');
    await queryRunner.query('DROP TABLE `case_figures_cursor`');
    await queryRunner.query('DROP TABLE `case_figure_marks`');
    await queryRunner.query('DROP TABLE `case_figures_monthly`');
    await queryRunner.query('DROP TABLE `case_figures`');
  }
}
