import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

describe('start-up in production mode', () => {
  test('when production keys are missing, then the process refuses to start and lists every one', () => {
    const main = path.resolve(__dirname, '../../dist/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build:ts" first (npm test does)`);
    const result = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, APP_MODE: 'production', AUTH_TOKEN_SECRET: 'short' },
      encoding: 'utf8',
      timeout: 15000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('Invalid configuration');
    for (const key of ['DATABASE_URL', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'HOTLINE_BASE_URL', 'HOTLINE_SECRET']) {
      expect(result.stderr).toContain(`(${key}): required in production`);
    }
    expect(result.stderr).toContain('auth.tokenSecret (AUTH_TOKEN_SECRET): must be at least 32 characters');
  });
});
