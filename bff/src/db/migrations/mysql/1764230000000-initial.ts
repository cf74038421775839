import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764230000000 implements MigrationInterface {
  name = 'Initial1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `citizens` (`id` varchar(26) NOT NULL, `openid` varchar(64) NOT NULL, `unionid` varchar(64) NULL, `created_at` datetime NOT NULL, UNIQUE INDEX `IDX_511a56123eb6ba0bf1a37f47c0` (`openid`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `cases` (`id` varchar(26) NOT NULL, `citizen_id` varchar(26) NOT NULL, `type` varchar(16) NOT NULL, `status` varchar(16) NOT NULL, `title` varchar(40) NOT NULL, `content` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, INDEX `idx_cases_citizen_id` (`citizen_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_cases_citizen_id` ON `cases`');
    await queryRunner.query('DROP TABLE `cases`');
    await queryRunner.query('DROP INDEX `IDX_511a56123eb6ba0bf1a37f47c0` ON `citizens`');
    await queryRunner.query('DROP TABLE `citizens`');
  }
}
