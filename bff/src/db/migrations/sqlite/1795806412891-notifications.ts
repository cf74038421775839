import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795806412891 implements MigrationInterface {
  name = 'Notifications1795806412891';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "subscription_grants" ("id" varchar(26) PRIMARY KEY NOT NULL, "citizen_id" varchar(26) NOT NULL, "template_id" varchar(128) NOT NULL, "purpose" varchar(16) NOT NULL, "case_id" varchar(26), "result" varchar(8) NOT NULL, "created_at" datetime(3) NOT NULL, "spent_at" datetime(3), "message_id" varchar(26))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_grants_available" ON "subscription_grants" ("citizen_id", "template_id", "spent_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "notification_outbox" ("id" varchar(26) PRIMARY KEY NOT NULL, "case_id" varchar(26) NOT NULL, "citizen_id" varchar(26) NOT NULL, "seq" integer NOT NULL, "purpose" varchar(16) NOT NULL, "event" varchar(16) NOT NULL, "payload" text NOT NULL, "state" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime(3) NOT NULL, "lease_owner" varchar(64), "lease_until" datetime(3), "grant_id" varchar(26), "msgid" varchar(64), "last_error" text, "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "idx_notify_case" ON "notification_outbox" ("case_id", "seq") ');
    await queryRunner.query('CREATE INDEX "idx_notify_due" ON "notification_outbox" ("state", "next_attempt_at") ');
    await queryRunner.query(
      'CREATE TABLE "survey_tokens" ("token_hash" varchar(64) PRIMARY KEY NOT NULL, "case_id" varchar(26) NOT NULL, "citizen_id" varchar(26) NOT NULL, "created_at" datetime(3) NOT NULL, "expires_at" datetime(3) NOT NULL, "used_at" datetime(3))',
    );
    await queryRunner.query('CREATE INDEX "idx_survey_tokens_case" ON "survey_tokens" ("case_id") ');
    await queryRunner.query(
      'CREATE TABLE "case_ratings" ("case_id" varchar(26) PRIMARY KEY NOT NULL, "citizen_id" varchar(26) NOT NULL, "rating" varchar(24) NOT NULL, "reasons" text NOT NULL, "comment" text, "first_rated_at" datetime(3) NOT NULL, "rated_at" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "wechat_access_tokens" ("app_id" varchar(64) PRIMARY KEY NOT NULL, "token_enc" text, "refresh_at" datetime(3), "expires_at" datetime(3), "lock_owner" varchar(64), "lock_until" datetime(3), "updated_at" datetime(3) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "wechat_access_tokens"');
    await queryRunner.query('DROP TABLE "case_ratings"');
    await queryRunner.query('DROP INDEX "idx_survey_tokens_case"');
    await queryRunner.query('DROP TABLE "survey_tokens"');
    await queryRunner.query('DROP INDEX "idx_notify_due"');
    await queryRunner.query('DROP INDEX "idx_notify_case"');
    await queryRunner.query('DROP TABLE "notification_outbox"');
    await queryRunner.query('DROP INDEX "idx_grants_available"');
    await queryRunner.query('DROP TABLE "subscription_grants"');
  }
}
