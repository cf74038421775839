import { charCount, createCaseRequestSchema, fieldIssuesOf, listCasesQuerySchema } from '../src';

describe('charCount', () => {
  test('when text has 4-byte characters, then each counts once', () => {
    expect(charCount('abc')).toBe(3);
    expect(charCount('𠀀😀')).toBe(2);
    expect(charCount('')).toBe(0);
  });
});

describe('createCaseRequestSchema', () => {
  test('when content is padded with spaces, then it is trimmed before its length is checked', () => {
    const parsed = createCaseRequestSchema.parse({ type: 'help', content: '   十个字的内容刚刚好吧   ' });
    expect(parsed.content).toBe('十个字的内容刚刚好吧');
    const short = createCaseRequestSchema.safeParse({ type: 'help', content: '   九个字的内容刚刚好   ' });
    expect(short.success).toBe(false);
  });

  test('when several fields are wrong, then every problem is reported with its path', () => {
    const result = createCaseRequestSchema.safeParse({ type: 'x', content: 1, extra: true });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(
      fieldIssuesOf(result.error)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['content', 'extra', 'type']);
  });
});

describe('listCasesQuerySchema', () => {
  test('when limit comes as a query string, then it is coerced and bounded', () => {
    expect(listCasesQuerySchema.parse({ limit: '5' })).toEqual({ limit: 5 });
    expect(listCasesQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(listCasesQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(listCasesQuerySchema.safeParse({ limit: 'many' }).success).toBe(false);
  });
});
