import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who read or did what to personal data or cases. Append-only. */
@Entity({ name: 'audit_log' })
@Index('idx_audit_subject', ['subjectType', 'subjectId'])
@Index('idx_audit_actor', ['actorType', 'actorId'])
export class AuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType!: 'citizen' | 'staff' | 'system';

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ type: 'varchar', length: 48 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
