import type { FieldSource } from './settings';

/**
 * Template values within WeChat's per-type limits (subscription messages): thing ≤ 20 characters, phrase ≤ 5
 * Chinese characters, character_string ≤ 32 ASCII letters/digits/symbols, time `YYYY年MM月DD日 HH:mm`, date,
 * number, name ≤ 10, phone_number… Text is cut on user-perceived characters (grapheme clusters), so an emoji,
 * a flag or a ZWJ family is never split, and WeChat's count (code points) stays within the limit.
 */

const graphemes = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });
const codePoints = (text: string): number => [...text].length;
const ELLIPSIS = '…';

/** Whitespace runs (newlines too) become one space; lone surrogates and control characters go. */
export function tidy(text: string): string {
  return text
    .replace(/\p{Cs}|\p{Cc}/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** At most `max` code points, cut between grapheme clusters, ending in an ellipsis when something was cut. */
export function truncate(text: string, max: number, ellipsis = ELLIPSIS): string {
  const clean = tidy(text);
  if (codePoints(clean) <= max) return clean;
  const budget = max - codePoints(ellipsis);
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(clean)) {
    const size = codePoints(segment);
    if (used + size > budget) break;
    kept += segment;
    used += size;
  }
  return `${kept.trimEnd()}${ellipsis}`;
}

export class TemplateDataError extends Error {}

const HAN = /^\p{Script=Han}+$/u;

/** The calendar parts of `at` in the city's time zone. */
function parts(at: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const out = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const part of format.formatToParts(at)) if (part.type in out) out[part.type as keyof typeof out] = part.value;
  return out;
}

export const formatDate = (at: Date, timeZone: string): string => {
  const p = parts(at, timeZone);
  return `${p.year}年${p.month}月${p.day}日`;
};

export const formatTime = (at: Date, timeZone: string): string => {
  const p = parts(at, timeZone);
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
};

/** What fills the template: text values and the two moments (the event, and a due date when there is one). */
export interface NoticeValues {
  ticketNo: string | null;
  title: string;
  status: string;
  note: string;
  type: string;
  unit: string;
  at: Date;
  dueAt: Date | null;
}

type Formatter = (text: string, moment: Date, timeZone: string) => string;

const keep = (pattern: RegExp) => (text: string) => tidy(text).replace(pattern, '');

const FORMATTERS: Readonly<Record<string, Formatter>> = {
  thing: (text) => truncate(text, 20),
  phrase: (text) => truncate(keep(/[^\p{Script=Han}]/gu)(text) || '已更新', 5, ''),
  character_string: (text) => keep(/[^\x21-\x7e]/g)(text).slice(0, 32) || '-',
  letter: (text) => keep(/[^A-Za-z]/g)(text).slice(0, 32) || 'X',
  number: (text) => keep(/[^\d]/g)(text).slice(0, 32) || '0',
  name: (text) => (HAN.test(tidy(text)) ? truncate(text, 10, '') : truncate(text, 20, '')),
  phone_number: (text) => keep(/[^\d+\-() ]/g)(text).slice(0, 17),
  car_number: (text) => truncate(text, 8, ''),
  time: (_text, moment, timeZone) => formatTime(moment, timeZone),
  date: (_text, moment, timeZone) => formatDate(moment, timeZone),
};

/** Why a value breaks WeChat's rule for its key's type, if it does (the simulator applies the same rules). */
export function problemWith(key: string, value: string): string | undefined {
  const type = key.replace(/\d+$/, '');
  if (value === '') return `${key} is empty`;
  const limits: Record<string, boolean> = {
    thing: codePoints(value) <= 20,
    phrase: codePoints(value) <= 5 && HAN.test(value),
    character_string: value.length <= 32 && /^[\x21-\x7e]+$/.test(value),
    letter: /^[A-Za-z]{1,32}$/.test(value),
    number: /^\d{1,32}(\.\d+)?$/.test(value),
    name: (HAN.test(value) && codePoints(value) <= 10) || (/^[A-Za-z .·-]+$/.test(value) && value.length <= 20),
    phone_number: /^[\d+\-() ]{1,17}$/.test(value),
    car_number: codePoints(value) <= 8,
    time: /^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/.test(value),
    date: /^\d{4}年\d{2}月\d{2}日$/.test(value),
  };
  if (!(type in limits)) return `${key}: type ${type} is not supported`;
  return limits[type] ? undefined : `${key} breaks the ${type} limits`;
}

/**
 * The `data` of subscribe/send for a template's fields. Throws TemplateDataError when the configuration asks
 * for a type this code cannot fill (a permanent problem staff must fix, not a retry).
 */
export function buildTemplateData(
  fields: readonly { key: string; source: FieldSource }[],
  values: NoticeValues,
  timeZone: string,
): Record<string, string> {
  const data: Record<string, string> = {};
  for (const { key, source } of fields) {
    const format = FORMATTERS[key.replace(/\d+$/, '')];
    if (!format) throw new TemplateDataError(`template key ${key}: its type is not supported`);
    const moment = source === 'dueAt' ? (values.dueAt ?? values.at) : values.at;
    const text = source === 'at' || source === 'dueAt' ? formatTime(moment, timeZone) : (values[source] ?? '') || '无';
    const value = format(text, moment, timeZone);
    const problem = problemWith(key, value);
    if (problem) throw new TemplateDataError(`template value ${problem}`);
    data[key] = value;
  }
  return data;
}
