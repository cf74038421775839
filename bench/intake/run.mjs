#!/usr/bin/env node
// bench intake: case submission through the whole BFF against a hand-written floor (raw Koa + mysql2, one
// transaction inserting the case row and its outbox row), both on the same throwaway MariaDB, 50 connections,
// alternating rounds so drift on a shared machine hits both sides alike.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../lib/child.mjs';
import { runLoad } from '../lib/load.mjs';
import { mariadbWithSchema } from '../lib/mariadb.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const log = (line) => process.stdout.write(`${line}\n`);

const body = JSON.stringify({
  type: 'complaint',
  category: 'C04',
  content: '小区门口的路灯已经坏了一个多月，晚上出行很不方便，请尽快修复。',
  location: { address: '漯河市郾城区沙北街道黄河路100号', latitude: 33.58, longitude: 114.02 },
  contact: { name: '张三', phone: '13812345678' },
  privacyConsent: true,
});

log('starting a throwaway MariaDB and migrating two databases…');
const db = await mariadbWithSchema(['bench_full', 'bench_floor']);
let floor;
let bff;
try {
  floor = await startChild(path.join(here, 'floor-server.mjs'), {
    FLOOR_DB_URL: db.urls.bench_floor.replace('mariadb:', 'mysql:'),
  });
  bff = await startChild(path.join(here, '../lib/bff-server.mjs'), { BFF_DB_URL: db.urls.bench_full });
  const tokens = [];
  for (let i = 0; i < CONNECTIONS; i += 1) {
    const res = await fetch(`${bff.url}/api/v1/auth/wechat-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: `bench-${i}` }),
    });
    tokens.push((await res.json()).token);
  }
  const request = (withAuth) => (connection) => ({
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': randomBytes(12).toString('base64url'),
      ...(withAuth ? { authorization: `Bearer ${tokens[connection]}` } : {}),
    },
    body,
  });
  const run = (target, withAuth, seconds) =>
    runLoad({
      url: `${target.url}/api/v1/cases`,
      connections: CONNECTIONS,
      seconds,
      request: request(withAuth),
      expectStatus: [201],
    });

  log(`warming up (3 s each)…`);
  await run(floor, false, 3);
  await run(bff, true, 3);
  const results = { floor: [], bff: [] };
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const [name, target, auth] of [
      ['floor', floor, false],
      ['bff', bff, true],
    ]) {
      const r = await run(target, auth, SECONDS);
      results[name].push(r);
      log(
        `round ${round} ${name.padEnd(5)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}`,
      );
      if (r.errors) log(`  statuses: ${JSON.stringify(r.statuses)}`);
    }
  }
  // Each BFF round is compared with the floor round just before it; the median of those ratios is reported.
  const ratios = results.bff.map((r, i) => r.rps / results.floor[i].rps).sort((a, x) => a - x);
  const ratio = ratios[Math.floor(ratios.length / 2)];
  const median = (list) => [...list].sort((a, x) => a.rps - x.rps)[Math.floor(list.length / 2)];
  const f = median(results.floor);
  const b = median(results.bff);
  const errors = [...results.floor, ...results.bff].reduce((n, r) => n + r.errors, 0);
  log(`floor (raw Koa + mysql2), median round: ${f.rps.toFixed(0)} req/s, p99 ${f.p99.toFixed(1)} ms`);
  log(`BFF (full stack), median round:         ${b.rps.toFixed(0)} req/s, p99 ${b.p99.toFixed(1)} ms`);
  log(`paired ratios: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
  log(
    `RESULT intake ratio=${ratio.toFixed(2)} p99_ms=${b.p99.toFixed(0)} floor_rps=${f.rps.toFixed(0)} rps=${b.rps.toFixed(0)} errors=${errors}`,
  );
} finally {
  await bff?.stop();
  await floor?.stop();
  await db.stop();
}
