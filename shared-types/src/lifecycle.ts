import type { CaseStatus } from './cases';

/**
 * The case lifecycle as a state machine (DOMAIN.md §2). Events are what happens to a case; each names the
 * states it may happen in and the state it leads to (`same` keeps the state, e.g. an extension). Supervision,
 * reminders and "overdue" are flags beside the state, never states.
 */
export const CASE_EVENTS = {
  forward: { label: '已转交12345', from: ['submitted'], to: 'forwarded' },
  accept: { label: '12345已受理', from: ['submitted', 'forwarded'], to: 'accepted' },
  dispatch: { label: '已派单', from: ['accepted'], to: 'dispatched' },
  sign: { label: '承办单位已签收', from: ['dispatched'], to: 'signed' },
  transfer: { label: '已转办', from: ['dispatched', 'signed', 'in_progress'], to: 'dispatched' },
  send_back: { label: '已退回', from: ['dispatched', 'signed'], to: 'accepted' },
  start: { label: '办理中', from: ['dispatched', 'signed'], to: 'in_progress' },
  extend: { label: '已延期', from: ['signed', 'in_progress'], to: 'same' },
  reply: { label: '已答复', from: ['accepted', 'signed', 'in_progress'], to: 'replied' },
  // From accepted: the operator answers a consultation directly and closes it (直接办结).
  close: { label: '已办结', from: ['accepted', 'replied', 'in_progress'], to: 'closed' },
  reject: { label: '不予受理', from: ['submitted'], to: 'rejected' },
  rate: { label: '已评价', from: ['closed'], to: 'rated' },
  reopen: { label: '重新办理', from: ['closed', 'rated'], to: 'in_progress' },
  withdraw: { label: '已撤回', from: ['submitted', 'forwarded'], to: 'withdrawn' },
} as const satisfies Record<string, { label: string; from: readonly CaseStatus[]; to: CaseStatus | 'same' }>;

export type CaseEvent = keyof typeof CASE_EVENTS;

/** The state after `event`, or null when the event is not allowed in `status`. */
export function nextStatus(status: CaseStatus, event: CaseEvent): CaseStatus | null {
  const rule = CASE_EVENTS[event];
  if (!(rule.from as readonly CaseStatus[]).includes(status)) return null;
  return rule.to === 'same' ? status : rule.to;
}

/** Events a case in `status` may receive, e.g. to decide which buttons a page shows. */
export function allowedEvents(status: CaseStatus): CaseEvent[] {
  return (Object.keys(CASE_EVENTS) as CaseEvent[]).filter((event) => nextStatus(status, event) !== null);
}

/** States in which the case is finished for deadline purposes. */
export const FINISHED_STATUSES: readonly CaseStatus[] = ['closed', 'rated', 'withdrawn', 'rejected'];

/** Where a timeline entry came from. */
export const EVENT_SOURCES = ['citizen', 'staff', 'hotline', 'system'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];
