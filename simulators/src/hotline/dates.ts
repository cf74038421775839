/** Dates as a Chinese city's hotline counts them: in China Standard Time (UTC+8, no daylight saving). */

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * How the hotline sets the deadline when it accepts a ticket: this many days after the day of acceptance,
 * ending at 23:59:59 China time. Working days skip Saturdays and Sundays (no public-holiday calendar here).
 */
export interface DeadlineRule {
  days: number;
  counting: 'working' | 'calendar';
}

/** 15 working days: what the contract's example shows (accepted Fri 27 Nov, due 18 Dec 23:59:59 +08:00). */
export const defaultDeadline: DeadlineRule = { days: 15, counting: 'working' };

/** A UTC Date whose UTC fields read as the China local date and time of `at`. */
const chinaLocal = (at: Date): Date => new Date(at.getTime() + CHINA_OFFSET_MS);

/** `yyyymmdd` of the China local date. */
export function chinaDateStamp(at: Date): string {
  return chinaLocal(at).toISOString().slice(0, 10).replaceAll('-', '');
}

export function dueAtFor(acceptedAt: Date, rule: DeadlineRule): Date {
  const local = chinaLocal(acceptedAt);
  let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let remaining = rule.days;
  while (remaining > 0) {
    day += DAY_MS;
    const weekday = new Date(day).getUTCDay();
    if (rule.counting === 'calendar' || (weekday !== 0 && weekday !== 6)) remaining -= 1;
  }
  return new Date(day + DAY_MS - 1000 - CHINA_OFFSET_MS);
}
