import type { EntityManager } from 'typeorm';
import {
  HotlineError,
  type HotlineApi,
  type TicketReceipt,
  type TicketRequest,
} from '../../src/adapters/hotline/hotline-api';
import { ulidGenerator } from '../../src/lib/ids';
import { MetricsRegistry } from '../../src/lib/metrics';
import { createLogger } from '../../src/logger';
import { fromRaw, type CaseRecord } from '../../src/modules/cases/cases.repository';
import {
  forwardAll,
  forwardBatch,
  receiptProblem,
  type ForwarderDeps,
  type ForwardingCases,
  type ForwardingOutbox,
} from '../../src/modules/hotline/forwarder';
import { HotlineMetrics } from '../../src/modules/hotline/metrics';
import type { ClaimedMessage } from '../../src/modules/hotline/outbox-store';
import { ManualClock } from '../support/clock';

// The forwarding worker's one path (claim a batch, send at most `concurrency` at once, record the batch) against an
// in-memory outbox and cases: what it does when the hotline or the database misbehaves, without either.

interface Row {
  message: ClaimedMessage;
  state: 'pending' | 'sent' | 'failed';
  owner: string | null;
  leaseUntil: number;
}

class MemoryOutbox implements ForwardingOutbox {
  readonly rows: Row[] = [];
  readonly claimLimits: number[] = [];
  failRetryLater = false;

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
          state: 'pending',
          attempts: 0,
          lastError: null,
          nextAttemptAt: at,
          createdAt: at,
        },
        state: 'pending',
        owner: null,
        leaseUntil: 0,
      });
    }
  }

  leased(now: number): number {
    return this.rows.filter((r) => r.state === 'pending' && r.leaseUntil > now).length;
  }

  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedMessage[]> {
    this.claimLimits.push(limit);
    const free = this.rows.filter((r) => r.state === 'pending' && r.leaseUntil < now.getTime()).slice(0, limit);
    for (const r of free) {
      r.owner = owner;
      r.leaseUntil = now.getTime() + leaseMs;
    }
    return free.map((r) => r.message);
  }

  async completeMany(_m: EntityManager, ids: string[], owner: string): Promise<Set<string>> {
    const owned = this.rows.filter((r) => ids.includes(r.message.id) && r.owner === owner && r.state === 'pending');
    for (const r of owned) r.state = 'sent';
    return new Set(owned.map((r) => r.message.id));
  }

  async refuseSent(): Promise<void> {}

  async retryLater(id: string, owner: string, _now: Date, nextAt: Date): Promise<void> {
    if (this.failRetryLater) throw new Error('database unreachable');
    const row = this.rows.find((r) => r.message.id === id && r.owner === owner);
    if (row) Object.assign(row, { owner: null, leaseUntil: nextAt.getTime() });
  }

  async fail(id: string, owner: string): Promise<void> {
    const row = this.rows.find((r) => r.message.id === id && r.owner === owner);
    if (row) Object.assign(row, { owner: null, state: 'failed' });
  }
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
  concurrency: number;
  createTicket: (request: TicketRequest) => Promise<TicketReceipt>;
  failRecord?: boolean;
}) {
  const clock = new ManualClock();
  const outbox = new MemoryOutbox();
  const manager = { query: async () => [] } as unknown as EntityManager;
  const recorded: string[][] = [];
  const cases: ForwardingCases = {
    findForForwarding: async (ids) => new Map(ids.map((id) => [id, caseRecord(id, clock.now())])),
    transaction: async (work) => {
      if (options.failRecord) throw new Error('database unreachable');
      return work(manager);
    },
    lockForForwarding: async (_m, ids) =>
      new Map(ids.map((id) => [id, { ...caseRecord(id, clock.now()), lastEventSeq: 1, lastNoticeSeq: 0 }])),
    ticketHolders: async () => new Map(),
    recordTickets: async (_m, tickets) => {
      recorded.push(tickets.map((t) => t.id));
    },
    insertEvents: async (_m, events) => events,
  };
  const hotline: HotlineApi = {
    createTicket: (_key, request) => options.createTicket(request),
    sendMessage: async () => {},
    fetchUpdates: async () => ({ events: [], next: clock.now(), nextAfter: null }),
  };
  const deps: ForwarderDeps = {
    outbox,
    cases,
    hotline,
    city: { category: () => ({ name: '市容环卫' }) },
    pii: { decrypt: () => '' },
    clock,
    ids: ulidGenerator,
    logger: createLogger('silent'),
    metrics: new HotlineMetrics(new MetricsRegistry()),
    photoLinks: async () => new Map(),
    workerId: 'worker-1',
    leaseMs: 60_000,
    batchSize: options.batchSize,
    concurrency: options.concurrency,
  };
  return { clock, outbox, deps, recorded };
}

const receipt = (request: TicketRequest): TicketReceipt => ({
  ticketNo: `T-${request.caseId}`,
  status: 'accepted',
  acceptedAt: null,
  dueAt: null,
});

describe('the forwarding worker', () => {
  test('when a batch is larger than the concurrency, then at most that many sends are in flight, and the batch is recorded together', async () => {
    let inFlight = 0;
    let most = 0;
    const env = setup({
      batchSize: 20,
      concurrency: 3,
      createTicket: async (request) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight -= 1;
        return receipt(request);
      },
    });
    env.outbox.add(20, env.clock.now());
    await expect(forwardBatch(env.deps)).resolves.toEqual({ claimed: 20, sent: 20, retry: 0, failed: 0 });
    expect(most).toBe(3);
    expect(env.recorded).toHaveLength(1);
    expect(env.recorded[0]).toHaveLength(20);
    expect(env.outbox.rows.every((r) => r.state === 'sent')).toBe(true);
  });

  test('when the queue holds more than a batch, then drain claims batch after batch until a claim comes back short', async () => {
    const sent: string[] = [];
    const env = setup({
      batchSize: 5,
      concurrency: 2,
      createTicket: async (request) => {
        sent.push(request.caseId);
        return receipt(request);
      },
    });
    env.outbox.add(12, env.clock.now());
    await expect(forwardAll(env.deps)).resolves.toEqual({ claimed: 12, sent: 12, retry: 0, failed: 0 });
    expect(env.outbox.claimLimits).toEqual([5, 5, 5]);
    expect(new Set(sent).size).toBe(12);
    expect(sent).toHaveLength(12);
  });

  test('when the hotline fails one send and the database cannot even store that, then the batch still settles with nothing rejected unobserved, and that message stays leased', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let calls = 0;
      const env = setup({
        batchSize: 4,
        concurrency: 4,
        createTicket: async (request) => {
          calls += 1;
          if (calls === 2) throw new HotlineError('HTTP 503', false);
          return receipt(request);
        },
      });
      env.outbox.failRetryLater = true;
      env.outbox.add(4, env.clock.now());
      await expect(forwardBatch(env.deps)).resolves.toEqual({ claimed: 4, sent: 3, retry: 1, failed: 0 });
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
      expect(env.outbox.rows.filter((r) => r.state === 'sent')).toHaveLength(3);
      expect(env.outbox.leased(env.clock.now().getTime())).toBe(1);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('when the batch cannot be recorded, then the step rejects and the sent messages stay leased, to be sent again after the lease', async () => {
    const env = setup({ batchSize: 3, concurrency: 3, failRecord: true, createTicket: async (r) => receipt(r) });
    env.outbox.add(3, env.clock.now());
    await expect(forwardBatch(env.deps)).rejects.toThrow('database unreachable');
    expect(env.outbox.leased(env.clock.now().getTime())).toBe(3);
    expect(env.outbox.rows.every((r) => r.state === 'pending')).toBe(true);
  });
});

describe('a ticket receipt that cannot be recorded', () => {
  const answered = (extra: Partial<TicketReceipt>): TicketReceipt => ({
    ticketNo: 'LH1',
    status: 'accepted',
    acceptedAt: null,
    dueAt: null,
    ...extra,
  });

  test('when the due date is missing or an instant of this century, then the receipt is fine', () => {
    expect(receiptProblem(answered({}))).toBeNull();
    expect(receiptProblem(answered({ dueAt: '2026-12-01T10:00:00+08:00' }))).toBeNull();
  });

  test.each(['not-a-date', '', '1999-12-31T23:59:59Z', '2100-01-01T00:00:00Z'])(
    'when the due date is %j, then the receipt is refused with the value named',
    (dueAt) => {
      expect(receiptProblem(answered({ dueAt }))).toContain(JSON.stringify(dueAt));
    },
  );

  test('when the ticket number is empty or longer than its column, then the receipt is refused', () => {
    expect(receiptProblem(answered({ ticketNo: '' }))).toContain('empty');
    expect(receiptProblem(answered({ ticketNo: 'x'.repeat(65) }))).toContain('64');
  });
});
