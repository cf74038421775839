import { runInNewContext } from 'node:vm';
import { LifecycleError, type AdvanceInput, type TicketStatus } from '../src';
import { closeAll, control, createTicket, ManualClock, simulator, until, type Json } from './hotline-support';

afterEach(closeAll);

/** Runs the page's inline script against the simulator with a minimal DOM; answers the ticket table it renders. */
async function renderPage(html: string, baseUrl: string): Promise<string> {
  const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
  const elements: Record<string, { innerHTML: string; textContent: string }> = {};
  const document = {
    activeElement: null,
    addEventListener: () => undefined,
    getElementById: (id: string) => (elements[id] ??= { innerHTML: '', textContent: '' }),
  };
  const context = {
    document,
    fetch: (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init),
    setInterval: () => 0,
    JSON,
    Date,
    String,
    Number,
  };
  runInNewContext(script, context);
  await until(() => (elements.tickets?.innerHTML ?? '') !== '');
  return elements.tickets?.innerHTML ?? '';
}

const unit = '郾城区城市管理局';

describe('hotline simulator: moving tickets along (§5 table)', () => {
  test('when a ticket goes the whole way, then each event sets the status of the table and the sequence grows by one', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    const steps: Array<[AdvanceInput, TicketStatus]> = [
      [{ type: 'dispatch', unit }, 'dispatched'],
      [{ type: 'send_back', text: '不属于本单位职责' }, 'accepted'],
      [{ type: 'dispatch', unit: '漯河市城市管理局' }, 'dispatched'],
      [{ type: 'transfer', unit, text: '属地管理' }, 'dispatched'],
      [{ type: 'sign' }, 'signed'],
      [{ type: 'urge' }, 'signed'],
      [{ type: 'start' }, 'in_progress'],
      [{ type: 'extend', dueAt: '2026-12-25T15:59:59.000Z', text: '需采购配件' }, 'in_progress'],
      [{ type: 'supervise' }, 'in_progress'],
      [{ type: 'reply', text: '路灯已修复' }, 'replied'],
      [{ type: 'close', text: '已办结' }, 'closed'],
      [{ type: 'reopen' }, 'in_progress'],
    ];
    for (const [input, status] of steps) expect(sim.advance(ticketNo, input).status).toBe(status);
    const ticket = sim.ticket(ticketNo);
    expect(ticket?.events.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(ticket).toMatchObject({ status: 'in_progress', sequence: 13, unit, dueAt: '2026-12-25T15:59:59.000Z' });
  });

  test('when events carry unit and dueAt, then unit is the handling unit after the event and dueAt only a new deadline', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    expect(sim.advance(ticketNo, { type: 'dispatch', unit })).toMatchObject({ unit, dueAt: null, text: null });
    expect(sim.advance(ticketNo, { type: 'sign' })).toMatchObject({ unit, dueAt: null });
    expect(sim.advance(ticketNo, { type: 'send_back', text: '非本单位' })).toMatchObject({
      unit: null,
      text: '非本单位',
    });
  });

  test.each<[string, AdvanceInput[], AdvanceInput, string]>([
    ['sign before dispatch', [], { type: 'sign' }, 'INVALID_TRANSITION'],
    ['reply before signing', [{ type: 'dispatch', unit }], { type: 'reply', text: '好' }, 'INVALID_TRANSITION'],
    ['record a second accept', [], { type: 'accept' }, 'INVALID_TRANSITION'],
    ['urge a closed ticket', [{ type: 'close' }], { type: 'urge' }, 'INVALID_TRANSITION'],
    ['reopen an open ticket', [], { type: 'reopen' }, 'INVALID_TRANSITION'],
    ['dispatch without a unit', [], { type: 'dispatch' }, 'INVALID_FIELD'],
    ['extend without a deadline', [], { type: 'extend' }, 'INVALID_FIELD'],
  ])(
    'when asked to %s, then it is refused with a clear error and nothing is recorded',
    async (_name, before, move, code) => {
      const sim = await simulator();
      const ticketNo = await createTicket(sim);
      for (const step of before) sim.advance(ticketNo, step);
      const events = sim.events().length;
      expect(() => sim.advance(ticketNo, move)).toThrow(
        expect.objectContaining({ name: 'LifecycleError', code }) as Error,
      );
      expect(sim.events()).toHaveLength(events);
    },
  );

  test('when the ticket is unknown, then advance throws UNKNOWN_TICKET', async () => {
    const sim = await simulator();
    expect(() => sim.advance('LH20261127999999', { type: 'sign' })).toThrow(LifecycleError);
    expect(() => sim.advance('LH20261127999999', { type: 'sign' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TICKET' }) as Error,
    );
  });

  test('when the control API moves a ticket, then it answers the event, and 409 with the reason for a senseless move', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    const dispatched = await control(sim, 'POST', `/tickets/${ticketNo}/events`, { type: 'dispatch', unit });
    expect(dispatched.status).toBe(201);
    expect(await dispatched.json()).toMatchObject({
      event: { type: 'dispatch', status: 'dispatched', sequence: 2, unit },
    });
    const refused = await control(sim, 'POST', `/tickets/${ticketNo}/events`, { type: 'close' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: { code: 'INVALID_TRANSITION', message: expect.stringContaining('dispatched') },
    });
    expect((await control(sim, 'POST', `/tickets/${ticketNo}/events`, { type: 'fly' })).status).toBe(400);
    expect((await control(sim, 'POST', '/tickets/LH0/events', { type: 'sign' })).status).toBe(404);
  });

  test('when the control API lists tickets, then each has its status, events and messages', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    const listed = (await (await control(sim, 'GET', '/tickets')).json()) as { tickets: Json[] };
    expect(listed.tickets).toEqual([
      expect.objectContaining({
        ticketNo,
        status: 'accepted',
        events: [expect.objectContaining({ type: 'accept' })],
        messages: [],
      }),
    ]);
  });

  test('when the control page is opened, then it is self-contained Chinese HTML whose script lists tickets with the six buttons', async () => {
    const sim = await simulator();
    await createTicket(sim, { title: '<b>路灯</b>不亮' });
    const res = await fetch(`${sim.url}/__control/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);

    const rendered = await renderPage(html, sim.url);
    for (const label of ['派单', '签收', '办理', '答复', '办结', '延期'])
      expect(rendered).toContain(`>${label}</button>`);
    expect(rendered).toContain('已受理');
    expect(rendered).toContain('&lt;b&gt;路灯&lt;/b&gt;');
  });

  test('when auto-advance is on, then a ticket walks to closed on its own, and a manual move is not doubled', async () => {
    const clock = new ManualClock();
    const sim = await simulator({ clock, autoAdvance: { stepMs: 20 } });
    const ticketNo = await createTicket(sim);
    sim.advance(ticketNo, { type: 'dispatch', unit: '漯河市城市管理局' });
    await until(() => sim.ticket(ticketNo)?.status === 'closed');
    expect(sim.ticket(ticketNo)?.events.map((e) => e.type)).toEqual([
      'accept',
      'dispatch',
      'sign',
      'start',
      'reply',
      'close',
    ]);
    expect(sim.ticket(ticketNo)?.unit).toBe('漯河市城市管理局');
  });
});
