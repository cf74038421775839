import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795806412891 implements MigrationInterface {
  name = 'Notifications1795806412891';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `subscription_grants` (`id` varchar(26) NOT NULL, `citizen_id` varchar(26) NOT NULL, `template_id` varchar(128) NOT NULL, `purpose` varchar(16) NOT NULL, `case_id` varchar(26) NULL, `result` varchar(8) NOT NULL, `created_at` datetime(3) NOT NULL, `spent_at` datetime(3) NULL, `message_id` varchar(26) NULL, INDEX `idx_grants_available` (`citizen_id`, `template_id`, `spent_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `notification_outbox` (`id` varchar(26) NOT NULL, `case_id` varchar(26) NOT NULL, `citizen_id` varchar(26) NOT NULL, `seq` int NOT NULL, `purpose` varchar(16) NOT NULL, `event` varchar(16) NOT NULL, `payload` text NOT NULL, `state` varchar(16) NOT NULL, `attempts` int NOT NULL DEFAULT '0', `next_attempt_at` datetime(3) NOT NULL, `lease_owner` varchar(64) NULL, `lease_until` datetime(3) NULL, `grant_id` varchar(26) NULL, `msgid` varchar(64) NULL, `last_error` text NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, INDEX `idx_notify_case` (`case_id`, `seq`), INDEX `idx_notify_due` (`state`, `next_attempt_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `survey_tokens` (`token_hash` varchar(64) NOT NULL, `case_id` varchar(26) NOT NULL, `citizen_id` varchar(26) NOT NULL, `created_at` datetime(3) NOT NULL, `expires_at` datetime(3) NOT NULL, `used_at` datetime(3) NULL, INDEX `idx_survey_tokens_case` (`case_id`), PRIMARY KEY (`token_hash`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `case_ratings` (`case_id` varchar(26) NOT NULL, `citizen_id` varchar(26) NOT NULL, `rating` varchar(24) NOT NULL, `reasons` text NOT NULL, `comment` text NULL, `first_rated_at` datetime(3) NOT NULL, `rated_at` datetime(3) NOT NULL, PRIMARY KEY (`case_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `wechat_access_tokens` (`app_id` varchar(64) NOT NULL, `token_enc` text NULL, `refresh_at` datetime(3) NULL, `expires_at` datetime(3) NULL, `lock_owner` varchar(64) NULL, `lock_until` datetime(3) NULL, `updated_at` datetime(3) NOT NULL, PRIMARY KEY (`app_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `wechat_access_tokens`');
    await queryRunner.query('DROP TABLE `case_ratings`');
    await queryRunner.query('DROP INDEX `idx_survey_tokens_case` ON `survey_tokens`');
    await queryRunner.query('DROP TABLE `survey_tokens`');
    await queryRunner.query('DROP INDEX `idx_notify_due` ON `notification_outbox`');
    await queryRunner.query('DROP INDEX `idx_notify_case` ON `notification_outbox`');
    await queryRunner.query('DROP TABLE `notification_outbox`');
    await queryRunner.query('DROP INDEX `idx_grants_available` ON `subscription_grants`');
    await queryRunner.query('DROP TABLE `subscription_grants`');
  }
}
