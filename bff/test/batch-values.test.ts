import { ulidGenerator } from '../src/lib/ids';
import { CasesRepository } from '../src/modules/cases/cases.repository';
import { enqueueNotices } from '../src/modules/notifications/notification-outbox';
import { submit } from './support/cases';
import { startTestApp, type TestApp } from './support/harness';

// The statements of many rows (a recorded batch) bind hundreds of values: whatever a value holds, it must come back
// exactly as it went in, and never change the statement.

describe('a batch recorded in statements of many rows', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ withHotline: true });
  });
  afterEach(async () => t.close());

  test('when tickets, notes and notices hold quotes, backslashes, placeholders and Chinese, then they are stored exactly', async () => {
    const auth = await t.signIn();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await submit(t, auth).expect(201)).body.id);
    const odd = ["LH-1'; DELETE FROM cases; --", 'LH\\2 ?', '工单号"3"'];
    const cases = new CasesRepository(t.dataSource);
    const now = t.clock.now();
    await t.dataSource.transaction(async (m) => {
      await cases.recordTickets(
        m,
        ids.map((id, i) => ({ id, ticketNo: odd[i] as string, status: 'accepted', dueAt: '2026-12-01 10:00:00.000' })),
        now,
      );
      await cases.insertEvents(
        m,
        ids.map((id, i) => ({
          id: ulidGenerator.next(now),
          caseId: id,
          seq: 10,
          at: now,
          source: 'hotline',
          actor: null,
          unit: null,
          data: { said: odd[i] as string },
          kind: 'note',
          fromStatus: null,
          toStatus: null,
          note: `备注：${odd[i] as string}`,
        })),
      );
      await enqueueNotices(
        m,
        ulidGenerator,
        now,
        ids.map((id, i) => ({ caseId: id, citizenId: 'C1', event: 'accepted' as const, ticketNo: odd[i] as string })),
      );
    });
    for (const [i, id] of ids.entries()) {
      const [row] = await t.dataSource.query('SELECT ticket_no, status FROM cases WHERE id = ?', [id]);
      expect(row).toEqual({ ticket_no: odd[i], status: 'accepted' });
      const [event] = await t.dataSource.query('SELECT note, data FROM case_events WHERE case_id = ? AND seq = 10', [
        id,
      ]);
      expect(event.note).toBe(`备注：${odd[i] as string}`);
      expect(JSON.parse(event.data)).toEqual({ said: odd[i] });
      const notices = await t.dataSource.query('SELECT payload FROM notification_outbox WHERE case_id = ?', [id]);
      expect(notices.map((n: { payload: string }) => JSON.parse(n.payload).ticketNo)).toContain(odd[i]);
    }
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM cases'))[0].n)).toBe(3);
  });
});
