import {
  CASE_ACTIONS,
  CASE_EVENTS,
  CASE_STATUSES,
  can,
  nextStatus,
  type AdminCaseDetail,
  type AdminCaseQuery,
  type AdminCaseSummary,
  type CaseAction,
  type CaseActionRequest,
  type CaseEvent,
  type CaseFlag,
  type CaseStatus,
} from '@hotline/shared-types';
import type { DataSource, EntityManager } from 'typeorm';
import { Conflict, DomainError, Forbidden, Invalid, NotFound } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import { maskName, maskPhone, type PiiCipher } from '../../lib/pii';
import type { Logger } from '../../logger';
import { audit } from '../audit/audit';
import type { CityContext } from '../city/city-context';
import { contactOf, isOverdue } from '../cases/case-view';
import type { CaseEventRecord, CaseRecord, CasesRepository } from '../cases/cases.repository';
import type { CasePhotos, HotlineMessageKind, HotlineOutbox } from '../cases/ports';
import { enqueueNotice, type NotificationStore, noticeEventOf } from '../notifications/notification-outbox';
import type { StaffRecord } from '../staff/staff.repository';
import type { PhotoLinkSigner } from '../uploads/signed-url';
import { ALL_CASES, type AdminCasesRepository, type CaseScope, type ForwardingRow } from './admin-cases.repository';

export interface AdminCasesDeps {
  dataSource: DataSource;
  cases: CasesRepository;
  adminCases: AdminCasesRepository;
  city: CityContext;
  pii: PiiCipher;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  photos: CasePhotos;
  photoLinks: PhotoLinkSigner;
  hotlineOutbox: Pick<HotlineOutbox, 'enqueue'>;
  notificationStore: Pick<NotificationStore, 'forCase'>;
  forwarding: { stuckAfterSeconds: number };
}

/** A handler sees the cases of their unit (and region, when their account names one); other roles see all. */
export function scopeOf(deps: Pick<AdminCasesDeps, 'city'>, staff: StaffRecord): CaseScope {
  if (staff.role !== 'handler') return ALL_CASES;
  return {
    unit: staff.unit ?? '\u0000no unit',
    regionCodes: staff.regionCode ? deps.city.regionAndBelow(staff.regionCode) : null,
  };
}

function inScope(row: CaseRecord, scope: CaseScope): boolean {
  if (scope.unit !== null && row.handlingUnit !== scope.unit) return false;
  if (scope.regionCodes !== null && !(row.regionCode && scope.regionCodes.includes(row.regionCode))) return false;
  return true;
}

const notFound = (): DomainError => new NotFound('找不到该诉求');

function forwardingState(rows: ForwardingRow[], now: Date, stuckAfterMs: number): AdminCaseDetail['forwarding'] {
  const open = rows.find((r) => r.state === 'failed') ?? rows.find((r) => r.state === 'pending' || r.state === 'held');
  const last = open ?? rows.at(-1);
  if (!last) return { state: 'none', attempts: 0, lastError: null, nextAttemptAt: null, stuck: false };
  const stuck =
    last.state === 'failed' || (last.state === 'pending' && now.getTime() - last.createdAt.getTime() > stuckAfterMs);
  return {
    state: last.state as AdminCaseDetail['forwarding']['state'],
    attempts: last.attempts,
    lastError: last.lastError,
    nextAttemptAt: last.state === 'pending' ? last.nextAttemptAt.toISOString() : null,
    stuck,
  };
}

function flagsOf(row: CaseRecord, forwarding: AdminCaseDetail['forwarding'], extensionPending: boolean): CaseFlag[] {
  const flags: CaseFlag[] = [];
  if (row.contentCheck === 'review') flags.push('content_review');
  if (forwarding.stuck) flags.push('stuck_forwarding');
  if (row.followUp) flags.push('unsatisfied');
  if (extensionPending) flags.push('extension_requested');
  return flags;
}

function summaryOf(
  deps: Pick<AdminCasesDeps, 'city'>,
  row: CaseRecord,
  now: Date,
  flags: CaseFlag[],
): AdminCaseSummary {
  const region = deps.city.region(row.regionCode);
  return {
    id: row.id,
    type: row.type,
    category: row.category,
    categoryName: deps.city.category(row.category)?.name ?? row.category,
    status: row.status,
    title: row.title,
    ticketNo: row.ticketNo,
    handlingUnit: row.handlingUnit,
    regionCode: row.regionCode,
    regionName: region?.name ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: isOverdue(row, now),
    flags,
    rating: row.rating,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function listQueue(deps: AdminCasesDeps, staff: StaffRecord, query: AdminCaseQuery) {
  const now = deps.clock.now();
  const stuckAfterMs = deps.forwarding.stuckAfterSeconds * 1000;
  const regionCodes = query.region ? deps.city.regionAndBelow(query.region) : undefined;
  const nextDay = (date: string): Date => new Date(deps.city.calendar.dayStart(date).getTime() + 86_400_000);
  const { rows, nextCursor } = await deps.adminCases.queue(
    {
      ...query,
      regionCodes,
      fromAt: query.from ? deps.city.calendar.dayStart(query.from) : undefined,
      toAt: query.to ? nextDay(query.to) : undefined,
    },
    scopeOf(deps, staff),
    now,
    stuckAfterMs,
  );
  const ids = rows.map((r) => r.id);
  const [outbox, extensions] = await Promise.all([
    deps.adminCases.forwarding(ids),
    deps.adminCases.pendingExtensionCaseIds(ids),
  ]);
  const items = rows.map((row) => {
    const forwarding = forwardingState(
      outbox.filter((o) => o.caseId === row.id),
      now,
      stuckAfterMs,
    );
    return summaryOf(deps, row, now, flagsOf(row, forwarding, extensions.has(row.id)));
  });
  return { items, nextCursor };
}

/** The case if this staff member may see it; 404 otherwise (never revealing that it exists). */
async function visibleCase(deps: AdminCasesDeps, staff: StaffRecord, id: string, manager?: EntityManager) {
  if (!/^[0-9A-Z]{26}$/.test(id)) throw notFound();
  const row = await deps.cases.findById(id, manager);
  if (!row || !inScope(row, scopeOf(deps, staff))) throw notFound();
  return row;
}

/** Which actions a role may take on a case in its current state (the console shows just these). */
export function allowedActions(staff: StaffRecord, row: CaseRecord, extensionPending: boolean): CaseAction[] {
  const actions: CaseAction[] = [];
  const may = (event: CaseEvent): boolean => nextStatus(row.status, event) !== null;
  if (can(staff.role, 'cases.act')) {
    if (row.contentCheck !== 'review') {
      if (may('reply')) actions.push('reply');
      if (may('transfer')) actions.push('transfer');
      if (may('extend') && !extensionPending) actions.push('request_extension');
      if (may('close')) actions.push('close');
    }
    if (row.followUp) actions.push('follow_up');
  }
  if (can(staff.role, 'cases.dispatch') && extensionPending) actions.push('decide_extension');
  if (can(staff.role, 'cases.review') && row.contentCheck === 'review' && row.status === 'submitted') {
    actions.push('approve_content', 'reject_content');
  }
  return actions;
}

export async function getCaseForStaff(deps: AdminCasesDeps, staff: StaffRecord, id: string): Promise<AdminCaseDetail> {
  const row = await visibleCase(deps, staff, id);
  return detailOf(deps, staff, row);
}

async function detailOf(deps: AdminCasesDeps, staff: StaffRecord, row: CaseRecord): Promise<AdminCaseDetail> {
  const now = deps.clock.now();
  const [events, outbox, extensions, photos, notifications] = await Promise.all([
    deps.cases.events(row.id),
    deps.adminCases.forwarding([row.id]),
    deps.adminCases.extensions(row.id),
    deps.photos.listForCase(row.id),
    deps.notificationStore.forCase(row.id),
  ]);
  const forwarding = forwardingState(outbox, now, deps.forwarding.stuckAfterSeconds * 1000);
  const extensionPending = extensions.some((e) => e.state === 'pending');
  const contact = contactOf(row, deps.pii);
  return {
    ...summaryOf(deps, row, now, flagsOf(row, forwarding, extensionPending)),
    content: row.content,
    location:
      row.locationAddress !== null || row.latitude !== null
        ? { address: row.locationAddress, latitude: row.latitude, longitude: row.longitude }
        : null,
    photos: photos.map((p) => ({ ...p, url: deps.photoLinks.pathFor(p.id, now) })),
    contact: contact && {
      name: contact.name === null ? null : maskName(contact.name),
      phone: contact.phone === null ? null : maskPhone(contact.phone),
    },
    anonymous: row.anonymous,
    confidential: row.confidential,
    contentCheck: row.contentCheck,
    supervised: row.supervised,
    urged: row.urged,
    forwarding,
    extensions: extensions.map((e) => ({
      id: e.id,
      state: e.state,
      requestedDueAt: e.requestedDueAt.toISOString(),
      reason: e.reason,
      requestedBy: e.requestedBy,
      requestedAt: e.requestedAt.toISOString(),
      decidedBy: e.decidedBy,
      decidedAt: e.decidedAt?.toISOString() ?? null,
      decisionNote: e.decisionNote,
    })),
    timeline: events.map(timelineEntry),
    allowedActions: allowedActions(staff, row, extensionPending),
    notifications,
  };
}

const STAFF_LABELS: Record<string, string> = {
  submit: '已提交',
  content_held: '内容待人工审核',
  content_approved: '内容审核通过',
  extension_requested: '申请延期',
  extension_rejected: '延期申请未获批准',
  follow_up: '已回访',
  notify_skipped: '消息通知',
  ...Object.fromEntries(Object.entries(CASE_EVENTS).map(([event, rule]) => [event, rule.label])),
};

function timelineEntry(event: CaseEventRecord): AdminCaseDetail['timeline'][number] {
  return {
    id: event.id,
    at: event.at.toISOString(),
    source: event.source,
    kind: event.kind,
    label: STAFF_LABELS[event.kind] ?? event.kind,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    unit: event.unit,
    note: event.note,
    actor: event.actor,
  };
}

/** The full contact data, for a stated reason; the read and the reason are audited in the same transaction. */
export async function revealContact(
  deps: AdminCasesDeps,
  staff: StaffRecord,
  id: string,
  reason: string,
  requestId: string,
): Promise<{ name: string | null; phone: string | null }> {
  const row = await visibleCase(deps, staff, id);
  const now = deps.clock.now();
  await deps.dataSource.transaction((manager) =>
    audit(manager, deps.ids, now, {
      actorType: 'staff',
      actorId: staff.id,
      action: 'case.contact_revealed',
      subjectType: 'case',
      subjectId: row.id,
      reason,
      requestId,
    }),
  );
  return contactOf(row, deps.pii) ?? { name: null, phone: null };
}

const PERMISSION_OF: Record<CaseAction, 'cases.act' | 'cases.dispatch' | 'cases.review'> = {
  reply: 'cases.act',
  transfer: 'cases.act',
  request_extension: 'cases.act',
  close: 'cases.act',
  follow_up: 'cases.act',
  decide_extension: 'cases.dispatch',
  approve_content: 'cases.review',
  reject_content: 'cases.review',
};

interface Step {
  changes: Partial<CaseRecord>;
  event?: { kind: string; to?: CaseStatus; note: string | null; unit?: string | null; data?: Record<string, string> };
  /** What goes to the hotline when the case has a ticket there. */
  message?: { kind: HotlineMessageKind; payload: Record<string, string | null> };
}

/**
 * One staff action: checked against the role, the state machine and the version the staff member saw, then in
 * one transaction the case changes, the timeline grows, and the hotline is told through the outbox.
 */
export async function actOnCase(
  deps: AdminCasesDeps,
  staff: StaffRecord,
  id: string,
  request: CaseActionRequest,
  requestId: string,
): Promise<AdminCaseDetail> {
  if (!can(staff.role, PERMISSION_OF[request.action])) throw new Forbidden();
  const now = deps.clock.now();
  await deps.cases.transaction(async (manager) => {
    const row = await visibleCase(deps, staff, id, manager);
    if (row.version !== request.version) throw new Conflict('STALE_VERSION');
    const extensions = await deps.adminCases.extensions(row.id, manager);
    const pending = extensions.find((e) => e.state === 'pending');
    if (!allowedActions(staff, row, pending !== undefined).includes(request.action)) {
      throw new Conflict(
        'INVALID_TRANSITION',
        `当前状态（${CASE_STATUSES[row.status]}）下不能${CASE_ACTIONS[request.action]}`,
      );
    }
    const step = await planStep(deps, staff, row, request, now, manager, pending?.id);
    const updated = await deps.cases.updateIfVersion(manager, row.id, row.version, { ...step.changes, updatedAt: now });
    if (!updated) throw new Conflict('STALE_VERSION');
    if (step.event) {
      await deps.cases.appendEvent(manager, {
        id: deps.ids.next(now),
        caseId: row.id,
        at: now,
        source: 'staff',
        actor: staff.id,
        kind: step.event.kind,
        fromStatus: step.event.to ? row.status : null,
        toStatus: step.event.to && step.event.to !== row.status ? step.event.to : null,
        unit: step.event.unit ?? row.handlingUnit,
        note: step.event.note,
        data: step.event.data ?? null,
      });
      const notice = noticeEventOf(step.event.kind);
      if (notice) {
        await enqueueNotice(manager, deps.ids, now, {
          caseId: row.id,
          citizenId: row.citizenId,
          event: notice,
          ticketNo: row.ticketNo,
          note: step.event.note,
          dueAt: step.event.data?.dueAt ?? null,
        });
      }
    }
    if (step.message && row.ticketNo) {
      await deps.hotlineOutbox.enqueue(manager, deps.ids, now, {
        caseId: row.id,
        kind: step.message.kind,
        payload: step.message.payload,
      });
    }
    await audit(manager, deps.ids, now, {
      actorType: 'staff',
      actorId: staff.id,
      action: `case.${request.action}`,
      subjectType: 'case',
      subjectId: row.id,
      requestId,
    });
  });
  return detailOf(deps, staff, await visibleCaseAfter(deps, staff, id));
}

/** After a transfer the case may have left a handler's scope: they still get its state once, by id. */
async function visibleCaseAfter(deps: AdminCasesDeps, staff: StaffRecord, id: string): Promise<CaseRecord> {
  const row = await deps.cases.findById(id);
  if (!row) throw notFound();
  return row;
}

async function planStep(
  deps: AdminCasesDeps,
  staff: StaffRecord,
  row: CaseRecord,
  request: CaseActionRequest,
  now: Date,
  manager: EntityManager,
  pendingExtensionId: string | undefined,
): Promise<Step> {
  const to = (event: CaseEvent): CaseStatus => nextStatus(row.status, event) as CaseStatus;
  switch (request.action) {
    case 'reply':
      return {
        changes: { status: to('reply') },
        event: { kind: 'reply', to: to('reply'), note: request.text },
        message: { kind: 'reply', payload: { text: request.text } },
      };
    case 'transfer': {
      if (!deps.city.units.some((u) => u.name === request.unit)) {
        throw new Invalid([{ path: 'unit', message: '请选择有效的承办单位' }]);
      }
      if (request.unit === row.handlingUnit) {
        throw new Invalid([{ path: 'unit', message: '不能转办给当前承办单位' }]);
      }
      return {
        changes: { status: to('transfer'), handlingUnit: request.unit, signedAt: row.signedAt },
        event: { kind: 'transfer', to: to('transfer'), note: request.reason, unit: request.unit },
        message: { kind: 'transfer', payload: { unit: request.unit, text: request.reason } },
      };
    }
    case 'request_extension': {
      const dueAt = new Date(request.dueAt);
      if (row.dueAt && dueAt <= row.dueAt) {
        throw new Invalid([{ path: 'dueAt', message: '新的办理期限须晚于当前期限' }]);
      }
      await deps.adminCases.insertExtension(manager, {
        id: deps.ids.next(now),
        caseId: row.id,
        state: 'pending',
        requestedDueAt: dueAt,
        reason: request.reason,
        requestedBy: staff.id,
        requestedAt: now,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      });
      return {
        changes: {},
        event: { kind: 'extension_requested', note: request.reason, data: { dueAt: dueAt.toISOString() } },
      };
    }
    case 'decide_extension': {
      if (request.extensionId !== pendingExtensionId) throw new Conflict('STALE_VERSION', '该延期申请已处理或不存在');
      const extension = (await deps.adminCases.extensions(row.id, manager)).find((e) => e.id === request.extensionId);
      if (!extension) throw notFound();
      const decided = await deps.adminCases.decideExtension(
        manager,
        extension.id,
        request.approve ? 'approved' : 'rejected',
        staff.id,
        now,
        request.note ?? null,
      );
      if (!decided) throw new Conflict('STALE_VERSION', '该延期申请已处理');
      if (!request.approve) {
        return { changes: {}, event: { kind: 'extension_rejected', note: request.note ?? null } };
      }
      const due = extension.requestedDueAt.toISOString();
      return {
        changes: { dueAt: extension.requestedDueAt },
        event: { kind: 'extend', note: extension.reason, data: { dueAt: due } },
        message: { kind: 'extend', payload: { dueAt: due, text: extension.reason } },
      };
    }
    case 'approve_content':
      await deps.adminCases.releaseHeld(manager, row.id, now);
      return { changes: { contentCheck: 'pass' }, event: { kind: 'content_approved', note: null } };
    case 'reject_content':
      await deps.adminCases.dropHeld(manager, row.id);
      return {
        changes: { status: to('reject'), closedAt: now },
        event: { kind: 'reject', to: to('reject'), note: request.reason },
      };
    case 'close':
      return {
        changes: { status: to('close'), closedAt: now },
        event: { kind: 'close', to: to('close'), note: request.result },
        message: { kind: 'close', payload: { text: request.result } },
      };
    case 'follow_up':
      return { changes: { followUp: false }, event: { kind: 'follow_up', note: request.note } };
  }
}
