import type { WorkingCalendar } from '../calendar/working-calendar';

/** The regulation's periods, in working days (《政府信息公开条例》 arts. 30, 32, 33). */
export const ANSWER_DAYS = 20;
export const MAX_EXTENSION_DAYS = 20;
export const SUPPLEMENT_NOTICE_DAYS = 7;
export const THIRD_PARTY_DAYS = 15;

/** A stretch whose working days do not count: from the day an opinion is asked for to the day it came or was due. */
export interface Pause {
  from: Date;
  to: Date;
}

export interface DeadlineInput {
  /** Receipt, or the arrival of the corrected application (the clock restarts then). */
  clockStart: Date;
  extensionDays: number;
  pauses: readonly Pause[];
}

/**
 * When the answer is due: the end of the (20 + extension)-th working day after the clock started, on the city's
 * calendar (holidays and 调休), skipping the working days spent waiting for a consulted party (art. 33 ¶2).
 * A pause covers the days after the request went out up to and including the day it ended.
 */
export function answerDueAt(calendar: WorkingCalendar, input: DeadlineInput): Date {
  const paused = input.pauses.map((p) => ({ after: calendar.localDate(p.from), upTo: calendar.localDate(p.to) }));
  const isPaused = (date: string) => paused.some((p) => date > p.after && date <= p.upTo);
  let date = calendar.localDate(input.clockStart);
  let remaining = ANSWER_DAYS + input.extensionDays;
  while (remaining > 0) {
    date = nextDay(date);
    if (calendar.isWorkingDay(date) && !isPaused(date)) remaining -= 1;
  }
  return new Date(calendar.dayStart(nextDay(date)).getTime() - 1);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
}
