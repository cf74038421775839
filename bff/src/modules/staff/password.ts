import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Staff passwords: scrypt (memory-hard) from node:crypto. Stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`
 * (base64url), so the cost can be raised later and old hashes still verify.
 */
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

const optionsFor = (log2N: number, r = 8, p = 1): ScryptOptions => ({
  N: 2 ** log2N,
  r,
  p,
  maxmem: 256 * 2 ** log2N * r,
});

export async function hashPassword(password: string, costLog2: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, optionsFor(costLog2));
  return ['scrypt', costLog2, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !log2N || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    optionsFor(Number(log2N), Number(r), Number(p)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a stored hash is weaker than the configured cost, so a successful login can upgrade it. */
export function needsRehash(stored: string, costLog2: number): boolean {
  return Number(stored.split('$')[1]) < costLog2;
}
