import type { EntityManager } from 'typeorm';
import type { HotlineApi, TicketReceipt, TicketRequest } from '../../src/adapters/hotline/hotline-api';
import { ulidGenerator } from '../../src/lib/ids';
import { MetricsRegistry } from '../../src/lib/metrics';
import { createLogger } from '../../src/logger';
import { fromRaw, type CaseRecord, type CasesRepository } from '../../src/modules/cases/cases.repository';
import { FULL_SCAN_EVERY, forwardPipelined, SendPace, type ForwarderDeps } from '../../src/modules/hotline/forwarder';
import { HotlineMetrics } from '../../src/modules/hotline/metrics';
import type { ClaimCursor, ClaimedMessage, OutboxStore } from '../../src/modules/hotline/outbox-store';
import { ManualClock } from '../support/clock';

// The pipelined worker's bookkeeping (how much it claims, sends at once and leaves unrecorded, and what it does
// with a lease running low), against an in-memory outbox and cases: no database, no network, the test's clock.

interface Row {
  message: ClaimedMessage;
  state: 'pending' | 'sent';
  owner: string | null;
  leaseUntil: number;
}

class MemoryOutbox {
  readonly rows: Row[] = [];
  claims = 0;
  /** The cursor each claim was given (undefined: from the head). */
  readonly cursors: (ClaimCursor | undefined)[] = [];
  /** How many each claim asked for. */
  readonly limits: number[] = [];
  failClaimNumber: number | null = null;

  add(count: number, at: Date): void {
    for (let i = 0; i < count; i += 1) {
      const id = ulidGenerator.next(at);
      this.rows.push({
        message: {
          id,
          caseId: `C${id.slice(1)}`,
          seq: 1,
          kind: 'create_ticket',
          idempotencyKey: `${id}-1-create_ticket`,
          payload: {},
          attempts: 0,
          createdAt: at,
          position: { nextAttemptAt: at, id },
        },
        state: 'pending',
        owner: null,
        leaseUntil: 0,
      });
    }
  }

  /** Claimed and not yet marked sent: what a worker holds. */
  leased(now: number): number {
    return this.rows.filter((r) => r.state === 'pending' && r.leaseUntil > now).length;
  }

  /** Rows are added in claim order (due time, then id), as the database's index keeps them. */
  claim: OutboxStore['claim'] = async (owner, now, leaseMs, limit, after) => {
    this.claims += 1;
    this.cursors.push(after);
    this.limits.push(limit);
    if (this.claims === this.failClaimNumber) throw new Error('database unreachable');
    const start = after ? this.rows.findIndex((r) => r.message.id === after.id) + 1 : 0;
    const free = this.rows
      .slice(start)
      .filter((r) => r.state === 'pending' && r.leaseUntil < now.getTime())
      .slice(0, limit);
    for (const r of free) {
      r.owner = owner;
      r.leaseUntil = now.getTime() + leaseMs;
    }
    return free.map((r) => r.message);
  };

  async completeMany(_m: EntityManager, ids: string[], owner: string): Promise<Set<string>> {
    const owned = this.rows.filter((r) => ids.includes(r.message.id) && r.owner === owner && r.state === 'pending');
    for (const r of owned) r.state = 'sent';
    return new Set(owned.map((r) => r.message.id));
  }

  async retryLater(): Promise<void> {}
  async fail(): Promise<void> {}
}

/** A case as the database would give it back (through the repository's own row mapping). */
const caseRecord = (id: string, createdAt: Date): CaseRecord =>
  fromRaw({
    id,
    citizen_id: 'CITIZEN',
    idempotency_key: id,
    request_hash: '0'.repeat(64),
    type: 'complaint',
    category: 'C04',
    status: 'submitted',
    title: '路灯损坏',
    content: '小区门口的路灯坏了',
    anonymous: 1,
    confidential: 0,
    content_check: 'pass',
    version: 1,
    created_at: createdAt,
    updated_at: createdAt,
  });

function setup(options: {
  batchSize: number;
  leaseMs?: number;
  /** Real milliseconds each record transaction takes (a slow database). */
  recordMs?: number;
  createTicket: (request: TicketRequest) => Promise<TicketReceipt>;
}) {
  const clock = new ManualClock();
  const outbox = new MemoryOutbox();
  const manager = {
    query: async () => [],
    connection: { options: { type: 'better-sqlite3' } },
  } as unknown as EntityManager;
  let recordsRunning = 0;
  const cases = {
    findForForwarding: async (ids: string[]) => new Map(ids.map((id) => [id, caseRecord(id, clock.now())])),
    transaction: async <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => {
      recordsRunning += 1;
      try {
        if (options.recordMs) await new Promise((r) => setTimeout(r, options.recordMs));
        return await work(manager);
      } finally {
        recordsRunning -= 1;
      }
    },
    lockForForwarding: async (_m: EntityManager, ids: string[]) =>
      new Map(
        ids.map((id) => [
          id,
          { status: 'submitted', citizenId: 'CITIZEN', dueAt: null, lastEventSeq: 1, lastNoticeSeq: 0 },
        ]),
      ),
    insertEvents: async () => [],
  } as unknown as CasesRepository;
  const hotline: HotlineApi = {
    createTicket: (_key, request) => options.createTicket(request),
    sendMessage: async () => {},
    fetchUpdates: async () => ({ events: [], next: clock.now(), nextAfter: null }),
  };
  const deps = {
    outbox: outbox as unknown as OutboxStore,
    cases,
    hotline,
    city: { category: () => ({ name: '市容环卫' }) },
    pii: {},
    clock,
    ids: ulidGenerator,
    logger: createLogger('silent'),
    metrics: new HotlineMetrics(new MetricsRegistry()),
    photoLinks: async () => new Map(),
    workerId: 'worker-1',
    leaseMs: options.leaseMs ?? 60_000,
    batchSize: options.batchSize,
  } as unknown as ForwarderDeps;
  return { clock, outbox, deps, recordsRunning: () => recordsRunning };
}

const receipt = (request: TicketRequest): TicketReceipt => ({
  ticketNo: `T-${request.caseId}`,
  status: 'accepted',
  acceptedAt: null,
  dueAt: null,
});

/**
 * A hotline whose every answer takes `answerMs` of the test clock; `sentCases` lists the cases sent, in order.
 * With `realMs`, each answer also takes that many real milliseconds, so the group commit's timer can run between
 * sends.
 */
function slowHotline(options: { batchSize: number; leaseMs?: number; answerMs: number; realMs?: number }) {
  const sentCases: string[] = [];
  const env = setup({
    batchSize: options.batchSize,
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
    createTicket: async (request) => {
      sentCases.push(request.caseId);
      env.clock.advance(options.answerMs);
      if (options.realMs) await new Promise((r) => setTimeout(r, options.realMs));
      return receipt(request);
    },
  });
  return { env, sentCases };
}

describe('the pipelined forwarding worker', () => {
  test('when the database records slowly, then claims wait for it: never more than the sends in flight plus three batches are held', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let maxHeld = 0;
    const env = setup({
      batchSize: 5,
      recordMs: 15,
      createTicket: async (request) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        maxHeld = Math.max(maxHeld, env.outbox.leased(env.clock.now().getTime()));
        await new Promise((r) => setImmediate(r));
        inFlight -= 1;
        return receipt(request);
      },
    });
    env.outbox.add(60, env.clock.now());
    const result = await forwardPipelined(env.deps, 3);
    expect(result).toMatchObject({ claimed: 60, sent: 60, retry: 0, failed: 0, deferred: 0 });
    expect(env.outbox.rows.every((r) => r.state === 'sent')).toBe(true);
    expect(maxInFlight).toBe(3);
    // Sends are instant and each record takes 15 ms: without the bound, claims would run far ahead.
    expect(maxHeld).toBeGreaterThan(3);
    expect(maxHeld).toBeLessThanOrEqual(3 + 3 * 5);
    expect(env.recordsRunning()).toBe(0);
  });

  test('when a backlog drains, then claims start after the last message claimed, one from the head comes regularly, and a lease that ran out behind them is still taken', async () => {
    const { env, sentCases } = slowHotline({ batchSize: 2, answerMs: 100 });
    env.outbox.add(40, env.clock.now());
    // Another worker holds the first three and dies: their lease runs out after five sends.
    for (const row of env.outbox.rows.slice(0, 3)) {
      row.owner = 'worker-that-crashed';
      row.leaseUntil = env.clock.now().getTime() + 500;
    }
    const result = await forwardPipelined(env.deps, 1);
    expect(result).toMatchObject({ sent: 40, deferred: 0 });
    expect(env.outbox.rows.every((r) => r.state === 'sent')).toBe(true);
    expect(sentCases).toHaveLength(40);
    expect(new Set(sentCases).size).toBe(40);
    const fromHead = env.outbox.cursors.flatMap((c, i) => (c ? [] : [i]));
    expect(fromHead[0]).toBe(0);
    expect(env.outbox.cursors.length - fromHead.length).toBeGreaterThan(fromHead.length);
    // Never more than FULL_SCAN_EVERY claims from a cursor in a row.
    const gaps = fromHead.map((at, i) => (fromHead[i + 1] ?? env.outbox.cursors.length) - at - 1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(FULL_SCAN_EVERY);
  });

  test('when the hotline is so slow that a claimed message waits half its lease, then it is not sent by this worker but after the lease', async () => {
    const { env, sentCases } = slowHotline({ batchSize: 4, leaseMs: 60_000, answerMs: 20_000 }); // 20 s an answer
    env.outbox.add(4, env.clock.now());

    const first = await forwardPipelined(env.deps, 1);
    // Sends start at 0 s and 20 s; at 40 s the other two have waited past half the 60 s lease.
    expect(first).toMatchObject({ claimed: 4, sent: 2, deferred: 2 });
    expect(env.outbox.leased(env.clock.now().getTime())).toBe(2);
    expect(await forwardPipelined(env.deps, 1)).toMatchObject({ claimed: 0, sent: 0 });

    env.clock.advance(21_000); // past the lease taken at 0 s
    const second = await forwardPipelined(env.deps, 1);
    expect(second).toMatchObject({ claimed: 2, sent: 2, deferred: 0 });
    expect(env.outbox.rows.every((r) => r.state === 'sent')).toBe(true);
    expect(new Set(sentCases).size).toBe(4);
    expect(sentCases).toHaveLength(4);
  });

  test('when the hotline is slow, then claims shrink to what can be sent within a quarter of the lease, from one run to the next', async () => {
    // One answer a second; a real moment too, so sent messages are recorded before their lease ends.
    const { env, sentCases } = slowHotline({ batchSize: 30, leaseMs: 20_000, answerMs: 1_000, realMs: 1 });
    const pace = new SendPace();
    env.outbox.add(60, env.clock.now());
    // The pace is not known yet: the first claim is a whole batch, and what it cannot send within half the lease
    // (10 s, 11 sends) is left for after the lease. Then one send a second, 20 s of lease: claims of 5.
    const first = await forwardPipelined(env.deps, 1, { pace, groupMs: 0 });
    expect(first).toMatchObject({ sent: 60, deferred: 19 });
    expect(env.outbox.limits[0]).toBe(30);
    expect(Math.max(...env.outbox.limits.slice(1))).toBeLessThanOrEqual(5);

    // The next run starts at the pace the last one ended with: nothing waits long enough to be set aside.
    const claimsBefore = env.outbox.limits.length;
    env.outbox.add(30, env.clock.now());
    const second = await forwardPipelined(env.deps, 1, { pace, groupMs: 0 });
    expect(second).toMatchObject({ sent: 30, deferred: 0 });
    expect(Math.max(...env.outbox.limits.slice(claimsBefore))).toBeLessThanOrEqual(5);
    expect(sentCases).toHaveLength(90);
    expect(new Set(sentCases).size).toBe(90);
  });

  test('when a claim fails midway, then the run still records what it sent and then reports the failure', async () => {
    const env = setup({ batchSize: 5, createTicket: async (request) => receipt(request) });
    env.outbox.add(20, env.clock.now());
    env.outbox.failClaimNumber = 2;
    await expect(forwardPipelined(env.deps, 5)).rejects.toThrow('database unreachable');
    expect(env.outbox.rows.filter((r) => r.state === 'sent')).toHaveLength(5);
    expect(env.recordsRunning()).toBe(0);
  });
});
