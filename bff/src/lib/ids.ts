import { randomBytes } from 'node:crypto';

/** Crockford base32, as used by ULIDs: no I, L, O, U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface IdGenerator {
  /** A 26-character id that sorts by creation time and cannot be guessed from its neighbours. */
  next(at: Date): string;
}

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i += 1) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** 80 random bits as 16 base32 characters (a byte modulo 32 keeps its five low bits: no bias). */
function encodeRandom(): string {
  let out = '';
  for (const byte of randomBytes(16)) out += ALPHABET[byte % 32];
  return out;
}

export const ulidGenerator: IdGenerator = {
  next: (at) => encodeTime(at.getTime()) + encodeRandom(),
};
