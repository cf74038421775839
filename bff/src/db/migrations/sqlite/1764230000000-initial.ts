import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764230000000 implements MigrationInterface {
  name = 'Initial1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "citizens" ("id" varchar(26) PRIMARY KEY NOT NULL, "openid" varchar(64) NOT NULL, "unionid" varchar(64), "created_at" datetime NOT NULL, CONSTRAINT "UQ_511a56123eb6ba0bf1a37f47c09" UNIQUE ("openid"))',
    );
    await queryRunner.query(
      'CREATE TABLE "cases" ("id" varchar(26) PRIMARY KEY NOT NULL, "citizen_id" varchar(26) NOT NULL, "type" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "title" varchar(40) NOT NULL, "content" text NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "idx_cases_citizen_id" ON "cases" ("citizen_id", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_cases_citizen_id"');
    await queryRunner.query('DROP TABLE "cases"');
    await queryRunner.query('DROP TABLE "citizens"');
  }
}
