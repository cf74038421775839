import { channel, closeAll, ManualClock, simulator, ticketBody, uniqueKey, type Json } from './hotline-support';

afterEach(closeAll);

const post = (sim: Parameters<typeof channel>[0], body: unknown, idempotencyKey?: string) =>
  channel(sim, 'POST', '/tickets', { body, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) });

describe('hotline simulator: create a ticket (§3)', () => {
  test('when a case is sent, then 201 with an accepted ticket, LH + China date + 6 digits, and the contract example deadline', async () => {
    const sim = await simulator({ clock: new ManualClock(new Date('2026-11-27T08:30:01.000Z')) });
    const answer = await post(sim, ticketBody(), uniqueKey());
    expect(answer).toEqual({
      status: 201,
      body: {
        ticketNo: 'LH20261127000001',
        status: 'accepted',
        acceptedAt: '2026-11-27T08:30:01.000Z',
        dueAt: '2026-12-18T15:59:59.000Z',
      },
    });
    const [ticket] = sim.tickets();
    expect(ticket?.events).toEqual([
      expect.objectContaining({ sequence: 1, type: 'accept', status: 'accepted', caseId: ticket?.caseId }),
    ]);
    expect(ticket?.request).toMatchObject({ title: ticketBody().title, contact: { phone: '13812345678' } });
  });

  test('when the China date turns at 16:00 UTC, then numbering follows it and restarts each day', async () => {
    const clock = new ManualClock(new Date('2026-11-27T15:59:00.000Z'));
    const sim = await simulator({ clock, ticketPrefix: 'YC' });
    expect((await post(sim, ticketBody(), uniqueKey())).body.ticketNo).toBe('YC20261127000001');
    expect((await post(sim, ticketBody(), uniqueKey())).body.ticketNo).toBe('YC20261127000002');
    clock.advance(60_000);
    expect((await post(sim, ticketBody(), uniqueKey())).body.ticketNo).toBe('YC20261128000001');
  });

  test('when the same key comes again with the same body, then 200 with the same ticket and still one ticket', async () => {
    const sim = await simulator();
    const key = uniqueKey();
    const first = await post(sim, ticketBody(), key);
    const reordered = Object.fromEntries(Object.entries(ticketBody()).reverse());
    const again = await post(sim, reordered, key);
    expect(again).toEqual({ status: 200, body: first.body });
    expect(sim.ticketCountFor(ticketBody().caseId as string)).toBe(1);
  });

  test('when a replayed key finds its ticket moved on, then 200 answers the ticket as it is now', async () => {
    const sim = await simulator();
    const key = uniqueKey();
    const { body } = await post(sim, ticketBody(), key);
    sim.advance(String(body.ticketNo), { type: 'dispatch', unit: '郾城区城市管理局' });
    expect((await post(sim, ticketBody(), key)).body).toMatchObject({ ticketNo: body.ticketNo, status: 'dispatched' });
  });

  test('when the same key comes with another body, then 409 IDEMPOTENCY_CONFLICT and no second ticket', async () => {
    const sim = await simulator();
    const key = uniqueKey();
    await post(sim, ticketBody(), key);
    const answer = await post(sim, ticketBody({ title: '另一件事' }), key);
    expect(answer).toEqual({ status: 409, body: { error: expect.objectContaining({ code: 'IDEMPOTENCY_CONFLICT' }) } });
    expect(sim.tickets()).toHaveLength(1);
  });

  test('when the same case comes under two keys, then the hotline makes two tickets (the key is the only guard)', async () => {
    const sim = await simulator();
    await post(sim, ticketBody(), uniqueKey());
    await post(sim, ticketBody(), uniqueKey());
    expect(sim.ticketCountFor(ticketBody().caseId as string)).toBe(2);
  });

  test.each<[string, Json, string]>([
    ['an unknown type', { type: 'rumour' }, 'type'],
    ['an empty title', { title: ' ' }, 'title'],
    ['a category without a code', { category: { name: '市容环卫' } }, 'category.code'],
    ['a latitude out of range', { location: { address: '黄河路', latitude: 91, longitude: 114 } }, 'location.latitude'],
    [
      'a photo that is not http(s)',
      { photos: [{ url: 'ftp://x', expiresAt: '2026-11-28T08:30:00Z' }] },
      'photos[0].url',
    ],
    ['missing photos', { photos: undefined }, 'photos'],
    ['an anonymous case with a contact', { anonymous: true }, 'contact'],
    ['a time without a zone', { submittedAt: '2026-11-27T08:30:00' }, 'submittedAt'],
  ])('when the body has %s, then 400 INVALID_FIELD naming it', async (_name, overrides, field) => {
    const sim = await simulator();
    const answer = await post(sim, ticketBody(overrides), uniqueKey());
    expect(answer).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 'INVALID_FIELD', field }) } });
    expect(sim.tickets()).toEqual([]);
  });

  test('when an anonymous case has no contact and no location, then it is accepted', async () => {
    const sim = await simulator();
    const answer = await post(
      sim,
      ticketBody({ anonymous: true, contact: null, location: null, photos: [] }),
      uniqueKey(),
    );
    expect(answer.status).toBe(201);
  });

  test('when the Idempotency-Key is missing or too long, then 400 INVALID_FIELD naming the header', async () => {
    const sim = await simulator();
    for (const key of [undefined, 'k'.repeat(65)]) {
      const answer = await post(sim, ticketBody(), key);
      expect(answer.body.error).toMatchObject({ code: 'INVALID_FIELD', field: 'Idempotency-Key' });
    }
  });

  test('when the body is not JSON, then 400 INVALID_FIELD naming the body', async () => {
    const sim = await simulator();
    const answer = await channel(sim, 'POST', '/tickets', { rawBody: '{"caseId":', idempotencyKey: uniqueKey() });
    expect(answer).toEqual({
      status: 400,
      body: { error: expect.objectContaining({ code: 'INVALID_FIELD', field: 'body' }) },
    });
  });

  test('when the deadline is configured as calendar days or none, then dueAt follows', async () => {
    const clock = new ManualClock(new Date('2026-11-27T08:30:01.000Z'));
    const calendar = await simulator({ clock, deadline: { days: 3, counting: 'calendar' } });
    expect((await post(calendar, ticketBody(), uniqueKey())).body.dueAt).toBe('2026-11-30T15:59:59.000Z');
    const none = await simulator({ clock, deadline: null });
    expect((await post(none, ticketBody(), uniqueKey())).body.dueAt).toBeNull();
  });

  test('when a path under the base path does not exist, then 404 with the error envelope', async () => {
    const sim = await simulator();
    const res = await fetch(`${sim.baseUrl}nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
