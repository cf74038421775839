/**
 * Subscription message templates as WeChat knows them (chosen in the mini-program admin): an id, a title and
 * keys whose prefix is the value type (thing1, time4…). Each type has WeChat's documented limits.
 */
export interface SubscribeTemplate {
  title: string;
  keys: readonly string[];
}

/** The demo's templates; config/src/demo.ts names the same ids. */
export const DEFAULT_SUBSCRIBE_TEMPLATES: Readonly<Record<string, SubscribeTemplate>> = {
  'DemoTmplAccepted-0000000000000000000000000': {
    title: '诉求受理通知',
    keys: ['character_string1', 'thing2', 'phrase3', 'time4'],
  },
  'DemoTmplResult-000000000000000000000000000': {
    title: '诉求办理结果通知',
    keys: ['thing1', 'phrase2', 'thing3', 'time4'],
  },
  'DemoTmplSurvey-000000000000000000000000000': {
    title: '服务评价提醒',
    keys: ['thing1', 'phrase2', 'thing3', 'time4'],
  },
};

const chars = (text: string): number => [...text].length;
const HAN = /^\p{Script=Han}+$/u;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const TIME = /^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$|^\d{1,2}:\d{2}$/;
const DATE = /^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?$/;

/** Why a value breaks its type's rule, or undefined when WeChat would accept it. */
const RULES: Readonly<Record<string, (value: string) => string | undefined>> = {
  thing: (v) => (chars(v) > 20 ? 'exceeds 20 characters' : undefined),
  phrase: (v) => (chars(v) > 5 ? 'exceeds 5 characters' : HAN.test(v) ? undefined : 'must be Chinese characters'),
  character_string: (v) =>
    v.length > 32 ? 'exceeds 32 characters' : PRINTABLE_ASCII.test(v) ? undefined : 'bad chars',
  letter: (v) => (/^[A-Za-z]{1,32}$/.test(v) ? undefined : 'must be at most 32 letters'),
  symbol: (v) => (chars(v) <= 5 && /^[\p{P}\p{S}]+$/u.test(v) ? undefined : 'must be at most 5 symbols'),
  number: (v) => (/^\d{1,32}(\.\d+)?$/.test(v) && v.length <= 32 ? undefined : 'must be a number of 32 digits'),
  amount: (v) => (/^\d{1,10}(\.\d{1,2})?元?$/.test(v) ? undefined : 'must be an amount'),
  time: (v) => (TIME.test(v) ? undefined : 'must be like 2019年10月1日 15:01'),
  date: (v) => (DATE.test(v) ? undefined : 'must be like 2019年10月1日'),
  name: (v) =>
    (HAN.test(v) && chars(v) <= 10) || (/^[A-Za-z .·-]+$/.test(v) && v.length <= 20) ? undefined : 'bad name',
  phone_number: (v) => (/^[\d+\-() ]{1,17}$/.test(v) ? undefined : 'must be a phone number'),
  car_number: (v) => (chars(v) <= 8 ? undefined : 'exceeds 8 characters'),
};

/** The template's data checked as WeChat does: every key given, nothing else, each value within its type. */
export function checkTemplateData(template: SubscribeTemplate, data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'data must be an object';
  const entries = Object.entries(data as Record<string, unknown>);
  for (const key of template.keys) if (!(key in data)) return `data.${key} is missing`;
  for (const [key, field] of entries) {
    if (!template.keys.includes(key)) return `data.${key} is not a keyword of the template`;
    const value = (field as { value?: unknown } | null)?.value;
    if (typeof value !== 'string' || value === '') return `data.${key}.value is empty`;
    const rule = RULES[key.replace(/\d+$/, '')];
    const problem = rule ? rule(value) : 'unknown keyword type';
    if (problem) return `data.${key}.value ${problem}`;
  }
  return undefined;
}
