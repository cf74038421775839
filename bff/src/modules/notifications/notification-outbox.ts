import type { NotificationPurpose } from '@hotline/shared-types';
import type { DataSource, EntityManager } from 'typeorm';
import { LeasedOutbox, type Row } from '../../db/leased-outbox';
import { placeholderRows, placeholders, readDate, sqlDate } from '../../db/sql';
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
        `SELECT case_id, MAX(seq) AS seq FROM notification_outbox WHERE case_id IN (${placeholders(caseIds.length)})
          GROUP BY case_id`,
        caseIds,
      );
  const seqs = new Map(last.map((r) => [String(r.case_id), Number(r.seq ?? 0)]));
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
    return [
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
    ];
  });
  await manager.query(
    `INSERT INTO notification_outbox (id, case_id, seq, citizen_id, purpose, event, payload, state, attempts,
      next_attempt_at, created_at, updated_at) VALUES ${placeholderRows(rows.length, 12)}`,
    rows.flat(),
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

/** A row of `notification_outbox`. */
export interface ClaimedNotice {
  id: string;
  caseId: string;
  seq: number;
  citizenId: string;
  purpose: NotificationPurpose;
  event: NoticeEvent;
  payload: Record<string, unknown>;
  state: 'pending' | FinalState;
  attempts: number;
  grantId: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

const toNotice = (r: Row): ClaimedNotice => ({
  id: String(r.id),
  caseId: String(r.case_id),
  seq: Number(r.seq),
  citizenId: String(r.citizen_id),
  purpose: String(r.purpose) as NotificationPurpose,
  event: String(r.event) as NoticeEvent,
  payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : (r.payload ?? {})) as Record<string, unknown>,
  state: String(r.state) as ClaimedNotice['state'],
  attempts: Number(r.attempts),
  grantId: text(r.grant_id),
  lastError: text(r.last_error),
  createdAt: readDate(r.created_at),
  updatedAt: readDate(r.updated_at),
});

export type FinalState = 'sent' | 'skipped' | 'refused' | 'failed';

/** The notification outbox as the senders see it: leased claims (`LeasedOutbox`), and how a message ends. */
export class NotificationStore extends LeasedOutbox<ClaimedNotice> {
  constructor(dataSource: DataSource) {
    super(dataSource, 'notification_outbox', toNotice);
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

  /** A case's messages, oldest first, for the staff case page. */
  async forCase(caseId: string) {
    const rows: Row[] = await this.dataSource.query(
      'SELECT * FROM notification_outbox WHERE case_id = ? ORDER BY seq',
      [caseId],
    );
    return rows.map(toNotice).map((n) => ({
      id: n.id,
      purpose: n.purpose,
      event: n.event,
      state: n.state,
      attempts: n.attempts,
      lastError: n.lastError,
      createdAt: n.createdAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
    }));
  }
}
