import { cleanText, contactSchema, createCaseRequestSchema, submitRatingRequestSchema } from '../src';

describe('text a person typed', () => {
  test.each([
    ['a bidi override (U+202E)', '张三\u202E四', '张三四'],
    ['bidi isolates and marks', '\u2067abc\u2069\u200F', 'abc'],
    ['zero-width spaces, word joiner and BOM', '路\u200B灯\u2060坏\uFEFF了', '路灯坏了'],
    ['control characters', 'a\u0000b\u0007c\u001Bd\u009Fe', 'abcde'],
    ['a lone high and a lone low surrogate', 'x\uD800y\uDC00z', 'xyz'],
    ['decomposed characters', 'e\u0301', '\u00E9'],
    ['Windows and Unicode line breaks', 'a\r\nb\rc\u2028d', 'a\nb\nc\nd'],
  ])('when it holds %s, then they are normalised or removed', (_name, input, output) => {
    expect(cleanText(input)).toBe(output);
  });

  test.each([
    ['emoji joined into one (👨‍👩‍👧)', '👨\u200D👩\u200D👧'],
    ['rare CJK beyond the BMP', '𠀀𪚥𰻞'],
    ['tabs and line feeds', '第一行\n\t第二行'],
  ])('when it holds %s, then they stay as typed', (_name, text) => {
    expect(cleanText(text)).toBe(text);
  });

  test.each([
    ['zero-width characters only', '\u200B\u200C\u200D\uFEFF'],
    ['bidi overrides and spaces only', ' \u202E \u202D '],
    ['control characters only', '\u0001\u0002'],
  ])('when a name is %s, then it is refused as empty', (_name, name) => {
    const result = contactSchema.safeParse({ name, phone: '13812345678' });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['name'], message: '请填写姓名' })]);
  });

  test('when content is long enough only with invisible characters, then it is refused as too short', () => {
    const result = createCaseRequestSchema.safeParse({
      type: 'complaint',
      category: 'C04',
      content: `路灯坏了${'\u200B'.repeat(20)}`,
      anonymous: true,
      location: { address: '黄河路100号' },
      privacyConsent: true,
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['content']);
  });

  test('when a survey comment carries an override, then what is kept is the visible text', () => {
    const parsed = submitRatingRequestSchema.parse({ rating: 'satisfied', comment: '很好\u202E了' });
    expect(parsed.comment).toBe('很好了');
  });
});
