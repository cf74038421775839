// bench scale: a year of a city (BENCH_CASES cases, default 1,000,000) seeded by SQL on a throwaway MariaDB, then
// every staff and citizen read path measured with 10 connections against the compiled BFF in production mode,
// the figures and the Excel export timed, and a citizen's list measured while five figures requests run.
// The seeded data directory is kept under var/bench-scale/ and reused while the migrations, the seed script and
// BENCH_CASES stay the same. Last line: RESULT scale cases=N worst_read_p99_ms=… figures_12m_ms=… export_ms=…
// citizen_p99_under_reports_ms=…
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../lib/child.mjs';
import { benchConfig } from '../lib/bench-config.mjs';
import { runLoad } from '../lib/load.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { startThrowawayMariadb } = require('../../scripts/lib/throwaway-mariadb.cjs');
const { seedCases, citizenSql } = require('../lib/scale-seed.cjs');
const { loadCity } = require('../../config/dist');
const { createDataSource } = require('../../bff/dist/db/data-source');
const { composeDeps } = require('../../bff/dist/compose');
const { createLogger } = require('../../bff/dist/logger');
const { issueToken } = require('../../bff/dist/modules/auth/session-token');
const { createStaff } = require('../../bff/dist/modules/staff/staff.service');
const { StaffRepository } = require('../../bff/dist/modules/staff/staff.repository');
const { foldAll, foldSettings } = require('../../bff/dist/modules/figures/rollup.fold');
const { CityContext } = require('../../bff/dist/modules/city/city-context');
const mysql = require('mysql2/promise');

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const END = new Date('2026-12-01T00:00:00+08:00');
const city = loadCity('luohe');
const log = (line) => process.stdout.write(`${line}\n`);

/** The seed is reused while the schema, the seed script and the size stay the same. */
function seedKey() {
  const hash = createHash('sha256');
  const migrations = path.join(root, 'bff/src/db/migrations/mysql');
  for (const file of readdirSync(migrations).sort()) hash.update(readFileSync(path.join(migrations, file)));
  hash.update(readFileSync(path.join(root, 'bench/lib/scale-seed.cjs')));
  hash.update(String(CASES));
  return hash.digest('hex').slice(0, 12);
}

async function seed(url) {
  const admin = await mysql.createConnection({ uri: url.replace('mariadb:', 'mysql:') });
  await admin.query('CREATE DATABASE scale CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  const ds = createDataSource({ url: `${url}/scale`, sqlitePath: '', poolSize: 2 });
  await ds.initialize();
  await ds.runMigrations();
  await admin.query('USE scale');
  const started = Date.now();
  await seedCases(admin, {
    total: CASES,
    end: END,
    city,
    progress: (done) =>
      log(`seeded ${done}/${CASES} cases with their events (${((Date.now() - started) / 1000).toFixed(0)} s)`),
  });
  await admin.query(citizenSql(CASES));
  log('folding the figures rollup from the cases (what npm run figures -- rebuild does)…');
  const folded = Date.now();
  await foldAll(
    ds,
    foldSettings(new CityContext(city)),
    () => new Date(),
    (n) => {
      if (n % 100_000 < 2000) log(`folded ${n} cases`);
    },
  );
  log(`rollup folded in ${((Date.now() - folded) / 1000).toFixed(0)} s`);
  await admin.query('ANALYZE TABLE cases, case_events, case_figures');
  await admin.end();
  await ds.destroy();
  log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function staffToken(url, deps, role, unit) {
  const username = `bench-${role}-${Date.now().toString(36)}`;
  const initial = `Initial-${Date.now().toString(36)}1Ab`;
  await createStaff(
    {
      staff: new StaffRepository(deps.dataSource),
      clock: deps.clock,
      ids: deps.ids,
      staffSettings: deps.staffSettings,
    },
    { username, displayName: `压测${role}`, role, ...(unit ? { unit } : {}), password: initial },
    { type: 'system', id: 'bench' },
  );
  const post = (p, body, auth) =>
    fetch(`${url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    }).then(async (r) => {
      if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
      return r.json();
    });
  const login = await post('/api/v1/admin/auth/login', { username, password: initial });
  const changed = await post(
    '/api/v1/admin/me/password',
    { currentPassword: initial, newPassword: `Chosen-${Date.now().toString(36)}2Cd` },
    `Bearer ${login.token}`,
  );
  return `Bearer ${changed.token}`;
}

const pad = (n, width) => String(n).padStart(width, '0');
const caseId = (n) => `01${pad(n, 24)}`;
const randomCase = () => 1 + Math.floor(Math.random() * CASES);
const citizenCount = Math.max(1, Math.floor(CASES / 2));

async function timeOnce(url, p, auth) {
  const t0 = performance.now();
  const res = await fetch(`${url}${p}`, { headers: { authorization: auth } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${p}: ${res.status}`);
  return performance.now() - t0;
}

const key = seedKey();
const keep = path.join(root, 'var/bench-scale', key);
const marker = path.join(keep, 'seeded');
if (!existsSync(marker)) {
  rmSync(path.join(root, 'var/bench-scale'), { recursive: true, force: true });
  mkdirSync(keep, { recursive: true });
}
log(`starting MariaDB on ${path.relative(root, keep)} (${existsSync(marker) ? 'reusing the seeded year' : 'new'})…`);
const server = await startThrowawayMariadb({ keepDir: keep, bufferPool: '2G' });
let bff;
try {
  if (!existsSync(marker)) {
    await seed(server.url);
    writeFileSync(marker, new Date().toISOString());
  }
  const dbUrl = `${server.url}/scale`;
  bff = await startChild(path.join(root, 'bench/lib/bff-server.mjs'), { BFF_DB_URL: dbUrl });
  const config = benchConfig({ db: { url: dbUrl, poolSize: 2 } });
  const ds = createDataSource(config.db);
  await ds.initialize();
  const deps = composeDeps(config, { dataSource: ds, logger: createLogger('warn') });
  const dispatcher = await staffToken(bff.url, deps, 'dispatcher');
  const handler = await staffToken(bff.url, deps, 'handler', city.units[0].name);
  const citizenAuth = (i) => `Bearer ${issueToken(deps.tokens, `01CIT${pad(i % citizenCount, 21)}`, new Date()).token}`;
  const citizens = Array.from({ length: 200 }, (_, i) => citizenAuth(i * 7919));

  const paths = [
    ['queue first page', () => '/api/v1/admin/cases', () => dispatcher],
    ['queue by status', () => '/api/v1/admin/cases?status=in_progress', () => dispatcher],
    ['queue by unit', () => `/api/v1/admin/cases?unit=${encodeURIComponent(city.units[1].name)}`, () => dispatcher],
    ['queue by due date', () => '/api/v1/admin/cases?sort=due_asc', () => dispatcher],
    ['queue overdue', () => '/api/v1/admin/cases?overdue=true', () => dispatcher],
    ['queue ticket search', () => `/api/v1/admin/cases?q=LH${pad(randomCase(), 10)}`, () => dispatcher],
    ["handler's queue", () => '/api/v1/admin/cases', () => handler],
    ['case detail (staff)', () => `/api/v1/admin/cases/${caseId(randomCase())}`, () => dispatcher],
    ["citizen's cases", () => '/api/v1/cases', (c, n) => citizens[(c * 31 + n) % citizens.length]],
    ['readyz', () => '/readyz', () => dispatcher],
  ];
  let worst = 0;
  for (const [name, pathOf, authOf] of paths) {
    const r = await runLoad({
      url: bff.url,
      connections: CONNECTIONS,
      seconds: SECONDS,
      request: (c, n) => ({ method: 'GET', path: pathOf(), headers: { authorization: authOf(c, n) } }),
      expectStatus: [200, 404],
    });
    worst = Math.max(worst, r.p99);
    log(
      `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}`,
    );
  }

  const period = 'from=2025-12-01&to=2026-11-30';
  let figures12m = 0;
  for (const by of ['', 'type', 'area', 'unit', 'region', 'month']) {
    const p = `/api/v1/admin/figures?${period}${by ? `&by=${by}` : ''}`;
    await timeOnce(bff.url, p, dispatcher);
    const times = [];
    for (let i = 0; i < 3; i += 1) times.push(await timeOnce(bff.url, p, dispatcher));
    const median = times.sort((a, b) => a - b)[1];
    figures12m = Math.max(figures12m, median);
    log(`figures 12 months by ${(by || 'total').padEnd(6)} ${median.toFixed(1)} ms`);
  }
  const exportMs = await timeOnce(bff.url, `/api/v1/admin/figures/export?${period}`, dispatcher);
  log(`figures Excel export ${exportMs.toFixed(0)} ms`);

  // Five staff keep asking for figures while citizens read their cases.
  let reporting = true;
  const reports = Array.from({ length: 5 }, async (_, i) => {
    const bys = ['unit', 'region', 'area', 'type', 'month'];
    while (reporting) await timeOnce(bff.url, `/api/v1/admin/figures?${period}&by=${bys[i]}`, dispatcher);
  });
  const under = await runLoad({
    url: bff.url,
    connections: CONNECTIONS,
    seconds: SECONDS,
    request: (c, n) => ({
      method: 'GET',
      path: '/api/v1/cases',
      headers: { authorization: citizens[(c * 31 + n) % citizens.length] },
    }),
  });
  reporting = false;
  await Promise.all(reports);
  log(`citizen's cases under 5 figures requests ${under.rps.toFixed(0)} req/s  p99 ${under.p99.toFixed(1)} ms`);
  await ds.destroy();
  log(
    `RESULT scale cases=${CASES} worst_read_p99_ms=${worst.toFixed(1)} figures_12m_ms=${figures12m.toFixed(1)} export_ms=${exportMs.toFixed(0)} citizen_p99_under_reports_ms=${under.p99.toFixed(1)}`,
  );
} finally {
  await bff?.stop();
  await server.stop();
}
