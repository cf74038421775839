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

/** Random bytes drawn in blocks: one system call per 256 ids instead of one per id. */
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

function encodeRandom(): string {
  if (offset + 16 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  let out = '';
  for (let i = 0; i < 16; i += 1) out += ALPHABET[(pool[offset + i] as number) % 32];
  offset += 16;
  return out;
}

export const ulidGenerator: IdGenerator = {
  next: (at) => encodeTime(at.getTime()) + encodeRandom(),
};
