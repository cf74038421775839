import type { CalendarFile } from '@hotline/config';

/** A date outside the years the calendar has data for: deadlines there would be guesses, so we refuse. */
export class CalendarGapError extends Error {
  constructor(readonly year: number) {
    super(`the holiday calendar has no data for ${year}`);
    this.name = 'CalendarGapError';
  }
}

/** Calendar dates (no time) as yyyy-mm-dd in the city's local time zone. */
type IsoDate = string;

/**
 * Working days on the official calendar: weekdays are working days unless a holiday, and weekend days are
 * working days when they are make-up days (调休). Time zone: a fixed UTC offset (China has no DST).
 */
export class WorkingCalendar {
  private readonly holidays = new Set<IsoDate>();
  private readonly workdays = new Set<IsoDate>();
  private readonly years = new Set<number>();
  /** Deadlines depend only on the start date and the count: every case of a day shares them. */
  private readonly deadlines = new Map<string, number>();

  constructor(
    data: CalendarFile,
    private readonly utcOffsetMinutes = 8 * 60,
  ) {
    for (const [year, entry] of Object.entries(data.years)) {
      this.years.add(Number(year));
      entry.holidays.forEach((d) => this.holidays.add(d));
      entry.workdays.forEach((d) => this.workdays.add(d));
    }
  }

  /** The local calendar date of an instant. */
  localDate(at: Date): IsoDate {
    return new Date(at.getTime() + this.utcOffsetMinutes * 60000).toISOString().slice(0, 10);
  }

  /** The instant a local calendar day begins. */
  dayStart(date: IsoDate): Date {
    return new Date(Date.parse(`${date}T00:00:00Z`) - this.utcOffsetMinutes * 60000);
  }

  isWorkingDay(date: IsoDate): boolean {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) throw new CalendarGapError(year);
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The deadline `days` working days after `from`: the end (23:59:59.999 local) of the N-th working day after
   * the day `from` falls on. Zero days means the end of the same day (urgent cases).
   */
  addWorkingDays(from: Date, days: number): Date {
    const start = this.localDate(from);
    const key = `${start}+${days}`;
    const known = this.deadlines.get(key);
    if (known) return new Date(known);
    const deadline = this.computeDeadline(start, days);
    if (this.deadlines.size > 10_000) this.deadlines.clear();
    this.deadlines.set(key, deadline.getTime());
    return deadline;
  }

  private computeDeadline(start: IsoDate, days: number): Date {
    let date = start;
    let remaining = days;
    while (remaining > 0) {
      date = nextDay(date);
      if (this.isWorkingDay(date)) remaining -= 1;
    }
    this.isWorkingDay(date);
    return new Date(Date.parse(`${date}T23:59:59.999Z`) - this.utcOffsetMinutes * 60000);
  }
}

function nextDay(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
}
