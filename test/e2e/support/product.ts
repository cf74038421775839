import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, withDemoSecrets } from '@hotline/config';
import pino from 'pino';
import { startDemoOutside, type DemoOutside } from '../../../bff/src/demo';
import { startServer, type RunningBff } from '../../../bff/src/server';

export const H5_DIR = path.resolve(__dirname, '../../../miniapp/dist-h5');

/**
 * The product as `npm start` runs it in demo mode (bff/src/main.ts): BFF on SQLite with generated demo secrets,
 * the WeChat simulator, the H5 build (unless `h5: false`: the staff console needs none) on one origin. Everything it writes stays in a throwaway folder.
 */
export async function startProduct(options: { h5?: boolean } = {}): Promise<{
  url: string;
  bff: RunningBff;
  outside: DemoOutside;
  stop(): Promise<void>;
}> {
  const h5 = options.h5 ?? true;
  if (h5 && !existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`${H5_DIR} has no build: run "npm run build:h5" first (npm test does)`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-'));
  // A known port, so the BFF can hand the 12345 system absolute (signed) photo links as it does in production.
  const port = await freePort();
  const demo = withDemoSecrets(
    loadConfig({
      env: {},
      overrides: {
        http: { port, publicUrl: `http://127.0.0.1:${port}`, ...(h5 ? { h5Dir: H5_DIR } : {}) },
        db: { sqlitePath: path.join(dir, 'e2e.sqlite') },
        storage: { localDir: path.join(dir, 'uploads') },
        // The test moves cases to the hotline itself (bff.jobs.forwardOnce()), so every step is observable.
        forwarding: { intervalMs: 3_600_000, pollSeconds: 3600 },
        // The cheapest scrypt cost the schema allows: staff sign-ins are not what these suites measure.
        staff: { passwordCostLog2: 10 },
      },
    }),
    dir,
  );
  const outside = await startDemoOutside(demo);
  try {
    const bff = await startServer(outside.config, { logger: pino({ level: 'silent' }) });
    outside.connect(bff.url);
    return {
      url: bff.url,
      bff,
      outside,
      stop: async () => {
        await bff.stop();
        await outside.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await outside.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
