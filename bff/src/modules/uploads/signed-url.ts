import { createHmac, timingSafeEqual } from 'node:crypto';
import { photoUrlOf } from '@hotline/shared-types';
import { Forbidden } from '../../lib/errors';

/**
 * Expiring links to one photo for readers without a citizen session (WeChat's content check, staff):
 * `/api/v1/photos/<id>/signed?exp=<unix seconds>&sig=<hex HMAC-SHA256 of "<id>.<exp>">`. The key is derived
 * from the session-token secret under its own label, so a link signature can never pass as a token's.
 */
export class PhotoLinkSigner {
  private readonly key: Buffer;

  constructor(
    tokenSecret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = createHmac('sha256', tokenSecret).update('hotline/photo-link/v1').digest();
  }

  pathFor(id: string, now: Date): string {
    const exp = Math.floor(now.getTime() / 1000) + this.ttlSeconds;
    return `${photoUrlOf(id)}/signed?exp=${exp}&sig=${this.signature(id, exp).toString('hex')}`;
  }

  /** When a link made at `from` stops working. */
  expiresAt(from: Date): Date {
    return new Date(from.getTime() + this.ttlSeconds * 1000);
  }

  /** Throws 403 FORBIDDEN for a link that is malformed, tampered with or expired. */
  verify(id: string, exp: unknown, sig: unknown, now: Date): void {
    const expiry = typeof exp === 'string' && /^\d{1,12}$/.test(exp) ? Number(exp) : NaN;
    const given = typeof sig === 'string' && /^[0-9a-f]{64}$/.test(sig) ? Buffer.from(sig, 'hex') : undefined;
    if (!given || !Number.isSafeInteger(expiry) || !timingSafeEqual(given, this.signature(id, expiry))) {
      throw new Forbidden('FORBIDDEN', '链接无效');
    }
    if (expiry * 1000 <= now.getTime()) throw new Forbidden('FORBIDDEN', '链接已过期');
  }

  private signature(id: string, exp: number): Buffer {
    return createHmac('sha256', this.key).update(`${id}.${exp}`).digest();
  }
}
