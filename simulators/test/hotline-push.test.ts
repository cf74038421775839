import {
  callbackKeyId,
  callbackReceiver,
  callbackTarget,
  closeAll,
  control,
  createTicket,
  simulator,
} from './hotline-support';
import { untilIo, untilTimersScheduled, useSimulatorTimers } from './fake-timers';

afterEach(closeAll);

const unit = '郾城区城市管理局';
const fastRetries = { pushRetryDelaysMs: [20, 40], pushTimeoutMs: 500 };

describe('hotline simulator: pushing events to the channel (§5.1)', () => {
  test('when a ticket is created and moved, then each event is pushed as { events: [event] }, signed with the callback key', async () => {
    const receiver = await callbackReceiver();
    const sim = await simulator({ callback: callbackTarget(receiver) });
    const ticketNo = await createTicket(sim);
    sim.advance(ticketNo, { type: 'dispatch', unit });
    await sim.pushesSettled();
    expect(receiver.received.map((push) => push.events.map((e) => [e.type, e.sequence]))).toEqual([
      [['accept', 1]],
      [['dispatch', 2]],
    ]);
    for (const push of receiver.received) {
      expect(push.verdict).toEqual({ ok: true, keyId: callbackKeyId });
      expect(push.path).toBe('/api/v1/hotline/callback');
      expect(push.headers['content-type']).toBe('application/json');
    }
    expect(sim.pushes).toEqual([
      expect.objectContaining({ outcome: 'delivered', attempts: [expect.objectContaining({ status: 200 })] }),
      expect.objectContaining({ outcome: 'delivered', response: { accepted: 1, duplicates: 0, rejected: [] } }),
    ]);
    expect(sim.pushes.map((push) => push.eventIds[0])).toEqual(sim.events().map((e) => e.eventId));
  });

  test('when the callback answers 503 then 200, then the push is retried with a new nonce and delivered', async () => {
    const receiver = await callbackReceiver();
    receiver.answerNext(503);
    const sim = await simulator({ callback: callbackTarget(receiver), ...fastRetries });
    await createTicket(sim);
    await sim.pushesSettled();
    expect(sim.pushes[0]).toMatchObject({ outcome: 'delivered', attempts: [{ status: 503 }, { status: 200 }] });
    expect(receiver.received.every((push) => push.verdict.ok)).toBe(true);
  });

  test('when the callback keeps failing, then retries stop after the configured attempts and the push is failed', async () => {
    const receiver = await callbackReceiver();
    receiver.answerNext(500, 502, 503, 504);
    const sim = await simulator({ callback: callbackTarget(receiver), ...fastRetries });
    await createTicket(sim);
    await sim.pushesSettled();
    expect(sim.pushes[0]).toMatchObject({
      outcome: 'failed',
      attempts: [{ status: 500 }, { status: 502 }, { status: 503 }],
    });
    expect(receiver.received).toHaveLength(3);
  });

  test('when the callback answers 400, then the push is not retried (§2: permanent)', async () => {
    const receiver = await callbackReceiver();
    receiver.answerNext(400);
    const sim = await simulator({ callback: callbackTarget(receiver), ...fastRetries });
    await createTicket(sim);
    await sim.pushesSettled();
    expect(sim.pushes[0]).toMatchObject({ outcome: 'failed', attempts: [{ status: 400 }] });
  });

  test('when nothing listens at the callback, then the connection error is recorded and retried', async () => {
    const receiver = await callbackReceiver();
    const target = callbackTarget(receiver);
    await receiver.close();
    const sim = await simulator({ callback: target, ...fastRetries });
    await createTicket(sim);
    await sim.pushesSettled();
    expect(sim.pushes[0]?.outcome).toBe('failed');
    expect(sim.pushes[0]?.attempts).toHaveLength(3);
    expect(sim.pushes[0]?.attempts[0]?.error).toEqual(expect.any(String));
  });

  test('when no callback is set, then events are recorded as not pushed, and setCallback starts pushing', async () => {
    const receiver = await callbackReceiver();
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    expect(sim.pushes).toEqual([expect.objectContaining({ outcome: 'no_callback' })]);
    sim.setCallback(callbackTarget(receiver));
    sim.advance(ticketNo, { type: 'dispatch', unit });
    await sim.pushesSettled();
    expect(receiver.received.map((push) => push.events[0]?.type)).toEqual(['dispatch']);
  });

  test('when the callback is set over the control API, then pushes go there', async () => {
    const receiver = await callbackReceiver();
    const sim = await simulator();
    expect((await control(sim, 'PUT', '/callback', { url: 'nope', keyId: 'k', secret: 's' })).status).toBe(400);
    expect((await control(sim, 'PUT', '/callback', callbackTarget(receiver))).status).toBe(204);
    await createTicket(sim);
    await sim.pushesSettled();
    expect(receiver.received).toHaveLength(1);
    const listed = (await (await control(sim, 'GET', '/pushes')).json()) as { pushes: unknown[] };
    expect(listed.pushes).toEqual([expect.objectContaining({ outcome: 'delivered' })]);
  });
});

describe('hotline simulator: push faults', () => {
  test('when duplicate pushes are on, then every event arrives twice', async () => {
    const receiver = await callbackReceiver();
    const sim = await simulator({ callback: callbackTarget(receiver) });
    sim.faults.set({ push: { duplicate: {} } });
    const ticketNo = await createTicket(sim);
    sim.advance(ticketNo, { type: 'dispatch', unit });
    await sim.pushesSettled();
    const [accept, dispatch] = sim.events().map((e) => e.eventId);
    expect(receiver.eventIds()).toEqual([accept, accept, dispatch, dispatch]);
    expect(sim.pushes.map((push) => push.duplicate)).toEqual([false, true, false, true]);
  });

  test('when reordered pushes are on, then a batch of held events arrives newest first', async () => {
    const receiver = await callbackReceiver();
    const sim = await simulator({ callback: callbackTarget(receiver) });
    sim.faults.set({ push: { reorder: { batch: 3 } } });
    const ticketNo = await createTicket(sim);
    sim.advance(ticketNo, { type: 'dispatch', unit });
    expect(sim.pushes.map((push) => push.outcome)).toEqual(['held', 'held']);
    sim.advance(ticketNo, { type: 'sign' });
    await sim.pushesSettled();
    expect(receiver.received.map((push) => push.events[0]?.sequence)).toEqual([3, 2, 1]);
  });

  test('when reordering is shuffled with a seed, then the order is the same on every run', async () => {
    const orders: number[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const receiver = await callbackReceiver();
      const sim = await simulator({ callback: callbackTarget(receiver), seed: 7 });
      sim.faults.set({ push: { reorder: { batch: 5, order: 'shuffle' } } });
      const ticketNo = await createTicket(sim);
      for (const input of [
        { type: 'dispatch', unit },
        { type: 'sign' },
        { type: 'start' },
        { type: 'urge' },
      ] as const) {
        sim.advance(ticketNo, input);
      }
      await sim.pushesSettled();
      orders.push(receiver.received.map((push) => push.events[0]?.sequence ?? 0));
    }
    expect(orders[0]).toEqual(orders[1]);
    expect(orders[0]).not.toEqual([1, 2, 3, 4, 5]);
    expect([...(orders[0] ?? [])].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  test('when fewer events than the batch are held, then they are let go after maxHoldMs, or when the fault is cleared', async () => {
    const receiver = await callbackReceiver();
    const sim = await simulator({ callback: callbackTarget(receiver) });
    sim.faults.set({ push: { reorder: { batch: 10, maxHoldMs: 30 } } });
    await createTicket(sim);
    await sim.pushesSettled();
    expect(receiver.received).toHaveLength(1);

    sim.faults.set({ push: { reorder: { batch: 10, maxHoldMs: 60_000 } } });
    await createTicket(sim, { caseId: 'second' });
    sim.faults.clear();
    await sim.pushesSettled();
    expect(receiver.received).toHaveLength(2);
  });

  test('when dropped pushes are on, then the events are never sent but polling still has them', async () => {
    const receiver = await callbackReceiver();
    const sim = await simulator({ callback: callbackTarget(receiver) });
    sim.faults.set({ push: { drop: { times: 1 } } });
    const ticketNo = await createTicket(sim);
    sim.advance(ticketNo, { type: 'dispatch', unit });
    await sim.pushesSettled();
    expect(sim.pushes.map((push) => push.outcome)).toEqual(['dropped', 'delivered']);
    expect(receiver.received.map((push) => push.events[0]?.type)).toEqual(['dispatch']);
    expect(sim.events().map((e) => e.type)).toEqual(['accept', 'dispatch']);
  });

  test('when delayed pushes are on, then nothing arrives before the delay and everything after it', async () => {
    const receiver = await callbackReceiver();
    const sim = await simulator({ callback: callbackTarget(receiver) });
    sim.faults.set({ push: { delayMs: 150 } });
    useSimulatorTimers();
    try {
      await createTicket(sim);
      await untilTimersScheduled();
      jest.advanceTimersByTime(149);
      expect(sim.pushes.map((push) => push.outcome)).toEqual(['pending']);
      expect({ received: receiver.received.length, timers: jest.getTimerCount() }).toEqual({ received: 0, timers: 1 });
      jest.advanceTimersByTime(1);
      await untilIo(() => receiver.received.length === 1, 'the push arrived');
      expect(receiver.received[0]?.events.map((e) => e.type)).toEqual(['accept']);
    } finally {
      jest.useRealTimers();
    }
  });
});
