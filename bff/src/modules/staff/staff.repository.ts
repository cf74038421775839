import type { DataSource, EntityManager } from 'typeorm';
import { StaffEntity } from './staff.entity';

export type StaffRecord = Omit<StaffEntity, never>;

const plain = (row: StaffEntity): StaffRecord => ({ ...row });

export class StaffRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<StaffRecord | null> {
    const row = await this.dataSource.getRepository(StaffEntity).findOneBy({ id });
    return row ? plain(row) : null;
  }

  async findByUsername(username: string): Promise<StaffRecord | null> {
    const row = await this.dataSource.getRepository(StaffEntity).findOneBy({ username });
    return row ? plain(row) : null;
  }

  async list(): Promise<StaffRecord[]> {
    return (await this.dataSource.getRepository(StaffEntity).find({ order: { username: 'ASC' } })).map(plain);
  }

  async insert(manager: EntityManager, row: StaffRecord): Promise<void> {
    await manager.insert(StaffEntity, { ...row });
  }

  async update(manager: EntityManager | null, id: string, changes: Partial<StaffRecord>): Promise<void> {
    await (manager ?? this.dataSource.manager).update(StaffEntity, { id }, changes);
  }

  /** Counts one more failed login atomically (two wrong passwords at once both count); answers the new count. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
