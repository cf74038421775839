import type { DataSource } from 'typeorm';
import { CitizenEntity } from './citizen.entity';

export interface CitizenRecord {
  id: string;
  openid: string;
}

export class CitizenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The citizen with this openid, created on first sign-in. Two first sign-ins racing are settled by the
   * unique openid: the loser reads the winner's row.
   */
  async findOrCreate(openid: string, unionid: string | undefined, create: () => CitizenEntity): Promise<CitizenRecord> {
    const repo = this.dataSource.getRepository(CitizenEntity);
    const existing = await repo.findOneBy({ openid });
    if (existing) return { id: existing.id, openid: existing.openid };
    const fresh = create();
    fresh.openid = openid;
    fresh.unionid = unionid ?? null;
    try {
      await repo.insert(fresh);
      return { id: fresh.id, openid };
    } catch (error) {
      const winner = await repo.findOneBy({ openid });
      if (winner) return { id: winner.id, openid: winner.openid };
      throw error;
    }
  }
}
