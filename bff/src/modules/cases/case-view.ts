import {
  CASE_EVENTS,
  FINISHED_STATUSES,
  nextStatus,
  type CaseDetail,
  type CaseEvent,
  type CaseSummary,
  type TimelineEntry,
} from '@hotline/shared-types';
import { maskName, maskPhone, type PiiCipher } from '../../lib/pii';
import type { CityContext } from '../city/city-context';
import type { CaseEventRecord, CaseRecord } from './cases.repository';

/** Overdue is derived, never stored: past the due time and not finished, or finished after it. */
export function isOverdue(row: Pick<CaseRecord, 'dueAt' | 'status' | 'closedAt'>, now: Date): boolean {
  if (!row.dueAt) return false;
  if (FINISHED_STATUSES.includes(row.status)) return row.closedAt !== null && row.closedAt > row.dueAt;
  return now > row.dueAt;
}

export function toSummary(row: CaseRecord, now: Date): CaseSummary {
  return {
    id: row.id,
    type: row.type,
    category: row.category,
    status: row.status,
    title: row.title,
    content: row.content,
    ticketNo: row.ticketNo,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: isOverdue(row, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const KIND_LABELS: Record<string, string> = {
  submit: '已提交',
  content_held: '内容待人工审核',
  ...Object.fromEntries(Object.entries(CASE_EVENTS).map(([event, rule]) => [event, rule.label])),
};

/**
 * Internal steps of staff work the citizen's timeline leaves out (an approved extension does show: 已延期), and
 * the note that a message was not sent for want of a subscription.
 */
const STAFF_ONLY_KINDS = new Set([
  'extension_requested',
  'extension_rejected',
  'content_approved',
  'follow_up',
  'notify_skipped',
]);

function toTimelineEntry(event: CaseEventRecord): TimelineEntry {
  return {
    id: event.id,
    at: event.at.toISOString(),
    source: event.source,
    kind: event.kind,
    label: KIND_LABELS[event.kind] ?? event.kind,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    unit: event.unit,
    note: event.note,
  };
}

export interface DetailParts {
  row: CaseRecord;
  events: CaseEventRecord[];
  photos: { id: string; width: number; height: number }[];
  /** The contact in clear when the caller has it already (a case just submitted), saving two decryptions. */
  contact?: { name: string | null; phone: string | null } | null;
}

/** Contact data in full: only for the citizen's own export, and audited by the caller. */
export function contactOf(
  row: Pick<CaseRecord, 'contactNameEnc' | 'contactPhoneEnc'>,
  pii: Pick<PiiCipher, 'decrypt'>,
): { name: string | null; phone: string | null } | null {
  if (!row.contactNameEnc && !row.contactPhoneEnc) return null;
  return {
    name: row.contactNameEnc ? pii.decrypt(row.contactNameEnc) : null,
    phone: row.contactPhoneEnc ? pii.decrypt(row.contactPhoneEnc) : null,
  };
}

export function toDetail(parts: DetailParts, city: CityContext, pii: PiiCipher, now: Date): CaseDetail {
  const { row, events, photos } = parts;
  const region = city.region(row.regionCode);
  const contact = parts.contact !== undefined ? parts.contact : contactOf(row, pii);
  const hasLocation = row.locationAddress !== null || row.latitude !== null || row.regionCode !== null;
  return {
    ...toSummary(row, now),
    categoryName: city.category(row.category)?.name ?? row.category,
    location: hasLocation
      ? {
          address: row.locationAddress,
          latitude: row.latitude,
          longitude: row.longitude,
          regionCode: region?.code ?? null,
          regionName: region?.name ?? null,
        }
      : null,
    photos: photos.map((p) => ({ ...p, url: `/api/v1/photos/${p.id}` })),
    contact: contact && {
      name: contact.name === null ? null : maskName(contact.name),
      phone: contact.phone === null ? null : maskPhone(contact.phone),
    },
    anonymous: row.anonymous,
    confidential: row.confidential,
    handlingUnit: row.handlingUnit,
    flags: { supervised: row.supervised, urged: row.urged, heldForReview: row.contentCheck === 'review' },
    replies: events
      .filter((e) => e.kind === 'reply' && e.note)
      .map((e) => ({ at: e.at.toISOString(), unit: e.unit, text: e.note as string })),
    timeline: events.filter((e) => !STAFF_ONLY_KINDS.has(e.kind)).map(toTimelineEntry),
    canWithdraw: nextStatus(row.status, 'withdraw' satisfies CaseEvent) !== null,
  };
}
