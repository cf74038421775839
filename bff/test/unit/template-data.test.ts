import { DEMO_TEMPLATE_IDS } from '@hotline/config';
import { checkTemplateData, DEFAULT_SUBSCRIBE_TEMPLATES } from '@hotline/simulators';
import {
  buildTemplateData,
  formatTime,
  problemWith,
  TemplateDataError,
  truncate,
  type NoticeValues,
} from '../../src/modules/notifications/template-data';

const codePoints = (text: string): number => [...text].length;
const hasLoneSurrogate = (text: string): boolean => /\p{Cs}/u.test(text);
const TZ = 'Asia/Shanghai';

describe('truncate: cut by characters, never inside one', () => {
  test('when short text fits, then it is kept as is (whitespace tidied)', () => {
    expect(truncate('路灯坏了', 20)).toBe('路灯坏了');
    expect(truncate('  路灯\n坏了\t ', 20)).toBe('路灯 坏了');
  });

  test('when long Chinese text is cut, then it is 20 code points ending in an ellipsis', () => {
    const cut = truncate('小区门口的路灯已经坏了一个多月，晚上出行很不方便，请尽快修复', 20);
    expect(cut).toBe('小区门口的路灯已经坏了一个多月，晚上出…');
    expect(codePoints(cut)).toBe(20);
  });

  test('when an emoji (a surrogate pair) sits at the cut, then it is dropped whole, never split', () => {
    const text = `${'路'.repeat(18)}😀😀😀`;
    const cut = truncate(text, 20);
    expect(hasLoneSurrogate(cut)).toBe(false);
    expect(cut).toBe(`${'路'.repeat(18)}😀…`);
    expect(codePoints(cut)).toBeLessThanOrEqual(20);
  });

  test('when a ZWJ family or a flag crosses the cut, then the whole cluster goes', () => {
    const family = '👨‍👩‍👧‍👦'; // 7 code points, one character on screen
    const cut = truncate(`${'灯'.repeat(15)}${family}${'灯'.repeat(5)}`, 20);
    expect(cut).toBe(`${'灯'.repeat(15)}…`);
    const flags = truncate(`${'灯'.repeat(18)}🇨🇳🇨🇳`, 20);
    expect(flags).toBe(`${'灯'.repeat(18)}…`);
    expect(hasLoneSurrogate(flags)).toBe(false);
  });

  test('when the text mixes full-width, half-width and combining marks, then each character counts once', () => {
    const mixed = 'ＡＢＣabc１２３路灯café́ 坏了很久很久很久了';
    const cut = truncate(mixed, 20);
    expect(codePoints(cut)).toBeLessThanOrEqual(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith('ＡＢＣabc１２３路灯')).toBe(true);
    // A lone surrogate in the input (a broken client) is removed, not sent.
    expect(hasLoneSurrogate(truncate('路灯\ud83d坏了', 20))).toBe(false);
  });
});

describe('buildTemplateData: values within WeChat limits', () => {
  const values: NoticeValues = {
    ticketNo: 'LH20260302000123',
    title: `${'小区门口的路灯坏了'.repeat(4)}😀`,
    status: '已受理',
    note: '您的诉求已受理，请留意办理进展',
    type: '投诉',
    unit: '郾城区城市管理局',
    at: new Date('2026-03-02T01:05:00.000Z'),
    dueAt: new Date('2026-03-20T09:59:00.000Z'),
  };

  test('when the demo templates are filled, then the WeChat simulator accepts every value', () => {
    const fields = [
      { key: 'character_string1', source: 'ticketNo' },
      { key: 'thing2', source: 'title' },
      { key: 'phrase3', source: 'status' },
      { key: 'time4', source: 'at' },
    ] as const;
    const data = buildTemplateData(fields, values, TZ);
    expect(data).toEqual({
      character_string1: 'LH20260302000123',
      thing2: '小区门口的路灯坏了小区门口的路灯坏了小…',
      phrase3: '已受理',
      time4: '2026年03月02日 09:05',
    });
    const template = DEFAULT_SUBSCRIBE_TEMPLATES[DEMO_TEMPLATE_IDS.accepted];
    if (!template) throw new Error('demo template missing');
    expect(
      checkTemplateData(template, Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }]))),
    ).toBe(undefined);
  });

  test('when other types are asked for, then each is formatted to its rule', () => {
    const data = buildTemplateData(
      [
        { key: 'date1', source: 'dueAt' },
        { key: 'phrase2', source: 'note' },
        { key: 'name3', source: 'unit' },
        { key: 'character_string4', source: 'title' },
        { key: 'number5', source: 'ticketNo' },
      ],
      values,
      TZ,
    );
    expect(data).toEqual({
      date1: '2026年03月20日',
      phrase2: '您的诉求已',
      name3: '郾城区城市管理局',
      character_string4: '-',
      number5: '20260302000123',
    });
    for (const [key, value] of Object.entries(data)) expect(problemWith(key, value)).toBeUndefined();
  });

  test('when a missing value is asked for, then a placeholder stands in (WeChat refuses empty values)', () => {
    const data = buildTemplateData(
      [{ key: 'character_string1', source: 'ticketNo' }],
      { ...values, ticketNo: null },
      TZ,
    );
    expect(data.character_string1).toBe('-');
  });

  test('when the configuration names a type this code cannot fill, then it is a TemplateDataError', () => {
    expect(() => buildTemplateData([{ key: 'amount1', source: 'title' }], values, TZ)).toThrow(TemplateDataError);
  });

  test('times are city time, minutes padded', () => {
    expect(formatTime(new Date('2026-12-31T16:07:00.000Z'), TZ)).toBe('2027年01月01日 00:07');
  });
});

test('the demo template ids are the WeChat simulator’s defaults', () => {
  expect(Object.keys(DEFAULT_SUBSCRIBE_TEMPLATES).sort()).toEqual(Object.values(DEMO_TEMPLATE_IDS).sort());
});
