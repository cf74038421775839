import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764230000000 implements MigrationInterface {
  name = 'Initial1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_log" ("id" varchar(26) PRIMARY KEY NOT NULL, "at" datetime(3) NOT NULL, "actor_type" varchar(16) NOT NULL, "actor_id" varchar(64) NOT NULL, "action" varchar(48) NOT NULL, "subject_type" varchar(16) NOT NULL, "subject_id" varchar(64) NOT NULL, "reason" varchar(200), "request_id" varchar(64))',
    );
    await queryRunner.query('CREATE INDEX "idx_audit_actor" ON "audit_log" ("actor_type", "actor_id") ');
    await queryRunner.query('CREATE INDEX "idx_audit_subject" ON "audit_log" ("subject_type", "subject_id") ');
    await queryRunner.query(
      'CREATE TABLE "citizens" ("id" varchar(26) PRIMARY KEY NOT NULL, "openid" varchar(64) NOT NULL, "unionid" varchar(64), "created_at" datetime(3) NOT NULL, "deleted_at" datetime(3), CONSTRAINT "UQ_511a56123eb6ba0bf1a37f47c09" UNIQUE ("openid"))',
    );
    await queryRunner.query(
      'CREATE TABLE "case_events" ("id" varchar(26) PRIMARY KEY NOT NULL, "case_id" varchar(26) NOT NULL, "seq" integer NOT NULL, "at" datetime(3) NOT NULL, "source" varchar(16) NOT NULL, "actor" varchar(64), "kind" varchar(32) NOT NULL, "from_status" varchar(16), "to_status" varchar(16), "unit" varchar(100), "note" text, "data" text)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_case_events_seq" ON "case_events" ("case_id", "seq") ');
    await queryRunner.query(
      'CREATE TABLE "cases" ("id" varchar(26) PRIMARY KEY NOT NULL, "citizen_id" varchar(26) NOT NULL, "idempotency_key" varchar(64) NOT NULL, "request_hash" varchar(64) NOT NULL, "type" varchar(16) NOT NULL, "category" varchar(32) NOT NULL, "status" varchar(16) NOT NULL, "title" varchar(60) NOT NULL, "content" text NOT NULL, "location_address" varchar(200), "latitude" double, "longitude" double, "region_code" varchar(32), "contact_name_enc" text, "contact_phone_enc" text, "contact_phone_hash" varchar(64), "anonymous" boolean NOT NULL DEFAULT (0), "confidential" boolean NOT NULL DEFAULT (0), "content_check" varchar(16) NOT NULL, "content_trace_id" varchar(64), "ticket_no" varchar(64), "handling_unit" varchar(100), "due_at" datetime(3), "closed_at" datetime(3), "supervised" boolean NOT NULL DEFAULT (0), "urged" boolean NOT NULL DEFAULT (0), "last_hotline_seq" integer NOT NULL DEFAULT (0), "version" integer NOT NULL DEFAULT (1), "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL, CONSTRAINT "UQ_fc8878f0151cdf280c6893da37f" UNIQUE ("ticket_no"))',
    );
    await queryRunner.query('CREATE INDEX "idx_cases_phone_hash" ON "cases" ("contact_phone_hash") ');
    await queryRunner.query('CREATE INDEX "idx_cases_status" ON "cases" ("status", "id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_cases_citizen_idempotency" ON "cases" ("citizen_id", "idempotency_key") ',
    );
    await queryRunner.query('CREATE INDEX "idx_cases_citizen_id" ON "cases" ("citizen_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "hotline_events_seen" ("event_id" varchar(128) PRIMARY KEY NOT NULL, "case_id" varchar(26) NOT NULL, "received_at" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "sync_cursors" ("name" varchar(32) PRIMARY KEY NOT NULL, "position" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "hotline_outbox" ("id" varchar(26) PRIMARY KEY NOT NULL, "case_id" varchar(26) NOT NULL, "seq" integer NOT NULL, "kind" varchar(32) NOT NULL, "idempotency_key" varchar(64) NOT NULL, "payload" text NOT NULL, "state" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime(3) NOT NULL, "lease_owner" varchar(64), "lease_until" datetime(3), "last_error" text, "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL, CONSTRAINT "UQ_a35f4348ac0c948ea373aa3676c" UNIQUE ("idempotency_key"))',
    );
    await queryRunner.query('CREATE INDEX "idx_outbox_case" ON "hotline_outbox" ("case_id", "seq") ');
    await queryRunner.query('CREATE INDEX "idx_outbox_due" ON "hotline_outbox" ("state", "next_attempt_at") ');
    await queryRunner.query(
      'CREATE TABLE "photos" ("id" varchar(26) PRIMARY KEY NOT NULL, "citizen_id" varchar(26) NOT NULL, "case_id" varchar(26), "storage_key" varchar(128) NOT NULL, "mime" varchar(16) NOT NULL, "bytes" integer NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "sha256" varchar(64) NOT NULL, "media_check" varchar CHECK( "media_check" IN (\'pending\',\'pass\',\'review\',\'risky\',\'unchecked\') ) NOT NULL, "media_trace_id" varchar(64), "created_at" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "idx_photos_media_trace_id" ON "photos" ("media_trace_id") ');
    await queryRunner.query('CREATE INDEX "idx_photos_case_id" ON "photos" ("case_id") ');
    await queryRunner.query('CREATE INDEX "idx_photos_citizen_id" ON "photos" ("citizen_id", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_photos_citizen_id"');
    await queryRunner.query('DROP INDEX "idx_photos_case_id"');
    await queryRunner.query('DROP INDEX "idx_photos_media_trace_id"');
    await queryRunner.query('DROP TABLE "photos"');
    await queryRunner.query('DROP INDEX "idx_outbox_due"');
    await queryRunner.query('DROP INDEX "idx_outbox_case"');
    await queryRunner.query('DROP TABLE "hotline_outbox"');
    await queryRunner.query('DROP TABLE "sync_cursors"');
    await queryRunner.query('DROP TABLE "hotline_events_seen"');
    await queryRunner.query('DROP INDEX "idx_cases_citizen_id"');
    await queryRunner.query('DROP INDEX "uq_cases_citizen_idempotency"');
    await queryRunner.query('DROP INDEX "idx_cases_status"');
    await queryRunner.query('DROP INDEX "idx_cases_phone_hash"');
    await queryRunner.query('DROP TABLE "cases"');
    await queryRunner.query('DROP INDEX "uq_case_events_seq"');
    await queryRunner.query('DROP TABLE "case_events"');
    await queryRunner.query('DROP TABLE "citizens"');
    await queryRunner.query('DROP INDEX "idx_audit_subject"');
    await queryRunner.query('DROP INDEX "idx_audit_actor"');
    await queryRunner.query('DROP TABLE "audit_log"');
  }
}
