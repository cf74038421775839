import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764230000000 implements MigrationInterface {
  name = 'Initial1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `audit_log` (`id` varchar(26) NOT NULL, `at` datetime(3) NOT NULL, `actor_type` varchar(16) NOT NULL, `actor_id` varchar(64) NOT NULL, `action` varchar(48) NOT NULL, `subject_type` varchar(16) NOT NULL, `subject_id` varchar(64) NOT NULL, `reason` varchar(200) NULL, `request_id` varchar(64) NULL, INDEX `idx_audit_actor` (`actor_type`, `actor_id`), INDEX `idx_audit_subject` (`subject_type`, `subject_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `citizens` (`id` varchar(26) NOT NULL, `openid` varchar(64) NOT NULL, `unionid` varchar(64) NULL, `created_at` datetime(3) NOT NULL, `deleted_at` datetime(3) NULL, UNIQUE INDEX `IDX_511a56123eb6ba0bf1a37f47c0` (`openid`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `case_events` (`id` varchar(26) NOT NULL, `case_id` varchar(26) NOT NULL, `seq` int NOT NULL, `at` datetime(3) NOT NULL, `source` varchar(16) NOT NULL, `actor` varchar(64) NULL, `kind` varchar(32) NOT NULL, `from_status` varchar(16) NULL, `to_status` varchar(16) NULL, `unit` varchar(100) NULL, `note` text NULL, `data` text NULL, UNIQUE INDEX `uq_case_events_seq` (`case_id`, `seq`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `cases` (`id` varchar(26) NOT NULL, `citizen_id` varchar(26) NOT NULL, `idempotency_key` varchar(64) NOT NULL, `request_hash` varchar(64) NOT NULL, `type` varchar(16) NOT NULL, `category` varchar(32) NOT NULL, `status` varchar(16) NOT NULL, `title` varchar(60) NOT NULL, `content` text NOT NULL, `location_address` varchar(200) NULL, `latitude` double NULL, `longitude` double NULL, `region_code` varchar(32) NULL, `contact_name_enc` text NULL, `contact_phone_enc` text NULL, `contact_phone_hash` varchar(64) NULL, `anonymous` tinyint NOT NULL DEFAULT 0, `confidential` tinyint NOT NULL DEFAULT 0, `content_check` varchar(16) NOT NULL, `content_trace_id` varchar(64) NULL, `ticket_no` varchar(64) NULL, `handling_unit` varchar(100) NULL, `due_at` datetime(3) NULL, `closed_at` datetime(3) NULL, `supervised` tinyint NOT NULL DEFAULT 0, `urged` tinyint NOT NULL DEFAULT 0, `last_hotline_seq` int NOT NULL DEFAULT '0', `version` int NOT NULL DEFAULT '1', `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, INDEX `idx_cases_phone_hash` (`contact_phone_hash`), INDEX `idx_cases_status` (`status`, `id`), UNIQUE INDEX `uq_cases_citizen_idempotency` (`citizen_id`, `idempotency_key`), INDEX `idx_cases_citizen_id` (`citizen_id`, `id`), UNIQUE INDEX `IDX_fc8878f0151cdf280c6893da37` (`ticket_no`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `hotline_events_seen` (`event_id` varchar(128) NOT NULL, `case_id` varchar(26) NOT NULL, `received_at` datetime(3) NOT NULL, PRIMARY KEY (`event_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `sync_cursors` (`name` varchar(32) NOT NULL, `position` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, PRIMARY KEY (`name`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `hotline_outbox` (`id` varchar(26) NOT NULL, `case_id` varchar(26) NOT NULL, `seq` int NOT NULL, `kind` varchar(32) NOT NULL, `idempotency_key` varchar(64) NOT NULL, `payload` text NOT NULL, `state` varchar(16) NOT NULL, `attempts` int NOT NULL DEFAULT '0', `next_attempt_at` datetime(3) NOT NULL, `lease_owner` varchar(64) NULL, `lease_until` datetime(3) NULL, `last_error` text NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, INDEX `idx_outbox_case` (`case_id`, `seq`), INDEX `idx_outbox_due` (`state`, `next_attempt_at`), UNIQUE INDEX `IDX_a35f4348ac0c948ea373aa3676` (`idempotency_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `photos` (`id` varchar(26) NOT NULL, `citizen_id` varchar(26) NOT NULL, `case_id` varchar(26) NULL, `storage_key` varchar(128) NOT NULL, `mime` varchar(16) NOT NULL, `bytes` int NOT NULL, `width` int NOT NULL, `height` int NOT NULL, `sha256` varchar(64) NOT NULL, `media_check` enum ('pending', 'pass', 'review', 'risky', 'unchecked') NOT NULL, `media_trace_id` varchar(64) NULL, `created_at` datetime(3) NOT NULL, INDEX `idx_photos_media_trace_id` (`media_trace_id`), INDEX `idx_photos_case_id` (`case_id`), INDEX `idx_photos_citizen_id` (`citizen_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_photos_citizen_id` ON `photos`');
    await queryRunner.query('DROP INDEX `idx_photos_case_id` ON `photos`');
    await queryRunner.query('DROP INDEX `idx_photos_media_trace_id` ON `photos`');
    await queryRunner.query('DROP TABLE `photos`');
    await queryRunner.query('DROP INDEX `IDX_a35f4348ac0c948ea373aa3676` ON `hotline_outbox`');
    await queryRunner.query('DROP INDEX `idx_outbox_due` ON `hotline_outbox`');
    await queryRunner.query('DROP INDEX `idx_outbox_case` ON `hotline_outbox`');
    await queryRunner.query('DROP TABLE `hotline_outbox`');
    await queryRunner.query('DROP TABLE `sync_cursors`');
    await queryRunner.query('DROP TABLE `hotline_events_seen`');
    await queryRunner.query('DROP INDEX `IDX_fc8878f0151cdf280c6893da37` ON `cases`');
    await queryRunner.query('DROP INDEX `idx_cases_citizen_id` ON `cases`');
    await queryRunner.query('DROP INDEX `uq_cases_citizen_idempotency` ON `cases`');
    await queryRunner.query('DROP INDEX `idx_cases_status` ON `cases`');
    await queryRunner.query('DROP INDEX `idx_cases_phone_hash` ON `cases`');
    await queryRunner.query('DROP TABLE `cases`');
    await queryRunner.query('DROP INDEX `uq_case_events_seq` ON `case_events`');
    await queryRunner.query('DROP TABLE `case_events`');
    await queryRunner.query('DROP INDEX `IDX_511a56123eb6ba0bf1a37f47c0` ON `citizens`');
    await queryRunner.query('DROP TABLE `citizens`');
    await queryRunner.query('DROP INDEX `idx_audit_subject` ON `audit_log`');
    await queryRunner.query('DROP INDEX `idx_audit_actor` ON `audit_log`');
    await queryRunner.query('DROP TABLE `audit_log`');
  }
}
