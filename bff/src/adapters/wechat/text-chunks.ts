import type { ContentSuggest } from './wechat-api';

/** msg_sec_check accepts at most 2,500 characters; counted here in UTF-16 units, which is never more. */
export const MSG_SEC_CHECK_MAX_CHARS = 2500;

/** Consecutive chunks share this many characters, so a word across a boundary is still seen whole. */
export const CHUNK_OVERLAP = 100;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Whether cutting at `index` would separate the two halves of a surrogate pair (one emoji, say). */
const splitsPair = (text: string, index: number): boolean =>
  index > 0 && isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));

function chunkEnd(text: string, start: number, max: number): number {
  const end = Math.min(start + max, text.length);
  return splitsPair(text, end) ? end - 1 : end;
}

/** Text in overlapping chunks of at most `max` UTF-16 units, never cut inside a surrogate pair. */
export function splitForCheck(
  text: string,
  max = MSG_SEC_CHECK_MAX_CHARS,
  overlap = CHUNK_OVERLAP,
): [string, ...string[]] {
  if (max <= overlap + 2) throw new RangeError('chunks must be longer than their overlap');
  let end = chunkEnd(text, 0, max);
  const chunks: [string, ...string[]] = [text.slice(0, end)];
  while (end < text.length) {
    const start = splitsPair(text, end - overlap) ? end - overlap - 1 : end - overlap;
    end = chunkEnd(text, start, max);
    chunks.push(text.slice(start, end));
  }
  return chunks;
}

const severity: Readonly<Record<ContentSuggest, number>> = { pass: 0, review: 1, risky: 2 };

export const isWorse = (candidate: ContentSuggest, than: ContentSuggest): boolean =>
  severity[candidate] > severity[than];
