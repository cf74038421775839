import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { systemClock, type Clock } from '../../lib/clock';
import { labelSchema, suggestSchema } from './schemas';
import type { ContentSuggest } from './wechat-api';

/**
 * Message push: the requests WeChat sends to the BFF (the server URL configured in the mini-program admin,
 * plaintext or compatible mode, JSON format). Each carries `signature`, `timestamp` and `nonce` in the query.
 */
export interface PushQuery {
  signature: string;
  timestamp: string;
  nonce: string;
}

export type PushRefusal = 'malformed' | 'bad-signature' | 'stale' | 'replayed';
export type PushVerdict = { ok: true } | { ok: false; reason: PushRefusal };

/**
 * Remembers the pushes already accepted, so a captured push replayed within the window is refused. A shared
 * implementation (Redis SET NX with expiry) must make remember() atomic across instances.
 */
export interface NonceCache {
  /** Keeps `key` until `expiresAt`; false when it is already kept, i.e. the push is a replay. */
  remember(key: string, expiresAt: Date): Promise<boolean>;
}

export class InMemoryNonceCache implements NonceCache {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly clock: Clock = systemClock) {}

  async remember(key: string, expiresAt: Date): Promise<boolean> {
    const now = this.clock.now().getTime();
    for (const [kept, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(kept);
    if (this.expiries.has(key)) return false;
    this.expiries.set(key, expiresAt.getTime());
    return true;
  }
}

export interface PushVerifyOptions {
  clock?: Clock;
  /** Pushes whose timestamp is further than this from now, either way, are refused. Default 300. */
  windowSeconds?: number;
  /** Without one, replays within the window are not detected: give the route a long-lived cache. */
  nonces?: NonceCache;
}

/** SHA-1 (hex) of the push Token, timestamp and nonce, sorted and concatenated: WeChat's push signature. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

const wellFormed = (query: PushQuery): boolean =>
  /^[0-9a-f]{40}$/i.test(query.signature) && /^\d{1,12}$/.test(query.timestamp) && /^[\w-]{1,64}$/.test(query.nonce);

/**
 * Whether a push really comes from WeChat and is not a replay: the signature (compared in constant time), the
 * timestamp within the window, and, with a nonce cache, the timestamp and nonce not seen before.
 */
export async function verifyPushSignature(
  token: string,
  query: PushQuery,
  options: PushVerifyOptions = {},
): Promise<PushVerdict> {
  if (token === '') throw new Error('the push Token is not configured');
  if (!wellFormed(query)) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(pushSignature(token, query.timestamp, query.nonce));
  if (!timingSafeEqual(expected, Buffer.from(query.signature.toLowerCase()))) {
    return { ok: false, reason: 'bad-signature' };
  }
  const windowMs = (options.windowSeconds ?? 300) * 1000;
  const sentAt = Number(query.timestamp) * 1000;
  if (Math.abs((options.clock ?? systemClock).now().getTime() - sentAt) > windowMs) {
    return { ok: false, reason: 'stale' };
  }
  const fresh = await options.nonces?.remember(`${query.timestamp}:${query.nonce}`, new Date(sentAt + windowMs));
  return fresh === false ? { ok: false, reason: 'replayed' } : { ok: true };
}

const mediaCheckEventSchema = z.object({
  Event: z.literal('wxa_media_check'),
  appid: z.string().min(1),
  trace_id: z.string().min(1),
  version: z.union([z.literal(2), z.literal('2')]),
  result: z.object({ suggest: suggestSchema, label: labelSchema }),
  detail: z.array(z.record(z.string(), z.unknown())).optional(),
});

/** The verdict of a media_check_async request, matched to it by traceId. */
export interface MediaCheckResult {
  traceId: string;
  suggest: ContentSuggest;
  label: number;
}

/**
 * Reads a `wxa_media_check` push event. Anything else, including WeChat's result-less event for media it could
 * not download (errcode -1008), is null.
 */
export function parseMediaCheckEvent(body: unknown): MediaCheckResult | null {
  const parsed = mediaCheckEventSchema.safeParse(body);
  if (!parsed.success) return null;
  const { trace_id: traceId, result } = parsed.data;
  return { traceId, suggest: result.suggest, label: result.label };
}
