import type { TicketReceipt } from '../../src/adapters/hotline/hotline-api';
import { conflictingTickets, type Delivered } from '../../src/modules/hotline/forwarder';
import type { ClaimedMessage } from '../../src/modules/hotline/outbox-store';

const now = new Date('2026-11-28T02:00:00.000Z');

/** The delivery of case `caseId`'s create message, answered with `ticketNo`. */
function delivered(caseId: string, ticketNo: string): Delivered {
  const message: ClaimedMessage = {
    id: `m-${caseId}`,
    caseId,
    seq: 1,
    kind: 'create_ticket',
    idempotencyKey: `${caseId}-1-create_ticket`,
    payload: {},
    state: 'pending',
    attempts: 0,
    lastError: null,
    nextAttemptAt: now,
    createdAt: now,
  };
  const receipt: TicketReceipt = { ticketNo, status: 'accepted', acceptedAt: null, dueAt: null };
  return { message, receipt };
}

describe('ticket numbers a batch cannot record', () => {
  test('when each number is new or already held by its own case, then none is refused', () => {
    const refused = conflictingTickets([delivered('A', 'LH1'), delivered('B', 'LH2')], new Map([['LH2', 'B']]), now);
    expect(refused.size).toBe(0);
  });

  test('when a number is held by another case, then only that delivery is refused, with both cases named', () => {
    const refused = conflictingTickets([delivered('A', 'LH1'), delivered('B', 'LH2')], new Map([['LH1', 'OLD']]), now);
    expect([...refused.keys()]).toEqual(['m-A']);
    expect(refused.get('m-A')).toBe(
      '2026-11-28T02:00:00.000Z the 12345 system answered ticket number LH1, already the ticket of case OLD: ask it to check the ticket',
    );
  });

  test('when one new number was answered to two cases of the batch, then both are refused: neither can be told right', () => {
    const refused = conflictingTickets(
      [delivered('A', 'LH7'), delivered('B', 'LH7'), delivered('C', 'LH8')],
      new Map(),
      now,
    );
    expect([...refused.keys()].sort()).toEqual(['m-A', 'm-B']);
    expect(refused.get('m-B')).toContain('also answered for another case of the same batch');
  });

  test('when a number held by a case of the batch was also answered to another, then the holder keeps it', () => {
    const refused = conflictingTickets([delivered('A', 'LH9'), delivered('B', 'LH9')], new Map([['LH9', 'A']]), now);
    expect([...refused.keys()]).toEqual(['m-B']);
  });
});
