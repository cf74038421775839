import { signRequest as simulatorSign, startHotlineSimulator } from '@hotline/simulators';
import type { HotlineApi } from '../src/adapters/hotline/hotline-api';
import { HttpHotlineApi } from '../src/adapters/hotline/http-hotline-api';
import { readDate } from '../src/db/sql';
import { OutboxStore } from '../src/modules/hotline/outbox-store';
import { picture } from './fixtures/images';
import { submit, validCase } from './support/cases';
import { startTestApp, type TestApp } from './support/harness';
import { staffSignIn } from './support/staff';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ withHotline: true });
});
afterEach(async () => t.close());

const outbox = (caseId: string) =>
  t.dataSource.query(
    'SELECT seq, kind, state, attempts, last_error AS error FROM hotline_outbox WHERE case_id = ? ORDER BY seq',
    [caseId],
  );
const caseRow = async (id: string) =>
  (
    await t.dataSource.query(
      'SELECT status, ticket_no AS ticketNo, last_hotline_seq AS seq, handling_unit AS unit FROM cases WHERE id = ?',
      [id],
    )
  )[0];
const sim = () => t.hotline as NonNullable<TestApp['hotline']>;

/** Signs a push as the hotline would, with the key the app issued to it. */
function push(body: object, keyOverride?: { id: string; secret: string }) {
  const [pair] = (t.config.hotline.inboundKeys as string).split(',');
  const [id, secret] = [pair?.slice(0, pair.indexOf(':')) ?? '', pair?.slice(pair.indexOf(':') + 1) ?? ''];
  const raw = JSON.stringify(body);
  const headers = simulatorSign({
    method: 'POST',
    path: '/api/v1/hotline/events',
    body: raw,
    keyId: keyOverride?.id ?? id,
    secret: keyOverride?.secret ?? secret,
    now: t.clock.now(),
  });
  return t.http.post('/api/v1/hotline/events').set(headers).set('Content-Type', 'application/json').send(raw);
}

async function forwardedCase() {
  const res = await submit(t, await t.signIn()).expect(201);
  await t.jobs.forwardOnce();
  const ticket = sim()
    .tickets()
    .find((k) => k.caseId === res.body.id);
  if (!ticket) throw new Error('no ticket');
  return { caseId: res.body.id as string, ticketNo: ticket.ticketNo };
}

describe('forwarding cases to the 12345 system', () => {
  test('when a case is forwarded, then it gets exactly one ticket and the timeline shows forward and accept', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth).expect(201);
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 1, sent: 1 });
    expect(sim().ticketCountFor(res.body.id)).toBe(1);
    const ticket = sim().tickets()[0];
    expect(ticket?.request).toMatchObject({
      channel: 'wechat-miniprogram',
      type: 'complaint',
      contact: { name: '张三', phone: '13812345678' },
    });
    const detail = await t.http.get(`/api/v1/cases/${res.body.id}`).set('Authorization', auth).expect(200);
    expect(detail.body).toMatchObject({ status: 'accepted', ticketNo: ticket?.ticketNo, canWithdraw: false });
    expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submit', 'forward', 'accept']);
    const [stored] = await t.dataSource.query('SELECT due_at FROM cases WHERE id = ?', [res.body.id]);
    expect(ticket?.dueAt).toBeTruthy();
    expect(readDate(stored.due_at).toISOString()).toBe(new Date(ticket?.dueAt as string).toISOString());
    expect(await outbox(res.body.id)).toEqual([
      { seq: 1, kind: 'create_ticket', state: 'sent', attempts: 0, error: null },
    ]);
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 0 });
  });

  test('when a case has photos, then the ticket carries signed links that stay the same on a retry', async () => {
    const app = await startTestApp({
      withHotline: true,
      config: { http: { publicUrl: 'https://12345.example.gov.cn' } },
    });
    try {
      const hotline = app.hotline as NonNullable<TestApp['hotline']>;
      const auth = await app.signIn();
      const upload = await app.http
        .post('/api/v1/uploads/photos')
        .set('Authorization', auth)
        .attach('file', await picture('png'), 'p.png')
        .expect(201);
      const res = await submit(app, auth, validCase({ photoIds: [upload.body.id] })).expect(201);
      hotline.faults.set({ endpoints: { tickets: { lostResponse: { times: 1 } } } });
      await expect(app.jobs.forwardOnce()).resolves.toMatchObject({ retry: 1 });
      app.clock.advance(10_000);
      await expect(app.jobs.forwardOnce()).resolves.toMatchObject({ sent: 1 });
      const photos = hotline.tickets()[0]?.request.photos ?? [];
      expect(photos).toHaveLength(1);
      expect(photos[0]?.url).toMatch(
        new RegExp(`^https://12345\\.example\\.gov\\.cn/api/v1/photos/${upload.body.id}/signed\\?exp=`),
      );
      expect(hotline.ticketCountFor(res.body.id)).toBe(1);
    } finally {
      await app.close();
    }
  });

  test('when the answer to a create is lost, then the retry gets the same ticket, never a second one', async () => {
    const res = await submit(t, await t.signIn()).expect(201);
    sim().faults.set({ endpoints: { tickets: { lostResponse: { times: 1 } } } });
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ retry: 1 });
    expect(sim().ticketCountFor(res.body.id)).toBe(1);
    const [waiting] = await outbox(res.body.id);
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
    expect(waiting.error).toContain('POST tickets');
    t.clock.advance(10_000);
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ sent: 1 });
    expect(sim().ticketCountFor(res.body.id)).toBe(1);
    expect((await caseRow(res.body.id)).ticketNo).toBe(sim().tickets()[0]?.ticketNo);
  });

  test('when the hotline is down, then the message waits for its backoff and goes once it is back', async () => {
    const res = await submit(t, await t.signIn()).expect(201);
    sim().faults.set({ outage: { mode: 'unavailable' } });
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ retry: 1 });
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 0 });
    sim().faults.clear();
    t.clock.advance(3_000);
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 0 });
    t.clock.advance(4_000);
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ sent: 1 });
    expect((await caseRow(res.body.id)).status).toBe('accepted');
  });

  test('when the hotline refuses the request itself, then it is not retried and staff see the reason', async () => {
    const res = await submit(t, await t.signIn()).expect(201);
    sim().faults.set({ endpoints: { tickets: { error: { status: 422, times: 1 } } } });
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ failed: 1 });
    const [row] = await outbox(res.body.id);
    expect(row).toMatchObject({ state: 'failed', attempts: 1 });
    expect(row.error).toContain('HTTP 422');
    t.clock.advance(3_600_000);
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 0 });
    expect(sim().ticketCountFor(res.body.id)).toBe(0);
  });

  test('when the hotline answers ticket numbers other cases already hold, then the rest of the batch is recorded and those go to staff', async () => {
    // A 12345 system that lost its tickets and numbering (restarted without its data) issues old numbers again.
    let target: HotlineApi | undefined;
    const via = (): HotlineApi => target as HotlineApi;
    const app = await startTestApp({
      withHotline: true,
      hotline: {
        createTicket: (key, request) => via().createTicket(key, request),
        sendMessage: (key, ticketNo, message) => via().sendMessage(key, ticketNo, message),
        fetchUpdates: (since, after, limit) => via().fetchUpdates(since, after, limit),
      },
    });
    const keys = { keyId: app.config.hotline.keyId as string, secret: app.config.hotline.secret as string };
    const restarted = await startHotlineSimulator({ clock: app.clock, keys: { [keys.keyId]: keys.secret } });
    try {
      const first = app.hotline as NonNullable<TestApp['hotline']>;
      target = new HttpHotlineApi({ ...keys, baseUrl: first.baseUrl, timeoutMs: 2000 }, app.clock);
      const submitOne = async () => (await submit(app, await app.signIn()).expect(201)).body.id as string;
      await submitOne();
      await submitOne();
      await expect(app.jobs.forwardOnce()).resolves.toMatchObject({ sent: 2 });
      // Ticket number → the case holding it.
      const held = new Map(first.tickets().map((k) => [k.ticketNo, k.caseId]));

      target = new HttpHotlineApi({ ...keys, baseUrl: restarted.baseUrl, timeoutMs: 2000 }, app.clock);
      const after = [await submitOne(), await submitOne(), await submitOne()];
      await expect(app.jobs.drain()).resolves.toMatchObject({ claimed: 3, sent: 1, failed: 2 });

      const rows: { id: string; status: string; ticket_no: string | null }[] = await app.dataSource.query(
        'SELECT id, status, ticket_no FROM cases',
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      // The cases forwarded before keep their tickets.
      for (const [ticketNo, caseId] of held) expect(byId.get(caseId)?.ticket_no).toBe(ticketNo);
      // The restarted system numbered the new cases 1, 2, 3 again: two collide, the third is recorded.
      const reissued = new Map(restarted.tickets().map((k) => [k.caseId, k.ticketNo]));
      const clashes = after.filter((id) => held.has(reissued.get(id) ?? ''));
      expect(clashes).toHaveLength(2);
      for (const id of after) {
        const ticketNo = reissued.get(id) as string;
        const holder = held.get(ticketNo);
        if (!holder) {
          expect(byId.get(id)).toMatchObject({ status: 'accepted', ticket_no: ticketNo });
          continue;
        }
        expect(byId.get(id)).toMatchObject({ status: 'submitted', ticket_no: null });
        const [message] = await app.dataSource.query(
          'SELECT state, attempts, last_error AS error FROM hotline_outbox WHERE case_id = ?',
          [id],
        );
        expect(message).toMatchObject({ state: 'failed', attempts: 1 });
        expect(message.error).toContain(`ticket number ${ticketNo}, already the ticket of case ${holder}`);
      }
      // Set aside for staff, not sent again and again.
      app.clock.advance(3_600_000);
      await expect(app.jobs.drain()).resolves.toMatchObject({ claimed: 0 });
      expect(restarted.tickets()).toHaveLength(3);
    } finally {
      await restarted.close();
      await app.close();
    }
  });

  test('when the hotline answers one case of a batch with a due date that is not a date, then only that case fails, with the reason for staff, and the rest are recorded', async () => {
    let spoiled = '';
    let target: HotlineApi | undefined;
    const app = await startTestApp({
      withHotline: true,
      hotline: {
        createTicket: async (key, request) => {
          const receipt = await (target as HotlineApi).createTicket(key, request);
          return request.caseId === spoiled ? { ...receipt, dueAt: 'not-a-date' } : receipt;
        },
        sendMessage: (key, ticketNo, message) => (target as HotlineApi).sendMessage(key, ticketNo, message),
        fetchUpdates: (since, after, limit) => (target as HotlineApi).fetchUpdates(since, after, limit),
      },
    });
    try {
      const hotline = app.hotline as NonNullable<TestApp['hotline']>;
      target = new HttpHotlineApi(
        {
          keyId: app.config.hotline.keyId as string,
          secret: app.config.hotline.secret as string,
          baseUrl: hotline.baseUrl,
          timeoutMs: 2000,
        },
        app.clock,
      );
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push((await submit(app, await app.signIn()).expect(201)).body.id);
      spoiled = ids[1] as string;

      await expect(app.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 3, sent: 2, failed: 1 });

      const states: { case_id: string; state: string; attempts: number; error: string | null }[] =
        await app.dataSource.query(
          'SELECT case_id, state, attempts, last_error AS error FROM hotline_outbox ORDER BY case_id',
        );
      const byCase = new Map(states.map((r) => [r.case_id, r]));
      for (const id of [ids[0], ids[2]] as string[]) {
        expect(byCase.get(id)).toMatchObject({ state: 'sent', error: null });
        const [row] = await app.dataSource.query('SELECT status, ticket_no FROM cases WHERE id = ?', [id]);
        expect(row).toEqual({
          status: 'accepted',
          ticket_no: hotline.tickets().find((k) => k.caseId === id)?.ticketNo,
        });
      }
      expect(byCase.get(spoiled)).toMatchObject({ state: 'failed', attempts: 1 });
      expect(byCase.get(spoiled)?.error).toContain('not-a-date');
      const [bad] = await app.dataSource.query('SELECT status, ticket_no FROM cases WHERE id = ?', [spoiled]);
      expect(bad).toEqual({ status: 'submitted', ticket_no: null });

      const dispatcher = await staffSignIn(app, 'dispatcher');
      const detail = await app.http
        .get(`/api/v1/admin/cases/${spoiled}`)
        .set('Authorization', dispatcher.auth)
        .expect(200);
      expect(detail.body.forwarding).toMatchObject({ state: 'failed', stuck: true });
      expect(detail.body.forwarding.lastError).toContain('not-a-date');
      // Set aside for staff: not sent again after the lease.
      app.clock.advance(3_600_000);
      await expect(app.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 0 });
      expect(hotline.tickets()).toHaveLength(3);
    } finally {
      await app.close();
    }
  });

  test('when a worker dies holding a message, then another takes it over once the lease runs out', async () => {
    const res = await submit(t, await t.signIn()).expect(201);
    const store = new OutboxStore(t.dataSource);
    const claimed = await store.claim('worker-that-crashes', t.clock.now(), 60_000, 10);
    expect(claimed.map((m) => m.caseId)).toEqual([res.body.id]);
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 0 });
    t.clock.advance(61_000);
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 1, sent: 1 });
    expect(sim().ticketCountFor(res.body.id)).toBe(1);
    // The crashed worker coming back cannot complete what it no longer owns.
    const late = await t.dataSource.transaction((m) =>
      store.completeMany(m, [claimed[0]?.id as string], 'worker-that-crashes', t.clock.now()),
    );
    expect([...late]).toEqual([]);
  });

  test('when a case held for content review waits, then it is not forwarded', async () => {
    await submit(t, await t.signIn(), validCase({ content: '这段内容包含待审测试词，需要人工看一下。' })).expect(201);
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 0 });
    expect(sim().tickets()).toHaveLength(0);
  });

  test('when a case whose ticket may exist is withdrawn, then the withdrawal follows the ticket, in order', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth).expect(201);
    // The ticket is created but its answer is lost: the case still looks unforwarded here.
    sim().faults.set({ endpoints: { tickets: { lostResponse: { times: 1 } } } });
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ retry: 1 });
    await t.http
      .post(`/api/v1/cases/${res.body.id}/withdraw`)
      .set('Authorization', auth)
      .send({ reason: '已解决' })
      .expect(200);
    t.clock.advance(10_000);
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 1, sent: 1 });
    await expect(t.jobs.forwardOnce()).resolves.toMatchObject({ claimed: 1, sent: 1 });
    expect((await outbox(res.body.id)).map((m: { kind: string; state: string }) => [m.kind, m.state])).toEqual([
      ['create_ticket', 'sent'],
      ['withdraw', 'sent'],
    ]);
    const ticket = sim().tickets()[0];
    expect(ticket?.messages.map((m) => m.kind)).toEqual(['withdraw']);
    expect(ticket?.status).toBe('closed');
    expect(sim().ticketCountFor(res.body.id)).toBe(1);
    expect((await caseRow(res.body.id)).status).toBe('withdrawn');
  });
});

describe('events from the 12345 system', () => {
  const event = (ticketNo: string, caseId: string, sequence: number, type: string, extra: object = {}) => ({
    eventId: `evt-${ticketNo}-${sequence}-${type}`,
    ticketNo,
    caseId,
    sequence,
    type,
    status:
      { dispatch: 'dispatched', sign: 'signed', reply: 'replied', close: 'closed', start: 'in_progress' }[type] ?? null,
    unit: '郾城区城市管理局',
    text: type === 'reply' ? '已安排维修' : null,
    dueAt: null,
    occurredAt: new Date(t.clock.now().getTime() + sequence * 1000).toISOString(),
    ...extra,
  });

  test('when events are pushed, then they are applied once each, in sequence, with duplicates ignored', async () => {
    const { caseId, ticketNo } = await forwardedCase();
    const res = await push({
      events: [event(ticketNo, caseId, 3, 'sign'), event(ticketNo, caseId, 2, 'dispatch')],
    }).expect(200);
    expect(res.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const again = await push({ events: [event(ticketNo, caseId, 2, 'dispatch')] }).expect(200);
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await caseRow(caseId)).toEqual({ status: 'signed', ticketNo, seq: 3, unit: '郾城区城市管理局' });
  });

  test('when an older event arrives after a newer one, then the state stays newer but the timeline has both', async () => {
    const { caseId, ticketNo } = await forwardedCase();
    await push({ events: [event(ticketNo, caseId, 5, 'reply')] }).expect(200);
    await push({ events: [event(ticketNo, caseId, 4, 'sign')] }).expect(200);
    expect((await caseRow(caseId)).status).toBe('replied');
    const kinds = await t.dataSource.query('SELECT kind FROM case_events WHERE case_id = ? ORDER BY seq', [caseId]);
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(['submit', 'forward', 'accept', 'reply', 'sign']);
  });

  test('when one event of a batch is bad, then the others are still applied', async () => {
    const { caseId, ticketNo } = await forwardedCase();
    const res = await push({
      events: [
        event(ticketNo, caseId, 2, 'dispatch'),
        { eventId: 'broken', ticketNo, sequence: 'three' },
        event('LH-UNKNOWN', '01ARZ3NDEKTSV4RRFFQ69G5FAV', 3, 'sign'),
        event(ticketNo, caseId, 4, 'start'),
      ],
    }).expect(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toEqual([
      { eventId: 'broken', reason: 'malformed event' },
      { eventId: 'evt-LH-UNKNOWN-3-sign', reason: 'unknown ticket' },
    ]);
    expect((await caseRow(caseId)).status).toBe('in_progress');
  });

  test('when a push is unsigned, signed with an unknown key, or replayed, then 401 and nothing changes', async () => {
    const { caseId, ticketNo } = await forwardedCase();
    const body = { events: [event(ticketNo, caseId, 2, 'dispatch')] };
    await t.http.post('/api/v1/hotline/events').send(body).expect(401);
    await push(body, { id: 'intruder', secret: 'x'.repeat(40) }).expect(401);
    const raw = JSON.stringify(body);
    const [pair] = (t.config.hotline.inboundKeys as string).split(',');
    const headers = simulatorSign({
      method: 'POST',
      path: '/api/v1/hotline/events',
      body: raw,
      keyId: pair?.split(':')[0] ?? '',
      secret: pair?.slice(pair.indexOf(':') + 1) ?? '',
      now: t.clock.now(),
    });
    await t.http
      .post('/api/v1/hotline/events')
      .set(headers)
      .set('Content-Type', 'application/json')
      .send(raw)
      .expect(200);
    const replay = await t.http
      .post('/api/v1/hotline/events')
      .set(headers)
      .set('Content-Type', 'application/json')
      .send(raw)
      .expect(401);
    expect(replay.body.error.details.reason).toBe('REPLAYED');
    const tampered = await t.http
      .post('/api/v1/hotline/events')
      .set(
        simulatorSign({
          method: 'POST',
          path: '/api/v1/hotline/events',
          body: raw,
          keyId: pair?.split(':')[0] ?? '',
          secret: pair?.slice(pair.indexOf(':') + 1) ?? '',
          now: t.clock.now(),
        }),
      )
      .set('Content-Type', 'application/json')
      .send(raw.replace('dispatch', 'close'))
      .expect(401);
    expect(tampered.body.error.details.reason).toBe('BAD_SIGNATURE');
  });

  test('when pushes were lost, then polling catches up, and polling again changes nothing', async () => {
    const { caseId, ticketNo } = await forwardedCase();
    sim().advance(ticketNo, { type: 'dispatch', unit: '召陵区住建局' });
    sim().advance(ticketNo, { type: 'sign' });
    sim().advance(ticketNo, { type: 'reply', text: '已经处理完毕' });
    const first = await t.jobs.pollOnce();
    expect(first.rejected).toEqual([]);
    expect(first.accepted).toBe(4);
    expect(await caseRow(caseId)).toMatchObject({ status: 'replied', unit: '召陵区住建局', seq: 4 });
    const second = await t.jobs.pollOnce();
    expect(second.accepted).toBe(0);
    expect(second.duplicates).toBeGreaterThanOrEqual(3);
    const replies = await t.dataSource.query("SELECT note FROM case_events WHERE case_id = ? AND kind = 'reply'", [
      caseId,
    ]);
    expect(replies).toEqual([{ note: '已经处理完毕' }]);
  });

  test('when the background worker drains a queue while some calls hang or fail, then every case gets exactly one ticket', async () => {
    const ids = (
      await Promise.all(Array.from({ length: 60 }, async () => submit(t, await t.signIn()).expect(201)))
    ).map((r) => r.body.id as string);
    sim().faults.set({
      endpoints: { tickets: { timeout: { rate: 0.2, hangMs: 200, then: 'answer' }, error: { rate: 0.2 } } },
    });
    for (let round = 0; round < 20; round += 1) {
      await t.jobs.drain();
      const left = await t.dataSource.query("SELECT COUNT(*) AS n FROM hotline_outbox WHERE state <> 'sent'");
      if (Number(left[0].n) === 0) break;
      t.clock.advance(31 * 60_000); // past every retry's backoff
    }
    expect(ids.filter((id) => sim().ticketCountFor(id) !== 1)).toEqual([]);
    const accepted = await t.dataSource.query("SELECT COUNT(*) AS n FROM cases WHERE status = 'accepted'");
    expect(Number(accepted[0].n)).toBe(60);
    // Each case holds its own ticket's number, though the batch stored them in one statement.
    const stored: { id: string; ticket_no: string }[] = await t.dataSource.query('SELECT id, ticket_no FROM cases');
    const issued = new Map(
      sim()
        .tickets()
        .map((k) => [k.caseId, k.ticketNo]),
    );
    expect(stored.filter((r) => issued.get(r.id) !== r.ticket_no)).toEqual([]);
    expect(sim().calls.some((c) => c.fault === 'timeout')).toBe(true);
  });

  test('when a burst longer than one page meets failing polls, then each run goes on where the last one stopped', async () => {
    // Page size 200: a burst of 3 events × 100 tickets at one instant takes two pages, and every second
    // request to /updates fails — a run that restarted from the overlapped position would never pass page 1.
    const res = await Promise.all(Array.from({ length: 100 }, async () => submit(t, await t.signIn()).expect(201)));
    while ((await t.jobs.forwardOnce()).claimed > 0);
    await t.jobs.pollOnce();
    const tickets = sim().tickets();
    expect(tickets).toHaveLength(res.length);
    for (const ticket of tickets) {
      sim().advance(ticket.ticketNo, { type: 'dispatch', unit: '召陵区住建局' });
      sim().advance(ticket.ticketNo, { type: 'sign' });
      sim().advance(ticket.ticketNo, { type: 'start' });
    }
    let calls = 0;
    const updates = t.deps.hotline.fetchUpdates.bind(t.deps.hotline);
    t.deps.hotline.fetchUpdates = async (...args) => {
      calls += 1;
      if (calls % 2 === 0) throw new Error('injected: the hotline failed this page');
      return updates(...args);
    };
    for (let run = 0; run < 6; run += 1) await t.jobs.pollOnce().catch(() => undefined);
    const behind = await t.dataSource.query("SELECT COUNT(*) AS n FROM cases WHERE status <> 'in_progress'");
    expect(Number(behind[0].n)).toBe(0);
  });

  test('when metrics are scraped, then the outbox depth and forwarding counters are there', async () => {
    await forwardedCase();
    await submit(t, await t.signIn()).expect(201);
    const res = await t.http.get('/metrics').set('Authorization', `Bearer ${t.config.metrics.token}`).expect(200);
    expect(res.text).toContain('hotline_outbox_messages{state="pending"} 1');
    expect(res.text).toContain('hotline_outbox_messages{state="sent"} 1');
    expect(res.text).toContain('hotline_sends_total{kind="create_ticket"} 1');
    expect(res.text).toMatch(/hotline_outbox_oldest_pending_seconds \d/);
  });
});
