import { createHmac } from 'node:crypto';
import { issueToken, verifyToken, type TokenSettings } from '../auth/session-token';
import { Unauthenticated } from '../../lib/errors';

/**
 * Staff tokens are session tokens with their own key (derived from the citizen token secret, so no new secret
 * to manage) and audience `<audience>:staff`: a citizen token is refused on admin routes and vice versa. The
 * subject carries the account's token version, so logout, a password change or disabling ends every session.
 */
export function staffTokenSettings(citizen: TokenSettings, ttlSeconds: number): TokenSettings {
  return {
    secret: createHmac('sha256', citizen.secret).update('staff-token-v1').digest('base64url'),
    audience: `${citizen.audience}:staff`,
    ttlSeconds,
  };
}

export function issueStaffToken(settings: TokenSettings, staffId: string, tokenVersion: number, now: Date) {
  return issueToken(settings, `${staffId}:${tokenVersion}`, now);
}

export function verifyStaffToken(
  settings: TokenSettings,
  token: string,
  now: Date,
): { id: string; tokenVersion: number } {
  const subject = verifyToken(settings, token, now);
  const match = /^([0-9A-Z]{26}):(\d+)$/.exec(subject);
  if (!match?.[1] || !match[2]) throw new Unauthenticated('TOKEN_INVALID');
  return { id: match[1], tokenVersion: Number(match[2]) };
}
