import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Staff1795804724732 implements MigrationInterface {
  name = 'Staff1795804724732';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `case_extensions` (`id` varchar(26) NOT NULL, `case_id` varchar(26) NOT NULL, `state` varchar(16) NOT NULL, `requested_due_at` datetime(3) NOT NULL, `reason` varchar(200) NOT NULL, `requested_by` varchar(26) NOT NULL, `requested_at` datetime(3) NOT NULL, `decided_by` varchar(26) NULL, `decided_at` datetime(3) NULL, `decision_note` varchar(200) NULL, INDEX `idx_case_extensions_case` (`case_id`, `requested_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `staff_accounts` (`id` varchar(26) NOT NULL, `username` varchar(32) NOT NULL, `display_name` varchar(30) NOT NULL, `role` varchar(24) NOT NULL, `unit` varchar(100) NULL, `region_code` varchar(32) NULL, `password_hash` varchar(200) NOT NULL, `must_change_password` tinyint NOT NULL DEFAULT 1, `failed_logins` int NOT NULL DEFAULT '0', `locked_until` datetime(3) NULL, `token_version` int NOT NULL DEFAULT '1', `disabled` tinyint NOT NULL DEFAULT 0, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, UNIQUE INDEX `IDX_64e8fa86be63f4a57d92d4937d` (`username`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query('ALTER TABLE `cases` ADD `dispatched_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `cases` ADD `signed_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `cases` ADD `rating` varchar(24) NULL');
    await queryRunner.query('ALTER TABLE `cases` ADD `rated_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `cases` ADD `follow_up` tinyint NOT NULL DEFAULT 0');
    await queryRunner.query('CREATE INDEX `idx_cases_closed` ON `cases` (`closed_at`)');
    await queryRunner.query('CREATE INDEX `idx_cases_due` ON `cases` (`due_at`)');
    await queryRunner.query('CREATE INDEX `idx_cases_unit` ON `cases` (`handling_unit`, `id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_cases_unit` ON `cases`');
    await queryRunner.query('DROP INDEX `idx_cases_due` ON `cases`');
    await queryRunner.query('DROP INDEX `idx_cases_closed` ON `cases`');
    await queryRunner.query('ALTER TABLE `cases` DROP COLUMN `follow_up`');
    await queryRunner.query('ALTER TABLE `cases` DROP COLUMN `rated_at`');
    await queryRunner.query('ALTER TABLE `cases` DROP COLUMN `rating`');
    await queryRunner.query('ALTER TABLE `cases` DROP COLUMN `signed_at`');
    await queryRunner.query('ALTER TABLE `cases` DROP COLUMN `dispatched_at`');
    await queryRunner.query('DROP INDEX `IDX_64e8fa86be63f4a57d92d4937d` ON `staff_accounts`');
    await queryRunner.query('DROP TABLE `staff_accounts`');
    await queryRunner.query('DROP INDEX `idx_case_extensions_case` ON `case_extensions`');
    await queryRunner.query('DROP TABLE `case_extensions`');
  }
}
