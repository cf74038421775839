import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReadPathsAtScale1796322636876 implements MigrationInterface {
  name = 'ReadPathsAtScale1796322636876';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "case_figures" ("day" varchar(10) NOT NULL, "type" varchar(16) NOT NULL, "category" varchar(32) NOT NULL, "unit" varchar(100) NOT NULL, "region_code" varchar(32) NOT NULL, "received" integer NOT NULL DEFAULT (0), "closed" integer NOT NULL DEFAULT (0), "closed_ms" bigint NOT NULL DEFAULT (0), "due_all" integer NOT NULL DEFAULT (0), "due_closed" integer NOT NULL DEFAULT (0), "due_on_time" integer NOT NULL DEFAULT (0), "rated" integer NOT NULL DEFAULT (0), "rated_good" integer NOT NULL DEFAULT (0), "dispatched" integer NOT NULL DEFAULT (0), "signed" integer NOT NULL DEFAULT (0), "signed_in_time" integer NOT NULL DEFAULT (0), PRIMARY KEY ("day", "type", "category", "unit", "region_code"))',
    );
    await queryRunner.query(
      'CREATE TABLE "case_figures_monthly" ("month" varchar(7) NOT NULL, "type" varchar(16) NOT NULL, "category" varchar(32) NOT NULL, "unit" varchar(100) NOT NULL, "region_code" varchar(32) NOT NULL, "received" integer NOT NULL DEFAULT (0), "closed" integer NOT NULL DEFAULT (0), "closed_ms" bigint NOT NULL DEFAULT (0), "due_all" integer NOT NULL DEFAULT (0), "due_closed" integer NOT NULL DEFAULT (0), "due_on_time" integer NOT NULL DEFAULT (0), "rated" integer NOT NULL DEFAULT (0), "rated_good" integer NOT NULL DEFAULT (0), "dispatched" integer NOT NULL DEFAULT (0), "signed" integer NOT NULL DEFAULT (0), "signed_in_time" integer NOT NULL DEFAULT (0), PRIMARY KEY ("month", "type", "category", "unit", "region_code"))',
    );
    await queryRunner.query(
      'CREATE TABLE "case_figure_marks" ("case_id" varchar(26) PRIMARY KEY NOT NULL, "type" varchar(16) NOT NULL, "category" varchar(32) NOT NULL, "handling_unit" varchar(100), "region_code" varchar(32), "status" varchar(16) NOT NULL, "created_at" datetime(3) NOT NULL, "closed_at" datetime(3), "due_at" datetime(3), "dispatched_at" datetime(3), "signed_at" datetime(3), "rating" varchar(24), "rated_at" datetime(3))',
    );
    await queryRunner.query(
      'CREATE TABLE "case_figures_cursor" ("id" integer PRIMARY KEY NOT NULL, "folded_at" datetime(3), "folded_id" varchar(26))',
    );
    await queryRunner.query('CREATE INDEX "idx_cases_content_check" ON "cases" ("content_check", "id") ');
    await queryRunner.query('CREATE INDEX "idx_cases_dispatched" ON "cases" ("dispatched_at") ');
    await queryRunner.query('CREATE INDEX "idx_cases_updated" ON "cases" ("updated_at", "id") ');
    await queryRunner.query('CREATE INDEX "idx_cases_status_due" ON "cases" ("status", "due_at") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_cases_status_due"');
    await queryRunner.query('DROP INDEX "idx_cases_updated"');
    await queryRunner.query('DROP INDEX "idx_cases_dispatched"');
    await queryRunner.query('DROP INDEX "idx_cases_content_check"');
    await queryRunner.query('DROP TABLE "case_figures_cursor"');
    await queryRunner.query('DROP TABLE "case_figure_marks"');
    await queryRunner.query('DROP TABLE "case_figures_monthly"');
    await queryRunner.query('DROP TABLE "case_figures"');
  }
}
