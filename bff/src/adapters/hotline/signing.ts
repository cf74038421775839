import { createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Request signing of the 12345 channel contract (docs/hotline-contract.md §1), both directions:
 * HMAC-SHA256 over method, path with query, timestamp, nonce and the body's SHA-256, with a key id so keys rotate.
 */
export const SIGNATURE_HEADERS = {
  keyId: 'x-hotline-key-id',
  timestamp: 'x-hotline-timestamp',
  nonce: 'x-hotline-nonce',
  signature: 'x-hotline-signature',
} as const;

export const MAX_SKEW_SECONDS = 300;
export const NONCE_MEMORY_SECONDS = 600;

export function stringToSign(
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: Buffer | string,
): string {
  const bodyHash = hash('sha256', body, 'hex');
  return [method.toUpperCase(), path, timestamp, nonce, bodyHash].join('\n');
}

export function signRequest(input: {
  method: string;
  path: string;
  body: Buffer | string;
  keyId: string;
  secret: string;
  now: Date;
}): Record<string, string> {
  const timestamp = String(Math.floor(input.now.getTime() / 1000));
  const nonce = randomBytes(18).toString('base64url');
  const signature = createHmac('sha256', input.secret)
    .update(stringToSign(input.method, input.path, timestamp, nonce, input.body))
    .digest('hex');
  return {
    [SIGNATURE_HEADERS.keyId]: input.keyId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}

/** Remembers nonces for the replay window; `remember` is false when the nonce was already there. */
export interface NonceStore {
  remember(key: string, nowMs: number, expiresAt: number): Promise<boolean>;
}

export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();

  async remember(key: string, now: number, expiresAt: number): Promise<boolean> {
    if (this.seen.size > 100_000) for (const [k, until] of this.seen) if (until < now) this.seen.delete(k);
    const until = this.seen.get(key);
    if (until !== undefined && until >= now) return false;
    this.seen.set(key, expiresAt);
    return true;
  }
}

export type VerifyFailure = 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'STALE_REQUEST' | 'REPLAYED';

export async function verifyRequest(input: {
  method: string;
  path: string;
  body: Buffer | string;
  headers: Record<string, string | string[] | undefined>;
  keys: Readonly<Record<string, string>>;
  nonces: NonceStore;
  now: Date;
}): Promise<{ ok: true; keyId: string } | { ok: false; code: VerifyFailure }> {
  const header = (name: string): string => {
    const value = input.headers[name];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  };
  const keyId = header(SIGNATURE_HEADERS.keyId);
  const timestamp = header(SIGNATURE_HEADERS.timestamp);
  const nonce = header(SIGNATURE_HEADERS.nonce);
  const signature = header(SIGNATURE_HEADERS.signature);
  const secret = Object.hasOwn(input.keys, keyId) ? input.keys[keyId] : undefined;
  if (!secret) return { ok: false, code: 'UNKNOWN_KEY' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !/^[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, code: 'BAD_SIGNATURE' };
  }
  const expected = createHmac('sha256', secret)
    .update(stringToSign(input.method, input.path, timestamp, nonce, input.body))
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, code: 'BAD_SIGNATURE' };
  if (Math.abs(input.now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS)
    return { ok: false, code: 'STALE_REQUEST' };
  const fresh = await input.nonces.remember(
    `${keyId}:${nonce}`,
    input.now.getTime(),
    input.now.getTime() + NONCE_MEMORY_SECONDS * 1000,
  );
  if (!fresh) return { ok: false, code: 'REPLAYED' };
  return { ok: true, keyId };
}
