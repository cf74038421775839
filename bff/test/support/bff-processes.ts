import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import request from 'supertest';

/**
 * Compiled BFF processes in production mode, as a deployment runs them, for the suites that need more than
 * one instance (see mariadb-only/). Every process a test starts is killed by stopAll().
 */
export const compiledMain = path.resolve(__dirname, '../../dist/main.js');

export function requireCompiledMain(): void {
  if (!existsSync(compiledMain))
    throw new Error(`${compiledMain} is missing: run "npm run build:ts" first (npm test does)`);
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds; fails naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

export const secret = (bytes = 32): string => randomBytes(bytes).toString('hex');

/** Production settings every instance shares; the suite adds the database, simulators, Redis and limits. */
export function productionEnv(settings: {
  databaseUrl: string;
  wechat: { url: string; appId: string; appSecret: string };
  hotline: { baseUrl: string; keyId: string; secret: string; inboundKeys: string };
  storageDir: string;
}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    APP_MODE: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: settings.databaseUrl,
    DB_POOL_SIZE: '5',
    AUTH_TOKEN_SECRET: secret(),
    PII_KEYS: `p1:${randomBytes(32).toString('base64')}`,
    PII_ACTIVE_KEY_ID: 'p1',
    PII_HASH_KEY: secret(),
    WECHAT_APP_ID: settings.wechat.appId,
    WECHAT_APP_SECRET: settings.wechat.appSecret,
    WECHAT_API_BASE_URL: settings.wechat.url,
    WECHAT_PUSH_TOKEN: secret(16),
    HOTLINE_BASE_URL: settings.hotline.baseUrl,
    HOTLINE_KEY_ID: settings.hotline.keyId,
    HOTLINE_SECRET: settings.hotline.secret,
    HOTLINE_INBOUND_KEYS: settings.hotline.inboundKeys,
    STORAGE_LOCAL_DIR: settings.storageDir,
    SHUTDOWN_GRACE_MS: '1000',
    LOG_LEVEL: 'error',
  };
}

export interface BffProcess {
  child: ChildProcess;
  url: string;
  /** What the process wrote to stderr so far. */
  stderr(): string;
}

export class BffProcesses {
  private readonly started: ChildProcess[] = [];

  /** Starts `node bff/dist/main.js` on `port` and waits until /readyz answers 200. */
  async start(env: Record<string, string>, port: number): Promise<BffProcess> {
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [compiledMain], {
      env: { ...env, PORT: String(port), PUBLIC_URL: url },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    this.started.push(child);
    await until(
      `the BFF on ${port} to be ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`BFF exited ${child.exitCode}: ${stderr}`);
        return request(url)
          .get('/readyz')
          .then((res) => res.status === 200)
          .catch(() => false);
      },
      20_000,
    );
    return { child, url, stderr: () => stderr };
  }

  /** SIGTERM (a graceful stop), then waits for the exit code. */
  async terminate(process: BffProcess): Promise<number | null> {
    if (process.child.exitCode !== null) return process.child.exitCode;
    const exited = new Promise<number | null>((resolve) => process.child.once('exit', (code) => resolve(code)));
    process.child.kill('SIGTERM');
    return exited;
  }

  stopAll(): void {
    for (const child of this.started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
