#!/usr/bin/env node
// bench load: a mixed citizen workload — sign-in, photo upload, submit, list, detail, catalog browse and search — at rising concurrency until p99 passes 200 ms, against the BFF on
// MariaDB, the BFF on SQLite, and the floor (bench/load/floor-server.mjs: the same endpoints by hand, raw Koa +
// mysql2) on MariaDB, all in one run. Each server is one Node process, i.e. at most one core of JavaScript: the
// sustained rate of one process is the rate per core (the database and the load generator share the machine).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startChild } from '../lib/child.mjs';
import { runLoad } from '../lib/load.mjs';
import { mariadbWithSchema } from '../lib/mariadb.mjs';

const require = createRequire(import.meta.url);
const sharp = require('sharp');
const here = path.dirname(fileURLToPath(import.meta.url));
const STEP_SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const LEVELS = (process.env.BENCH_LEVELS ?? '4,8,16,32,64,96').split(',').map(Number);
const P99_LIMIT_MS = 200;
const log = (line) => process.stdout.write(`${line}\n`);

const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 140, b: 200 } } })
  .jpeg({ quality: 80 })
  .toBuffer();
const boundary = 'benchboundary7d1f';
const multipart = Buffer.concat([
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  ),
  photo,
  Buffer.from(`\r\n--${boundary}--\r\n`),
]);
const caseBody = (n) =>
  JSON.stringify({
    type: 'complaint',
    category: 'C04',
    content: `第${n}号：小区门口的路灯已经坏了一个多月，晚上出行很不方便，请尽快修复。`,
    location: { address: '漯河市郾城区沙北街道黄河路100号', latitude: 33.58, longitude: 114.02 },
    contact: { name: '张三', phone: '13812345678' },
    privacyConsent: true,
  });

/** Catalog pages citizens open: a county's areas, an area's items, and searches. */
const CATALOG = [
  '/api/v1/catalog/regions/411100/areas',
  '/api/v1/catalog/regions/411102/areas/A25/items?pageSize=20',
  '/api/v1/catalog/regions/411103/areas/A22/items?pageSize=20',
  `/api/v1/catalog/search?q=${encodeURIComponent('低保')}`,
  `/api/v1/catalog/search?q=${encodeURIComponent('养老')}&region=411102`,
  `/api/v1/catalog/search?q=${encodeURIComponent('义务教育')}`,
];

/**
 * What one connection (one citizen) asks next: 10% submit, 5% photo upload, 30% list, 30% detail, 25% catalog
 * browse and search.
 */
function workload(users) {
  return (connection, n) => {
    const user = users[connection % users.length];
    const roll = (n * 37 + connection * 11) % 100;
    if (roll >= 75) return { method: 'GET', path: CATALOG[(n + connection) % CATALOG.length] };
    const json = { 'content-type': 'application/json', ...user.headers };
    if (roll < 10) {
      return {
        method: 'POST',
        path: '/api/v1/cases',
        headers: { ...json, 'idempotency-key': randomBytes(12).toString('base64url') },
        body: caseBody(n),
      };
    }
    if (roll < 15) {
      return {
        method: 'POST',
        path: '/api/v1/uploads/photos',
        headers: { ...user.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: multipart,
      };
    }
    if (roll < 45) return { method: 'GET', path: '/api/v1/cases?limit=20', headers: user.headers };
    return { method: 'GET', path: `/api/v1/cases/${user.cases[n % user.cases.length]}`, headers: user.headers };
  };
}

/** Citizens with a few cases each, signed in through the target's own API (the floor takes a header instead). */
async function users(target, count, floor) {
  const list = [];
  for (let i = 0; i < count; i += 1) {
    let headers;
    if (floor) headers = { 'x-citizen': `FLOORUSER${String(i).padStart(4, '0')}` };
    else {
      const res = await fetch(`${target.url}/api/v1/auth/wechat-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: `load-${i}` }),
      });
      headers = { authorization: `Bearer ${(await res.json()).token}` };
    }
    const cases = [];
    for (let k = 0; k < 3; k += 1) {
      const res = await fetch(`${target.url}/api/v1/cases`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': randomBytes(12).toString('base64url'),
          ...headers,
        },
        body: caseBody(k),
      });
      if (res.status !== 201) throw new Error(`setup: HTTP ${res.status} ${await res.text()}`);
      cases.push((await res.json()).id);
    }
    list.push({ headers, cases });
  }
  return list;
}

/** Rising concurrency until p99 passes the limit; the sustained rate is the best level within it. */
async function climb(name, target, people) {
  let sustained = { rps: 0, level: 0, p99: 0 };
  for (const level of LEVELS) {
    const r = await runLoad({
      url: target.url,
      connections: level,
      seconds: STEP_SECONDS,
      request: workload(people),
      expectStatus: [200, 201],
    });
    log(
      `${name.padEnd(14)} ${String(level).padStart(3)} connections  ${r.rps.toFixed(0).padStart(6)} req/s  p50 ` +
        `${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  errors ${r.errors}`,
    );
    if (r.errors) log(`  statuses: ${JSON.stringify(r.statuses)}`);
    if (r.p99 > P99_LIMIT_MS) break;
    if (r.rps > sustained.rps) sustained = { rps: r.rps, level, p99: r.p99 };
  }
  log(
    `${name}: sustained ${sustained.rps.toFixed(0)} req/s at ${sustained.level} connections (p99 ${sustained.p99.toFixed(0)} ms)`,
  );
  return sustained;
}

log('starting a throwaway MariaDB and migrating two databases…');
const db = await mariadbWithSchema(['load_bff', 'load_floor']);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-load-'));
const results = {};
try {
  const catalogFile = path.join(scratch, 'catalog-pages.json');
  const runs = [
    [
      'BFF (MariaDB)',
      '../lib/bff-server.mjs',
      { BFF_DB_URL: db.urls.load_bff, BFF_STORAGE_DIR: path.join(scratch, 'bff'), BFF_SEED_CATALOG: '1' },
      false,
    ],
    [
      'BFF (SQLite)',
      '../lib/bff-server.mjs',
      {
        BFF_SQLITE_PATH: path.join(scratch, 'load.sqlite'),
        BFF_STORAGE_DIR: path.join(scratch, 'bff-sqlite'),
        BFF_SEED_CATALOG: '1',
      },
      false,
    ],
    // The floor answers the catalog pages with the BFF's own answers, captured once: a hand-written cache.
    [
      'floor (MariaDB)',
      'floor-server.mjs',
      {
        FLOOR_DB_URL: db.urls.load_floor.replace('mariadb:', 'mysql:'),
        FLOOR_PHOTO_DIR: path.join(scratch, 'floor'),
        FLOOR_CATALOG_PAGES: catalogFile,
      },
      true,
    ],
  ];
  for (const [name, script, env, floor] of runs) {
    const target = await startChild(path.join(here, script), env);
    try {
      if (!floor && !existsSync(catalogFile)) {
        const pages = {};
        for (const page of CATALOG) {
          const res = await fetch(new URL(page, target.url));
          if (res.status !== 200) throw new Error(`catalog page ${page}: HTTP ${res.status}`);
          pages[page] = await res.text();
        }
        writeFileSync(catalogFile, JSON.stringify(pages));
      }
      const people = await users(target, 100, floor);
      results[name] = await climb(name, target, people);
    } finally {
      await target.stop();
    }
  }
} finally {
  await db.stop();
  rmSync(scratch, { recursive: true, force: true });
}
const floor = results['floor (MariaDB)'].rps;
const mariadb = results['BFF (MariaDB)'].rps;
const sqlite = results['BFF (SQLite)'].rps;
log(
  `RESULT load rps_per_core=${mariadb.toFixed(0)} sqlite_rps_per_core=${sqlite.toFixed(0)} ` +
    `floor_rps_per_core=${floor.toFixed(0)} ratio=${(mariadb / floor).toFixed(2)}`,
);
