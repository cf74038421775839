import type { HotlineEvent } from '../src';
import { channel, closeAll, createTicket, ManualClock, simulator } from './hotline-support';

afterEach(closeAll);

type Sim = Parameters<typeof channel>[0];

async function poll(
  sim: Sim,
  since: string,
  limit?: number,
): Promise<{ status: number; events: HotlineEvent[]; next: string }> {
  const query = new URLSearchParams({ since, ...(limit === undefined ? {} : { limit: String(limit) }) });
  const answer = await channel(sim, 'GET', `/updates?${query.toString()}`);
  return { status: answer.status, events: answer.body.events as HotlineEvent[], next: answer.body.next as string };
}

const MINUTE = 60_000;

/** Three tickets a minute apart, each dispatched a minute after the last one: six events at 08:30 … 08:35. */
async function sixEvents(sim: Sim, clock: ManualClock): Promise<string[]> {
  const tickets: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    tickets.push(await createTicket(sim, { caseId: `case-${i}` }));
    clock.advance(MINUTE);
  }
  for (const ticketNo of tickets) {
    sim.advance(ticketNo, { type: 'dispatch', unit: '郾城区城市管理局' });
    clock.advance(MINUTE);
  }
  return tickets;
}

describe('hotline simulator: polling for updates (§5.2)', () => {
  test('when polled from a time, then events at or after it come oldest first, and next is the last one’s time', async () => {
    const clock = new ManualClock(new Date('2026-11-27T08:30:00.000Z'));
    const sim = await simulator({ clock });
    await sixEvents(sim, clock);
    const page = await poll(sim, '2026-11-27T08:32:00.000Z');
    expect(page.status).toBe(200);
    expect(page.events.map((e) => [e.occurredAt, e.type])).toEqual([
      ['2026-11-27T08:32:00.000Z', 'accept'],
      ['2026-11-27T08:33:00.000Z', 'dispatch'],
      ['2026-11-27T08:34:00.000Z', 'dispatch'],
      ['2026-11-27T08:35:00.000Z', 'dispatch'],
    ]);
    expect(page.next).toBe('2026-11-27T08:35:00.000Z');
    expect(page.events[0]).toEqual({
      eventId: expect.stringMatching(/^evt_/),
      ticketNo: expect.stringMatching(/^LH20261127\d{6}$/),
      caseId: 'case-2',
      sequence: 1,
      type: 'accept',
      status: 'accepted',
      unit: null,
      text: null,
      dueAt: '2026-12-18T15:59:59.000Z',
      occurredAt: '2026-11-27T08:32:00.000Z',
      origin: 'hotline',
    });
  });

  test('when a limit is given, then pages of that size follow each other through next without a gap', async () => {
    const clock = new ManualClock(new Date('2026-11-27T08:30:00.000Z'));
    const sim = await simulator({ clock });
    await sixEvents(sim, clock);
    const seen = new Map<string, HotlineEvent>();
    let since = '2026-11-27T00:00:00.000Z';
    for (let round = 0; round < 5; round += 1) {
      const page = await poll(sim, since, 2);
      expect(page.events.length).toBeLessThanOrEqual(2);
      for (const event of page.events) seen.set(event.eventId, event);
      since = page.next;
    }
    expect(seen.size).toBe(6);
    expect(
      sim
        .events()
        .map((e) => e.eventId)
        .sort(),
    ).toEqual([...seen.keys()].sort());
  });

  test('when events share a time, then they are ordered by eventId', async () => {
    const sim = await simulator({ clock: new ManualClock(new Date('2026-11-27T08:30:00.000Z')) });
    await createTicket(sim, { caseId: 'a' });
    await createTicket(sim, { caseId: 'b' });
    const ids = (await poll(sim, '2026-11-27T08:30:00.000Z')).events.map((e) => e.eventId);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(2);
  });

  test('when nothing happened since, then no events and next repeats since', async () => {
    const sim = await simulator({ clock: new ManualClock(new Date('2026-11-27T08:30:00.000Z')) });
    await createTicket(sim);
    const page = await poll(sim, '2026-11-27T09:00:00+08:00');
    expect(page.events).toHaveLength(1);
    const later = await poll(sim, '2026-11-27T09:00:00.000Z');
    expect(later).toEqual({ status: 200, events: [], next: '2026-11-27T09:00:00.000Z' });
  });

  test('when an event is recorded late, then only a poller whose window overlaps the previous one finds it', async () => {
    const clock = new ManualClock(new Date('2026-11-27T08:30:00.000Z'));
    const sim = await simulator({ clock });
    const ticketNo = await createTicket(sim);
    clock.advance(10 * MINUTE);
    sim.advance(ticketNo, { type: 'dispatch', unit: '郾城区城市管理局' });
    const first = await poll(sim, '2026-11-27T08:00:00.000Z');
    expect(first.next).toBe('2026-11-27T08:40:00.000Z');
    sim.advance(ticketNo, { type: 'sign', occurredAt: new Date('2026-11-27T08:38:00.000Z') });

    const exact = await poll(sim, first.next);
    expect(exact.events.map((e) => e.type)).toEqual(['dispatch']);
    const overlapped = new Date(Date.parse(first.next) - 5 * MINUTE).toISOString();
    const overlapping = await poll(sim, overlapped);
    expect(overlapping.events.map((e) => e.type)).toEqual(['sign', 'dispatch']);
    const known = new Set(first.events.map((e) => e.eventId));
    expect(overlapping.events.filter((e) => !known.has(e.eventId)).map((e) => [e.type, e.sequence])).toEqual([
      ['sign', 3],
    ]);
  });

  test.each([
    ['since is missing', '/updates', 'since'],
    ['since has no zone', '/updates?since=2026-11-27T08:00:00', 'since'],
    ['limit is above 500', '/updates?since=2026-11-27T08:00:00Z&limit=501', 'limit'],
    ['limit is 0', '/updates?since=2026-11-27T08:00:00Z&limit=0', 'limit'],
  ])('when %s, then 400 INVALID_FIELD naming it', async (_name, path, field) => {
    const sim = await simulator();
    const answer = await channel(sim, 'GET', path);
    expect(answer).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 'INVALID_FIELD', field }) } });
  });
});
