import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHotlineSimulator, type HotlineSimulator } from '../src';
import { channel, channelKeyId, channelSecret, createTicket, message, ticketBody, uniqueKey } from './hotline-support';

let dir: string;
let open: HotlineSimulator[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hotline-sim-state-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((sim) => sim.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(statePath: string): Promise<HotlineSimulator> {
  const sim = await startHotlineSimulator({ keys: { [channelKeyId]: channelSecret }, statePath });
  open.push(sim);
  return sim;
}
async function stop(sim: HotlineSimulator): Promise<void> {
  open = open.filter((s) => s !== sim);
  await sim.close();
}

describe('hotline simulator: tickets kept in a state file', () => {
  test('when it restarts on its state file, then it knows its tickets, events and keys, and numbers on from where it stopped', async () => {
    const statePath = path.join(dir, 'var', 'hotline-simulator.json');
    const first = await start(statePath);
    const key = uniqueKey();
    const a = await createTicket(first, { caseId: 'CASEA0000000000000000000001' }, key);
    const b = await createTicket(first, { caseId: 'CASEB0000000000000000000001' });
    first.advance(a, { type: 'dispatch', unit: '郾城区城市管理局' });
    const sent = await channel(first, 'POST', `/tickets/${b}/messages`, {
      body: message(2, 'supplement'),
      idempotencyKey: 'msg-1',
    });
    expect(sent.status).toBe(200);
    const before = { tickets: first.tickets(), events: first.events() };
    await stop(first);

    const second = await start(statePath);
    expect(second.tickets()).toEqual(before.tickets);
    expect(second.events()).toEqual(before.events);
    // A replayed create finds its ticket as it is now; a replayed message gets its first answer.
    expect(
      await channel(second, 'POST', '/tickets', {
        body: ticketBody({ caseId: 'CASEA0000000000000000000001' }),
        idempotencyKey: key,
      }),
    ).toMatchObject({ status: 200, body: { ticketNo: a, status: 'dispatched' } });
    expect(
      await channel(second, 'POST', `/tickets/${b}/messages`, {
        body: message(2, 'supplement'),
        idempotencyKey: 'msg-1',
      }),
    ).toEqual(sent);
    // The next number follows the last one issued, never one of them again.
    expect(await createTicket(second)).toBe(`${a.slice(0, -6)}000003`);
    // Polling sees the events from before the restart, and new event ids stay unique.
    const polled = await channel(
      second,
      'GET',
      `/updates?since=${encodeURIComponent(before.events[0]?.occurredAt ?? '')}`,
    );
    expect((polled.body.events as unknown[]).length).toBe(before.events.length + 1);
    const ids = second.events().map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('when changes come while it runs, then the file has them within about a second, whole', async () => {
    const statePath = path.join(dir, 'hotline-simulator.json');
    const sim = await start(statePath);
    const ticketNo = await createTicket(sim);
    const deadline = Date.now() + 5000;
    let saved: { tickets: { ticket: { ticketNo: string } }[] } | null = null;
    while (Date.now() < deadline) {
      try {
        saved = JSON.parse(readFileSync(statePath, 'utf8'));
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(saved?.tickets.map((t) => t.ticket.ticketNo)).toEqual([ticketNo]);
  });

  test('when the state file is not one, then it refuses to start and says what to do', async () => {
    const statePath = path.join(dir, 'hotline-simulator.json');
    writeFileSync(statePath, '{"tickets": 3');
    await expect(start(statePath)).rejects.toThrow(/not a hotline simulator state file .*move it away to start afresh/);
  });
});
