import type { ApplicantType, DisclosureOutcome, DisclosureStatus } from '@hotline/shared-types';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A 政府信息公开申请. The applicant's name, identity number, phone, address and e-mail are personal data: stored
 * encrypted (lib/pii.ts), the identity number also as a keyed hash and a masked copy for lists.
 */
@Entity({ name: 'disclosure_applications' })
@Index('idx_disclosure_citizen', ['citizenId', 'id'])
@Index('idx_disclosure_status_due', ['status', 'dueAt'])
@Index('idx_disclosure_received', ['receivedAt'])
@Index('idx_disclosure_decided', ['decidedAt'])
@Index('idx_disclosure_case', ['caseId'])
export class DisclosureApplicationEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 26 })
  citizenId!: string;

  @Column({ type: 'varchar', length: 24 })
  status!: DisclosureStatus;

  @Column({ name: 'applicant_type', type: 'varchar', length: 16 })
  applicantType!: ApplicantType;

  /** JSON of the applicant's details (name, phone, address, representative…), encrypted as one value. */
  @Column({ name: 'applicant_enc', type: 'text' })
  applicantEnc!: string;

  @Column({ name: 'id_type', type: 'varchar', length: 24 })
  idType!: string;

  @Column({ name: 'id_number_enc', type: 'text' })
  idNumberEnc!: string;

  @Column({ name: 'id_number_hash', type: 'varchar', length: 64 })
  idNumberHash!: string;

  @Column({ name: 'id_number_masked', type: 'varchar', length: 40 })
  idNumberMasked!: string;

  @Column({ name: 'id_photo_id', type: 'varchar', length: 26 })
  idPhotoId!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'catalog_item_keys', type: 'simple-json' })
  catalogItemKeys!: string[];

  @Column({ type: 'varchar', length: 16 })
  form!: 'paper' | 'electronic';

  @Column({ type: 'varchar', length: 16 })
  delivery!: 'online' | 'email' | 'post' | 'pickup';

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3 })
  submittedAt!: Date;

  /** 收到申请之日: for an online application, when the office confirms it (art. 31). */
  @Column({ name: 'received_at', type: 'datetime', precision: 3, nullable: true })
  receivedAt!: Date | null;

  /** Where the 20 working days count from: receipt, or the arrival of the corrected application. */
  @Column({ name: 'clock_start_at', type: 'datetime', precision: 3, nullable: true })
  clockStartAt!: Date | null;

  @Column({ name: 'due_at', type: 'datetime', precision: 3, nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'supplement_missing', type: 'text', nullable: true })
  supplementMissing!: string | null;

  @Column({ name: 'supplement_requested_at', type: 'datetime', precision: 3, nullable: true })
  supplementRequestedAt!: Date | null;

  @Column({ name: 'supplement_reply_by', type: 'datetime', precision: 3, nullable: true })
  supplementReplyBy!: Date | null;

  @Column({ name: 'supplement_answered_at', type: 'datetime', precision: 3, nullable: true })
  supplementAnsweredAt!: Date | null;

  /** The description as first submitted, kept when a 补正 replaces it. */
  @Column({ name: 'original_description', type: 'text', nullable: true })
  originalDescription!: string | null;

  @Column({ name: 'extension_days', type: 'int', nullable: true })
  extensionDays!: number | null;

  @Column({ name: 'extension_approved_by', type: 'varchar', length: 30, nullable: true })
  extensionApprovedBy!: string | null;

  @Column({ name: 'extension_reason', type: 'varchar', length: 200, nullable: true })
  extensionReason!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  outcome!: DisclosureOutcome | null;

  @Column({ name: 'legal_basis', type: 'varchar', length: 300, nullable: true })
  legalBasis!: string | null;

  @Column({ type: 'text', nullable: true })
  provided!: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  /** The applicant agrees that a 信访举报投诉类 application becomes a 12345 case (art. 39: 可以告知通过相应渠道提出). */
  @Column({ name: 'hotline_consent', type: 'boolean', default: false })
  hotlineConsent!: boolean;

  /** The 12345 case it became; the case names the application in its text. */
  @Column({ name: 'case_id', type: 'varchar', length: 26, nullable: true })
  caseId!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** One entry of an application's timeline, in words the applicant reads. */
@Entity({ name: 'disclosure_events' })
@Index('idx_disclosure_events_app', ['applicationId', 'version'])
export class DisclosureEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'application_id', type: 'varchar', length: 26 })
  applicationId!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'varchar', length: 1000 })
  text!: string;

  /** The staff member who acted; null for the applicant. */
  @Column({ name: 'staff_id', type: 'varchar', length: 26, nullable: true })
  staffId!: string | null;

  /** The application's version the event made: the timeline's order, even within one millisecond. */
  @Column({ type: 'int' })
  version!: number;
}

/** A third party's or another agency's opinion asked for (art. 32/33): its time does not count. */
@Entity({ name: 'disclosure_consultations' })
@Index('idx_disclosure_consultations_app', ['applicationId', 'sentAt'])
export class DisclosureConsultationEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'application_id', type: 'varchar', length: 26 })
  applicationId!: string;

  @Column({ type: 'varchar', length: 16 })
  party!: 'third_party' | 'other_agency';

  @Column({ name: 'party_name', type: 'varchar', length: 100 })
  partyName!: string;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3 })
  sentAt!: Date;

  /** The third party's 15 working days; null for another agency (the regulation sets it no limit). */
  @Column({ name: 'answer_by', type: 'datetime', precision: 3, nullable: true })
  answerBy!: Date | null;

  @Column({ name: 'answered_at', type: 'datetime', precision: 3, nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  opinion!: string | null;
}

/**
 * A letter sent to the applicant (告知书, 补正通知书, 延期答复告知书) with its yearly number, e.g. 漯政公开〔2026〕12号.
 * The text is kept as issued; the salutation (the applicant's name, personal data) is added when it is rendered.
 */
@Entity({ name: 'disclosure_letters' })
@Index('uq_disclosure_letters_number', ['year', 'seq'], { unique: true })
@Index('idx_disclosure_letters_app', ['applicationId'])
export class DisclosureLetterEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'application_id', type: 'varchar', length: 26 })
  applicationId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'decision' | 'supplement' | 'extension';

  @Column({ type: 'varchar', length: 60 })
  title!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 40 })
  number!: string;

  @Column({ name: 'issued_at', type: 'datetime', precision: 3 })
  issuedAt!: Date;

  @Column({ type: 'simple-json' })
  paragraphs!: string[];
}

/** Part four of a year's annual report, entered by the office. */
@Entity({ name: 'disclosure_reviews' })
export class DisclosureReviewsEntity {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'simple-json' })
  counts!: Record<string, Record<string, number>>;

  @Column({ name: 'updated_by', type: 'varchar', length: 26 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

export const DISCLOSURE_ENTITIES = [
  DisclosureApplicationEntity,
  DisclosureEventEntity,
  DisclosureConsultationEntity,
  DisclosureReviewsEntity,
  DisclosureLetterEntity,
];
