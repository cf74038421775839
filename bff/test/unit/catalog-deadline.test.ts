import { parseDeadline } from '../../src/modules/catalog/deadline';

describe('公开时限 parser', () => {
  test.each([
    ['每年', { kind: 'periodic', period: 'year', maxAgeDays: 366 }],
    ['每年3月31日前', { kind: 'periodic', period: 'year', maxAgeDays: 366 }],
    ['年度终了后20日内', { kind: 'periodic', period: 'year', maxAgeDays: 386 }],
    ['每半年更新一次', { kind: 'periodic', period: 'half_year', maxAgeDays: 184 }],
    ['每季度', { kind: 'periodic', period: 'quarter', maxAgeDays: 92 }],
    ['每季度结束后15日内', { kind: 'periodic', period: 'quarter', maxAgeDays: 107 }],
    ['按季度公开，季度结束后10个工作日内', { kind: 'periodic', period: 'quarter', maxAgeDays: 108 }],
    ['每月10日前', { kind: 'periodic', period: 'month', maxAgeDays: 31 }],
    ['每周', { kind: 'periodic', period: 'week', maxAgeDays: 7 }],
  ])('when the text is %s, then a document is due every period plus the grace it names', (text, expected) => {
    expect(parseDeadline(text)).toEqual(expected);
  });

  test.each([
    ['自形成或变更之日起20个工作日内', { kind: 'event', withinDays: 20, workingDays: true }],
    ['信息形成或者变更之日起二十个工作日内', { kind: 'event', withinDays: 20, workingDays: true }],
    ['制定或获取信息之日起10个工作日内', { kind: 'event', withinDays: 10, workingDays: true }],
    ['作出决定之日起7日内', { kind: 'event', withinDays: 7, workingDays: false }],
    ['十五天内', { kind: 'event', withinDays: 15, workingDays: false }],
    ['实时', { kind: 'event', withinDays: 0, workingDays: false }],
    ['实时公开', { kind: 'event', withinDays: 0, workingDays: false }],
    ['及时公开', { kind: 'event', withinDays: 0, workingDays: false }],
  ])('when the text is %s, then it is event-driven', (text, expected) => {
    expect(parseDeadline(text)).toEqual(expected);
  });

  test.each(['长期公开', '按有关规定', '', '根据工作进展'])(
    'when the text is "%s", then it is not understood',
    (text) => {
      expect(parseDeadline(text)).toEqual({ kind: 'unknown' });
    },
  );
});
