import {
  channel,
  closeAll,
  control,
  createTicket,
  ManualClock,
  simulator,
  ticketBody,
  uniqueKey,
  type Json,
} from './hotline-support';
import { tracked, untilIo, untilTimersScheduled, useSimulatorTimers } from './fake-timers';

afterEach(closeAll);

type Sim = Parameters<typeof channel>[0];
const since = '/updates?since=2026-11-27T00:00:00Z';

/** The statuses of `count` creates, each with a new key; a dropped connection shows as 0. */
async function createStatuses(sim: Sim, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const answer = await channel(sim, 'POST', '/tickets', { body: ticketBody(), idempotencyKey: uniqueKey() }).catch(
      () => ({ status: 0 }),
    );
    statuses.push(answer.status);
  }
  return statuses;
}

describe('hotline simulator: request faults', () => {
  test('when an error rate is set with a fixed seed, then the same calls fail the same way on every run', async () => {
    const runs: number[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const sim = await simulator({ seed: 42 });
      sim.faults.set({ endpoints: { tickets: { error: { rate: 0.3 } } } });
      runs.push(await createStatuses(sim, 20));
      expect(sim.calls.map((call) => call.status)).toEqual(runs[run]);
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).toContain(503);
    expect(runs[0]).toContain(201);
    expect(new Set(runs[0])).toEqual(new Set([201, 503]));
  });

  test('when the seed is set again over the control API, then the sequence starts over', async () => {
    const sim = await simulator();
    const settings = { seed: 9, endpoints: { tickets: { error: { rate: 0.5, status: 500 } } } };
    expect((await control(sim, 'POST', '/faults', settings)).status).toBe(200);
    const first = await createStatuses(sim, 12);
    await control(sim, 'POST', '/faults', { seed: 9 });
    expect(await createStatuses(sim, 12)).toEqual(first);
    expect(first).toContain(500);
  });

  test('when an error fault has times, then exactly that many calls fail and then it clears itself', async () => {
    const sim = await simulator();
    sim.faults.set({ endpoints: { updates: { error: { status: 429, times: 2 } } } });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await channel(sim, 'GET', since)).status);
    expect(statuses).toEqual([429, 429, 200]);
    expect(sim.faults.current().endpoints).toEqual({ updates: {} });
  });

  test('when an outage is on, then every endpoint answers 503 until it is cleared', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    sim.faults.set({ outage: {} });
    expect((await channel(sim, 'POST', '/tickets', { body: ticketBody(), idempotencyKey: uniqueKey() })).status).toBe(
      503,
    );
    const messages = await channel(sim, 'POST', `/tickets/${ticketNo}/messages`, { body: {}, idempotencyKey: 'm' });
    expect(messages).toEqual({ status: 503, body: { error: expect.objectContaining({ code: 'SIMULATED_FAULT' }) } });
    expect((await channel(sim, 'GET', since)).status).toBe(503);
    sim.faults.set({ outage: null });
    expect((await channel(sim, 'GET', since)).status).toBe(200);
    expect(sim.tickets()).toHaveLength(1);
  });

  test('when an outage is set for a while, then it ends by itself on the simulator clock', async () => {
    const clock = new ManualClock();
    const sim = await simulator({ clock });
    sim.faults.set({ outage: { forMs: 60_000 } });
    expect((await channel(sim, 'GET', since)).status).toBe(503);
    expect(sim.faults.current().outage).toEqual({ mode: 'unavailable', until: '2026-11-27T08:31:01.000Z' });
    clock.advance(60_000);
    expect((await channel(sim, 'GET', since)).status).toBe(200);
    expect(sim.faults.current().outage).toBeNull();
  });

  test('when an outage refuses connections, then requests fail without an answer until DELETE /__control/faults', async () => {
    const sim = await simulator();
    expect((await control(sim, 'POST', '/faults', { outage: { mode: 'refuse' } })).status).toBe(200);
    await expect(channel(sim, 'GET', since)).rejects.toThrow();
    expect(sim.calls.at(-1)).toMatchObject({ endpoint: 'updates', status: null, fault: 'outage' });
    expect((await control(sim, 'DELETE', '/faults')).status).toBe(204);
    expect((await channel(sim, 'GET', since)).status).toBe(200);
  });

  test('when the response to a create is lost, then exactly one ticket exists and a retry with the same key gets it with 200', async () => {
    const sim = await simulator();
    sim.faults.set({ endpoints: { tickets: { lostResponse: { times: 1 } } } });
    const key = uniqueKey();
    const body = ticketBody({ caseId: 'case-lost-response' });
    await expect(channel(sim, 'POST', '/tickets', { body, idempotencyKey: key })).rejects.toThrow();
    expect(sim.ticketCountFor('case-lost-response')).toBe(1);

    const retry = await channel(sim, 'POST', '/tickets', { body, idempotencyKey: key });
    expect(retry).toEqual({ status: 200, body: expect.objectContaining({ ticketNo: sim.tickets()[0]?.ticketNo }) });
    expect(sim.ticketCountFor('case-lost-response')).toBe(1);
    expect(sim.calls.map((call) => [call.status, call.fault])).toEqual([
      [null, 'lost_response'],
      [200, undefined],
    ]);
  });

  test('when a timeout drops the connection, then the caller times out and nothing was created', async () => {
    const sim = await simulator();
    sim.faults.set({ endpoints: { tickets: { timeout: { hangMs: 300, times: 1 } } } });
    const request = channel(sim, 'POST', '/tickets', {
      body: ticketBody(),
      idempotencyKey: uniqueKey(),
      signal: AbortSignal.timeout(100),
    });
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sim.tickets()).toHaveLength(0);
  });

  test('when a timeout answers late, then the caller gave up but the ticket was created, and the retry finds it', async () => {
    const sim = await simulator();
    sim.faults.set({ endpoints: { tickets: { timeout: { hangMs: 150, then: 'answer', times: 1 } } } });
    const key = uniqueKey();
    useSimulatorTimers();
    try {
      const caller = new AbortController();
      const late = channel(sim, 'POST', '/tickets', { body: ticketBody(), idempotencyKey: key, signal: caller.signal });
      // The simulator is hanging on the call: the caller gives up, as its timeout would.
      await untilTimersScheduled();
      caller.abort(new DOMException('gave up waiting', 'TimeoutError'));
      await expect(late).rejects.toMatchObject({ name: 'TimeoutError' });
      const retry = await channel(sim, 'POST', '/tickets', { body: ticketBody(), idempotencyKey: key });
      expect(retry.status).toBe(201);
      // Now the hang ends and the late call is handled: it finds the retry's ticket rather than making another.
      jest.advanceTimersByTime(150);
      await untilIo(() => sim.calls.every((call) => call.status !== null), 'the late call answered');
      expect(sim.tickets()).toHaveLength(1);
      expect(sim.calls.map((call) => call.status)).toEqual([200, 201]);
    } finally {
      jest.useRealTimers();
    }
  });

  test('when responses are slow, then calls on that endpoint wait out the delay and other endpoints do not', async () => {
    const sim = await simulator();
    sim.faults.set({ endpoints: { updates: { delayMs: 120 } } });
    useSimulatorTimers();
    try {
      const slow = tracked(channel(sim, 'GET', since));
      await untilTimersScheduled();
      // Time stands still: the other endpoint answers, the delayed one cannot.
      await createTicket(sim);
      expect(slow.settled()).toBe(false);
      jest.advanceTimersByTime(120);
      expect((await slow.promise).status).toBe(200);
    } finally {
      jest.useRealTimers();
    }
  });

  test('when the control API gets malformed faults, then 400 and nothing changes', async () => {
    const sim = await simulator();
    for (const body of [
      { endpoints: { nowhere: {} } },
      { endpoints: { tickets: { error: { rate: 2 } } } },
      { endpoints: { tickets: { timeout: {} } } },
      { outage: { mode: 'sometimes' } },
      { push: { reorder: { batch: 0 } } },
    ] as Json[]) {
      expect((await control(sim, 'POST', '/faults', body)).status).toBe(400);
    }
    expect(sim.faults.current()).toMatchObject({ endpoints: {}, outage: null, push: {} });
    expect(() => sim.faults.set({ endpoints: { tickets: { error: { rate: -1 } } } })).toThrow(RangeError);
  });

  test('when calls are listed over the control API, then they show endpoint, status and time', async () => {
    const sim = await simulator();
    await createTicket(sim);
    const listed = (await (await control(sim, 'GET', '/calls')).json()) as { calls: Json[] };
    expect(listed.calls).toEqual([
      expect.objectContaining({ endpoint: 'tickets', method: 'POST', status: 201, at: expect.any(String) }),
    ]);
    expect(sim.callCount('tickets')).toBe(1);
  });
});
