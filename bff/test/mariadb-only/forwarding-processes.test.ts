import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startHotlineSimulator,
  startWechatSimulator,
  type HotlineSimulator,
  type WechatSimulator,
} from '@hotline/simulators';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { validCase } from '../support/cases';
import { createTestDatabase, type TestDatabase } from '../support/database';

// Plain CommonJS shared with the faults benchmark.
import {
  MAIN as main,
  freePort,
  productionEnv,
  startBffProcess,
  waitUntil,
  workTickets,
} from '../../../scripts/lib/bff-process.cjs';

/**
 * The fault run as production runs it: two BFF processes (compiled, production mode) share one MariaDB and
 * its outbox while the hotline fails, hangs, loses answers, goes down, and pushes updates twice, late, out of
 * order or never. One process is killed with SIGKILL mid-run and started again. Afterwards every acknowledged
 * case has exactly one ticket and both sides agree on its state.
 */
const CASES = 200;

let db: TestDatabase;
let dataSource: DataSource;
let wechat: WechatSimulator;
let hotline: HotlineSimulator;
let env: Record<string, string>;
const processes: ChildProcess[] = [];
const storage = mkdtempSync(path.join(os.tmpdir(), 'hotline-procs-'));

async function startBff(port: number): Promise<{ child: ChildProcess; url: string }> {
  const started = await startBffProcess(env, port);
  processes.push(started.child);
  return started;
}

beforeAll(async () => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build:ts" first (npm test does)`);
  db = await createTestDatabase();
  dataSource = createDataSource(db.settings);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const secret = (n = 32) => randomBytes(n).toString('hex');
  const app = { appId: 'wxprocs000000000', appSecret: secret(16) };
  wechat = await startWechatSimulator(app);
  const channelKey = { id: 'procs', secret: secret() };
  const inbound = { id: 'hotline-procs', secret: secret() };
  const [portA, portB] = [await freePort(), await freePort()];
  hotline = await startHotlineSimulator({
    keys: { [channelKey.id]: channelKey.secret },
    seed: 20261127,
    callback: { url: `http://127.0.0.1:${portA}/api/v1/hotline/events`, keyId: inbound.id, secret: inbound.secret },
    pushRetryDelaysMs: [200, 500, 1000],
  });
  env = productionEnv({
    dbUrl: db.settings.url as string,
    wechat: { url: wechat.url, ...app },
    hotline: { baseUrl: hotline.baseUrl, keyId: channelKey.id, secret: channelKey.secret },
    inbound,
    storageDir: storage,
    extra: {
      DB_POOL_SIZE: '5',
      HOTLINE_TIMEOUT_MS: '400',
      FORWARDING_INTERVAL_MS: '50',
      FORWARDING_LEASE_SECONDS: '5',
      FORWARDING_POLL_SECONDS: '1',
      FORWARDING_POLL_OVERLAP_SECONDS: '5',
      FORWARDING_RETRY_BASE_MS: '100',
      FORWARDING_RETRY_MAX_MS: '2000',
    },
  });
  const a = await startBff(portA);
  const b = await startBff(portB);
  urls.push(a.url, b.url);
  ports.push(portA, portB);
}, 60_000);

const urls: string[] = [];
const ports: number[] = [];

afterAll(async () => {
  for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
  await hotline?.close();
  await wechat?.close();
  await dataSource?.destroy();
  await db?.drop();
  rmSync(storage, { recursive: true, force: true });
});

const count = async (sql: string): Promise<number> => Number((await dataSource.query(sql))[0].n);

test('two BFF processes, a crash and a faulty hotline: nothing lost, nothing doubled, both sides agree', async () => {
  hotline.faults.set({
    endpoints: {
      tickets: {
        error: { rate: 0.3 },
        timeout: { rate: 0.1, hangMs: 600, then: 'answer' },
        lostResponse: { rate: 0.1 },
      },
      messages: { error: { rate: 0.3 } },
      updates: { error: { rate: 0.3 } },
    },
    push: { duplicate: { rate: 0.3 }, drop: { rate: 0.2 }, reorder: { batch: 5, order: 'shuffle', maxHoldMs: 300 } },
  });
  const tokens = await Promise.all(
    urls.map(async (url) => {
      const res = await request(url)
        .post('/api/v1/auth/wechat-login')
        .send({ code: `code-${url}` })
        .expect(200);
      return `Bearer ${res.body.token as string}`;
    }),
  );
  const acknowledged: string[] = [];
  for (let i = 0; i < CASES; i += 1) {
    if (i === CASES / 4) hotline.faults.set({ outage: { mode: 'unavailable', forMs: 1500 } });
    if (i === CASES / 2) {
      // The second process dies mid-run without a chance to clean up: its leases must be taken over.
      const victim = processes[1] as ChildProcess;
      victim.kill('SIGKILL');
      await new Promise((resolve) => victim.once('exit', resolve));
    }
    if (i === (CASES * 3) / 4) urls[1] = (await startBff(ports[1] as number)).url;
    const target = i >= CASES / 2 && i < (CASES * 3) / 4 ? 0 : i % 2;
    const res = await request(urls[target] as string)
      .post('/api/v1/cases')
      .set('Authorization', tokens[target % tokens.length] as string)
      .set('Idempotency-Key', `procs-${i}-${randomBytes(6).toString('hex')}`)
      .send(validCase({ content: `第${i}号多进程测试诉求：小区路灯损坏，请尽快维修处理。` }));
    expect(res.status).toBe(201);
    acknowledged.push(res.body.id as string);
  }
  await waitUntil(
    'every case to be forwarded',
    async () => (await count("SELECT COUNT(*) AS n FROM hotline_outbox WHERE state <> 'sent'")) === 0,
    90_000,
  );

  const doubled = acknowledged.filter((id) => hotline.ticketCountFor(id) !== 1);
  expect({ tickets: hotline.tickets().length, doubled }).toEqual({ tickets: CASES, doubled: [] });
  const workers = await dataSource.query("SELECT DISTINCT actor FROM case_events WHERE kind = 'forward'");
  expect(workers.length).toBeGreaterThanOrEqual(2);

  // The hotline works the tickets; updates come back by push (through the push faults) and by polling.
  workTickets(hotline);
  const theirs = () => new Map(hotline.tickets().map((k) => [k.caseId, k]));
  const mismatched = async () => {
    const ours: { id: string; status: string; ticketNo: string }[] = await dataSource.query(
      'SELECT id, status, ticket_no AS ticketNo FROM cases',
    );
    const map = theirs();
    return ours.filter((c) => map.get(c.id)?.status !== c.status || map.get(c.id)?.ticketNo !== c.ticketNo);
  };
  await waitUntil('both sides to agree', async () => (await mismatched()).length === 0, 60_000);
  expect(await mismatched()).toEqual([]);
  expect(await count('SELECT COUNT(*) AS n FROM cases')).toBe(CASES);

  // The faults really happened.
  const faults = new Set(hotline.calls.filter((c) => c.fault !== undefined).map((c) => c.fault));
  expect([...faults].sort()).toEqual(['error', 'lost_response', 'outage', 'timeout']);
  const pushes = hotline.pushes;
  expect(pushes.some((p) => p.duplicate)).toBe(true);
  expect(pushes.some((p) => p.outcome === 'dropped')).toBe(true);
}, 240_000);
