import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { CitizenEntity } from './citizen.entity';

export interface CitizenRecord {
  id: string;
  openid: string;
  createdAt: Date;
}

const toRecord = (row: CitizenEntity): CitizenRecord => ({ id: row.id, openid: row.openid, createdAt: row.createdAt });

export class CitizenRepository {
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

  /** A citizen who has not deleted their account. */
  async findActive(id: string): Promise<CitizenRecord | null> {
    const row = await this.dataSource.getRepository(CitizenEntity).findOneBy({ id, deletedAt: IsNull() });
    return row ? toRecord(row) : null;
  }

  async markDeleted(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.update(CitizenEntity, { id }, { openid: `deleted:${id}`, unionid: null, deletedAt: at });
  }
}
