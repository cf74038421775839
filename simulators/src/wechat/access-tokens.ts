import { randomBytes } from 'node:crypto';
import type { SimulatorClock } from './clock';

export interface TokenPolicy {
  ttlSeconds: number;
  /** In normal mode a new token is issued this long before the current one expires (WeChat: 5 minutes). */
  earlyRenewSeconds: number;
}

export interface IssuedToken {
  access_token: string;
  expires_in: number;
}

/** Expired tokens are remembered this long so they answer 42001 (expired) rather than 40001 (unknown). */
const EXPIRED_MEMORY_MS = 24 * 3600 * 1000;

/** `cgi-bin/stable_token` semantics: one current token per app; force refresh revokes the previous one. */
export class AccessTokenIssuer {
  private readonly expiries = new Map<string, number>();
  private current: { value: string; expiresAt: number } | undefined;

  constructor(
    private readonly clock: SimulatorClock,
    private readonly policy: TokenPolicy,
  ) {}

  issue(forceRefresh: boolean): IssuedToken {
    const now = this.clock.now().getTime();
    if (forceRefresh) this.revokeAll();
    const current = this.current;
    if (current && current.expiresAt - now > this.policy.earlyRenewSeconds * 1000) {
      return { access_token: current.value, expires_in: Math.floor((current.expiresAt - now) / 1000) };
    }
    this.forgetLongExpired(now);
    const value = randomBytes(48).toString('base64url');
    const expiresAt = now + this.policy.ttlSeconds * 1000;
    this.expiries.set(value, expiresAt);
    this.current = { value, expiresAt };
    return { access_token: value, expires_in: this.policy.ttlSeconds };
  }

  /** The errcode WeChat answers for this access_token, or undefined when the token is good. */
  check(token: unknown): number | undefined {
    if (typeof token !== 'string' || token === '') return 41001;
    const expiresAt = this.expiries.get(token);
    if (expiresAt === undefined) return 40001;
    return this.clock.now().getTime() >= expiresAt ? 42001 : undefined;
  }

  /** As after a force refresh elsewhere (another instance) or a reset AppSecret: every token answers 40001. */
  revokeAll(): void {
    this.expiries.clear();
    this.current = undefined;
  }

  private forgetLongExpired(now: number): void {
    for (const [value, expiresAt] of this.expiries) {
      if (now - expiresAt > EXPIRED_MEMORY_MS) this.expiries.delete(value);
    }
  }
}
