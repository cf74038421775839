import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisclosureLetters1796322416597 implements MigrationInterface {
  name = 'DisclosureLetters1796322416597';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "disclosure_letters" ("id" varchar(26) PRIMARY KEY NOT NULL, "application_id" varchar(26) NOT NULL, "kind" varchar(16) NOT NULL, "title" varchar(60) NOT NULL, "year" integer NOT NULL, "seq" integer NOT NULL, "number" varchar(40) NOT NULL, "issued_at" datetime(3) NOT NULL, "paragraphs" text NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "idx_disclosure_letters_app" ON "disclosure_letters" ("application_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_disclosure_letters_number" ON "disclosure_letters" ("year", "seq") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_disclosure_letters_number"');
    await queryRunner.query('DROP INDEX "idx_disclosure_letters_app"');
    await queryRunner.query('DROP TABLE "disclosure_letters"');
  }
}
