import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisclosureApplications1796322416596 implements MigrationInterface {
  name = 'DisclosureApplications1796322416596';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `disclosure_applications` (`id` varchar(26) NOT NULL, `citizen_id` varchar(26) NOT NULL, `status` varchar(24) NOT NULL, `applicant_type` varchar(16) NOT NULL, `applicant_enc` text NOT NULL, `id_type` varchar(24) NOT NULL, `id_number_enc` text NOT NULL, `id_number_hash` varchar(64) NOT NULL, `id_number_masked` varchar(40) NOT NULL, `id_photo_id` varchar(26) NOT NULL, `description` text NOT NULL, `catalog_item_keys` text NOT NULL, `form` varchar(16) NOT NULL, `delivery` varchar(16) NOT NULL, `submitted_at` datetime(3) NOT NULL, `received_at` datetime(3) NULL, `clock_start_at` datetime(3) NULL, `due_at` datetime(3) NULL, `supplement_missing` text NULL, `supplement_requested_at` datetime(3) NULL, `supplement_reply_by` datetime(3) NULL, `supplement_answered_at` datetime(3) NULL, `original_description` text NULL, `extension_days` int NULL, `extension_approved_by` varchar(30) NULL, `extension_reason` varchar(200) NULL, `outcome` varchar(40) NULL, `legal_basis` varchar(300) NULL, `provided` text NULL, `decided_at` datetime(3) NULL, `hotline_consent` tinyint NOT NULL DEFAULT 0, `case_id` varchar(26) NULL, `version` int NOT NULL DEFAULT '1', `updated_at` datetime(3) NOT NULL, INDEX `idx_disclosure_case` (`case_id`), INDEX `idx_disclosure_decided` (`decided_at`), INDEX `idx_disclosure_received` (`received_at`), INDEX `idx_disclosure_status_due` (`status`, `due_at`), INDEX `idx_disclosure_citizen` (`citizen_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `disclosure_events` (`id` varchar(26) NOT NULL, `application_id` varchar(26) NOT NULL, `at` datetime(3) NOT NULL, `kind` varchar(32) NOT NULL, `text` varchar(1000) NOT NULL, `staff_id` varchar(26) NULL, `version` int NOT NULL, INDEX `idx_disclosure_events_app` (`application_id`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `disclosure_consultations` (`id` varchar(26) NOT NULL, `application_id` varchar(26) NOT NULL, `party` varchar(16) NOT NULL, `party_name` varchar(100) NOT NULL, `sent_at` datetime(3) NOT NULL, `answer_by` datetime(3) NULL, `answered_at` datetime(3) NULL, `opinion` text NULL, INDEX `idx_disclosure_consultations_app` (`application_id`, `sent_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `disclosure_reviews` (`year` int NOT NULL, `counts` text NOT NULL, `updated_by` varchar(26) NOT NULL, `updated_at` datetime(3) NOT NULL, PRIMARY KEY (`year`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `disclosure_reviews`');
    await queryRunner.query('DROP INDEX `idx_disclosure_consultations_app` ON `disclosure_consultations`');
    await queryRunner.query('DROP TABLE `disclosure_consultations`');
    await queryRunner.query('DROP INDEX `idx_disclosure_events_app` ON `disclosure_events`');
    await queryRunner.query('DROP TABLE `disclosure_events`');
    await queryRunner.query('DROP INDEX `idx_disclosure_citizen` ON `disclosure_applications`');
    await queryRunner.query('DROP INDEX `idx_disclosure_status_due` ON `disclosure_applications`');
    await queryRunner.query('DROP INDEX `idx_disclosure_received` ON `disclosure_applications`');
    await queryRunner.query('DROP INDEX `idx_disclosure_decided` ON `disclosure_applications`');
    await queryRunner.query('DROP INDEX `idx_disclosure_case` ON `disclosure_applications`');
    await queryRunner.query('DROP TABLE `disclosure_applications`');
  }
}
