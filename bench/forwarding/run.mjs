#!/usr/bin/env node
// bench forwarding: (1) 10,000 queued cases drained to the 12345 simulator by the BFF's own forwarding worker,
// against a floor in the same run — a plain loop posting the same tickets straight to the simulator with the
// same number of requests in flight — after a warm-up of both, in alternating rounds, first with every process
// sharing every CPU (`ratio`), then with MariaDB alone on a CPU, as on a host of its own (`ratio_db_apart`);
// (2) submit-to-ticket lag at a steady 100 cases/s through the HTTP API.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mariadbWithSchema } from '../lib/mariadb.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../lib/child.mjs';
import { percentile } from '../lib/load.mjs';
import { instantWechat } from '../lib/instant-wechat.mjs';
import { benchConfig } from '../lib/bench-config.mjs';
import { cpuMeter, cpuPinning, formatCpu } from '../lib/cpu.mjs';

const require = createRequire(import.meta.url);
const { startServer } = require('../../bff/dist/server');
const { createLogger } = require('../../bff/dist/logger');
const { ulidGenerator } = require('../../bff/dist/lib/ids');
const { sqlDate } = require('../../bff/dist/db/sql');
// The floor uses the same HTTP client and request signing as the BFF, so only the BFF's own work is compared.
const { httpRequest } = require('../../bff/dist/adapters/http-client');
const { signRequest } = require('../../bff/dist/adapters/hotline/signing');

const QUEUED = Number(process.env.BENCH_QUEUED ?? 10_000);
// Unset: the configuration's default batch size, as a deployment would run.
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
// The worker keeps this many sends in flight (forwarding.concurrency); the floor keeps the same number.
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 40);
const RATE = 100;
const STEADY_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const log = (line) => process.stdout.write(`${line}\n`);
const key = { id: 'bench', secret: 's'.repeat(48) };
const here = path.dirname(fileURLToPath(import.meta.url));

// Set while the database is measured on a CPU of its own: every new simulator joins the other CPUs.
let pinning = null;

/** A fresh simulator process; `tickets()` asks its control API. */
async function startHotline() {
  const child = await startChild(path.join(here, 'hotline-server.mjs'), {
    HOTLINE_KEY_ID: key.id,
    HOTLINE_SECRET: key.secret,
  });
  pinning?.others(child.pid);
  return {
    baseUrl: `${child.url}/api/channel/v1/`,
    pid: child.pid,
    tickets: async () => (await (await fetch(`${child.url}/__control/tickets`)).json()).tickets,
    close: child.stop,
  };
}

function config(dbUrl, hotlineUrl, forwarding) {
  return benchConfig({
    http: { port: 0 },
    db: { url: dbUrl, poolSize: 20 },
    hotline: { baseUrl: hotlineUrl, keyId: key.id, secret: key.secret, timeoutMs: 10_000 },
    forwarding: { ...(BATCH ? { batchSize: BATCH } : {}), concurrency: IN_FLIGHT, ...forwarding },
    log: { level: 'error' },
  });
}

const wechat = instantWechat;

/** Queues cases the way submission does (case, first timeline entry, outbox row), in bulk. */
async function queueCases(dataSource, count) {
  const now = new Date();
  for (let start = 0; start < count; start += 500) {
    const ids = Array.from({ length: Math.min(500, count - start) }, () => ulidGenerator.next(now));
    const at = sqlDate(now);
    const rows = (n, width) => Array.from({ length: n }, () => `(${Array(width).fill('?').join(',')})`).join(',');
    await dataSource.query(
      `INSERT INTO cases (id, citizen_id, idempotency_key, request_hash, type, category, status, title, content,
        anonymous, confidential, content_check, created_at, updated_at) VALUES ${rows(ids.length, 14)}`,
      ids.flatMap((id) => [
        id,
        'BENCHCITIZEN00000000000000',
        id,
        '0'.repeat(64),
        'complaint',
        'C04',
        'submitted',
        '路灯损坏',
        '小区门口的路灯已经坏了一个多月，晚上出行很不方便。',
        1,
        0,
        'pass',
        at,
        at,
      ]),
    );
    await dataSource.query(
      `INSERT INTO case_events (id, case_id, seq, at, source, kind, to_status) VALUES ${rows(ids.length, 7)}`,
      ids.flatMap((id) => [ulidGenerator.next(now), id, 1, at, 'citizen', 'submit', 'submitted']),
    );
    await dataSource.query(
      `INSERT INTO hotline_outbox (id, case_id, seq, kind, idempotency_key, payload, state, attempts, next_attempt_at,
        created_at, updated_at) VALUES ${rows(ids.length, 11)}`,
      ids.flatMap((id) => [
        ulidGenerator.next(now),
        id,
        1,
        'create_ticket',
        `${id}-1-create_ticket`,
        '{}',
        'pending',
        0,
        at,
        at,
        at,
      ]),
    );
  }
}

async function drainWithBff(dbUrl, mariadbPid, queued = QUEUED) {
  const hotline = await startHotline();
  const settings = config(dbUrl, hotline.baseUrl, { enabled: false });
  const bff = await startServer(settings, { logger: createLogger('error'), wechat });
  try {
    await queueCases(bff.dataSource, queued);
    log(
      `queued ${queued} cases; draining with the BFF's worker (up to ${IN_FLIGHT} sends in flight, batches of up to ${settings.forwarding.batchSize})…`,
    );
    const meter = cpuMeter({ bff: process.pid, mariadb: mariadbPid, simulator: hotline.pid });
    const started = process.hrtime.bigint();
    const { sent } = await bff.jobs.drain();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = meter.stop();
    const tickets = (await hotline.tickets()).length;
    return { rate: sent / seconds, sent, tickets, seconds, cpu };
  } finally {
    await bff.stop();
    await hotline.close();
  }
}

async function drainFloor(queued = QUEUED) {
  const hotline = await startHotline();
  try {
    const url = new URL('tickets', hotline.baseUrl);
    let next = 0;
    const meter = cpuMeter({ client: process.pid, simulator: hotline.pid });
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < queued) {
          const n = next++;
          const body = JSON.stringify({
            channel: 'wechat-miniprogram',
            caseId: `FLOOR${String(n).padStart(21, '0')}`,
            type: 'complaint',
            category: { code: 'C04', name: '市容环卫' },
            title: '路灯损坏',
            content: '小区门口的路灯已经坏了一个多月，晚上出行很不方便。',
            location: null,
            photos: [],
            contact: null,
            anonymous: true,
            confidential: false,
            submittedAt: new Date().toISOString(),
          });
          const headers = signRequest({
            method: 'POST',
            path: url.pathname,
            body,
            keyId: key.id,
            secret: key.secret,
            now: new Date(),
          });
          const res = await httpRequest(url, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `floor-${n}` },
            body,
            timeoutMs: 10_000,
          });
          if (res.status !== 201) throw new Error(`floor: HTTP ${res.status}`);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = meter.stop();
    return { rate: queued / seconds, seconds, cpu, tickets: (await hotline.tickets()).length };
  } finally {
    await hotline.close();
  }
}

async function steadyLag(dbUrl) {
  const hotline = await startHotline();
  const bff = await startServer(config(dbUrl, hotline.baseUrl, { enabled: true, intervalMs: 50 }), {
    logger: createLogger('error'),
    wechat,
  });
  try {
    const tokens = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await fetch(`${bff.url}/api/v1/auth/wechat-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: `lag-${i}` }),
      });
      tokens.push((await res.json()).token);
    }
    const body = JSON.stringify({
      type: 'complaint',
      category: 'C04',
      content: '小区门口的路灯已经坏了一个多月，晚上出行很不方便。',
      anonymous: true,
      privacyConsent: true,
    });
    log(`submitting ${RATE} cases/s for ${STEADY_SECONDS} s with the worker running…`);
    const total = RATE * STEADY_SECONDS;
    const start = Date.now();
    const submissions = [];
    for (let i = 0; i < total; i += 1) {
      const due = start + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      submissions.push(
        fetch(`${bff.url}/api/v1/cases`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[i % tokens.length]}`,
            'idempotency-key': randomBytes(12).toString('base64url'),
          },
          body,
        }).then((r) => r.status),
      );
    }
    const statuses = await Promise.all(submissions);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [row] = await bff.dataSource.query("SELECT COUNT(*) AS n FROM hotline_outbox WHERE state <> 'sent'");
      if (Number(row.n) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const rows = await bff.dataSource.query(
      `SELECT c.created_at AS created, e.at AS accepted FROM cases c JOIN case_events e ON e.case_id = c.id AND e.kind = 'accept'`,
    );
    const lags = rows.map((r) => new Date(r.accepted).getTime() - new Date(r.created).getTime()).sort((a, b) => a - b);
    return {
      submitted: statuses.filter((s) => s === 201).length,
      forwarded: lags.length,
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
    };
  } finally {
    await bff.stop();
    await hotline.close();
  }
}

// The machine is shared and its speed drifts: floor and worker runs alternate, each pair measured back to back,
// and the median of the pairs' ratios is the result.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

async function measureRounds(db, names, label) {
  const rounds = [];
  for (const [i, name] of names.entries()) {
    log(`${label}: round ${i + 1} of ${names.length}`);
    const floor = await drainFloor();
    log(
      `  floor (plain loop, ${IN_FLIGHT} in flight): ${floor.rate.toFixed(0)} tickets/s (${floor.seconds.toFixed(1)} s, ${floor.tickets} tickets; cpu ${formatCpu(floor.cpu)})`,
    );
    const drain = await drainWithBff(db.urls[name], db.pid);
    log(
      `  BFF worker:                       ${drain.rate.toFixed(0)} tickets/s (${drain.seconds.toFixed(1)} s, ${drain.tickets} tickets for ${drain.sent} sent; cpu ${formatCpu(drain.cpu)})`,
    );
    rounds.push({ floor, drain, ratio: drain.rate / floor.rate });
  }
  log(`  ratios by round: ${rounds.map((r) => r.ratio.toFixed(2)).join(', ')}`);
  return rounds;
}

log('starting a throwaway MariaDB…');
const shared = Array.from({ length: ROUNDS }, (_, i) => `fwd_drain_${i + 1}`);
const apart = Array.from({ length: ROUNDS }, (_, i) => `fwd_apart_${i + 1}`);
const warmups = Array.from(
  { length: Math.max(0, Number(process.env.BENCH_WARMUPS ?? 3)) },
  (_, i) => `fwd_warmup_${i + 1}`,
);
const db = await mariadbWithSchema([...warmups, ...shared, ...apart, 'fwd_lag']);
try {
  // 0. Both paths run before anything is measured, so neither is timed while its code is still being compiled: the
  // worker is a long-running process, and its code that runs once a batch (a few dozen times a drain) takes
  // several drains to be optimised (measured cold, its first round cost about a third more CPU).
  const WARMUPS = Math.max(0, Number(process.env.BENCH_WARMUPS ?? 3));
  log(`warm-up (not measured): ${WARMUPS} × ${QUEUED} tickets through the plain loop and through the worker`);
  for (let i = 0; i < WARMUPS; i += 1) {
    await drainFloor();
    await drainWithBff(db.urls[`fwd_warmup_${i + 1}`], db.pid);
  }
  // 1. Everything on the machine's CPUs together: the BFF, its database and the simulator compete with each other,
  // while the floor has no database at all.
  const rounds = await measureRounds(db, shared, 'all processes sharing every CPU');
  // 2. The database on a CPU of its own (as on a host of its own), the BFF or the floor loop and the simulator on
  // the other(s): the BFF's own work against the plain loop's.
  const pins = cpuPinning();
  let apartRounds = [];
  if (pins) {
    pins.alone(db.pid);
    pins.others(process.pid);
    pinning = pins;
    try {
      apartRounds = await measureRounds(db, apart, 'the database on a CPU of its own');
    } finally {
      pinning = null;
      pins.release(process.pid);
      pins.release(db.pid);
    }
  } else {
    log('(taskset or a second CPU is missing: the database is not measured apart)');
  }
  const lag = await steadyLag(db.urls.fwd_lag);
  log(
    `steady ${RATE}/s: ${lag.submitted} submitted, ${lag.forwarded} forwarded, lag p50 ${lag.p50} ms, p99 ${lag.p99} ms`,
  );
  const doubled = [...rounds, ...apartRounds].reduce((n, r) => n + r.drain.tickets - r.drain.sent, 0);
  const ratioApart = apartRounds.length ? median(apartRounds.map((r) => r.ratio)).toFixed(2) : 'n/a';
  log(
    `RESULT forwarding ratio=${median(rounds.map((r) => r.ratio)).toFixed(2)} lag_p50_ms=${lag.p50} lag_p99_ms=${lag.p99} ratio_db_apart=${ratioApart} rate=${median(rounds.map((r) => r.drain.rate)).toFixed(0)} floor_rate=${median(rounds.map((r) => r.floor.rate)).toFixed(0)} doubled=${doubled}`,
  );
} finally {
  await db.stop();
}
