/**
 * Reads the 公开时限 texts catalogs use into something a compliance check can apply. Two families:
 *
 * - periodic (每年, 每半年, 每季度, 每月, 每周, 年度…, 按季度…): a new document is due every period, so the newest one
 *   may be at most one period old, plus the grace the text names ("每季度结束后15日内" → 92 + 15 days);
 * - event-driven (自形成或变更之日起20个工作日内, 7个工作日内, 实时, 即时, 及时): a document is due only when
 *   the information changes, which the catalog cannot see — such items are checked for having a document at
 *   all, not for its age.
 *
 * Anything else (长期公开, 按有关规定, empty…) is `unknown`: not assessed for age, listed as such.
 */
export type Deadline =
  | { kind: 'periodic'; period: Period; maxAgeDays: number }
  | { kind: 'event'; withinDays: number | null; workingDays: boolean }
  | { kind: 'unknown' };

export type Period = 'year' | 'half_year' | 'quarter' | 'month' | 'week';

const PERIOD_DAYS: Record<Period, number> = { year: 366, half_year: 184, quarter: 92, month: 31, week: 7 };

const PERIODS: [RegExp, Period][] = [
  [/每半年|半年度|上半年|下半年/, 'half_year'],
  [/每年|年度|每一年|按年|逐年|年初|年底|年末/, 'year'],
  [/每季|季度|按季/, 'quarter'],
  [/每月|月度|按月|逐月/, 'month'],
  [/每周|按周|每星期/, 'week'],
];

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "20", "二十", "十五", "三十" → number; null when not a number. */
function numberOf(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$|^([一二两三四五六七八九])$/.exec(text);
  if (!m) return null;
  if (m[3]) return CHINESE_DIGITS[m[3]] ?? null;
  return (m[1] ? (CHINESE_DIGITS[m[1]] ?? 1) : 1) * 10 + (m[2] ? (CHINESE_DIGITS[m[2]] ?? 0) : 0);
}

/** "20个工作日内", "15日内", "三十天内", "10个工作日" → days; working days say so. */
function withinDays(text: string, needsWithin = false): { days: number; workingDays: boolean } | null {
  const pattern = needsWithin
    ? /([0-9]+|[一二两三四五六七八九十]+)(?:个)?(工作日|日|天)[以之]?内/
    : /([0-9]+|[一二两三四五六七八九十]+)(?:个)?(工作日|日|天)/;
  const m = pattern.exec(text);
  if (!m?.[1]) return null;
  const days = numberOf(m[1]);
  return days === null ? null : { days, workingDays: m[2] === '工作日' };
}

export function parseDeadline(text: string): Deadline {
  const t = text.replace(/\s+/g, '');
  for (const [pattern, period] of PERIODS) {
    if (!pattern.test(t)) continue;
    // "季度结束后15日内" is grace; "每年3月31日前" names a day within the period, no grace
    const grace = withinDays(t, true);
    // working days of grace, counted generously as calendar days (7 working days ≈ 9–11 calendar days)
    const graceDays = grace ? Math.ceil(grace.workingDays ? (grace.days * 7) / 5 + 2 : grace.days) : 0;
    return { kind: 'periodic', period, maxAgeDays: PERIOD_DAYS[period] + graceDays };
  }
  if (/实时|即时|及时|随时/.test(t)) return { kind: 'event', withinDays: 0, workingDays: false };
  const within = withinDays(t);
  if (within) return { kind: 'event', withinDays: within.days, workingDays: within.workingDays };
  return { kind: 'unknown' };
}
