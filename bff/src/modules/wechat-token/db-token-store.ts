import type { DataSource } from 'typeorm';
import type { StoredToken, TokenStore } from '../../adapters/wechat/access-token';
import { execute, isUniqueViolation, readDate, sqlDate } from '../../db/sql';
import type { Clock } from '../../lib/clock';
import type { PiiCipher } from '../../lib/pii';

/**
 * The access token kept in the database, shared by every instance: encrypted with the personal-data key (a
 * database dump does not hand out API access), never logged. The renewal lease is a row-level compare-and-set.
 */
export class DbTokenStore implements TokenStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async get(key: string): Promise<StoredToken | undefined> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      'SELECT token_enc, refresh_at, expires_at FROM wechat_access_tokens WHERE app_id = ?',
      [key],
    );
    const row = rows[0];
    if (!row || row.token_enc === null || row.token_enc === undefined) return undefined;
    return {
      value: this.cipher.decrypt(String(row.token_enc)),
      refreshAt: readDate(row.refresh_at),
      expiresAt: readDate(row.expires_at),
    };
  }

  async set(key: string, token: StoredToken): Promise<void> {
    await this.ensureRow(key);
    await this.dataSource.query(
      'UPDATE wechat_access_tokens SET token_enc = ?, refresh_at = ?, expires_at = ?, updated_at = ? WHERE app_id = ?',
      [
        this.cipher.encrypt(token.value),
        sqlDate(token.refreshAt),
        sqlDate(token.expiresAt),
        sqlDate(this.clock.now()),
        key,
      ],
    );
  }

  async lockRenewal(key: string, owner: string, now: Date, until: Date): Promise<boolean> {
    await this.ensureRow(key);
    const taken = await execute(
      this.dataSource.manager,
      `UPDATE wechat_access_tokens SET lock_owner = ?, lock_until = ?
        WHERE app_id = ? AND (lock_owner IS NULL OR lock_until < ? OR lock_owner = ?)`,
      [owner, sqlDate(until), key, sqlDate(now), owner],
    );
    return taken === 1;
  }

  async unlockRenewal(key: string, owner: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE wechat_access_tokens SET lock_owner = NULL, lock_until = NULL WHERE app_id = ? AND lock_owner = ?',
      [key, owner],
    );
  }

  private async ensureRow(key: string): Promise<void> {
    try {
      await this.dataSource.query(
        `INSERT INTO wechat_access_tokens (app_id, updated_at) SELECT ?, ? WHERE NOT EXISTS
          (SELECT 1 FROM wechat_access_tokens WHERE app_id = ?)`,
        [key, sqlDate(this.clock.now()), key],
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
