import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisclosureApplications1796322416596 implements MigrationInterface {
  name = 'DisclosureApplications1796322416596';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "disclosure_applications" ("id" varchar(26) PRIMARY KEY NOT NULL, "citizen_id" varchar(26) NOT NULL, "status" varchar(24) NOT NULL, "applicant_type" varchar(16) NOT NULL, "applicant_enc" text NOT NULL, "id_type" varchar(24) NOT NULL, "id_number_enc" text NOT NULL, "id_number_hash" varchar(64) NOT NULL, "id_number_masked" varchar(40) NOT NULL, "id_photo_id" varchar(26) NOT NULL, "description" text NOT NULL, "catalog_item_keys" text NOT NULL, "form" varchar(16) NOT NULL, "delivery" varchar(16) NOT NULL, "submitted_at" datetime(3) NOT NULL, "received_at" datetime(3), "clock_start_at" datetime(3), "due_at" datetime(3), "supplement_missing" text, "supplement_requested_at" datetime(3), "supplement_reply_by" datetime(3), "supplement_answered_at" datetime(3), "original_description" text, "extension_days" integer, "extension_approved_by" varchar(30), "extension_reason" varchar(200), "outcome" varchar(40), "legal_basis" varchar(300), "provided" text, "decided_at" datetime(3), "hotline_consent" boolean NOT NULL DEFAULT (0), "case_id" varchar(26), "version" integer NOT NULL DEFAULT (1), "updated_at" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "idx_disclosure_case" ON "disclosure_applications" ("case_id") ');
    await queryRunner.query('CREATE INDEX "idx_disclosure_decided" ON "disclosure_applications" ("decided_at") ');
    await queryRunner.query('CREATE INDEX "idx_disclosure_received" ON "disclosure_applications" ("received_at") ');
    await queryRunner.query(
      'CREATE INDEX "idx_disclosure_status_due" ON "disclosure_applications" ("status", "due_at") ',
    );
    await queryRunner.query('CREATE INDEX "idx_disclosure_citizen" ON "disclosure_applications" ("citizen_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "disclosure_events" ("id" varchar(26) PRIMARY KEY NOT NULL, "application_id" varchar(26) NOT NULL, "at" datetime(3) NOT NULL, "kind" varchar(32) NOT NULL, "text" varchar(1000) NOT NULL, "staff_id" varchar(26), "version" integer NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_disclosure_events_app" ON "disclosure_events" ("application_id", "version") ',
    );
    await queryRunner.query(
      'CREATE TABLE "disclosure_consultations" ("id" varchar(26) PRIMARY KEY NOT NULL, "application_id" varchar(26) NOT NULL, "party" varchar(16) NOT NULL, "party_name" varchar(100) NOT NULL, "sent_at" datetime(3) NOT NULL, "answer_by" datetime(3), "answered_at" datetime(3), "opinion" text)',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_disclosure_consultations_app" ON "disclosure_consultations" ("application_id", "sent_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "disclosure_reviews" ("year" integer PRIMARY KEY NOT NULL, "counts" text NOT NULL, "updated_by" varchar(26) NOT NULL, "updated_at" datetime(3) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "disclosure_reviews"');
    await queryRunner.query('DROP INDEX "idx_disclosure_consultations_app"');
    await queryRunner.query('DROP TABLE "disclosure_consultations"');
    await queryRunner.query('DROP INDEX "idx_disclosure_events_app"');
    await queryRunner.query('DROP TABLE "disclosure_events"');
    await queryRunner.query('DROP INDEX "idx_disclosure_citizen"');
    await queryRunner.query('DROP INDEX "idx_disclosure_status_due"');
    await queryRunner.query('DROP INDEX "idx_disclosure_received"');
    await queryRunner.query('DROP INDEX "idx_disclosure_decided"');
    await queryRunner.query('DROP INDEX "idx_disclosure_case"');
    await queryRunner.query('DROP TABLE "disclosure_applications"');
  }
}
