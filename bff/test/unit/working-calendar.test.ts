import { loadCity } from '@hotline/config';
import { CalendarGapError, WorkingCalendar } from '../../src/modules/calendar/working-calendar';

const calendar = new WorkingCalendar(loadCity('luohe').calendar);
const at = (local: string): Date => new Date(`${local}+08:00`);
const local = (d: Date): string => new Date(d.getTime() + 8 * 3600000).toISOString().slice(0, 19);

describe('working calendar (China, 2025–2026 official notices)', () => {
  test('when counting over an ordinary weekend, then Saturday and Sunday are skipped', () => {
    // Friday 2026-03-06 + 1 working day = Monday 2026-03-09
    expect(local(calendar.addWorkingDays(at('2026-03-06T10:00:00'), 1))).toBe('2026-03-09T23:59:59');
  });

  test('when a make-up working day (调休) falls on a weekend, then it counts', () => {
    // Sunday 2026-01-04 is a working day; Saturday 2026-02-14 and 2026-02-28 too.
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(false);
  });

  test('when counting across the 2026 Spring Festival, then the nine holidays are skipped', () => {
    // Friday 2026-02-13 → Sat 14 (make-up, 1) → 15–23 holidays → Tue 24 (2) → Wed 25 (3)
    expect(local(calendar.addWorkingDays(at('2026-02-13T09:00:00'), 3))).toBe('2026-02-25T23:59:59');
  });

  test('when counting across the 2025 National Day and Mid-Autumn holidays, then 1–8 October are skipped', () => {
    // Tue 2025-09-30 → Thu 10-09 (1) → Fri 10-10 (2) → Sat 10-11 make-up (3)
    expect(local(calendar.addWorkingDays(at('2025-09-30T15:00:00'), 3))).toBe('2025-10-11T23:59:59');
  });

  test('when submitted late in the evening UTC, then the local (Beijing) date is the starting day', () => {
    // 2026-03-05T17:00Z is Friday 01:00 in Beijing: one working day later is Monday.
    expect(local(calendar.addWorkingDays(new Date('2026-03-05T17:00:00Z'), 1))).toBe('2026-03-09T23:59:59');
  });

  test('when zero days are allowed (urgent), then the deadline is the end of the same day', () => {
    expect(local(calendar.addWorkingDays(at('2026-03-05T08:00:00'), 0))).toBe('2026-03-05T23:59:59');
  });

  test('when a date falls in a year without data, then it is a clear error, never a guess', () => {
    expect(() => calendar.addWorkingDays(at('2026-12-30T10:00:00'), 5)).toThrow(CalendarGapError);
    expect(() => calendar.isWorkingDay('2024-06-01')).toThrow('no data for 2024');
  });

  test('when the shipped data is read, then each year names its State Council notice', () => {
    const years = loadCity('luohe').calendar.years;
    expect(Object.keys(years)).toEqual(['2025', '2026']);
    expect(years['2025']?.source).toContain('国办发明电〔2024〕12号');
    expect(years['2026']?.source).toContain('2026年部分节假日安排');
    expect(years['2026']?.holidays).toHaveLength(33);
  });
});
