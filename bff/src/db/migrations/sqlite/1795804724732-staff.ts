import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Staff1795804724732 implements MigrationInterface {
  name = 'Staff1795804724732';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "case_extensions" ("id" varchar(26) PRIMARY KEY NOT NULL, "case_id" varchar(26) NOT NULL, "state" varchar(16) NOT NULL, "requested_due_at" datetime(3) NOT NULL, "reason" varchar(200) NOT NULL, "requested_by" varchar(26) NOT NULL, "requested_at" datetime(3) NOT NULL, "decided_by" varchar(26), "decided_at" datetime(3), "decision_note" varchar(200))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_case_extensions_case" ON "case_extensions" ("case_id", "requested_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "staff_accounts" ("id" varchar(26) PRIMARY KEY NOT NULL, "username" varchar(32) NOT NULL, "display_name" varchar(30) NOT NULL, "role" varchar(24) NOT NULL, "unit" varchar(100), "region_code" varchar(32), "password_hash" varchar(200) NOT NULL, "must_change_password" boolean NOT NULL DEFAULT (1), "failed_logins" integer NOT NULL DEFAULT (0), "locked_until" datetime(3), "token_version" integer NOT NULL DEFAULT (1), "disabled" boolean NOT NULL DEFAULT (0), "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL, CONSTRAINT "UQ_64e8fa86be63f4a57d92d4937d3" UNIQUE ("username"))',
    );
    await queryRunner.query('DROP INDEX "idx_cases_citizen_id"');
    await queryRunner.query('DROP INDEX "uq_cases_citizen_idempotency"');
    await queryRunner.query('DROP INDEX "idx_cases_status"');
    await queryRunner.query('DROP INDEX "idx_cases_phone_hash"');
    await queryRunner.query(
      'CREATE TABLE "temporary_cases" ("id" varchar(26) PRIMARY KEY NOT NULL, "citizen_id" varchar(26) NOT NULL, "idempotency_key" varchar(64) NOT NULL, "request_hash" varchar(64) NOT NULL, "type" varchar(16) NOT NULL, "category" varchar(32) NOT NULL, "status" varchar(16) NOT NULL, "title" varchar(60) NOT NULL, "content" text NOT NULL, "location_address" varchar(200), "latitude" double, "longitude" double, "region_code" varchar(32), "contact_name_enc" text, "contact_phone_enc" text, "contact_phone_hash" varchar(64), "anonymous" boolean NOT NULL DEFAULT (0), "confidential" boolean NOT NULL DEFAULT (0), "content_check" varchar(16) NOT NULL, "content_trace_id" varchar(64), "ticket_no" varchar(64), "handling_unit" varchar(100), "due_at" datetime(3), "closed_at" datetime(3), "supervised" boolean NOT NULL DEFAULT (0), "urged" boolean NOT NULL DEFAULT (0), "last_hotline_seq" integer NOT NULL DEFAULT (0), "version" integer NOT NULL DEFAULT (1), "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL, "dispatched_at" datetime(3), "signed_at" datetime(3), "rating" varchar(24), "rated_at" datetime(3), "follow_up" boolean NOT NULL DEFAULT (0), CONSTRAINT "UQ_fc8878f0151cdf280c6893da37f" UNIQUE ("ticket_no"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_cases"("id", "citizen_id", "idempotency_key", "request_hash", "type", "category", "status", "title", "content", "location_address", "latitude", "longitude", "region_code", "contact_name_enc", "contact_phone_enc", "contact_phone_hash", "anonymous", "confidential", "content_check", "content_trace_id", "ticket_no", "handling_unit", "due_at", "closed_at", "supervised", "urged", "last_hotline_seq", "version", "created_at", "updated_at") SELECT "id", "citizen_id", "idempotency_key", "request_hash", "type", "category", "status", "title", "content", "location_address", "latitude", "longitude", "region_code", "contact_name_enc", "contact_phone_enc", "contact_phone_hash", "anonymous", "confidential", "content_check", "content_trace_id", "ticket_no", "handling_unit", "due_at", "closed_at", "supervised", "urged", "last_hotline_seq", "version", "created_at", "updated_at" FROM "cases"',
    );
    await queryRunner.query('DROP TABLE "cases"');
    await queryRunner.query('ALTER TABLE "temporary_cases" RENAME TO "cases"');
    await queryRunner.query('CREATE INDEX "idx_cases_citizen_id" ON "cases" ("citizen_id", "id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_cases_citizen_idempotency" ON "cases" ("citizen_id", "idempotency_key") ',
    );
    await queryRunner.query('CREATE INDEX "idx_cases_status" ON "cases" ("status", "id") ');
    await queryRunner.query('CREATE INDEX "idx_cases_phone_hash" ON "cases" ("contact_phone_hash") ');
    await queryRunner.query('CREATE INDEX "idx_cases_closed" ON "cases" ("closed_at") ');
    await queryRunner.query('CREATE INDEX "idx_cases_due" ON "cases" ("due_at") ');
    await queryRunner.query('CREATE INDEX "idx_cases_unit" ON "cases" ("handling_unit", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_cases_unit"');
    await queryRunner.query('DROP INDEX "idx_cases_due"');
    await queryRunner.query('DROP INDEX "idx_cases_closed"');
    await queryRunner.query('DROP INDEX "idx_cases_phone_hash"');
    await queryRunner.query('DROP INDEX "idx_cases_status"');
    await queryRunner.query('DROP INDEX "uq_cases_citizen_idempotency"');
    await queryRunner.query('DROP INDEX "idx_cases_citizen_id"');
    await queryRunner.query('ALTER TABLE "cases" RENAME TO "temporary_cases"');
    await queryRunner.query(
      'CREATE TABLE "cases" ("id" varchar(26) PRIMARY KEY NOT NULL, "citizen_id" varchar(26) NOT NULL, "idempotency_key" varchar(64) NOT NULL, "request_hash" varchar(64) NOT NULL, "type" varchar(16) NOT NULL, "category" varchar(32) NOT NULL, "status" varchar(16) NOT NULL, "title" varchar(60) NOT NULL, "content" text NOT NULL, "location_address" varchar(200), "latitude" double, "longitude" double, "region_code" varchar(32), "contact_name_enc" text, "contact_phone_enc" text, "contact_phone_hash" varchar(64), "anonymous" boolean NOT NULL DEFAULT (0), "confidential" boolean NOT NULL DEFAULT (0), "content_check" varchar(16) NOT NULL, "content_trace_id" varchar(64), "ticket_no" varchar(64), "handling_unit" varchar(100), "due_at" datetime(3), "closed_at" datetime(3), "supervised" boolean NOT NULL DEFAULT (0), "urged" boolean NOT NULL DEFAULT (0), "last_hotline_seq" integer NOT NULL DEFAULT (0), "version" integer NOT NULL DEFAULT (1), "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL, CONSTRAINT "UQ_fc8878f0151cdf280c6893da37f" UNIQUE ("ticket_no"))',
    );
    await queryRunner.query(
      'INSERT INTO "cases"("id", "citizen_id", "idempotency_key", "request_hash", "type", "category", "status", "title", "content", "location_address", "latitude", "longitude", "region_code", "contact_name_enc", "contact_phone_enc", "contact_phone_hash", "anonymous", "confidential", "content_check", "content_trace_id", "ticket_no", "handling_unit", "due_at", "closed_at", "supervised", "urged", "last_hotline_seq", "version", "created_at", "updated_at") SELECT "id", "citizen_id", "idempotency_key", "request_hash", "type", "category", "status", "title", "content", "location_address", "latitude", "longitude", "region_code", "contact_name_enc", "contact_phone_enc", "contact_phone_hash", "anonymous", "confidential", "content_check", "content_trace_id", "ticket_no", "handling_unit", "due_at", "closed_at", "supervised", "urged", "last_hotline_seq", "version", "created_at", "updated_at" FROM "temporary_cases"',
    );
    await queryRunner.query('DROP TABLE "temporary_cases"');
    await queryRunner.query('CREATE INDEX "idx_cases_phone_hash" ON "cases" ("contact_phone_hash") ');
    await queryRunner.query('CREATE INDEX "idx_cases_status" ON "cases" ("status", "id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_cases_citizen_idempotency" ON "cases" ("citizen_id", "idempotency_key") ',
    );
    await queryRunner.query('CREATE INDEX "idx_cases_citizen_id" ON "cases" ("citizen_id", "id") ');
    await queryRunner.query('DROP TABLE "staff_accounts"');
    await queryRunner.query('DROP INDEX "idx_case_extensions_case"');
    await queryRunner.query('DROP TABLE "case_extensions"');
  }
}
