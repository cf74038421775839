'use strict';
/**
 * Compiled BFF processes in production mode, as a city runs them: for the multi-process tests and the faults
 * benchmark. The caller starts the databases and simulators; this builds the environment (one set of generated
 * secrets shared by every process) and starts, waits for, and kills processes.
 */
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const { freePort } = require('./system.cjs');

const MAIN = path.resolve(__dirname, '../../bff/dist/main.js');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `intervalMs` until it answers true; throws naming `what` after `timeoutMs`. */
async function waitUntil(what, check, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * The environment of a production BFF against the given database and simulators. Secrets are generated here,
 * once: every process started with this environment accepts the others' tokens.
 * @param {{ dbUrl: string, wechat: { url: string, appId: string, appSecret: string },
 *   hotline: { baseUrl: string, keyId: string, secret: string }, inbound: { id: string, secret: string },
 *   storageDir: string, extra?: Record<string, string> }} options
 */
function productionEnv({ dbUrl, wechat, hotline, inbound, storageDir, extra = {} }) {
  const secret = (n = 32) => randomBytes(n).toString('hex');
  return {
    PATH: process.env.PATH ?? '',
    APP_MODE: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl,
    AUTH_TOKEN_SECRET: secret(),
    PII_KEYS: `p1:${randomBytes(32).toString('base64')}`,
    PII_ACTIVE_KEY_ID: 'p1',
    PII_HASH_KEY: secret(),
    WECHAT_APP_ID: wechat.appId,
    WECHAT_APP_SECRET: wechat.appSecret,
    WECHAT_API_BASE_URL: wechat.url,
    WECHAT_PUSH_TOKEN: secret(16),
    HOTLINE_BASE_URL: hotline.baseUrl,
    HOTLINE_KEY_ID: hotline.keyId,
    HOTLINE_SECRET: hotline.secret,
    HOTLINE_INBOUND_KEYS: `${inbound.id}:${inbound.secret}`,
    RATE_CASES_PER_IP_PER_HOUR: '100000000',
    RATE_CASES_PER_CITIZEN_PER_HOUR: '100000000',
    STORAGE_LOCAL_DIR: storageDir,
    SHUTDOWN_GRACE_MS: '1000',
    LOG_LEVEL: 'error',
    ...extra,
  };
}

/**
 * Starts `node bff/dist/main.js` on `port` and waits until `/readyz` answers 200.
 * @returns {Promise<{ url: string, port: number, child: import('node:child_process').ChildProcess,
 *   kill: (signal?: NodeJS.Signals) => Promise<void>, stderr: () => string }>}
 */
async function startBffProcess(env, port, { readyTimeoutMs = 30000 } = {}) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, PORT: String(port), PUBLIC_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-20000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitUntil(
    `the BFF on port ${port} to be ready`,
    async () => {
      if (child.exitCode !== null) throw new Error(`the BFF on port ${port} exited with ${child.exitCode}: ${stderr}`);
      try {
        return (await fetch(`${url}/readyz`)).status === 200;
      } catch {
        return false;
      }
    },
    readyTimeoutMs,
  );
  return {
    url,
    port,
    child,
    stderr: () => stderr,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * The hotline works its tickets as drills need: one in four only dispatched, then signed, replied, closed —
 * so the final states both sides must agree on are varied.
 * @param {{ tickets(): { ticketNo: string }[], advance(ticketNo: string, input: object): unknown }} hotline
 */
function workTickets(hotline) {
  const moves = [
    ['dispatch'],
    ['dispatch', 'sign'],
    ['dispatch', 'sign', 'reply'],
    ['dispatch', 'sign', 'reply', 'close'],
  ];
  hotline.tickets().forEach((ticket, i) => {
    for (const type of moves[i % moves.length]) {
      hotline.advance(ticket.ticketNo, {
        type,
        ...(type === 'dispatch' ? { unit: '郾城区城市管理局' } : {}),
        ...(type === 'reply' ? { text: '已处理' } : {}),
        ...(type === 'close' ? { text: '已办结' } : {}),
      });
    }
  });
}

module.exports = { MAIN, freePort, productionEnv, sleep, startBffProcess, waitUntil, workTickets };
