import type { CaseStatus, CaseType } from '@hotline/shared-types';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ContentCheck = 'pass' | 'review' | 'pending_recheck';

/** A citizen's case (诉求/工单). Contact data is stored encrypted; see lib/pii.ts. */
@Entity({ name: 'cases' })
@Index('idx_cases_citizen_id', ['citizenId', 'id'])
@Index('uq_cases_citizen_idempotency', ['citizenId', 'idempotencyKey'], { unique: true })
@Index('idx_cases_status', ['status', 'id'])
@Index('idx_cases_phone_hash', ['contactPhoneHash'])
@Index('idx_cases_unit', ['handlingUnit', 'id'])
@Index('idx_cases_due', ['dueAt'])
@Index('idx_cases_closed', ['closedAt'])
// The queue's due-date order and overdue filter, the figures' fold and live parts, the content re-check job.
@Index('idx_cases_status_due', ['status', 'dueAt'])
@Index('idx_cases_updated', ['updatedAt', 'id'])
@Index('idx_cases_dispatched', ['dispatchedAt'])
@Index('idx_cases_content_check', ['contentCheck', 'id'])
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 26 })
  citizenId!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey!: string;

  /** SHA-256 of the canonical request, to tell a retry from a different submission with a reused key. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: CaseType;

  @Column({ type: 'varchar', length: 32 })
  category!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CaseStatus;

  @Column({ type: 'varchar', length: 60 })
  title!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ name: 'location_address', type: 'varchar', length: 200, nullable: true })
  locationAddress!: string | null;

  @Column({ type: 'double', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double', nullable: true })
  longitude!: number | null;

  @Column({ name: 'region_code', type: 'varchar', length: 32, nullable: true })
  regionCode!: string | null;

  @Column({ name: 'contact_name_enc', type: 'text', nullable: true })
  contactNameEnc!: string | null;

  @Column({ name: 'contact_phone_enc', type: 'text', nullable: true })
  contactPhoneEnc!: string | null;

  @Column({ name: 'contact_phone_hash', type: 'varchar', length: 64, nullable: true })
  contactPhoneHash!: string | null;

  @Column({ type: 'boolean', default: false })
  anonymous!: boolean;

  @Column({ type: 'boolean', default: false })
  confidential!: boolean;

  @Column({ name: 'content_check', type: 'varchar', length: 16 })
  contentCheck!: ContentCheck;

  @Column({ name: 'content_trace_id', type: 'varchar', length: 64, nullable: true })
  contentTraceId!: string | null;

  @Column({ name: 'ticket_no', type: 'varchar', length: 64, nullable: true, unique: true })
  ticketNo!: string | null;

  @Column({ name: 'handling_unit', type: 'varchar', length: 100, nullable: true })
  handlingUnit!: string | null;

  @Column({ name: 'due_at', type: 'datetime', precision: 3, nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;

  /** First dispatch to a handling unit (派单) and the unit's signing for it (签收): 及时签收率. */
  @Column({ name: 'dispatched_at', type: 'datetime', precision: 3, nullable: true })
  dispatchedAt!: Date | null;

  @Column({ name: 'signed_at', type: 'datetime', precision: 3, nullable: true })
  signedAt!: Date | null;

  /** The citizen's rating (满意 / 基本满意 / 不满意) and when it was given: 满意率. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  rating!: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;

  @Column({ name: 'rated_at', type: 'datetime', precision: 3, nullable: true })
  ratedAt!: Date | null;

  /** Needs a follow-up call (回访), e.g. after an unsatisfied rating, until staff record one. */
  @Column({ name: 'follow_up', type: 'boolean', default: false })
  followUp!: boolean;

  @Column({ type: 'boolean', default: false })
  supervised!: boolean;

  @Column({ type: 'boolean', default: false })
  urged!: boolean;

  /** Highest hotline event sequence applied: an older event never overwrites a newer state. */
  @Column({ name: 'last_hotline_seq', type: 'int', default: 0 })
  lastHotlineSeq!: number;

  /** Optimistic concurrency: every change bumps it, and a writer holding an older version loses. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
