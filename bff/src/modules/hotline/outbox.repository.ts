import type { EntityManager } from 'typeorm';
import type { IdGenerator } from '../../lib/ids';
import type { JsonRecord } from '../../lib/json';
import { execute, insertStatement, sqlDate } from '../../db/sql';

export type OutboxKind =
  'create_ticket' | 'withdraw' | 'supplement' | 'rating' | 'reply' | 'transfer' | 'extend' | 'close';

/** Queues a message for the hotline inside the caller's transaction; seq keeps a case's messages in order. */
export async function enqueueHotlineMessage(
  manager: EntityManager,
  ids: IdGenerator,
  at: Date,
  message: { caseId: string; kind: OutboxKind; payload: JsonRecord; held?: boolean; first?: boolean },
): Promise<void> {
  const [last]: { seq: unknown }[] = message.first
    ? []
    : await manager.query('SELECT MAX(seq) AS seq FROM hotline_outbox WHERE case_id = ?', [message.caseId]);
  const seq = Number(last?.seq ?? 0) + 1;
  await manager.query(
    ...insertStatement('hotline_outbox', {
      id: ids.next(at),
      case_id: message.caseId,
      seq,
      kind: message.kind,
      idempotency_key: `${message.caseId}-${seq}-${message.kind}`,
      payload: JSON.stringify(message.payload),
      state: message.held ? 'held' : 'pending',
      attempts: 0,
      next_attempt_at: sqlDate(at),
      created_at: sqlDate(at),
      updated_at: sqlDate(at),
    }),
  );
}

/**
 * Cancels the ticket creation of a case withdrawn before it was ever tried; true when cancelled, so the
 * hotline never hears of the case. Once an attempt was made the ticket may exist (the answer may have been
 * lost): then the creation stays, and the withdrawal is queued after it.
 */
export async function cancelUnsentTicket(manager: EntityManager, caseId: string, at: Date): Promise<boolean> {
  const changed = await execute(
    manager,
    `UPDATE hotline_outbox SET state = 'cancelled', updated_at = ? WHERE case_id = ? AND kind = 'create_ticket'
      AND state IN ('pending', 'held') AND lease_owner IS NULL AND attempts = 0`,
    [sqlDate(at), caseId],
  );
  return changed === 1;
}

/** Holds a case's unsent ticket for staff review (content flagged after submission). */
export async function holdUnsentTicket(manager: EntityManager, caseId: string, at: Date): Promise<void> {
  await manager.query(
    `UPDATE hotline_outbox SET state = 'held', updated_at = ? WHERE case_id = ? AND kind = 'create_ticket'
      AND state = 'pending' AND lease_owner IS NULL`,
    [sqlDate(at), caseId],
  );
}
