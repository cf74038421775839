import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The link of a survey message: a random token, stored only as its SHA-256, for one case and its owner; it
 * expires, and works for one rating.
 */
@Entity({ name: 'survey_tokens' })
@Index('idx_survey_tokens_case', ['caseId'])
export class SurveyTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 26 })
  caseId!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 26 })
  citizenId!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;
}

/** The citizen's rating of a case with its reasons and comment; cases.rating/rated_at carry it for 满意率. */
@Entity({ name: 'case_ratings' })
export class CaseRatingEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 26 })
  caseId!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 26 })
  citizenId!: string;

  @Column({ type: 'varchar', length: 24 })
  rating!: string;

  @Column({ type: 'simple-json' })
  reasons!: string[];

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** The change window runs from here. */
  @Column({ name: 'first_rated_at', type: 'datetime', precision: 3 })
  firstRatedAt!: Date;

  @Column({ name: 'rated_at', type: 'datetime', precision: 3 })
  ratedAt!: Date;
}
