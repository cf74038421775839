import type { DataSource, EntityManager } from 'typeorm';
import type { Dialect } from '../../db/data-source';
import { execute, readDate, sqlDate, withDeadlockRetry } from '../../db/sql';

export interface ClaimedMessage {
  id: string;
  caseId: string;
  seq: number;
  kind: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  /** Its place in the claim order: a later claim can start after it (see `ClaimCursor`). */
  position: ClaimCursor;
}

/**
 * Where a claim's scan starts: after this message in claim order (when it was due, then its id). A worker draining
 * a backlog passes the last message it claimed, so the scan skips the messages it already holds (they are at the
 * head of the order: the oldest) instead of reading past them again.
 */
export interface ClaimCursor {
  nextAttemptAt: Date;
  id: string;
}

type Raw = Record<string, unknown>;

const toMessage = (r: Raw): ClaimedMessage => ({
  id: String(r.id),
  caseId: String(r.case_id),
  seq: Number(r.seq),
  kind: String(r.kind),
  idempotencyKey: String(r.idempotency_key),
  payload:
    typeof r.payload === 'string'
      ? (JSON.parse(r.payload) as Record<string, unknown>)
      : ((r.payload ?? {}) as Record<string, unknown>),
  attempts: Number(r.attempts),
  createdAt: readDate(r.created_at),
  position: { nextAttemptAt: readDate(r.next_attempt_at), id: String(r.id) },
});

/**
 * The hotline outbox as the forwarding workers see it. Claiming takes a lease: on MySQL/MariaDB with
 * `FOR UPDATE SKIP LOCKED`, so instances share the work without waiting on each other; on SQLite (one
 * process) the write lock serialises claims. A crashed worker's lease simply runs out.
 */
export class OutboxStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Leases up to `limit` due messages, oldest first. With `after`, only messages after that place in the order:
   * anything before it (a lease that ran out, a message that waited for an earlier one of its case) is left for a
   * claim without it, which the caller makes when this one comes back short.
   */
  async claim(
    owner: string,
    now: Date,
    leaseMs: number,
    limit: number,
    after?: ClaimCursor,
  ): Promise<ClaimedMessage[]> {
    const lock = this.dialect === 'sqlite' ? '' : ' FOR UPDATE SKIP LOCKED';
    const from = after ? ' AND (o.next_attempt_at > ? OR (o.next_attempt_at = ? AND o.id > ?))' : '';
    const fromParams = after ? [sqlDate(after.nextAttemptAt), sqlDate(after.nextAttemptAt), after.id] : [];
    // READ COMMITTED: the scan locks only the rows it returns, no gaps, so submissions inserting new messages
    // never deadlock with a claim. (SQLite has one writer and no isolation levels to choose.)
    const claim = async (manager: EntityManager): Promise<ClaimedMessage[]> => {
      // A message waits while an earlier one of its case is unsent: replies reach the hotline in order.
      // (A case's first message, seq 1, has nothing before it: the check is skipped for the bulk of the work.)
      const rows: Raw[] = await manager.query(
        `SELECT o.id, o.case_id, o.seq, o.kind, o.idempotency_key, o.payload, o.attempts, o.created_at,
            o.next_attempt_at
          FROM hotline_outbox o
          WHERE o.state = 'pending' AND o.next_attempt_at <= ?${from} AND (o.lease_until IS NULL OR o.lease_until < ?)
            AND (o.seq = 1 OR NOT EXISTS (SELECT 1 FROM hotline_outbox p
                  WHERE p.case_id = o.case_id AND p.seq < o.seq AND p.state IN ('pending', 'held')))
          ORDER BY o.next_attempt_at, o.id LIMIT ${Math.max(1, Math.floor(limit))}${lock}`,
        [sqlDate(now), ...fromParams, sqlDate(now)],
      );
      if (rows.length === 0) return [];
      const ids = rows.map((r) => String(r.id));
      // Only unindexed columns change, so the row is updated in place. (Moving next_attempt_at to the lease's end
      // would keep leased rows out of the scan, but measured dearer: two index entries per claimed row. The
      // pipelined worker bounds how many leased rows a scan can meet instead.)
      await manager.query(
        `UPDATE hotline_outbox SET lease_owner = ?, lease_until = ? WHERE id IN (${ids.map(() => '?').join(', ')})`,
        [owner, sqlDate(new Date(now.getTime() + leaseMs)), ...ids],
      );
      return rows.map(toMessage);
    };
    return withDeadlockRetry(() =>
      this.dialect === 'sqlite'
        ? this.dataSource.transaction(claim)
        : this.dataSource.transaction('READ COMMITTED', claim),
    );
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
    const marks = sorted.map(() => '?').join(', ');
    const changed = await execute(
      manager,
      `UPDATE hotline_outbox SET state = 'sent', lease_until = NULL, last_error = NULL, updated_at = ?
        WHERE id IN (${marks}) AND lease_owner = ? AND state = 'pending'`,
      [sqlDate(now), ...sorted, owner],
    );
    if (changed === sorted.length) return new Set(sorted);
    const rows: Raw[] = await manager.query(
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

  async retryLater(id: string, owner: string, now: Date, nextAt: Date, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE hotline_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_owner = NULL,
        lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?`,
      [sqlDate(nextAt), reason.slice(0, 2000), sqlDate(now), id, owner],
    );
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
    const rows: Raw[] = await this.dataSource.query(
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
    const rows: Raw[] = await this.dataSource.query(
      `SELECT id, case_id, attempts, last_error FROM hotline_outbox
        WHERE state = 'pending' AND created_at < ? ORDER BY created_at LIMIT ${Math.floor(limit)}`,
      [sqlDate(new Date(now.getTime() - olderThanMs))],
    );
    return rows.map((r) => ({
      id: String(r.id),
      caseId: String(r.case_id),
      attempts: Number(r.attempts),
      lastError: r.last_error === null ? null : String(r.last_error),
    }));
  }
}
