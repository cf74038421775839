import { In, IsNull, type EntityManager } from 'typeorm';
import type { IdGenerator } from '../../lib/ids';
import type { JsonRecord } from '../../lib/json';
import { insertStatement, sqlDate } from '../../db/sql';
import { OutboxEntity } from './outbox.entity';

export type OutboxKind =
  'create_ticket' | 'withdraw' | 'supplement' | 'rating' | 'reply' | 'transfer' | 'extend' | 'close';

/** Queues a message for the hotline inside the caller's transaction; seq keeps a case's messages in order. */
export async function enqueueHotlineMessage(
  manager: EntityManager,
  ids: IdGenerator,
  at: Date,
  message: { caseId: string; kind: OutboxKind; payload: JsonRecord; held?: boolean; first?: boolean },
): Promise<void> {
  const last = message.first
    ? null
    : await manager
        .getRepository(OutboxEntity)
        .findOne({ where: { caseId: message.caseId }, order: { seq: 'DESC' }, select: { seq: true } });
  const seq = (last?.seq ?? 0) + 1;
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
  const result = await manager.update(
    OutboxEntity,
    { caseId, kind: 'create_ticket', state: In(['pending', 'held']), leaseOwner: IsNull(), attempts: 0 },
    { state: 'cancelled', updatedAt: at },
  );
  return (result.affected ?? 0) === 1;
}

/** Holds a case's unsent ticket for staff review (content flagged after submission). */
export async function holdUnsentTicket(manager: EntityManager, caseId: string, at: Date): Promise<void> {
  await manager.update(
    OutboxEntity,
    { caseId, kind: 'create_ticket', state: 'pending', leaseOwner: IsNull() },
    { state: 'held', updatedAt: at },
  );
}
