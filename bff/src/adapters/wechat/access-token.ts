import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../lib/clock';

/** A token fresh from WeChat. */
export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

/** Where fresh tokens come from: `cgi-bin/stable_token`, normal mode or force refresh. */
export interface TokenSource {
  issue(forceRefresh: boolean): Promise<IssuedToken>;
}

export interface StoredToken {
  value: string;
  /** From then on the token is renewed before use; until expiresAt it still serves if renewal fails. */
  refreshAt: Date;
  expiresAt: Date;
}

/**
 * Where the current token is kept, by key (the AppID). Every BFF instance must share one token: the database
 * store (modules/wechat-token) keeps it centrally and offers the renewal lease; the in-memory one serves one
 * process (unit tests).
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, token: StoredToken): Promise<void>;
  /** Takes the renewal lease of `key` until `until` unless another owner holds it; true when taken. */
  lockRenewal?(key: string, owner: string, now: Date, until: Date): Promise<boolean>;
  unlockRenewal?(key: string, owner: string): Promise<void>;
}

export class InMemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();

  async get(key: string): Promise<StoredToken | undefined> {
    return this.tokens.get(key);
  }

  async set(key: string, token: StoredToken): Promise<void> {
    this.tokens.set(key, token);
  }
}

export interface AccessTokenProviderOptions {
  /** The store key: the AppID the tokens belong to. */
  key: string;
  store?: TokenStore;
  clock?: Clock;
  /** Renew this long before expiry (at the latest halfway through the token's life). Default 300. */
  refreshMarginSeconds?: number;
  /** Who holds the renewal lease (this instance). Default: random. */
  owner?: string;
  /** How an instance that lost the renewal lease waits before looking for the winner's token. */
  pause?: (ms: number) => Promise<void>;
}

/** A renewal lease outlives a hung stable_token call; waiters look this many times, then renew themselves. */
const RENEWAL_LEASE_MS = 30_000;
const LOCK_WAITS = 40;
const LOCK_WAIT_MS = 50;

/**
 * The access token for WeChat's server API: cached, renewed before it expires, and fetched once however many
 * callers need it at the same time. The token itself is never logged nor put in an error message.
 */
export class AccessTokenProvider {
  private readonly store: TokenStore;
  private readonly clock: Clock;
  private readonly marginMs: number;
  private inFlight: Promise<string> | undefined;
  private readonly owner: string;
  private readonly pause: (ms: number) => Promise<void>;

  constructor(
    private readonly source: TokenSource,
    private readonly options: AccessTokenProviderOptions,
  ) {
    this.store = options.store ?? new InMemoryTokenStore();
    this.clock = options.clock ?? systemClock;
    this.marginMs = (options.refreshMarginSeconds ?? 300) * 1000;
    this.owner = options.owner ?? `token-${randomBytes(6).toString('hex')}`;
    this.pause = options.pause ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** A token to call WeChat with. If renewal fails while the cached token is still valid, that one is used. */
  async token(): Promise<string> {
    const stored = await this.store.get(this.options.key);
    if (stored && this.clock.now() < stored.refreshAt) return stored.value;
    try {
      return await this.singleFlight(() => this.renewShared(undefined, () => this.fetch(false)));
    } catch (error) {
      if (stored && this.clock.now() < stored.expiresAt) return stored.value;
      throw error;
    }
  }

  /**
   * A token other than `rejected`, which WeChat just refused (40001/42001). Asks normally first: another
   * instance may already have renewed it. Forces a refresh only when WeChat hands back the same token, because
   * force refresh invalidates the token for every instance and WeChat allows it only a few times a day.
   */
  async replace(rejected: string): Promise<string> {
    const stored = await this.store.get(this.options.key);
    if (stored && stored.value !== rejected && this.clock.now() < stored.refreshAt) return stored.value;
    const joined = this.inFlight && (await this.inFlight.catch(() => rejected));
    if (joined && joined !== rejected) return joined;
    return this.singleFlight(() =>
      this.renewShared(rejected, async () => {
        const renewed = await this.fetch(false);
        return renewed === rejected ? this.fetch(true) : renewed;
      }),
    );
  }

  /** A stored token other than `rejected` that needs no renewal yet, if another instance just put one there. */
  private async freshStored(rejected: string | undefined): Promise<string | undefined> {
    const stored = await this.store.get(this.options.key);
    return stored && stored.value !== rejected && this.clock.now() < stored.refreshAt ? stored.value : undefined;
  }

  /**
   * Renews under the store's lease, so of many instances only one calls WeChat; the others wait for its token.
   * If the holder seems stuck, a waiter renews anyway: normal-mode stable_token hands out the same token.
   */
  private async renewShared(rejected: string | undefined, renew: () => Promise<string>): Promise<string> {
    const { lockRenewal, unlockRenewal } = this.store;
    if (!lockRenewal || !unlockRenewal) return renew();
    const key = this.options.key;
    for (let wait = 0; wait < LOCK_WAITS; wait += 1) {
      const now = this.clock.now();
      if (await lockRenewal.call(this.store, key, this.owner, now, new Date(now.getTime() + RENEWAL_LEASE_MS))) {
        try {
          return (await this.freshStored(rejected)) ?? (await renew());
        } finally {
          await unlockRenewal.call(this.store, key, this.owner);
        }
      }
      await this.pause(LOCK_WAIT_MS);
      const renewed = await this.freshStored(rejected);
      if (renewed) return renewed;
    }
    return renew();
  }

  private singleFlight(work: () => Promise<string>): Promise<string> {
    this.inFlight ??= work().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetch(forceRefresh: boolean): Promise<string> {
    const issuedAt = this.clock.now().getTime();
    const issued = await this.source.issue(forceRefresh);
    const lifetimeMs = issued.expiresInSeconds * 1000;
    const renewAfterMs = Math.max(lifetimeMs - this.marginMs, lifetimeMs / 2);
    await this.store.set(this.options.key, {
      value: issued.accessToken,
      refreshAt: new Date(issuedAt + renewAfterMs),
      expiresAt: new Date(issuedAt + lifetimeMs),
    });
    return issued.accessToken;
  }
}
