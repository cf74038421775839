import { CASE_EVENTS, CASE_STATUSES, type CaseStatus } from '@hotline/shared-types';
import type { HotlineEvent } from '../../adapters/hotline/hotline-api';
import { execute, isUniqueViolation, sqlBool, sqlDate } from '../../db/sql';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { Logger } from '../../logger';
import type { CaseRecord, CasesRepository } from '../cases/cases.repository';
import { enqueueNotice, noticeEventOf } from '../notifications/notification-outbox';
import type { HotlineMetrics } from './metrics';

export interface InboundDeps {
  cases: CasesRepository;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  metrics: HotlineMetrics;
}

export interface InboundResult {
  accepted: number;
  duplicates: number;
  rejected: { eventId: string; reason: string }[];
}

const isStatus = (value: string | null): value is CaseStatus => value !== null && value in CASE_STATUSES;

/** What the event does to the case's columns, if it is the newest the case has seen. */
function changesOf(row: CaseRecord, event: HotlineEvent, at: Date): Record<string, unknown> {
  const rule = CASE_EVENTS[event.type as keyof typeof CASE_EVENTS];
  const status = isStatus(event.status) ? event.status : rule && rule.to !== 'same' ? rule.to : row.status;
  const changes: Record<string, unknown> = { last_hotline_seq: event.sequence, status, updated_at: sqlDate(at) };
  if (!row.ticketNo) changes.ticket_no = event.ticketNo;
  if ((event.type === 'dispatch' || event.type === 'transfer') && event.unit) changes.handling_unit = event.unit;
  if (event.dueAt) changes.due_at = sqlDate(new Date(event.dueAt));
  if (status === 'closed' && row.closedAt === null) changes.closed_at = sqlDate(new Date(event.occurredAt));
  if (event.type === 'dispatch' && row.dispatchedAt === null)
    changes.dispatched_at = sqlDate(new Date(event.occurredAt));
  if (event.type === 'sign' && row.signedAt === null) changes.signed_at = sqlDate(new Date(event.occurredAt));
  if (event.type === 'supervise') changes.supervised = sqlBool(true);
  if (event.type === 'urge') changes.urged = sqlBool(true);
  return changes;
}

async function applyOne(deps: InboundDeps, event: HotlineEvent): Promise<'applied' | 'duplicate' | string> {
  const now = deps.clock.now();
  return deps.cases.transaction(async (manager) => {
    const row =
      (await deps.cases.findByTicketNo(event.ticketNo, manager)) ??
      (event.caseId ? await deps.cases.findById(event.caseId, manager) : null);
    if (!row) return 'unknown ticket';
    if (row.ticketNo && row.ticketNo !== event.ticketNo) return 'ticket number does not match the case';
    // Seen before (pushed twice, or pushed and polled): the primary key says so, and nothing else is written.
    const seen = await execute(
      manager,
      `INSERT INTO hotline_events_seen (event_id, case_id, received_at) SELECT ?, ?, ? WHERE NOT EXISTS
        (SELECT 1 FROM hotline_events_seen WHERE event_id = ?)`,
      [event.eventId, row.id, sqlDate(now), event.eventId],
    );
    if (seen === 0) return 'duplicate';

    // Our own staff action coming back (contract §4.1): applied when it was taken, it only moves the sequence,
    // and leaves the version alone so the staff member's next action is not refused as stale.
    if (event.origin === 'channel') {
      await manager.query('UPDATE cases SET last_hotline_seq = ? WHERE id = ? AND last_hotline_seq < ?', [
        event.sequence,
        row.id,
        event.sequence,
      ]);
      return 'applied';
    }
    // The ticket's own acceptance was recorded when the ticket was created; its event only moves the sequence.
    const alreadyAccepted = event.type === 'accept' && row.ticketNo === event.ticketNo;
    const newest = event.sequence > row.lastHotlineSeq && row.status !== 'withdrawn';
    if (newest) {
      const changes = changesOf(row, event, now);
      const columns = Object.keys(changes);
      await manager.query(
        `UPDATE cases SET ${columns.map((c) => `${c} = ?`).join(', ')}, version = version + 1 WHERE id = ?`,
        [...Object.values(changes), row.id],
      );
    }
    if (!alreadyAccepted) {
      const toStatus = newest ? (changesOf(row, event, now).status as CaseStatus) : null;
      await deps.cases.appendEvent(manager, {
        id: deps.ids.next(now),
        caseId: row.id,
        at: new Date(event.occurredAt),
        source: 'hotline',
        actor: event.eventId.slice(0, 64),
        kind: event.type,
        fromStatus: newest ? row.status : null,
        toStatus: toStatus !== row.status ? toStatus : null,
        unit: event.unit,
        note: event.type === 'accept' ? `工单号 ${event.ticketNo}` : event.text,
        data: { sequence: event.sequence, ...(event.dueAt ? { dueAt: event.dueAt } : {}) },
      });
      // The citizen hears of acceptance, replies, extensions and closing; an older event only joins the timeline.
      const notice = newest ? noticeEventOf(event.type) : null;
      if (notice) {
        await enqueueNotice(manager, deps.ids, now, {
          caseId: row.id,
          citizenId: row.citizenId,
          event: notice,
          ticketNo: event.ticketNo,
          note: event.text,
          dueAt: event.dueAt,
        });
      }
    }
    if (!newest)
      deps.logger.info(
        { caseId: row.id, sequence: event.sequence, applied: row.lastHotlineSeq },
        'older hotline event kept in the timeline only',
      );
    return 'applied';
  });
}

/**
 * Applies events from the hotline, pushed or polled. Each event stands alone: a bad one is rejected with its
 * reason and the rest go on; a duplicate is counted and ignored.
 */
export async function applyHotlineEvents(deps: InboundDeps, events: HotlineEvent[]): Promise<InboundResult> {
  const result: InboundResult = { accepted: 0, duplicates: 0, rejected: [] };
  const ordered = [...events].sort((a, b) => a.sequence - b.sequence);
  for (const event of ordered) {
    try {
      const outcome = await applyOne(deps, event);
      if (outcome === 'applied') result.accepted += 1;
      else if (outcome === 'duplicate') result.duplicates += 1;
      else result.rejected.push({ eventId: event.eventId, reason: outcome });
    } catch (error) {
      // Pushed and polled at the same moment: the other transaction recorded it first.
      if (isUniqueViolation(error)) {
        result.duplicates += 1;
        continue;
      }
      deps.logger.error({ err: error, eventId: event.eventId }, 'hotline event could not be applied');
      result.rejected.push({ eventId: event.eventId, reason: 'could not be applied' });
    }
  }
  deps.metrics.event('applied', result.accepted);
  deps.metrics.event('duplicate', result.duplicates);
  deps.metrics.event('rejected', result.rejected.length);
  return result;
}
