import type { DataSource, EntityManager } from 'typeorm';
import { isSqlite, placeholders, sqlDate, withDeadlockRetry } from './sql';

export type Row = Record<string, unknown>;

/**
 * An outbox table (the hotline's, the citizens' notifications'): messages written in the transaction of the change
 * they carry, each with its case and its place among that case's messages (`seq`), sent by workers that lease
 * them. The columns this needs are the same in both: id, case_id, seq, state, attempts, next_attempt_at,
 * lease_owner, lease_until, last_error, updated_at.
 */
export class LeasedOutbox<Message> {
  constructor(
    protected readonly dataSource: DataSource,
    /** A name of this code's own, never a value from outside: it is written into the statements. */
    protected readonly table: 'hotline_outbox' | 'notification_outbox',
    /** The table's one row mapper. */
    protected readonly toMessage: (row: Row) => Message,
  ) {}

  /**
   * Leases up to `limit` due messages, oldest first. On MySQL/MariaDB with `FOR UPDATE SKIP LOCKED` under READ
   * COMMITTED: the scan locks only the rows it returns, no gaps, so workers on several instances share the work
   * without waiting on each other and new messages never deadlock with a claim. On SQLite (one process) the
   * single writer serialises claims. A crashed worker's lease simply runs out.
   *
   * A message waits while an earlier one of its case is unsent (pending, or held for staff): a case's messages
   * go out in order. A case's first message has nothing before it, so the check is skipped for most of the work.
   */
  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<Message[]> {
    const sqlite = isSqlite(this.dataSource);
    const claim = async (manager: EntityManager): Promise<Message[]> => {
      const rows: Row[] = await manager.query(
        `SELECT o.* FROM ${this.table} o
          WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until < ?)
            AND (o.seq = 1 OR NOT EXISTS (SELECT 1 FROM ${this.table} p
                  WHERE p.case_id = o.case_id AND p.seq < o.seq AND p.state IN ('pending', 'held')))
          ORDER BY o.next_attempt_at, o.id LIMIT ?${sqlite ? '' : ' FOR UPDATE SKIP LOCKED'}`,
        [sqlDate(now), sqlDate(now), Math.max(1, Math.floor(limit))],
      );
      if (rows.length === 0) return [];
      const ids = rows.map((r) => String(r.id));
      await manager.query(
        `UPDATE ${this.table} SET lease_owner = ?, lease_until = ? WHERE id IN (${placeholders(ids.length)})`,
        [owner, sqlDate(new Date(now.getTime() + leaseMs)), ...ids],
      );
      return rows.map(this.toMessage);
    };
    return withDeadlockRetry(() =>
      sqlite ? this.dataSource.transaction(claim) : this.dataSource.transaction('READ COMMITTED', claim),
    );
  }

  /** Gives a message back for another attempt at `nextAt`, with the reason this one failed; only by its leaseholder. */
  async retryLater(id: string, owner: string, now: Date, nextAt: Date, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_owner = NULL,
        lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?`,
      [sqlDate(nextAt), reason.slice(0, 2000), sqlDate(now), id, owner],
    );
  }

  /** Messages by state, for /metrics. */
  async countByState(): Promise<Record<string, number>> {
    const rows: Row[] = await this.dataSource.query(`SELECT state, COUNT(*) AS n FROM ${this.table} GROUP BY state`);
    return Object.fromEntries(rows.map((r) => [String(r.state), Number(r.n)]));
  }
}
