import { In, LessThan, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { CaseStatus } from '@hotline/shared-types';
import { CaseEventEntity } from './case-event.entity';
import { CaseEntity } from './case.entity';

/** A case as the services see it: a plain object, never an ORM entity. */
export type CaseRecord = Omit<CaseEntity, never>;
export type CaseEventRecord = Omit<CaseEventEntity, never>;

const plain = <T extends object>(row: T): T => ({ ...row });

export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(manager: EntityManager, row: CaseRecord): Promise<void> {
    await manager.insert(CaseEntity, { ...row });
  }

  async findOwned(citizenId: string, id: string): Promise<CaseRecord | null> {
    const row = await this.dataSource.getRepository(CaseEntity).findOneBy({ id, citizenId });
    return row ? plain(row) : null;
  }

  async findByIdempotencyKey(citizenId: string, idempotencyKey: string): Promise<CaseRecord | null> {
    const row = await this.dataSource.getRepository(CaseEntity).findOneBy({ citizenId, idempotencyKey });
    return row ? plain(row) : null;
  }

  async listByCitizen(
    citizenId: string,
    filter: { beforeId?: string | undefined; statuses?: CaseStatus[] | undefined },
    limit: number,
  ): Promise<CaseRecord[]> {
    const where: FindOptionsWhere<CaseEntity> = { citizenId };
    if (filter.beforeId) where.id = LessThan(filter.beforeId);
    if (filter.statuses) where.status = In(filter.statuses);
    const rows = await this.dataSource.getRepository(CaseEntity).find({ where, order: { id: 'DESC' }, take: limit });
    return rows.map(plain);
  }

  async listAllByCitizen(manager: EntityManager, citizenId: string): Promise<CaseRecord[]> {
    return (await manager.find(CaseEntity, { where: { citizenId }, order: { id: 'ASC' } })).map(plain);
  }

  async countByCitizen(citizenId: string): Promise<number> {
    return this.dataSource.getRepository(CaseEntity).countBy({ citizenId });
  }

  async events(caseId: string, manager?: EntityManager): Promise<CaseEventRecord[]> {
    const repo = (manager ?? this.dataSource.manager).getRepository(CaseEventEntity);
    return (await repo.find({ where: { caseId }, order: { seq: 'ASC' } })).map(plain);
  }

  /** Appends to the timeline with the next sequence number of the case. */
  async appendEvent(manager: EntityManager, event: Omit<CaseEventRecord, 'seq'>): Promise<CaseEventRecord> {
    const last = await manager
      .getRepository(CaseEventEntity)
      .findOne({ where: { caseId: event.caseId }, order: { seq: 'DESC' }, select: { seq: true } });
    const row = { ...event, seq: (last?.seq ?? 0) + 1 };
    await manager.insert(CaseEventEntity, { ...row });
    return row;
  }

  /**
   * Applies a change only if nobody changed the case since `version` was read; false when someone did.
   */
  async updateIfVersion(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<CaseRecord>,
  ): Promise<boolean> {
    const result = await manager.update(CaseEntity, { id, version }, { ...changes, version: version + 1 });
    return (result.affected ?? 0) === 1;
  }

  async updateAll(manager: EntityManager, ids: string[], changes: Partial<CaseRecord>): Promise<void> {
    if (ids.length) await manager.update(CaseEntity, { id: In(ids) }, changes);
  }

  async listPendingRecheck(limit: number): Promise<CaseRecord[]> {
    const rows = await this.dataSource
      .getRepository(CaseEntity)
      .find({ where: { contentCheck: 'pending_recheck' }, order: { id: 'ASC' }, take: limit });
    return rows.map(plain);
  }
}
