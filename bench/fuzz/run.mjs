#!/usr/bin/env node
// bench fuzz: property-based bad input (bench/lib/fuzz-gen.cjs) against every endpoint of the contract, on a real
// compiled BFF listening on loopback, on SQLite and — when mariadbd is installed — MariaDB. Every request carries
// a defect the contract must refuse (or is public noise); the run counts 5xx answers, malformed requests that were
// accepted, answers that are not the error envelope, and compares a checksum of every table before and after.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { mariadbWithSchema } from '../lib/mariadb.mjs';
import { instantWechat } from '../lib/instant-wechat.mjs';
import { benchConfig } from '../lib/bench-config.mjs';

const require = createRequire(import.meta.url);
const fuzz = require('../lib/fuzz-gen.cjs');
const { contract, PERMISSIONS, STAFF_ROLES, errorEnvelopeSchema } = require('../../shared-types/dist');
const { startServer } = require('../../bff/dist/server');
const { createLogger } = require('../../bff/dist/logger');
const { ulidGenerator } = require('../../bff/dist/lib/ids');
const { systemClock } = require('../../bff/dist/lib/clock');
const { issueToken } = require('../../bff/dist/modules/auth/session-token');
const { staffTokenSettings, issueStaffToken } = require('../../bff/dist/modules/staff/staff-token');
const { StaffRepository } = require('../../bff/dist/modules/staff/staff.repository');
const { createStaff } = require('../../bff/dist/modules/staff/staff.service');
const { unavailableReason } = require('../../scripts/lib/throwaway-mariadb.cjs');
const sharp = require('sharp');

const REQUESTS = Number(process.env.BENCH_FUZZ_REQUESTS ?? 10_000);
// Per database: a slow machine sends fewer requests rather than running on; the RESULT line says how many.
const SECONDS = Number(process.env.BENCH_FUZZ_SECONDS ?? 240);
const SEED = Number(process.env.BENCH_FUZZ_SEED ?? 20261127);
const IN_FLIGHT = 4;
const BODY_LIMIT_KB = 64;
const log = (line) => process.stdout.write(`${line}\n`);
const TOKEN_SECRET = 'b'.repeat(48);
const AUDIENCE = 'bench';

function config(db) {
  return benchConfig({
    // Production refuses the embedded SQLite; demo mode runs it with the same middleware and services.
    mode: db.url ? 'production' : 'demo',
    http: { port: 0, bodyLimitKb: BODY_LIMIT_KB },
    db: { ...db, poolSize: 5, migrateOnStart: true },
    auth: { tokenSecret: TOKEN_SECRET, audience: AUDIENCE },
    forwarding: { enabled: false },
    log: { level: 'silent' },
  });
}

/** One request exactly as generated: raw path, raw headers, raw body bytes. */
function send(agent, base, req) {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const headers = { ...req.headers, ...(body ? { 'content-length': body.length } : {}) };
    // Host and path apart: a URL string would resolve `.` and `..` segments before they reach the server.
    const { hostname, port } = new URL(base);
    const r = http.request({ hostname, port, path: req.path, method: req.method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    r.on('error', reject);
    r.end(body);
  });
}

async function json(base, method, route, { auth, body } = {}) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await res.json();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Citizens, a case and a photo, one signed-in staff member per role: the state the fuzz must leave untouched. */
async function seed(bff, cfg) {
  const citizen = `Bearer ${(await json(bff.url, 'POST', '/api/v1/auth/wechat-login', { body: { code: 'fuzz-a' } })).token}`;
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([png], { type: 'image/png' }), 'p.png');
  const upload = await fetch(`${bff.url}/api/v1/uploads/photos`, {
    method: 'POST',
    headers: { authorization: citizen },
    body: form,
  });
  const photo = await upload.json();
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${JSON.stringify(photo)}`);
  const created = await fetch(`${bff.url}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: citizen, 'idempotency-key': 'fuzz-seed-case-000001' },
    body: JSON.stringify({
      type: 'complaint',
      category: 'C04',
      content: '小区门口的路灯已经坏了一个多月，晚上出行很不方便。',
      photoIds: [photo.id],
      contact: { name: '张三', phone: '13812345678' },
      privacyConsent: true,
    }),
  });
  const kase = await created.json();
  if (created.status !== 201) throw new Error(`case: ${created.status} ${JSON.stringify(kase)}`);

  const staffRepo = new StaffRepository(bff.dataSource);
  const credentials = [{ kind: 'citizen', header: citizen }];
  const staffIds = [];
  for (const role of Object.keys(STAFF_ROLES)) {
    const password = `Fuzz-${role}-password-1`;
    const profile = await createStaff(
      {
        staff: staffRepo,
        clock: systemClock,
        ids: ulidGenerator,
        staffSettings: { passwordCostLog2: cfg.staff.passwordCostLog2 },
      },
      {
        username: `fuzz.${role.replace('_', '-')}`,
        displayName: role,
        role,
        ...(role === 'handler' ? { unit: '郾城区城市管理局' } : {}),
        password,
      },
      { type: 'system', id: 'bench' },
      undefined,
      { mustChangePassword: false },
    );
    staffIds.push(profile.id);
    const session = await json(bff.url, 'POST', '/api/v1/admin/auth/login', {
      body: { username: profile.username, password },
    });
    credentials.push({ kind: 'staff', role, header: `Bearer ${session.token}` });
  }
  const citizenSettings = { secret: TOKEN_SECRET, audience: AUDIENCE, ttlSeconds: 3600 };
  const staffSettings = staffTokenSettings(citizenSettings, 3600);
  const longAgo = new Date(Date.now() - 48 * 3600 * 1000);
  const bearer = (t) => `Bearer ${t.token}`;
  const citizenId = kase.id && JSON.parse(Buffer.from(citizen.split('.')[1], 'base64url').toString()).sub;
  const adminId = staffIds[0];
  const badAuthorizations = [
    ...fuzz.tamperedFrom(citizen),
    ...fuzz.tamperedFrom(credentials[1].header),
    bearer(issueToken(citizenSettings, citizenId, longAgo)),
    bearer(issueStaffToken(staffSettings, adminId, 1, longAgo)),
    bearer(issueToken({ ...citizenSettings, audience: 'staging' }, citizenId, new Date())),
    bearer(issueToken({ ...citizenSettings, secret: 'c'.repeat(48) }, citizenId, new Date())),
    bearer(
      issueStaffToken(staffTokenSettings({ ...citizenSettings, audience: 'staging' }, 3600), adminId, 1, new Date()),
    ),
    bearer(issueToken(citizenSettings, `${adminId}:1`, new Date())),
    bearer(issueStaffToken(staffSettings, adminId, 0, new Date())),
  ];
  const answers = [];
  for (const read of fuzz.harvestRequests({ contract, permissions: PERMISSIONS, credentials })) {
    const res = await fetch(`${bff.url}${read.path}`, { headers: read.headers });
    if (res.headers.get('content-type')?.includes('json')) answers.push(await res.json());
  }
  return { credentials, badAuthorizations, ids: [kase.id, photo.id, ...staffIds, ...fuzz.harvestIds(answers)] };
}

async function fuzzOne(label, db, dialect) {
  const cfg = config(db);
  const bff = await startServer(cfg, { logger: createLogger('silent'), wechat: instantWechat });
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  try {
    const seeded = await seed(bff, cfg);
    const ctx = { contract, permissions: PERMISSIONS, ...seeded, bodyLimitBytes: BODY_LIMIT_KB * 1024 };
    log(`${label}: ${ctx.ids.length} existing ids for path parameters`);
    const query = (sql, params) => bff.dataSource.query(sql, params);
    const before = await fuzz.tableChecksums(query, dialect);
    const prototypes = fuzz.prototypeFingerprint();
    log(`${label}: generating ${REQUESTS} requests (seed ${SEED}) for ${Object.keys(contract).length} endpoints…`);
    const requests = fuzz.sampleRequests(ctx, REQUESTS, SEED);
    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    const stats = { requests: 0, serverErrors: 0, problems: [], statuses: new Map(), byDefect: new Map() };
    const sendAll = async (list) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < list.length && Date.now() < deadline) {
            const req = list[next++];
            const res = await send(agent, bff.url, req);
            stats.requests += 1;
            stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
            for (const d of req.defects) stats.byDefect.set(d, (stats.byDefect.get(d) ?? 0) + 1);
            if (res.status >= 500) stats.serverErrors += 1;
            const problem = fuzz.problemWith(req, res, errorEnvelopeSchema);
            if (problem) stats.problems.push({ problem, req, res });
            if (stats.requests % 1000 === 0) {
              log(
                `  ${label}: ${stats.requests}/${requests.length} sent, ${stats.serverErrors} 5xx, ${stats.problems.length} problems`,
              );
            }
          }
        }),
      );
    };
    // Refusals first, with the database compared around them; then the valid reads.
    await sendAll(requests.filter((r) => r.mustReject));
    const changed = fuzz.changedTables(before, await fuzz.tableChecksums(query, dialect));
    // Reads before writes: a valid logout, password change or account deletion ends sessions the reads use.
    await sendAll(
      requests.filter((r) => !r.mustReject).sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET')),
    );
    const seconds = (Date.now() - started) / 1000;
    const polluted = fuzz.prototypeFingerprint() !== prototypes || {}.polluted !== undefined;
    log(
      `  ${label}: ${stats.requests} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...stats.statuses].sort()))}`,
    );
    log(
      `  ${label}: ${requests.filter((r) => r.mustReject).length} must be refused, ${requests.filter((r) => !r.mustReject).length} valid; defects ${JSON.stringify(Object.fromEntries(stats.byDefect))}`,
    );
    log(
      `  ${label}: tables changed: ${changed.length ? changed.join(', ') : 'none'}; prototypes polluted: ${polluted}`,
    );
    if (Date.now() >= deadline) log(`  ${label}: stopped at the ${SECONDS} s bound`);
    log(
      `  ${label}: requests=${stats.requests} server_errors=${stats.serverErrors} db_changed=${changed.length ? 1 : 0} problems=${stats.problems.length}`,
    );
    for (const { problem, req, res } of stats.problems.slice(0, 10)) {
      log(`  ✗ ${req.endpoint} ${req.method} ${req.path.slice(0, 160)} → ${problem}`);
      log(
        `    headers ${JSON.stringify(req.headers).slice(0, 200)} body ${String(req.body).slice(0, 200)} answer ${JSON.stringify(res.body).slice(0, 200)}`,
      );
    }
    return { ...stats, changed, polluted };
  } finally {
    agent.destroy();
    await bff.stop();
  }
}

const results = [];
const sqliteDir = mkdtempSync(path.join(os.tmpdir(), 'bench-fuzz-'));
try {
  results.push(await fuzzOne('sqlite', { sqlitePath: path.join(sqliteDir, 'fuzz.sqlite') }, 'sqlite'));
} finally {
  rmSync(sqliteDir, { recursive: true, force: true });
}
const missing = unavailableReason();
if (missing) log(`MariaDB skipped: ${missing}`);
else {
  log('starting a throwaway MariaDB…');
  const db = await mariadbWithSchema(['fuzz']);
  try {
    results.push(await fuzzOne('mariadb', { url: db.urls.fuzz }, 'mariadb'));
  } finally {
    await db.stop();
  }
}
const sum = (key) => results.reduce((n, r) => n + (typeof r[key] === 'number' ? r[key] : r[key].length), 0);
const dbChanged = results.some((r) => r.changed.length > 0) ? 1 : 0;
log(
  `RESULT fuzz requests=${sum('requests')} server_errors=${sum('serverErrors')} db_changed=${dbChanged} problems=${sum('problems')} polluted=${results.some((r) => r.polluted) ? 1 : 0} databases=${results.length}`,
);
if (sum('serverErrors') || sum('problems') || dbChanged || results.some((r) => r.polluted)) process.exitCode = 1;
