import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, withDemoSecrets } from '@hotline/config';
import { startDemoOutside } from '../../src/demo';
import pino from 'pino';
import { startServer } from '../../src/server';
import { freshDirEachTest } from '../support/temp-dir';

// Shutdown does not depend on the database dialect, so it runs once, on SQLite.
describe('graceful shutdown', () => {
  const tempDir = freshDirEachTest('hotline-shutdown-');

  test('when stop is called during a request, then that request completes and new connections are refused', async () => {
    const dir = tempDir();
    const demo = withDemoSecrets(
      loadConfig({ env: {}, overrides: { http: { port: 0 }, db: { sqlitePath: path.join(dir, 'db.sqlite') } } }),
      dir,
    );
    const outside = await startDemoOutside(demo);
    outside.wechat.setDelay(400);
    const config = outside.config;
    const bff = await startServer(config, { logger: pino({ level: 'silent' }) });
    try {
      const inFlight = fetch(`${bff.url}/api/v1/auth/wechat-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'slow-code' }),
      });
      await new Promise((r) => setTimeout(r, 100));
      const stopped = bff.stop();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { token?: string }).token).toEqual(expect.any(String));
      await stopped;
      await expect(fetch(`${bff.url}/healthz`)).rejects.toThrow();
      expect(bff.dataSource.isInitialized).toBe(false);
    } finally {
      await outside.stop();
    }
  });

  test('when the process gets SIGTERM, then it stops cleanly with exit code 0', async () => {
    const dir = tempDir();
    const main = path.resolve(__dirname, '../../dist/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build:ts" first (npm test does)`);
    const child = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH,
        APP_MODE: 'demo',
        PORT: '0',
        SQLITE_PATH: path.join(dir, 'db.sqlite'),
        LOG_LEVEL: 'info',
        H5_DIR: dir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 15000;
    while (!/http:\/\/localhost:\d+\//.test(output) && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = /(http:\/\/localhost:\d+)\//.exec(output)?.[1];
    expect(url).toBeDefined();
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  });
});
