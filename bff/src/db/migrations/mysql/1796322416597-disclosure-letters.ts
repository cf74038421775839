import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisclosureLetters1796322416597 implements MigrationInterface {
  name = 'DisclosureLetters1796322416597';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `disclosure_letters` (`id` varchar(26) NOT NULL, `application_id` varchar(26) NOT NULL, `kind` varchar(16) NOT NULL, `title` varchar(60) NOT NULL, `year` int NOT NULL, `seq` int NOT NULL, `number` varchar(40) NOT NULL, `issued_at` datetime(3) NOT NULL, `paragraphs` text NOT NULL, INDEX `idx_disclosure_letters_app` (`application_id`), UNIQUE INDEX `uq_disclosure_letters_number` (`year`, `seq`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_disclosure_letters_number` ON `disclosure_letters`');
    await queryRunner.query('DROP INDEX `idx_disclosure_letters_app` ON `disclosure_letters`');
    await queryRunner.query('DROP TABLE `disclosure_letters`');
  }
}
