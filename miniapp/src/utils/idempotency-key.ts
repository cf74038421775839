const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const RANDOM_CHARS = 20;

/**
 * A fresh Idempotency-Key (16–64 of [A-Za-z0-9_-]). The BFF scopes keys to the citizen, so time plus
 * Math.random is unique enough, and it exists on every platform (wx has no Web Crypto on older base libraries).
 */
export function newIdempotencyKey(): string {
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i += 1) random += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return `${Date.now().toString(36)}-${random}`;
}
