import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseStatus, CaseType } from '@hotline/shared-types';

/** A citizen's case (诉求/工单). The cases issue widens it with location, photos, contact and lifecycle. */
@Entity({ name: 'cases' })
@Index('idx_cases_citizen_id', ['citizenId', 'id'])
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 26 })
  citizenId!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: CaseType;

  @Column({ type: 'varchar', length: 16 })
  status!: CaseStatus;

  @Column({ type: 'varchar', length: 40 })
  title!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
