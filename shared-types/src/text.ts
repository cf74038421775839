import { z } from 'zod';

/** A surrogate pair, or a surrogate half without its other half (no keyboard produces one): keep only pairs. */
const SURROGATES = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;
/** Control characters (Unicode Cc); tab and line feed are kept, line breaks having been made \n first. */
const CONTROL = /\p{Cc}/gu;
/**
 * Invisible format characters (Unicode Cf): bidi overrides and isolates (U+202A–202E, U+2066–2069), zero-width
 * spaces, word joiners, the byte-order mark, tags… The zero-width joiner stays where it joins an emoji (👨‍👩‍👧).
 */
const FORMAT = /(\u200D)(?=\p{Extended_Pictographic})|\p{Cf}/gu;

/**
 * Text as a person typed it: NFC-normalised, line breaks as \n, and without what no person types — lone
 * surrogates, control characters, bidi overrides, zero-width characters. Names, titles and content are
 * stored only after this, so a name cannot read backwards on a staff screen or be made of nothing visible.
 */
export function cleanText(text: string): string {
  return text
    .replace(SURROGATES, (match) => (match.length === 2 ? match : ''))
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(CONTROL, (c) => (c === '\t' || c === '\n' ? c : ''))
    .replace(FORMAT, (_match, joiner?: string) => joiner ?? '');
}

/** A string a person writes: cleaned as above, then trimmed, so what is empty afterwards fails `min`. */
export const personText = (params?: Parameters<typeof z.string>[0]) => z.string(params).overwrite(cleanText).trim();
