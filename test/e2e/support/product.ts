import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@hotline/config';
import { startWechatSimulator } from '@hotline/simulators';
import pino from 'pino';
import { startServer, type RunningBff } from '../../../bff/src/server';

export const H5_DIR = path.resolve(__dirname, '../../../miniapp/dist-h5');

/** The product as `npm start` runs it in demo mode: BFF on SQLite, WeChat simulator, H5 build on one origin. */
export async function startProduct(): Promise<{ url: string; bff: RunningBff; stop(): Promise<void> }> {
  if (!existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`${H5_DIR} has no build: run "npm run build:h5" first (npm test does)`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-'));
  const wechat = await startWechatSimulator({ appId: 'wxe2e', appSecret: 'e'.repeat(32) });
  const config = loadConfig({
    env: {},
    overrides: {
      http: { port: 0, h5Dir: H5_DIR },
      db: { sqlitePath: path.join(dir, 'e2e.sqlite') },
      auth: { tokenSecret: 't'.repeat(32) },
      wechat: { appId: 'wxe2e', appSecret: 'e'.repeat(32), apiBaseUrl: wechat.url },
    },
  });
  const bff = await startServer(config, { logger: pino({ level: 'silent' }) });
  return {
    url: bff.url,
    bff,
    stop: async () => {
      await bff.stop();
      await wechat.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
