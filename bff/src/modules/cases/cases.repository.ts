import { LessThan, type DataSource } from 'typeorm';
import type { CaseSummary } from '@hotline/shared-types';
import { CaseEntity } from './case.entity';

function toSummary(row: CaseEntity): CaseSummary {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    title: row.title,
    content: row.content,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(row: CaseEntity): Promise<CaseSummary> {
    await this.dataSource.getRepository(CaseEntity).insert(row);
    return toSummary(row);
  }

  /** One page of a citizen's cases, newest first; ids sort by creation time. */
  async listByCitizen(citizenId: string, beforeId: string | undefined, limit: number): Promise<CaseSummary[]> {
    const rows = await this.dataSource.getRepository(CaseEntity).find({
      where: beforeId ? { citizenId, id: LessThan(beforeId) } : { citizenId },
      order: { id: 'DESC' },
      take: limit,
    });
    return rows.map(toSummary);
  }
}
