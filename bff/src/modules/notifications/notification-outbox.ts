import type { NotificationPurpose } from '@hotline/shared-types';
import type { DataSource, EntityManager } from 'typeorm';
import type { Dialect } from '../../db/data-source';
import { BulkValues, readDate, sqlDate, withDeadlockRetry } from '../../db/sql';
import type { IdGenerator } from '../../lib/ids';
import type { JsonRecord } from '../../lib/json';

/** Case events the citizen is told of, and the template each uses. */
export const NOTICE_PURPOSE = {
  accepted: 'accepted',
  replied: 'result',
  extended: 'result',
  closed: 'survey',
} as const satisfies Record<string, NotificationPurpose>;
export type NoticeEvent = keyof typeof NOTICE_PURPOSE;

export interface Notice {
  caseId: string;
  citizenId: string;
  event: NoticeEvent;
  ticketNo?: string | null;
  note?: string | null;
  dueAt?: string | null;
}

/** Queues a subscription message inside the transaction of the change it tells of. */
export async function enqueueNotice(manager: EntityManager, ids: IdGenerator, at: Date, notice: Notice): Promise<void> {
  await enqueueNotices(manager, ids, at, [notice]);
}

/**
 * Queues several messages (a forwarded batch) in two statements, whatever their number; in one when the caller
 * already read each case's last message number under the lock it holds on the case (`lastSeqs`).
 */
export async function enqueueNotices(
  manager: EntityManager,
  ids: IdGenerator,
  at: Date,
  notices: readonly Notice[],
  lastSeqs?: ReadonlyMap<string, number>,
): Promise<void> {
  if (notices.length === 0) return;
  const caseIds = [...new Set(notices.map((n) => n.caseId))];
  const last: { case_id: string; seq: unknown }[] = lastSeqs
    ? caseIds.map((id) => ({ case_id: id, seq: lastSeqs.get(id) ?? 0 }))
    : await manager.query(
        `SELECT case_id, MAX(seq) AS seq FROM notification_outbox WHERE case_id IN (${caseIds.map(() => '?').join(', ')})
          GROUP BY case_id`,
        caseIds,
      );
  const seqs = new Map(last.map((r) => [String(r.case_id), Number(r.seq ?? 0)]));
  const values = new BulkValues(manager);
  const stamp = sqlDate(at);
  const rows = notices.map((notice) => {
    const seq = (seqs.get(notice.caseId) ?? 0) + 1;
    seqs.set(notice.caseId, seq);
    const payload: JsonRecord = {
      ticketNo: notice.ticketNo ?? null,
      note: notice.note ?? null,
      dueAt: notice.dueAt ?? null,
      at: at.toISOString(),
    };
    return values.row([
      ids.next(at),
      notice.caseId,
      seq,
      notice.citizenId,
      NOTICE_PURPOSE[notice.event],
      notice.event,
      JSON.stringify(payload),
      'pending',
      0,
      stamp,
      stamp,
      stamp,
    ]);
  });
  await manager.query(
    `INSERT INTO notification_outbox (id, case_id, seq, citizen_id, purpose, event, payload, state, attempts,
      next_attempt_at, created_at, updated_at) VALUES ${rows.join(', ')}`,
    values.params,
  );
}

/** The events of the hotline contract and staff actions that produce a notice. */
const NOTICE_OF_KIND: Readonly<Record<string, NoticeEvent>> = {
  accept: 'accepted',
  reply: 'replied',
  extend: 'extended',
  close: 'closed',
};

export function noticeEventOf(kind: string): NoticeEvent | null {
  return Object.hasOwn(NOTICE_OF_KIND, kind) ? (NOTICE_OF_KIND[kind] ?? null) : null;
}

export interface ClaimedNotice {
  id: string;
  caseId: string;
  citizenId: string;
  purpose: NotificationPurpose;
  event: NoticeEvent;
  payload: Record<string, unknown>;
  attempts: number;
  grantId: string | null;
}

type Raw = Record<string, unknown>;

const toNotice = (r: Raw): ClaimedNotice => ({
  id: String(r.id),
  caseId: String(r.case_id),
  citizenId: String(r.citizen_id),
  purpose: String(r.purpose) as NotificationPurpose,
  event: String(r.event) as NoticeEvent,
  payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : (r.payload ?? {})) as Record<string, unknown>,
  attempts: Number(r.attempts),
  grantId: r.grant_id === null || r.grant_id === undefined ? null : String(r.grant_id),
});

export type FinalState = 'sent' | 'skipped' | 'refused' | 'failed';

/**
 * The notification outbox as the senders see it: the hotline outbox's technique (a lease per row, `FOR UPDATE
 * SKIP LOCKED` on MySQL/MariaDB under READ COMMITTED, SQLite's single writer), and a case's messages in order.
 */
export class NotificationStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {}

  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedNotice[]> {
    const lock = this.dialect === 'sqlite' ? '' : ' FOR UPDATE SKIP LOCKED';
    const claim = async (manager: EntityManager): Promise<ClaimedNotice[]> => {
      const rows: Raw[] = await manager.query(
        `SELECT o.* FROM notification_outbox o
          WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until < ?)
            AND NOT EXISTS (SELECT 1 FROM notification_outbox p
                             WHERE p.case_id = o.case_id AND p.seq < o.seq AND p.state = 'pending')
          ORDER BY o.next_attempt_at, o.id LIMIT ${Math.max(1, Math.floor(limit))}${lock}`,
        [sqlDate(now), sqlDate(now)],
      );
      if (rows.length === 0) return [];
      const ids = rows.map((r) => String(r.id));
      await manager.query(
        `UPDATE notification_outbox SET lease_owner = ?, lease_until = ?
          WHERE id IN (${ids.map(() => '?').join(', ')})`,
        [owner, sqlDate(new Date(now.getTime() + leaseMs)), ...ids],
      );
      return rows.map(toNotice);
    };
    return withDeadlockRetry(() =>
      this.dialect === 'sqlite'
        ? this.dataSource.transaction(claim)
        : this.dataSource.transaction('READ COMMITTED', claim),
    );
  }

  async attachGrant(id: string, owner: string, grantId: string): Promise<void> {
    await this.dataSource.query('UPDATE notification_outbox SET grant_id = ? WHERE id = ? AND lease_owner = ?', [
      grantId,
      id,
      owner,
    ]);
  }

  async finish(
    manager: EntityManager,
    id: string,
    owner: string,
    now: Date,
    state: FinalState,
    details: { msgid?: string | null; reason?: string | null; attempted?: boolean } = {},
  ): Promise<void> {
    await manager.query(
      `UPDATE notification_outbox SET state = ?, msgid = ?, last_error = ?, attempts = attempts + ?,
        lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?`,
      [
        state,
        details.msgid ?? null,
        details.reason?.slice(0, 2000) ?? null,
        details.attempted === false ? 0 : 1,
        sqlDate(now),
        id,
        owner,
      ],
    );
  }

  async retryLater(id: string, owner: string, now: Date, nextAt: Date, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_owner = NULL,
        lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?`,
      [sqlDate(nextAt), reason.slice(0, 2000), sqlDate(now), id, owner],
    );
  }

  /** Messages by state, for /metrics. */
  async countByState(): Promise<Record<string, number>> {
    const rows: Raw[] = await this.dataSource.query(
      'SELECT state, COUNT(*) AS n FROM notification_outbox GROUP BY state',
    );
    return Object.fromEntries(rows.map((r) => [String(r.state), Number(r.n)]));
  }

  /** A case's messages, oldest first, for the staff case page. */
  async forCase(caseId: string) {
    const rows: Raw[] = await this.dataSource.query(
      `SELECT id, purpose, event, state, attempts, last_error, created_at, updated_at FROM notification_outbox
        WHERE case_id = ? ORDER BY seq`,
      [caseId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      purpose: String(r.purpose) as NotificationPurpose,
      event: String(r.event),
      state: String(r.state) as 'pending' | FinalState,
      attempts: Number(r.attempts),
      lastError: r.last_error === null || r.last_error === undefined ? null : String(r.last_error),
      createdAt: readDate(r.created_at).toISOString(),
      updatedAt: readDate(r.updated_at).toISOString(),
    }));
  }
}
