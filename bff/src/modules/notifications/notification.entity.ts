import type { JsonRecord } from '../../lib/json';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One answer of `wx.requestSubscribeMessage` for one template. An `accept` is a grant: WeChat lets exactly one
 * message through for it, so it is spent by exactly one send (spent_at, message_id), never twice.
 */
@Entity({ name: 'subscription_grants' })
@Index('idx_grants_available', ['citizenId', 'templateId', 'spentAt'])
export class SubscriptionGrantEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 26 })
  citizenId!: string;

  @Column({ name: 'template_id', type: 'varchar', length: 128 })
  templateId!: string;

  /** accepted / result / survey, from configuration when the grant was reported. */
  @Column({ type: 'varchar', length: 16 })
  purpose!: string;

  /** The case it was asked for; null when asked on the submit tap, before the case existed. */
  @Column({ name: 'case_id', type: 'varchar', length: 26, nullable: true })
  caseId!: string | null;

  /** accept, reject, ban or filter: only accept is a grant, the others are kept as the citizen's answer. */
  @Column({ type: 'varchar', length: 8 })
  result!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'spent_at', type: 'datetime', precision: 3, nullable: true })
  spentAt!: Date | null;

  @Column({ name: 'message_id', type: 'varchar', length: 26, nullable: true })
  messageId!: string | null;
}

/**
 * A subscription message to send, written in the same transaction as the case change it tells of; the sender
 * claims rows with a lease, as the hotline outbox does.
 */
@Entity({ name: 'notification_outbox' })
@Index('idx_notify_due', ['state', 'nextAttemptAt'])
@Index('idx_notify_case', ['caseId', 'seq'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 26 })
  caseId!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 26 })
  citizenId!: string;

  /** Order of this case's messages (ids made in the same millisecond do not sort by creation). */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 16 })
  purpose!: string;

  /** accepted, replied, extended or closed. */
  @Column({ type: 'varchar', length: 16 })
  event!: string;

  /** The values of the moment: ticket number, note, new due date, time. */
  @Column({ type: 'simple-json' })
  payload!: JsonRecord;

  /** pending; sent; skipped (no grant or no template); refused (43101); failed (a permanent refusal). */
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

  /** The grant this message spends, reserved at its first attempt and kept across retries. */
  @Column({ name: 'grant_id', type: 'varchar', length: 26, nullable: true })
  grantId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  msgid!: string | null;

  /** WeChat's errcode and errmsg (or why nothing was sent), for staff. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
