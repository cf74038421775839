process.env.TEST_DB = 'mariadb';
if (!process.env.TEST_MARIADB_URL) throw new Error('TEST_MARIADB_URL is not set: the MariaDB global setup did not run');
