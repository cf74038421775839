/**
 * A reporting period given as city-time days (`from`..`to`, inclusive), turned into UTC instants: datetimes
 * are stored in UTC, so every comparison in SQL is against these instants, never against a date string.
 */
export interface Period {
  from: string;
  to: string;
  /** The city's midnight starting `from`. */
  start: Date;
  /** The city's midnight after `to`: the period is [start, end). */
  end: Date;
  /** Each calendar month (city time) the period touches, clipped to the period. */
  months: MonthBucket[];
}

export interface MonthBucket {
  key: string;
  start: Date;
  end: Date;
}

export function cityPeriod(from: string, to: string, timeZone: string): Period {
  const start = cityMidnight(from, timeZone);
  const end = cityMidnight(addDays(to, 1), timeZone);
  const months: MonthBucket[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month)) {
    const monthStart = cityMidnight(`${month}-01`, timeZone);
    const monthEnd = cityMidnight(`${nextMonth(month)}-01`, timeZone);
    months.push({
      key: month,
      start: monthStart < start ? start : monthStart,
      end: monthEnd > end ? end : monthEnd,
    });
  }
  return { from, to, start, end, months };
}

/** The UTC instant of 00:00 on `date` in `timeZone` (correct across DST changes, though China has none). */
export function cityMidnight(date: string, timeZone: string): Date {
  const wallClock = Date.parse(`${date}T00:00:00Z`);
  let instant = wallClock - offsetMs(wallClock, timeZone);
  instant = wallClock - offsetMs(instant, timeZone);
  return new Date(instant);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far the city's wall clock is ahead of UTC at `instant`. */
function offsetMs(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - (instant - (instant % 1000));
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function nextMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
}
