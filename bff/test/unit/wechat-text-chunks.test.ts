import { splitForCheck } from '../../src/adapters/wechat/text-chunks';

const isWellFormed = (text: string): boolean => !/\p{Cs}/u.test(text);

describe('splitForCheck', () => {
  test('when the text fits, then it is one chunk, even when empty', () => {
    expect(splitForCheck('短文')).toEqual(['短文']);
    expect(splitForCheck('')).toEqual(['']);
    expect(splitForCheck('a'.repeat(2500))).toHaveLength(1);
  });

  test('when the text is long, then chunks are at most 2,500 units, overlap by 100, and cover it all', () => {
    const text = Array.from({ length: 6000 }, (_, i) => String.fromCharCode(0x4e00 + (i % 500))).join('');
    const chunks = splitForCheck(text);
    expect(chunks.map((chunk) => chunk.length)).toEqual([2500, 2500, 1200]);
    expect(chunks[1]?.slice(0, 100)).toBe(chunks[0]?.slice(-100));
    expect(chunks.map((chunk, i) => (i === 0 ? chunk : chunk.slice(100))).join('')).toBe(text);
  });

  test('when a surrogate pair sits on a boundary, then no chunk starts or ends inside it', () => {
    for (const offset of [2498, 2499, 2500, 4899, 4900]) {
      const text = `${'x'.repeat(offset)}${'😀'.repeat(40)}${'y'.repeat(3000)}`;
      const chunks = splitForCheck(text);
      expect(chunks.every(isWellFormed)).toBe(true);
      expect(chunks.every((chunk) => chunk.length <= 2500)).toBe(true);
    }
  });

  test('when the text is all emoji, then every chunk holds whole emoji and together they cover the text', () => {
    const text = '🚫'.repeat(4000);
    const chunks = splitForCheck(text);
    expect(chunks.every((chunk) => isWellFormed(chunk) && chunk.length % 2 === 0)).toBe(true);
    const covered = chunks.reduce((length, chunk) => length + chunk.length, 0) - 100 * (chunks.length - 1);
    expect(covered).toBe(text.length);
  });
});
