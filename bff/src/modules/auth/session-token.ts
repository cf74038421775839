import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, Unauthenticated } from '../../lib/errors';

/**
 * Citizen session tokens: `v1.<payload>.<signature>`, HMAC-SHA256 over the payload with the configured secret.
 * The payload names the citizen, the expiry and the environment (audience), so a token from another
 * deployment is refused even if it was signed with a leaked key of that deployment.
 */
interface Payload {
  sub: string;
  aud: string;
  exp: number;
}

export interface TokenSettings {
  secret: string;
  audience: string;
  ttlSeconds: number;
}

const sign = (secret: string, data: string): Buffer => createHmac('sha256', secret).update(data).digest();

export function issueToken(settings: TokenSettings, citizenId: string, now: Date): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + settings.ttlSeconds * 1000);
  const payload: Payload = { sub: citizenId, aud: settings.audience, exp: Math.floor(expiresAt.getTime() / 1000) };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = sign(settings.secret, `v1.${encoded}`).toString('base64url');
  return { token: `v1.${encoded}.${signature}`, expiresAt };
}

/** Returns the citizen id of a valid token; throws 401 with a precise code otherwise. */
export function verifyToken(settings: TokenSettings, token: string, now: Date): string {
  const invalid = (): DomainError => new Unauthenticated('TOKEN_INVALID');
  const [version, encoded, signature, ...rest] = token.split('.');
  if (version !== 'v1' || !encoded || !signature || rest.length > 0) throw invalid();
  const expected = sign(settings.secret, `v1.${encoded}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let payload: Partial<Payload>;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Partial<Payload>;
  } catch {
    throw invalid();
  }
  if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || payload.aud !== settings.audience) {
    throw invalid();
  }
  if (payload.exp * 1000 <= now.getTime()) throw new Unauthenticated('TOKEN_EXPIRED');
  return payload.sub;
}
