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

function encodeRandom(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i += 1) out += ALPHABET[(bytes[i] as number) % 32];
  return out;
}

export const ulidGenerator: IdGenerator = {
  next: (at) => encodeTime(at.getTime()) + encodeRandom(),
};
