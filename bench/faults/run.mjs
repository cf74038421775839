#!/usr/bin/env node
// bench faults: 10,000 cases submitted to two BFF processes (production mode, one MariaDB) while the 12345
// simulator fails 30% of ticket calls, times out 10%, duplicates, drops and reorders its callbacks and goes fully
// down for 30 s; each BFF is killed with SIGKILL once (twice in all) and restarted; MariaDB is restarted once.
// Clients behave as the mini-program does: a failed or unanswered submission is retried with the same
// Idempotency-Key, on the other instance. Afterwards every acknowledged case must exist, have exactly one ticket,
// and have the same final state on both sides.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { startThrowawayMariadb } = require('../../scripts/lib/throwaway-mariadb.cjs');
const {
  freePort,
  productionEnv,
  sleep,
  startBffProcess,
  waitUntil,
  workTickets,
} = require('../../scripts/lib/bff-process.cjs');
const { createDataSource } = require('../../bff/dist/db/data-source');
const { startHotlineSimulator, startWechatSimulator } = require('../../simulators/dist');

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_MS ?? 30_000);
const DB_DOWN_MS = Number(process.env.BENCH_DB_DOWN_MS ?? 3_000);
const log = (line) => process.stdout.write(`${line}\n`);
const secret = (n = 32) => randomBytes(n).toString('hex');

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
/** One HTTP request; resolves with status, parsed body and latency, or `{ status: 0 }` when none came. */
function call(url, { method = 'GET', headers = {}, body } = {}) {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = http.request(url, { method, headers, agent, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode, body: json, ms: Number(process.hrtime.bigint() - started) / 1e6 });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: null, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    req.end(body);
  });
}

log('starting a throwaway MariaDB, the WeChat and 12345 simulators…');
const db = await startThrowawayMariadb();
const mysql = require('mysql2/promise');
const admin = await mysql.createConnection({ uri: db.url.replace('mariadb:', 'mysql:') });
await admin.query('CREATE DATABASE faults CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
await admin.end();
const dbUrl = `${db.url}/faults`;
let dataSource = createDataSource({ url: dbUrl, sqlitePath: '', poolSize: 4 });
await dataSource.initialize();
await dataSource.runMigrations({ transaction: 'each' });

const app = { appId: 'wxfaults00000000', appSecret: secret(16) };
const wechat = await startWechatSimulator(app);
const channelKey = { id: 'faults', secret: secret() };
const inbound = { id: 'hotline-faults', secret: secret() };
const ports = [await freePort(), await freePort()];
const hotline = await startHotlineSimulator({
  keys: { [channelKey.id]: channelKey.secret },
  seed: 20261127,
  callback: { url: `http://127.0.0.1:${ports[0]}/api/v1/hotline/events`, keyId: inbound.id, secret: inbound.secret },
  pushRetryDelaysMs: [500, 2000, 5000],
});
const storage = mkdtempSync(path.join(os.tmpdir(), 'bench-faults-'));
const env = productionEnv({
  dbUrl,
  wechat: { url: wechat.url, ...app },
  hotline: { baseUrl: hotline.baseUrl, keyId: channelKey.id, secret: channelKey.secret },
  inbound,
  storageDir: storage,
  extra: {
    DB_POOL_SIZE: '10',
    HOTLINE_TIMEOUT_MS: '1000',
    FORWARDING_INTERVAL_MS: '100',
    FORWARDING_BATCH_SIZE: '20',
    FORWARDING_LEASE_SECONDS: '10',
    FORWARDING_POLL_SECONDS: '2',
    FORWARDING_POLL_OVERLAP_SECONDS: '30',
    FORWARDING_RETRY_BASE_MS: '500',
    FORWARDING_RETRY_MAX_MS: '5000',
  },
});
const bffs = [];
const live = [true, true];
for (const port of ports) bffs.push(await startBffProcess(env, port));
log(`two BFF processes on ports ${ports.join(', ')}`);

hotline.faults.set({
  endpoints: {
    tickets: { error: { rate: 0.3 }, timeout: { rate: 0.1, hangMs: 1500, then: 'answer' } },
    messages: { error: { rate: 0.3 } },
    updates: { error: { rate: 0.3 } },
  },
  push: { duplicate: { rate: 0.2 }, drop: { rate: 0.1 }, reorder: { batch: 8, order: 'shuffle', maxHoldMs: 500 } },
});

const tokens = [];
for (let i = 0; i < 50; i += 1) {
  const res = await call(`${bffs[i % 2].url}/api/v1/auth/wechat-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `faults-${i}` }),
  });
  tokens.push(`Bearer ${res.body.token}`);
}

const acknowledged = new Set();
const outage503 = [];
let readyDuringOutage = null;
let retries = 0;
let next = 0;
let restarting = Promise.resolve();
const events = [];
const milestone = (fraction) => Math.floor(CASES * fraction);
const plan = new Map([
  [milestone(0.15), 'hotline-outage'],
  [milestone(0.3), 'kill-0'],
  [milestone(0.55), 'kill-1'],
  [milestone(0.8), 'db-restart'],
]);
let dbDown = false;

async function act(what) {
  events.push(`${what} at case ${next}`);
  log(`  ${what} (case ${next} of ${CASES})`);
  if (what === 'hotline-outage') hotline.faults.set({ outage: { mode: 'unavailable', forMs: OUTAGE_MS } });
  if (what.startsWith('kill-')) {
    const i = Number(what.slice(5));
    live[i] = false;
    await bffs[i].kill('SIGKILL');
    bffs[i] = await startBffProcess(env, ports[i]);
    live[i] = true;
  }
  if (what === 'db-restart') {
    dbDown = true;
    const probe = (async () => {
      await sleep(DB_DOWN_MS / 2);
      const res = await call(`${bffs[0].url}/readyz`);
      readyDuringOutage = { status: res.status, database: res.body?.checks?.database, ms: Math.round(res.ms) };
    })();
    await db.restart(DB_DOWN_MS);
    await probe;
    dbDown = false;
  }
}

async function submitOne(n) {
  const key = `faults-${n}-${randomBytes(6).toString('hex')}`;
  const body = JSON.stringify({
    type: 'complaint',
    category: 'C04',
    content: `第${n}号故障演练诉求：小区门口的路灯已经坏了一个多月，晚上出行很不方便。`,
    anonymous: true,
    privacyConsent: true,
  });
  for (let attempt = 0; ; attempt += 1) {
    const target = (n + attempt) % 2;
    if (!live[target]) {
      await sleep(20);
      continue;
    }
    const res = await call(`${bffs[target].url}/api/v1/cases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: tokens[n % tokens.length],
        'idempotency-key': key,
      },
      body,
    });
    if (res.status === 201 || res.status === 200) {
      acknowledged.add(res.body.id);
      return;
    }
    if (res.status === 503 && dbDown) outage503.push(res.ms);
    if (res.status !== 0 && res.status !== 503 && res.status !== 502) {
      throw new Error(`case ${n}: unexpected HTTP ${res.status} ${JSON.stringify(res.body)}`);
    }
    retries += 1;
    await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 4)));
  }
}

log(`submitting ${CASES} cases with ${CONCURRENCY} clients…`);
const started = Date.now();
let lastReport = Date.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < CASES) {
      const n = next++;
      if (plan.has(n)) restarting = act(plan.get(n));
      await submitOne(n);
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        log(
          `  ${acknowledged.size} acknowledged, ${retries} client retries, ${Math.round((Date.now() - started) / 1000)} s`,
        );
      }
    }
  }),
);
await restarting;
log(
  `${acknowledged.size} acknowledged in ${Math.round((Date.now() - started) / 1000)} s; waiting for the outbox to drain…`,
);

// The pool opened before the database restart is gone: a fresh one for the checks.
await dataSource.destroy().catch(() => undefined);
dataSource = createDataSource({ url: dbUrl, sqlitePath: '', poolSize: 4 });
await dataSource.initialize();
const count = async (sql) => Number((await dataSource.query(sql))[0].n);
await waitUntil(
  'the outbox to drain',
  async () => {
    const left = await count("SELECT COUNT(*) AS n FROM hotline_outbox WHERE state <> 'sent'");
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      log(`  ${left} messages still to send`);
    }
    return left === 0;
  },
  600_000,
  500,
);

log('the hotline works the tickets; updates come back by push (through faults) and polling…');
workTickets(hotline);
// One copy of the simulator's tickets per check, checked every few seconds: the simulator shares this process,
// and copying 10,000 tickets with their events every second would starve the very polls being waited for.
const ticketsByCase = () => {
  const map = new Map();
  for (const k of hotline.tickets()) map.set(k.caseId, [...(map.get(k.caseId) ?? []), k]);
  return map;
};
const mismatches = async () => {
  const ours = await dataSource.query('SELECT id, status, ticket_no AS ticketNo FROM cases');
  const theirs = ticketsByCase();
  return ours.filter(
    (c) => theirs.get(c.id)?.[0]?.status !== c.status || theirs.get(c.id)?.[0]?.ticketNo !== c.ticketNo,
  );
};
await waitUntil('both sides to agree', async () => (await mismatches()).length === 0, 300_000, 5000).catch((e) =>
  log(`  ${e.message}`),
);

const stored = new Set((await dataSource.query('SELECT id FROM cases')).map((r) => r.id));
const tickets = ticketsByCase();
const lost = [...acknowledged].filter((id) => !stored.has(id) || !tickets.has(id)).length;
const duplicated = [...acknowledged].filter((id) => (tickets.get(id)?.length ?? 0) > 1).length;
const mismatched = (await mismatches()).length;
const faults = {};
for (const c of hotline.calls) if (c.fault) faults[c.fault] = (faults[c.fault] ?? 0) + 1;
const pushes = hotline.pushes;
log(`events: ${events.join('; ')}`);
log(
  `hotline faults seen: ${JSON.stringify(faults)} (of the last ${hotline.calls.length} calls); pushes duplicated ` +
    `${pushes.filter((p) => p.duplicate).length}, dropped ${pushes.filter((p) => p.outcome === 'dropped').length}`,
);
const sorted503 = [...outage503].sort((a, b) => a - b);
const over1s = sorted503.filter((ms) => ms > 1000).length;
log(
  `client retries: ${retries}; during the database restart: ${outage503.length} answers 503 (median ` +
    `${Math.round(sorted503[Math.floor(sorted503.length / 2)] ?? 0)} ms, slowest ${Math.round(Math.max(0, ...sorted503))} ms, ` +
    `${over1s} over 1 s); /readyz then: ${JSON.stringify(readyDuringOutage)}`,
);
log(`cases stored ${stored.size}, tickets ${hotline.tickets().length}`);
if (mismatched > 0) {
  for (const c of (await mismatches()).slice(0, 5)) {
    const k = tickets.get(c.id)?.[0];
    const seq = (await dataSource.query('SELECT last_hotline_seq AS s FROM cases WHERE id = ?', [c.id]))[0]?.s;
    log(`  mismatch ${c.id}: ours ${c.status} (seq ${seq}), theirs ${k?.status} (seq ${k?.sequence}) ${k?.ticketNo}`);
  }
}

for (const bff of bffs) await bff.kill('SIGTERM');
await hotline.close();
await wechat.close();
await dataSource.destroy();
await db.stop();
rmSync(storage, { recursive: true, force: true });
agent.destroy();
log(
  `RESULT faults acknowledged=${acknowledged.size} lost=${lost} duplicated=${duplicated} mismatched=${mismatched} ` +
    `db_outage_503=${outage503.length} db_outage_over_1s=${over1s} db_outage_max_ms=${Math.round(Math.max(0, ...outage503))}`,
);
