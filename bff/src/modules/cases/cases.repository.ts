import { In, type DataSource, type EntityManager } from 'typeorm';
import type { CaseStatus } from '@hotline/shared-types';
import {
  forUpdate,
  insertStatement,
  isSqlite,
  placeholderRows,
  placeholders,
  readDate,
  sqlBool,
  sqlDate,
  withDeadlockRetry,
} from '../../db/sql';
import type { CaseEventEntity } from './case-event.entity';
import { CaseEntity } from './case.entity';

/** A case as the services see it: a plain object, never an ORM entity. */
export type CaseRecord = Omit<CaseEntity, never>;
export type CaseEventRecord = Omit<CaseEventEntity, never>;

/** What forwarding sends of a case: its ticket's fields, or the ticket number a message goes onto. */
export type ForwardingCase = Pick<
  CaseRecord,
  | 'id'
  | 'type'
  | 'category'
  | 'title'
  | 'content'
  | 'locationAddress'
  | 'latitude'
  | 'longitude'
  | 'regionCode'
  | 'contactNameEnc'
  | 'contactPhoneEnc'
  | 'anonymous'
  | 'confidential'
  | 'ticketNo'
  | 'createdAt'
>;

type RawRow = Record<string, unknown>;

/** A row of `SELECT * FROM cases` as a record, on either dialect. */
export function fromRaw(r: RawRow): CaseRecord {
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(r.id),
    citizenId: String(r.citizen_id),
    idempotencyKey: String(r.idempotency_key),
    requestHash: String(r.request_hash),
    type: r.type as CaseRecord['type'],
    category: String(r.category),
    status: r.status as CaseRecord['status'],
    title: String(r.title),
    content: String(r.content),
    locationAddress: text(r.location_address),
    latitude: num(r.latitude),
    longitude: num(r.longitude),
    regionCode: text(r.region_code),
    contactNameEnc: text(r.contact_name_enc),
    contactPhoneEnc: text(r.contact_phone_enc),
    contactPhoneHash: text(r.contact_phone_hash),
    anonymous: Boolean(Number(r.anonymous)),
    confidential: Boolean(Number(r.confidential)),
    contentCheck: r.content_check as CaseRecord['contentCheck'],
    contentTraceId: text(r.content_trace_id),
    ticketNo: text(r.ticket_no),
    handlingUnit: text(r.handling_unit),
    dueAt: readDate(r.due_at, true),
    closedAt: readDate(r.closed_at, true),
    dispatchedAt: readDate(r.dispatched_at, true),
    signedAt: readDate(r.signed_at, true),
    rating: text(r.rating) as CaseRecord['rating'],
    ratedAt: readDate(r.rated_at, true),
    followUp: Boolean(Number(r.follow_up)),
    supervised: Boolean(Number(r.supervised)),
    urged: Boolean(Number(r.urged)),
    lastHotlineSeq: Number(r.last_hotline_seq ?? 0),
    version: Number(r.version),
    createdAt: readDate(r.created_at),
    updatedAt: readDate(r.updated_at),
  };
}

/** A row of `case_events` as a record, on either dialect. */
export function eventFromRaw(r: RawRow): CaseEventRecord {
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    caseId: String(r.case_id),
    seq: Number(r.seq),
    at: readDate(r.at),
    source: r.source as CaseEventRecord['source'],
    actor: text(r.actor),
    kind: String(r.kind),
    fromStatus: text(r.from_status) as CaseEventRecord['fromStatus'],
    toStatus: text(r.to_status) as CaseEventRecord['toStatus'],
    unit: text(r.unit),
    note: text(r.note),
    data: r.data === null || r.data === undefined ? null : (JSON.parse(String(r.data)) as CaseEventRecord['data']),
  };
}

export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A transaction, run again if MySQL/MariaDB picks it as a deadlock victim. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withDeadlockRetry(() => this.dataSource.transaction(work));
  }

  /** Plain SQL: submission is the hottest write path, and TypeORM's insert builder costs more than the database. */
  async insert(manager: EntityManager, row: CaseRecord): Promise<void> {
    await manager.query(
      ...insertStatement('cases', {
        id: row.id,
        citizen_id: row.citizenId,
        idempotency_key: row.idempotencyKey,
        request_hash: row.requestHash,
        type: row.type,
        category: row.category,
        status: row.status,
        title: row.title,
        content: row.content,
        location_address: row.locationAddress,
        latitude: row.latitude,
        longitude: row.longitude,
        region_code: row.regionCode,
        contact_name_enc: row.contactNameEnc,
        contact_phone_enc: row.contactPhoneEnc,
        contact_phone_hash: row.contactPhoneHash,
        anonymous: sqlBool(row.anonymous),
        confidential: sqlBool(row.confidential),
        content_check: row.contentCheck,
        content_trace_id: row.contentTraceId,
        ticket_no: row.ticketNo,
        handling_unit: row.handlingUnit,
        due_at: sqlDate(row.dueAt),
        closed_at: sqlDate(row.closedAt),
        supervised: sqlBool(row.supervised),
        urged: sqlBool(row.urged),
        last_hotline_seq: row.lastHotlineSeq,
        version: row.version,
        created_at: sqlDate(row.createdAt),
        updated_at: sqlDate(row.updatedAt),
      }),
    );
  }

  async findOwned(citizenId: string, id: string): Promise<CaseRecord | null> {
    const rows: RawRow[] = await this.dataSource.query('SELECT * FROM cases WHERE id = ? AND citizen_id = ?', [
      id,
      citizenId,
    ]);
    return rows[0] ? fromRaw(rows[0]) : null;
  }

  async findByIdempotencyKey(citizenId: string, idempotencyKey: string): Promise<CaseRecord | null> {
    const rows: RawRow[] = await this.dataSource.query(
      'SELECT * FROM cases WHERE citizen_id = ? AND idempotency_key = ?',
      [citizenId, idempotencyKey],
    );
    return rows[0] ? fromRaw(rows[0]) : null;
  }

  async listByCitizen(
    citizenId: string,
    filter: { beforeId?: string | undefined; statuses?: CaseStatus[] | undefined },
    limit: number,
  ): Promise<CaseRecord[]> {
    const where = ['citizen_id = ?'];
    const params: unknown[] = [citizenId];
    if (filter.beforeId) {
      where.push('id < ?');
      params.push(filter.beforeId);
    }
    if (filter.statuses) {
      if (filter.statuses.length === 0) return [];
      where.push(`status IN (${placeholders(filter.statuses.length)})`);
      params.push(...filter.statuses);
    }
    const rows: RawRow[] = await this.dataSource.query(
      `SELECT * FROM cases WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`,
      [...params, limit],
    );
    return rows.map(fromRaw);
  }

  async listAllByCitizen(manager: EntityManager, citizenId: string): Promise<CaseRecord[]> {
    const rows: RawRow[] = await manager.query('SELECT * FROM cases WHERE citizen_id = ? ORDER BY id', [citizenId]);
    return rows.map(fromRaw);
  }

  /** With a manager (inside a transaction) the row is locked until it commits. */
  async findByTicketNo(ticketNo: string, manager?: EntityManager): Promise<CaseRecord | null> {
    const m = manager ?? this.dataSource.manager;
    const rows: RawRow[] = await m.query(`SELECT * FROM cases WHERE ticket_no = ?${manager ? forUpdate(m) : ''}`, [
      ticketNo,
    ]);
    return rows[0] ? fromRaw(rows[0]) : null;
  }

  /** With a manager (inside a transaction) the row is locked until it commits. */
  async findById(id: string, manager?: EntityManager): Promise<CaseRecord | null> {
    const m = manager ?? this.dataSource.manager;
    const rows: RawRow[] = await m.query(`SELECT * FROM cases WHERE id = ?${manager ? forUpdate(m) : ''}`, [id]);
    return rows[0] ? fromRaw(rows[0]) : null;
  }

  async countByCitizen(citizenId: string): Promise<number> {
    const [row]: { n: unknown }[] = await this.dataSource.query(
      'SELECT COUNT(*) AS n FROM cases WHERE citizen_id = ?',
      [citizenId],
    );
    return Number(row?.n ?? 0);
  }

  async events(caseId: string, manager?: EntityManager): Promise<CaseEventRecord[]> {
    const rows: RawRow[] = await (manager ?? this.dataSource.manager).query(
      'SELECT * FROM case_events WHERE case_id = ? ORDER BY seq',
      [caseId],
    );
    return rows.map(eventFromRaw);
  }

  /** What forwarding reads of several cases to build their tickets and messages. */
  async findForForwarding(ids: string[]): Promise<Map<string, ForwardingCase>> {
    if (ids.length === 0) return new Map();
    const rows: RawRow[] = await this.dataSource.query(
      `SELECT * FROM cases WHERE id IN (${placeholders(ids.length)})`,
      ids,
    );
    return new Map(rows.map((r) => [String(r.id), fromRaw(r)]));
  }

  /** Several cases, locked until the transaction commits (in id order, so two workers never deadlock). */
  async findManyForUpdate(manager: EntityManager, ids: string[]): Promise<Map<string, CaseRecord>> {
    const sorted = [...new Set(ids)].sort();
    const rows: RawRow[] = await manager.query(
      `SELECT * FROM cases WHERE id IN (${placeholders(sorted.length)}) ORDER BY id${forUpdate(manager)}`,
      sorted,
    );
    return new Map(rows.map((r) => [String(r.id), fromRaw(r)]));
  }

  /**
   * Several cases locked for an update (in id order): what a forwarded batch needs of each (status, citizen, due
   * date) and the last sequence number of its timeline and of its subscription messages. One statement where a
   * batch would otherwise need three.
   */
  async lockForForwarding(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, CaseRecord & { lastEventSeq: number; lastNoticeSeq: number }>> {
    const sorted = [...new Set(ids)].sort();
    if (sorted.length === 0) return new Map();
    const rows: RawRow[] = await manager.query(
      `SELECT c.*,
          (SELECT MAX(e.seq) FROM case_events e WHERE e.case_id = c.id) AS last_event_seq,
          (SELECT MAX(n.seq) FROM notification_outbox n WHERE n.case_id = c.id) AS last_notice_seq
        FROM cases c WHERE c.id IN (${placeholders(sorted.length)}) ORDER BY c.id${forUpdate(manager)}`,
      sorted,
    );
    return new Map(
      rows.map((r) => [
        String(r.id),
        { ...fromRaw(r), lastEventSeq: Number(r.last_event_seq ?? 0), lastNoticeSeq: Number(r.last_notice_seq ?? 0) },
      ]),
    );
  }

  /** Which case holds each of these ticket numbers, for those some case holds. */
  async ticketHolders(manager: EntityManager, ticketNos: string[]): Promise<Map<string, string>> {
    const distinct = [...new Set(ticketNos)];
    if (distinct.length === 0) return new Map();
    const rows: RawRow[] = await manager.query(
      `SELECT id, ticket_no FROM cases WHERE ticket_no IN (${placeholders(distinct.length)})`,
      distinct,
    );
    return new Map(rows.map((r) => [String(r.ticket_no), String(r.id)]));
  }

  /**
   * Stores the tickets of a forwarded batch, each case its own number, status and due date, in one statement:
   * the cases joined to the batch's values by id (a CASE per column would compare every id with every other).
   */
  async recordTickets(
    manager: EntityManager,
    tickets: { id: string; ticketNo: string; status: string; dueAt: string | null }[],
    at: Date,
  ): Promise<void> {
    if (tickets.length === 0) return;
    const values = tickets.flatMap((t) => [t.id, t.ticketNo, t.status, t.dueAt]);
    if (isSqlite(manager)) {
      // A VALUES list (SQLite names its columns column1…): a compound SELECT is limited to 500 terms there.
      await manager.query(
        `UPDATE cases SET ticket_no = v.column2, status = v.column3, due_at = v.column4, updated_at = ?,
          version = version + 1 FROM (VALUES ${placeholderRows(tickets.length, 4)}) AS v WHERE cases.id = v.column1`,
        [sqlDate(at), ...values],
      );
    } else {
      const table = tickets
        .map((_, i) => (i === 0 ? 'SELECT ? AS id, ? AS ticket_no, ? AS status, ? AS due_at' : 'SELECT ?, ?, ?, ?'))
        .join(' UNION ALL ');
      await manager.query(
        `UPDATE cases c JOIN (${table}) v ON c.id = v.id SET c.ticket_no = v.ticket_no, c.status = v.status,
          c.due_at = v.due_at, c.updated_at = ?, c.version = c.version + 1`,
        [...values, sqlDate(at)],
      );
    }
  }

  async lastEventSeq(manager: EntityManager, caseId: string): Promise<number> {
    const rows: { seq: unknown }[] = await manager.query('SELECT MAX(seq) AS seq FROM case_events WHERE case_id = ?', [
      caseId,
    ]);
    return Number(rows[0]?.seq ?? 0);
  }

  /** Appends to the timeline with the next sequence number of the case. */
  async appendEvent(manager: EntityManager, event: Omit<CaseEventRecord, 'seq'>): Promise<CaseEventRecord> {
    const seq = (await this.lastEventSeq(manager, event.caseId)) + 1;
    return this.insertEvents(manager, [{ ...event, seq }]).then(([row]) => row as CaseEventRecord);
  }

  /** Inserts timeline entries whose sequence numbers are already known (the first ones of a new case). */
  async insertEvents(manager: EntityManager, events: CaseEventRecord[]): Promise<CaseEventRecord[]> {
    if (events.length === 0) return events;
    // One statement for the whole batch: VALUES (…), (…), …
    const values = events.flatMap((e) => [
      e.id,
      e.caseId,
      e.seq,
      sqlDate(e.at),
      e.source,
      e.actor,
      e.kind,
      e.fromStatus,
      e.toStatus,
      e.unit,
      e.note,
      e.data === null ? null : JSON.stringify(e.data),
    ]);
    await manager.query(
      `INSERT INTO case_events (id, case_id, seq, at, source, actor, kind, from_status, to_status, unit, note, data)
        VALUES ${placeholderRows(events.length, 12)}`,
      values,
    );
    return events;
  }

  /**
   * Applies a change only if nobody changed the case since `version` was read; false when someone did.
   */
  async updateIfVersion(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<CaseRecord>,
  ): Promise<boolean> {
    const result = await manager.update(CaseEntity, { id, version }, { ...changes, version: version + 1 });
    return (result.affected ?? 0) === 1;
  }

  async updateAll(manager: EntityManager, ids: string[], changes: Partial<CaseRecord>): Promise<void> {
    if (ids.length) await manager.update(CaseEntity, { id: In(ids) }, changes);
  }

  async listPendingRecheck(limit: number): Promise<CaseRecord[]> {
    const rows: RawRow[] = await this.dataSource.query(
      "SELECT * FROM cases WHERE content_check = 'pending_recheck' ORDER BY id LIMIT ?",
      [limit],
    );
    return rows.map(fromRaw);
  }
}
