import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The 12345 channel contract's request signing (§1), implemented from the contract's text alone, apart from
 * the BFF's adapter: two implementations that agree are the proof that the text is unambiguous.
 */
export const signatureHeaders = {
  keyId: 'X-Hotline-Key-Id',
  timestamp: 'X-Hotline-Timestamp',
  nonce: 'X-Hotline-Nonce',
  signature: 'X-Hotline-Signature',
} as const;

/** A timestamp further than this from the receiver's clock, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** A key id + nonce seen within this window is refused as a replay. */
export const REPLAY_WINDOW_SECONDS = 600;

export type SigningErrorCode = 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'STALE_REQUEST' | 'REPLAYED';

/** The raw body bytes; a string is taken as its UTF-8 encoding, undefined as the empty body of a GET. */
export type RawBody = string | Uint8Array | undefined;

/** A type alias, not an interface, so it also passes as a plain header record (to fetch, or back to verify). */
export type SignedHeaders = {
  'X-Hotline-Key-Id': string;
  'X-Hotline-Timestamp': string;
  'X-Hotline-Nonce': string;
  'X-Hotline-Signature': string;
};

export interface SignRequestInput {
  method: string;
  /** Path and query exactly as they go on the request line, e.g. `/api/channel/v1/updates?since=…&limit=100`. */
  path: string;
  body: RawBody;
  keyId: string;
  secret: string;
  now?: Date;
  nonce?: string;
}

export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyInput {
  method: string;
  /** Path and query exactly as received (Node's `req.url`). */
  path: string;
  body: RawBody;
  headers: HeaderSource;
  /** Every key the receiver accepts, by key id: during a rotation both the old and the new. */
  keys: Readonly<Record<string, string>>;
  now?: Date;
  /** Where nonces are remembered; without it the replay check is skipped. */
  nonces?: NonceCache;
}

export type Verdict = { ok: true; keyId: string } | { ok: false; code: SigningErrorCode; message: string };

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;
const TIMESTAMP_PATTERN = /^\d{1,12}$/;

export function sha256Hex(body: RawBody): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('hex');
}

/** The five lines of §1 joined by `\n`, no trailing newline. */
export function stringToSign(parts: {
  method: string;
  path: string;
  timestamp: string;
  nonce: string;
  body: RawBody;
}): string {
  return [parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, sha256Hex(parts.body)].join('\n');
}

export function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/** 24 URL-safe characters from 18 random bytes. */
export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function signRequest(input: SignRequestInput): SignedHeaders {
  const timestamp = String(Math.floor((input.now ?? new Date()).getTime() / 1000));
  const nonce = input.nonce ?? newNonce();
  const text = stringToSign({ method: input.method, path: input.path, timestamp, nonce, body: input.body });
  return {
    'X-Hotline-Key-Id': input.keyId,
    'X-Hotline-Timestamp': timestamp,
    'X-Hotline-Nonce': nonce,
    'X-Hotline-Signature': hmacHex(input.secret, text),
  };
}

/** One header's single value, whatever the case of its name; a repeated header counts as missing. */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted);
  const value = entry?.[1];
  return typeof value === 'string' ? value : undefined;
}

const refuse = (code: SigningErrorCode, message: string): Verdict => ({ ok: false, code, message });

/** Checks in the order of §1's table: key, signature, freshness, replay. Only an accepted nonce is remembered. */
export function verifySignedRequest(input: VerifyInput): Verdict {
  const keyId = headerValue(input.headers, signatureHeaders.keyId);
  const secret = keyId === undefined ? undefined : input.keys[keyId];
  if (keyId === undefined || secret === undefined) return refuse('UNKNOWN_KEY', `unknown key id ${keyId ?? '(none)'}`);

  const timestamp = headerValue(input.headers, signatureHeaders.timestamp);
  const nonce = headerValue(input.headers, signatureHeaders.nonce);
  const signature = headerValue(input.headers, signatureHeaders.signature);
  if (timestamp === undefined || nonce === undefined || signature === undefined) {
    return refuse('BAD_SIGNATURE', 'timestamp, nonce and signature headers are required');
  }
  if (!NONCE_PATTERN.test(nonce)) return refuse('BAD_SIGNATURE', 'nonce must be 16-64 characters [A-Za-z0-9_-]');
  if (!SIGNATURE_PATTERN.test(signature)) return refuse('BAD_SIGNATURE', 'signature must be 64 lower-case hex digits');
  const expected = hmacHex(secret, stringToSign({ ...input, timestamp, nonce }));
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(signature, 'hex'))) {
    return refuse('BAD_SIGNATURE', 'signature does not match');
  }

  const now = input.now ?? new Date();
  const skew = TIMESTAMP_PATTERN.test(timestamp) ? Math.abs(now.getTime() / 1000 - Number(timestamp)) : Infinity;
  if (skew > MAX_CLOCK_SKEW_SECONDS) {
    return refuse('STALE_REQUEST', `timestamp is more than ${MAX_CLOCK_SKEW_SECONDS} s from the receiver's clock`);
  }
  if (input.nonces && !input.nonces.accept(keyId, nonce, now)) {
    return refuse('REPLAYED', `nonce already seen within ${REPLAY_WINDOW_SECONDS} s`);
  }
  return { ok: true, keyId };
}

/** Key id + nonce pairs seen within the replay window; older ones are forgotten. */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowSeconds = REPLAY_WINDOW_SECONDS) {}

  /** True, and remembered, when the pair was not seen within the window. */
  accept(keyId: string, nonce: string, now: Date): boolean {
    const at = now.getTime();
    this.forgetBefore(at - this.windowSeconds * 1000);
    const key = `${keyId}\n${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, at);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Insertion order is time order (for one clock), so stale entries are at the front. */
  private forgetBefore(cutoff: number): void {
    for (const [key, at] of this.seen) {
      if (at >= cutoff) break;
      this.seen.delete(key);
    }
  }
}
