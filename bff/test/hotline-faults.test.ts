import { startJobs } from '../src/jobs';
import { submit, validCase } from './support/cases';
import { startTestApp, type TestApp } from './support/harness';

/**
 * A small, bounded fault run: a couple of hundred cases forwarded by two workers sharing the database while
 * the hotline fails, hangs, loses answers and goes down; then updates come back by polling through faults.
 * At the end every case has exactly one ticket and the same state on both sides.
 */
const CASES = 120;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ withHotline: { seed: 20261127 }, config: { hotline: { timeoutMs: 300 } } });
});
afterAll(async () => t.close());

const sim = () => t.hotline as NonNullable<TestApp['hotline']>;
const pending = async (): Promise<number> =>
  Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM hotline_outbox WHERE state = 'pending'"))[0].n);

test('when the hotline misbehaves in every way, then no case is lost, none doubled, and both sides agree', async () => {
  const citizens = await Promise.all(Array.from({ length: 10 }, () => t.signIn()));
  const ids: string[] = [];
  for (let i = 0; i < CASES; i += 1) {
    const body = validCase({ content: `第${i}号测试诉求：小区路灯损坏，请尽快维修处理。` });
    ids.push((await submit(t, citizens[i % citizens.length] as string, body).expect(201)).body.id);
  }
  sim().faults.set({
    endpoints: {
      tickets: {
        error: { rate: 0.3 },
        timeout: { rate: 0.1, hangMs: 500, then: 'answer' },
        lostResponse: { rate: 0.1 },
      },
      updates: { error: { rate: 0.3 } },
    },
  });
  const second = startJobs(t.deps, 86_400_000);
  try {
    for (let round = 0; round < 60 && (await pending()) > 0; round += 1) {
      if (round === 3) sim().faults.set({ outage: { mode: 'unavailable' } });
      if (round === 5) sim().faults.set({ outage: null });
      await Promise.all([t.jobs.forwardOnce(), second.forwardOnce(), t.jobs.forwardOnce(), second.forwardOnce()]);
      t.clock.advance(31 * 60_000);
    }
  } finally {
    await second.stop();
  }
  expect(await pending()).toBe(0);
  const failed = await t.dataSource.query("SELECT COUNT(*) AS n FROM hotline_outbox WHERE state <> 'sent'");
  expect(Number(failed[0].n)).toBe(0);

  const tickets = sim().tickets();
  const doubled = ids.filter((id) => sim().ticketCountFor(id) !== 1);
  expect({ tickets: tickets.length, doubled }).toEqual({ tickets: CASES, doubled: [] });

  // The hotline works the tickets; updates come back only by polling, through errors, and overlap.
  const moves = [
    ['dispatch'],
    ['dispatch', 'sign'],
    ['dispatch', 'sign', 'reply'],
    ['dispatch', 'sign', 'reply', 'close'],
  ];
  tickets.forEach((ticket, i) => {
    for (const type of moves[i % moves.length] ?? []) {
      sim().advance(ticket.ticketNo, {
        type: type as 'dispatch',
        ...(type === 'dispatch' ? { unit: '郾城区城市管理局' } : {}),
        ...(type === 'reply' ? { text: '已处理' } : {}),
        ...(type === 'close' ? { text: '已办结' } : {}),
      });
    }
  });
  t.clock.advance(60_000);
  // Polls until two in a row succeed after at least one failed (three in ten fail: which ones depends on how the
  // two workers' calls interleaved before, so a fixed number of polls could meet none).
  const errors: string[] = [];
  let clean = 0;
  for (let attempt = 0; attempt < 60 && (clean < 2 || errors.length === 0); attempt += 1) {
    try {
      await t.jobs.pollOnce();
      clean += 1;
    } catch (error) {
      // An injected error: the next poll reaches back over the same window.
      errors.push(String(error));
      clean = 0;
    }
  }
  const ours: { id: string; status: string; ticketNo: string }[] = await t.dataSource.query(
    'SELECT id, status, ticket_no AS ticketNo FROM cases',
  );
  const theirs = new Map(
    sim()
      .tickets()
      .map((k) => [k.caseId, k]),
  );
  const mismatched = ours.filter(
    (c) => theirs.get(c.id)?.status !== c.status || theirs.get(c.id)?.ticketNo !== c.ticketNo,
  );
  expect(mismatched).toEqual([]);
  // The faults really happened: failed creates, answers lost or late, failed polls.
  const faulted = sim().calls.filter((c) => c.fault !== undefined);
  expect(new Set(faulted.map((c) => c.fault)).size).toBeGreaterThanOrEqual(3);
  expect(errors.length).toBeGreaterThan(0);
}, 120_000);
