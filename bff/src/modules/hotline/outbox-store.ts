import type { DataSource, EntityManager } from 'typeorm';
import { LeasedOutbox, type Row } from '../../db/leased-outbox';
import { execute, placeholders, readDate, sqlDate } from '../../db/sql';

/** A row of `hotline_outbox`. */
export interface ClaimedMessage {
  id: string;
  caseId: string;
  seq: number;
  kind: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  state: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

export const toMessage = (r: Row): ClaimedMessage => ({
  id: String(r.id),
  caseId: String(r.case_id),
  seq: Number(r.seq),
  kind: String(r.kind),
  idempotencyKey: String(r.idempotency_key),
  payload:
    typeof r.payload === 'string'
      ? (JSON.parse(r.payload) as Record<string, unknown>)
      : ((r.payload ?? {}) as Record<string, unknown>),
  state: String(r.state),
  attempts: Number(r.attempts),
  lastError: r.last_error === null || r.last_error === undefined ? null : String(r.last_error),
  nextAttemptAt: readDate(r.next_attempt_at),
  createdAt: readDate(r.created_at),
});

/** The hotline outbox as the forwarding workers see it: leased claims (`LeasedOutbox`), and what a send ends with. */
export class OutboxStore extends LeasedOutbox<ClaimedMessage> {
  constructor(dataSource: DataSource) {
    super(dataSource, 'hotline_outbox', toMessage);
  }

  /** Marks a message done; false when the lease was lost meanwhile (another worker owns it now). */
  async complete(
    manager: EntityManager,
    id: string,
    owner: string,
    now: Date,
    state: 'sent' | 'cancelled',
  ): Promise<boolean> {
    const changed = await execute(
      manager,
      `UPDATE hotline_outbox SET state = ?, lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = ?
        WHERE id = ? AND lease_owner = ?`,
      [state, sqlDate(now), id, owner],
    );
    return changed === 1;
  }

  /**
   * Marks several messages sent; answers the ids whose lease this worker still held (the others were taken over).
   * A sent message keeps its last lease owner: the worker that sent it. One statement when every lease was still
   * held, which is the rule; a second tells which were when some were not.
   */
  async completeMany(manager: EntityManager, ids: string[], owner: string, now: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const sorted = [...new Set(ids)].sort();
    const marks = placeholders(sorted.length);
    const changed = await execute(
      manager,
      `UPDATE hotline_outbox SET state = 'sent', lease_until = NULL, last_error = NULL, updated_at = ?
        WHERE id IN (${marks}) AND lease_owner = ? AND state = 'pending'`,
      [sqlDate(now), ...sorted, owner],
    );
    if (changed === sorted.length) return new Set(sorted);
    const rows: Row[] = await manager.query(
      `SELECT id FROM hotline_outbox WHERE id IN (${marks}) AND lease_owner = ? AND state = 'sent' AND updated_at = ?`,
      [...sorted, owner, sqlDate(now)],
    );
    return new Set(rows.map((r) => String(r.id)));
  }

  /**
   * Sets aside messages this worker has just marked sent, inside the same transaction, when what the hotline
   * answered cannot be recorded (a ticket number another case already holds): failed, with the reason, for staff.
   */
  async refuseSent(manager: EntityManager, refused: ReadonlyMap<string, string>, now: Date): Promise<void> {
    for (const [id, reason] of refused) {
      await manager.query(
        `UPDATE hotline_outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, updated_at = ?
          WHERE id = ? AND state = 'sent'`,
        [reason.slice(0, 2000), sqlDate(now), id],
      );
    }
  }

  async fail(id: string, owner: string, now: Date, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE hotline_outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, lease_owner = NULL,
        lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?`,
      [reason.slice(0, 2000), sqlDate(now), id, owner],
    );
  }

  /** Depth by state and the age of the oldest message still waiting, for /metrics and alerts. */
  async stats(now: Date): Promise<{ byState: Record<string, number>; oldestPendingMs: number }> {
    const rows: Row[] = await this.dataSource.query(
      'SELECT state, COUNT(*) AS n, MIN(created_at) AS oldest FROM hotline_outbox GROUP BY state',
    );
    const byState: Record<string, number> = {};
    let oldestPendingMs = 0;
    for (const r of rows) {
      byState[String(r.state)] = Number(r.n);
      if (r.state === 'pending' && r.oldest)
        oldestPendingMs = Math.max(0, now.getTime() - readDate(r.oldest).getTime());
    }
    return { byState, oldestPendingMs };
  }

  /** Messages waiting longer than `olderThanMs`: each sweep reports them again until someone acts. */
  async stuck(
    now: Date,
    olderThanMs: number,
    limit = 50,
  ): Promise<{ id: string; caseId: string; attempts: number; lastError: string | null }[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM hotline_outbox WHERE state = 'pending' AND created_at < ? ORDER BY created_at LIMIT ?`,
      [sqlDate(new Date(now.getTime() - olderThanMs)), Math.floor(limit)],
    );
    return rows.map(toMessage).map(({ id, caseId, attempts, lastError }) => ({ id, caseId, attempts, lastError }));
  }
}
