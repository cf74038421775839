import type { CaseStatus, EventSource } from '@hotline/shared-types';
import type { JsonRecord } from '../../lib/json';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One entry of a case's timeline. Append-only: rows are inserted, never updated or deleted. */
@Entity({ name: 'case_events' })
@Index('uq_case_events_seq', ['caseId', 'seq'], { unique: true })
export class CaseEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 26 })
  caseId!: string;

  /** 1, 2, 3… per case; the unique index makes two concurrent appends collide instead of interleave. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 16 })
  source!: EventSource;

  /** Who, within the source: a staff account, the hotline's event id, … (never personal data). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actor!: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: CaseStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16, nullable: true })
  toStatus!: CaseStatus | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  unit!: string | null;

  /** Text the citizen may read (a reply, a reason). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  data!: JsonRecord | null;
}
