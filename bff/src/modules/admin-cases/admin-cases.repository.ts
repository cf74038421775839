import {
  CASE_FLAGS,
  CASE_STATUSES,
  FINISHED_STATUSES,
  type AdminCaseQuery,
  type CaseFlag,
  type CaseStatus,
} from '@hotline/shared-types';
import type { DataSource, EntityManager } from 'typeorm';
import { placeholders, sqlDate } from '../../db/sql';
import { Invalid } from '../../lib/errors';
import { fromRaw, type CaseRecord } from '../cases/cases.repository';
import { toMessage, type ClaimedMessage } from '../hotline/outbox-store';
import { ExtensionEntity, type ExtensionState } from './extension.entity';

export type ExtensionRecord = Omit<ExtensionEntity, never>;

/** Which cases a staff member may see: all, or a handler's unit (and region, when set). */
export interface CaseScope {
  unit: string | null;
  regionCodes: string[] | null;
}
export const ALL_CASES: CaseScope = { unit: null, regionCodes: null };

export interface QueueFilter extends AdminCaseQuery {
  /** Region codes the `region` filter expands to. */
  regionCodes?: string[] | undefined;
  /** The instants `from`/`to` stand for, in city time. */
  fromAt?: Date | undefined;
  toAt?: Date | undefined;
}

export type ForwardingRow = Pick<
  ClaimedMessage,
  'caseId' | 'kind' | 'state' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'createdAt'
>;

const FINISHED = FINISHED_STATUSES.map((s) => `'${s}'`).join(', ');
const OPEN = (Object.keys(CASE_STATUSES) as CaseStatus[])
  .filter((s) => !FINISHED_STATUSES.includes(s))
  .map((s) => `'${s}'`)
  .join(', ');

interface Cursor {
  id: string;
  due?: string;
}
const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.id === 'string' && /^[0-9A-Z]{26}$/.test(c.id) && (c.due === undefined || typeof c.due === 'string')) {
      return c as Cursor;
    }
  } catch {
    // fall through
  }
  throw new Invalid([{ path: 'cursor', message: '分页参数无效' }]);
}

/** The cursor's mark for "past the dated cases, among those without a due date". */
const NO_DUE = '9999-12-31 00:00:00.000';

/** The staff side's reads and writes of cases: the queue, forwarding state and extensions. */
export class AdminCasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async queue(
    filter: QueueFilter,
    scope: CaseScope,
    now: Date,
    stuckAfterMs: number,
  ): Promise<{ rows: CaseRecord[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]): void => {
      where.push(sql);
      params.push(...values);
    };
    if (scope.unit !== null) add('c.handling_unit = ?', scope.unit);
    if (scope.regionCodes !== null)
      add(`c.region_code IN (${placeholders(scope.regionCodes.length)})`, ...scope.regionCodes);
    if (filter.status?.length) add(`c.status IN (${placeholders(filter.status.length)})`, ...filter.status);
    if (filter.type?.length) add(`c.type IN (${placeholders(filter.type.length)})`, ...filter.type);
    if (filter.category) add('c.category = ?', filter.category);
    if (filter.unit) add('c.handling_unit = ?', filter.unit);
    if (filter.regionCodes) {
      if (filter.regionCodes.length === 0) add('1 = 0');
      else add(`c.region_code IN (${placeholders(filter.regionCodes.length)})`, ...filter.regionCodes);
    }
    if (filter.overdue !== undefined) {
      // Open statuses listed (not NOT IN finished) so (status, due_at) serves the overdue range.
      const overdue = `(c.due_at IS NOT NULL AND ((c.status IN (${OPEN}) AND c.due_at < ?) OR (c.status IN (${FINISHED}) AND c.closed_at > c.due_at)))`;
      add(filter.overdue === 'true' ? overdue : `NOT ${overdue}`, sqlDate(now));
    }
    if (filter.flag) this.flagCondition(filter.flag, add, now, stuckAfterMs);
    if (filter.fromAt) add('c.created_at >= ?', sqlDate(filter.fromAt));
    if (filter.toAt) add('c.created_at < ?', sqlDate(filter.toAt));
    const run = async (extra: string[], extraParams: unknown[], order: string, limit: number) => {
      const all = [...where, ...extra];
      const sql = `SELECT c.* FROM cases c ${all.length ? `WHERE ${all.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
      return (await this.dataSource.query(sql, [...params, ...extraParams, limit])) as Record<string, unknown>[];
    };
    if (filter.q) {
      // A ticket number or case id is looked up by its own index first; only words search the titles.
      const exact = await run(['(c.ticket_no = ? OR c.id = ?)'], [filter.q, filter.q], 'c.id DESC', filter.limit);
      if (exact.length) return { rows: exact.map(fromRaw), nextCursor: null };
      // '!' escapes LIKE's wildcards the same way on both dialects (a backslash does not).
      const words = filter.q.replace(/[!%_]/g, (m) => `!${m}`);
      add("c.title LIKE ? ESCAPE '!'", `%${words}%`);
    }

    const cursor = filter.cursor ? decodeCursor(filter.cursor) : null;
    const want = filter.limit + 1;
    let raw: Record<string, unknown>[];
    if (filter.sort === 'created_desc') {
      raw = cursor ? await run(['c.id < ?'], [cursor.id], 'c.id DESC', want) : await run([], [], 'c.id DESC', want);
    } else if (filter.sort === 'created_asc') {
      raw = cursor ? await run(['c.id > ?'], [cursor.id], 'c.id ASC', want) : await run([], [], 'c.id ASC', want);
    } else {
      // Due date first (the due_at index gives the order), then the cases without one by id: no expression
      // in ORDER BY, so no sort of every matching case.
      raw = [];
      const cursorDue = cursor?.due ?? NO_DUE;
      const inNoDuePhase = cursor !== null && cursorDue === NO_DUE;
      if (!inNoDuePhase) {
        raw = cursor
          ? await run(
              ['c.due_at IS NOT NULL', '(c.due_at > ? OR (c.due_at = ? AND c.id > ?))'],
              [cursorDue, cursorDue, cursor.id],
              'c.due_at ASC, c.id ASC',
              want,
            )
          : await run(['c.due_at IS NOT NULL'], [], 'c.due_at ASC, c.id ASC', want);
      }
      if (raw.length < want) {
        const after = inNoDuePhase && cursor ? [['c.id > ?'], [cursor.id]] : [[], []];
        raw.push(
          ...(await run(
            ['c.due_at IS NULL', ...(after[0] as string[])],
            after[1] as unknown[],
            'c.id ASC',
            want - raw.length,
          )),
        );
      }
    }
    const rows = raw.slice(0, filter.limit).map(fromRaw);
    const last = rows.at(-1);
    const nextCursor =
      raw.length > filter.limit && last
        ? encodeCursor({ id: last.id, ...(filter.sort === 'due_asc' ? { due: sqlDate(last.dueAt) ?? NO_DUE } : {}) })
        : null;
    return { rows, nextCursor };
  }

  private flagCondition(
    flag: CaseFlag,
    add: (sql: string, ...values: unknown[]) => void,
    now: Date,
    stuckAfterMs: number,
  ): void {
    switch (flag) {
      case 'content_review':
        return add("c.content_check = 'review'");
      case 'stuck_forwarding':
        return add(
          `EXISTS (SELECT 1 FROM hotline_outbox o WHERE o.case_id = c.id AND (o.state = 'failed' OR (o.state = 'pending' AND o.created_at < ?)))`,
          sqlDate(new Date(now.getTime() - stuckAfterMs)),
        );
      case 'unsatisfied':
        return add('c.follow_up = 1');
      case 'extension_requested':
        return add("EXISTS (SELECT 1 FROM case_extensions e WHERE e.case_id = c.id AND e.state = 'pending')");
      default: {
        const never: never = flag;
        throw new Error(`unknown flag ${String(never)} of ${Object.keys(CASE_FLAGS).join(',')}`);
      }
    }
  }

  /** The hotline outbox rows of some cases, oldest first. */
  async forwarding(caseIds: string[]): Promise<ForwardingRow[]> {
    if (caseIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM hotline_outbox WHERE case_id IN (${placeholders(caseIds.length)}) ORDER BY case_id, seq`,
      caseIds,
    );
    return rows.map(toMessage);
  }

  async pendingExtensionCaseIds(caseIds: string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const rows: { case_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT case_id FROM case_extensions WHERE state = 'pending' AND case_id IN (${placeholders(caseIds.length)})`,
      caseIds,
    );
    return new Set(rows.map((r) => String(r.case_id)));
  }

  async extensions(caseId: string, manager?: EntityManager): Promise<ExtensionRecord[]> {
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(ExtensionEntity)
      .find({ where: { caseId }, order: { requestedAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({ ...r }));
  }

  async insertExtension(manager: EntityManager, row: ExtensionRecord): Promise<void> {
    await manager.insert(ExtensionEntity, { ...row });
  }

  /** Decides a pending extension; false when it was not pending any more. */
  async decideExtension(
    manager: EntityManager,
    id: string,
    state: Exclude<ExtensionState, 'pending'>,
    decidedBy: string,
    at: Date,
    note: string | null,
  ): Promise<boolean> {
    const result = await manager.update(
      ExtensionEntity,
      { id, state: 'pending' },
      { state, decidedBy, decidedAt: at, decisionNote: note },
    );
    return (result.affected ?? 0) === 1;
  }

  /** Held ticket creations go out once staff approve the content. */
  async releaseHeld(manager: EntityManager, caseId: string, at: Date): Promise<void> {
    await manager.query(
      "UPDATE hotline_outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE case_id = ? AND state = 'held'",
      [sqlDate(at), sqlDate(at), caseId],
    );
  }

  /** Held messages of rejected content are never sent: the hotline never hears of the case. */
  async dropHeld(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query("DELETE FROM hotline_outbox WHERE case_id = ? AND state = 'held'", [caseId]);
  }
}
