import type { JsonRecord } from '../../lib/json';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Work to send to the 12345 hotline, written in the same transaction as the change it carries, so a case the
 * citizen was told about can never be lost. The forwarding worker claims rows with a lease.
 */
@Entity({ name: 'hotline_outbox' })
@Index('idx_outbox_due', ['state', 'nextAttemptAt'])
@Index('idx_outbox_case', ['caseId', 'seq'])
export class OutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 26 })
  caseId!: string;

  /** Order of this case's messages: a later one is never sent before an earlier one. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** Sent with every attempt so the hotline answers a retry with what it did the first time. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 64, unique: true })
  idempotencyKey!: string;

  @Column({ type: 'simple-json' })
  payload!: JsonRecord;

  /** pending: to send; held: waiting for staff (content review); sent; failed: permanent refusal. */
  @Column({ type: 'varchar', length: 16 })
  state!: string;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt!: Date;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
