import { createHash } from 'node:crypto';

/**
 * The phone number behind a getPhoneNumber code: `phone-13812345678` names it outright; any other code maps to
 * a stable mainland mobile number (11 digits, 13x–19x) derived from its hash.
 */
export function phoneNumberFor(code: string): string {
  const named = /^phone-(1\d{10})$/.exec(code)?.[1];
  if (named) return named;
  const digest = createHash('sha256').update(code).digest();
  const second = 3 + ((digest[0] ?? 0) % 7);
  const rest = (digest.readBigUInt64BE(1) % 1_000_000_000n).toString().padStart(9, '0');
  return `1${second}${rest}`;
}
