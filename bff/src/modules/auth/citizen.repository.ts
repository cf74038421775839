import type { DataSource, EntityManager } from 'typeorm';
import { readDate } from '../../db/sql';
import { CitizenEntity } from './citizen.entity';

export interface CitizenRecord {
  id: string;
  openid: string;
  createdAt: Date;
}

const toRecord = (row: CitizenEntity): CitizenRecord => ({ id: row.id, openid: row.openid, createdAt: row.createdAt });

/**
 * How long a positive "this account is active" answer is reused. Every authenticated request needs it; a
 * deletion invalidates it here at once, and on other instances within this many milliseconds.
 */
const ACTIVE_CACHE_MS = 5000;
const ACTIVE_CACHE_MAX = 50_000;

export class CitizenRepository {
  private readonly active = new Map<string, { record: CitizenRecord; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The citizen with this openid, created on first sign-in. Two first sign-ins racing are settled by the
   * unique openid: the loser reads the winner's row.
   */
  async findOrCreate(openid: string, unionid: string | undefined, create: () => CitizenEntity): Promise<CitizenRecord> {
    const repo = this.dataSource.getRepository(CitizenEntity);
    const existing = await repo.findOneBy({ openid });
    if (existing) return toRecord(existing);
    const fresh = create();
    fresh.openid = openid;
    fresh.unionid = unionid ?? null;
    fresh.deletedAt = null;
    try {
      await repo.insert(fresh);
      return toRecord(fresh);
    } catch (error) {
      const winner = await repo.findOneBy({ openid });
      if (winner) return toRecord(winner);
      throw error;
    }
  }

  /** A citizen who has not deleted their account (plain SQL: it runs on every authenticated request). */
  async findActive(id: string): Promise<CitizenRecord | null> {
    const now = performance.now();
    const cached = this.active.get(id);
    if (cached && cached.until > now) return cached.record;
    const rows: { id: string; openid: string; created_at: unknown }[] = await this.dataSource.query(
      'SELECT id, openid, created_at FROM citizens WHERE id = ? AND deleted_at IS NULL',
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const record = { id: row.id, openid: row.openid, createdAt: readDate(row.created_at) };
    if (this.active.size >= ACTIVE_CACHE_MAX) this.active.clear();
    this.active.set(id, { record, until: now + ACTIVE_CACHE_MS });
    return record;
  }

  async markDeleted(manager: EntityManager, id: string, at: Date): Promise<void> {
    this.active.delete(id);
    await manager.update(CitizenEntity, { id }, { openid: `deleted:${id}`, unionid: null, deletedAt: at });
  }
}
