import { createHash, randomInt } from 'node:crypto';

/** Where WeChat pushes messages and events: the mini-program's configured server URL and Token. */
export interface PushTarget {
  url: string;
  token: string;
}

/** One push attempt, for tests and demos to inspect: the HTTP status, or why it did not arrive. */
export interface PushDelivery {
  traceId: string;
  at: Date;
  status?: number;
  error?: string;
}

/** WeChat waits this long for the developer's server to answer a push. */
const PUSH_TIMEOUT_MS = 5000;

/** SHA-1 (hex) of token, timestamp and nonce sorted lexicographically and concatenated, as WeChat signs. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/** The target URL with the `signature`, `timestamp` and `nonce` query parameters WeChat adds to a push. */
export function signedPushUrl(target: PushTarget, now: Date): URL {
  const url = new URL(target.url);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = String(randomInt(100_000_000, 2_147_483_647));
  url.searchParams.set('signature', pushSignature(target.token, timestamp, nonce));
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  return url;
}

/** POSTs a JSON event (plaintext mode, JSON data format) and reports how it went; never throws. */
export async function deliverPush(
  target: PushTarget,
  event: Record<string, unknown>,
  now: Date,
  signal: AbortSignal,
): Promise<{ status?: number; error?: string }> {
  try {
    const response = await fetch(signedPushUrl(target, now), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
      signal: AbortSignal.any([signal, AbortSignal.timeout(PUSH_TIMEOUT_MS)]),
    });
    await response.arrayBuffer();
    return { status: response.status };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
