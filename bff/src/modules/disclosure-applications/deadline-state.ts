import { CalendarGapError, type WorkingCalendar } from '../calendar/working-calendar';
import { answerDueAt, type Pause } from './answer-deadline';
import type { ConsultationRecord, DisclosureRecord } from './disclosure.repository';

/**
 * The working days a consulted party holds up: from the request to the answer, but never past the third party's
 * 15 working days (after them the office decides alone, art. 32); while the third party is silent, the pause
 * is taken to run its full 15 days. Another agency has no set limit: until it answers, its pause runs to today,
 * so the due date shown is the earliest it can be.
 */
export function pausesOf(consultations: readonly ConsultationRecord[], now: Date): Pause[] {
  return consultations.map((c) => {
    const until = c.answeredAt ?? c.answerBy ?? now;
    return { from: c.sentAt, to: c.answerBy && c.answerBy.getTime() < until.getTime() ? c.answerBy : until };
  });
}

/**
 * The due date an application has in its state: none before receipt, while waiting for 补正 (the clock restarts
 * on the corrected application) or once closed for want of one; otherwise 20 working days (plus any extension)
 * from the clock start, consultations excluded. Null as well where the city's calendar has no data yet.
 */
export function currentDueAt(
  calendar: WorkingCalendar,
  row: DisclosureRecord,
  consultations: readonly ConsultationRecord[],
  now: Date,
): Date | null {
  if (!row.clockStartAt || row.status === 'awaiting_supplement' || row.outcome === 'other.no_correction') return null;
  try {
    return answerDueAt(calendar, {
      clockStart: row.clockStartAt,
      extensionDays: row.extensionDays ?? 0,
      pauses: pausesOf(consultations, now),
    });
  } catch (error) {
    if (error instanceof CalendarGapError) return null;
    throw error;
  }
}

/** 2026年3月30日, in the city's time zone. */
export function formatDate(calendar: WorkingCalendar, at: Date): string {
  const [y, m, d] = calendar.localDate(at).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
