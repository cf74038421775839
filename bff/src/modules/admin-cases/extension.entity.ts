import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ExtensionState = 'pending' | 'approved' | 'rejected';

/** An extension (延期) a handler asked for; a dispatcher approves or rejects it. */
@Entity({ name: 'case_extensions' })
@Index('idx_case_extensions_case', ['caseId', 'requestedAt'])
export class ExtensionEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 26 })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: ExtensionState;

  @Column({ name: 'requested_due_at', type: 'datetime', precision: 3 })
  requestedDueAt!: Date;

  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @Column({ name: 'requested_by', type: 'varchar', length: 26 })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt!: Date;

  @Column({ name: 'decided_by', type: 'varchar', length: 26, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_note', type: 'varchar', length: 200, nullable: true })
  decisionNote!: string | null;
}
