import { WITHDRAWN_TEXT } from '../src';
import { channel, closeAll, createTicket, message, simulator, uniqueKey, type Json } from './hotline-support';

afterEach(closeAll);

type Sim = Parameters<typeof channel>[0];
const send = (sim: Sim, ticketNo: string, body: Json, idempotencyKey = uniqueKey('msg')) =>
  channel(sim, 'POST', `/tickets/${ticketNo}/messages`, { body, idempotencyKey });

describe('hotline simulator: messages on a ticket (§4)', () => {
  test('when a supplement and a rating are sent in seq order, then both are accepted and kept in that order', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    expect(await send(sim, ticketNo, message(1, 'supplement', '路灯在3号楼旁边'))).toEqual({
      status: 200,
      body: { accepted: true },
    });
    expect((await send(sim, ticketNo, message(3, 'rating', 'satisfied\n处理很及时'))).status).toBe(200);
    expect(sim.ticket(ticketNo)?.messages.map((m) => [m.seq, m.kind])).toEqual([
      [1, 'supplement'],
      [3, 'rating'],
    ]);
  });

  test('when a seq is not after the highest one received, then 422 INVALID_FIELD naming seq', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    await send(sim, ticketNo, message(2, 'supplement'));
    const answer = await send(sim, ticketNo, message(1, 'supplement', '晚到的补充'));
    expect(answer).toEqual({
      status: 422,
      body: { error: expect.objectContaining({ code: 'INVALID_FIELD', field: 'seq' }) },
    });
    expect(sim.ticket(ticketNo)?.messages).toHaveLength(1);
  });

  test('when a message is retried with its key, then the first answer comes back and it is kept once', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    const key = uniqueKey('msg');
    await send(sim, ticketNo, message(1, 'supplement'), key);
    expect(await send(sim, ticketNo, message(1, 'supplement'), key)).toEqual({ status: 200, body: { accepted: true } });
    expect(sim.ticket(ticketNo)?.messages).toHaveLength(1);
    const conflict = await send(sim, ticketNo, message(1, 'supplement', '另一段文字'), key);
    expect(conflict.body.error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });

  test('when the ticket does not exist, then 404 UNKNOWN_TICKET', async () => {
    const sim = await simulator();
    const answer = await send(sim, 'LH20261127999999', message(1, 'supplement'));
    expect(answer).toEqual({ status: 404, body: { error: expect.objectContaining({ code: 'UNKNOWN_TICKET' }) } });
  });

  test('when the citizen withdraws, then the ticket closes with a close event "市民撤回" after the accept', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    await send(sim, ticketNo, message(1, 'withdraw', '问题已经解决了'));
    const ticket = sim.ticket(ticketNo);
    expect(ticket?.status).toBe('closed');
    expect(ticket?.events.map((e) => [e.sequence, e.type, e.status, e.text])).toEqual([
      [1, 'accept', 'accepted', null],
      [2, 'close', 'closed', WITHDRAWN_TEXT],
    ]);
  });

  test('when a withdrawal comes after closing, then 409 TICKET_CLOSED, and its retry answers the same', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    sim.advance(ticketNo, { type: 'close', text: '已电话答复' });
    const key = uniqueKey('msg');
    const answer = await send(sim, ticketNo, message(1, 'withdraw'), key);
    expect(answer).toEqual({ status: 409, body: { error: expect.objectContaining({ code: 'TICKET_CLOSED' }) } });
    expect(await send(sim, ticketNo, message(1, 'withdraw'), key)).toEqual(answer);
    expect(sim.ticket(ticketNo)?.events).toHaveLength(2);
  });

  test('when a rating comes after closing, then it is accepted', async () => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    sim.advance(ticketNo, { type: 'close' });
    expect((await send(sim, ticketNo, message(1, 'rating', 'unsatisfied\n灯还是不亮'))).status).toBe(200);
  });

  test.each<[string, Json, string]>([
    ['a seq of 0', message(0, 'supplement'), 'seq'],
    ['an unknown kind', message(1, 'complaint'), 'kind'],
    ['a rating that is not one of the three', message(1, 'rating', 'great\n很好'), 'text'],
    ['a supplement without text', message(1, 'supplement', null), 'text'],
    ['a time without a zone', { ...message(1, 'supplement'), at: '2026-11-27 09:00' }, 'at'],
  ])('when the message has %s, then 400 INVALID_FIELD naming it', async (_name, body, field) => {
    const sim = await simulator();
    const ticketNo = await createTicket(sim);
    const answer = await send(sim, ticketNo, body);
    expect(answer).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 'INVALID_FIELD', field }) } });
  });
});
