import { CASE_STATUSES, type CaseStatus } from '@hotline/shared-types';
import { formatDateTime } from './date';

/** Statuses a case ends in; every other one is still being handled. */
const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rated', 'withdrawn', 'rejected'];

export function isFinal(status: CaseStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** The status in words; unknown statuses (from a newer BFF) show as they come. */
export function statusLabel(status: CaseStatus): string {
  return (CASE_STATUSES as Record<string, string>)[status] ?? status;
}

/**
 * A mark shown before the status words, so finished and stopped cases are told apart by shape as well as by
 * the words, never by colour: ✓ answered or finished, ✕ withdrawn or refused, ● still moving.
 */
export function statusMark(status: CaseStatus): string {
  if (status === 'closed' || status === 'rated' || status === 'replied') return '✓';
  if (status === 'withdrawn' || status === 'rejected') return '✕';
  return '●';
}

/** 13800138000 → 138****8000; a landline keeps its area code and last 4; already masked text stays as is. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.includes('*')) return digits;
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  const landline = /^(0\d{2,3}-?)(\d+)(\d{4})$/.exec(digits);
  if (landline) return `${landline[1]}${'*'.repeat(landline[2]?.length ?? 0)}${landline[3]}`;
  return digits.length > 4 ? `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}` : digits;
}

/** Cuts by characters (an emoji is one), adding … when something was cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(max - 1, 0)).join('')}…`;
}

/** The deadline in words; overdue is said, never only coloured. */
export function dueText(dueAt: string, overdue: boolean): string {
  const when = formatDateTime(dueAt);
  return overdue ? `${when} 前办结（已超期）` : `${when} 前办结`;
}
