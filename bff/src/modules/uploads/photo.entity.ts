import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PhotoMime } from '@hotline/shared-types';

/**
 * WeChat's content check of a photo: `unchecked` when no check could be asked for, `pending` until WeChat's
 * callback says pass, review or risky.
 */
export const MEDIA_CHECK_STATES = ['pending', 'pass', 'review', 'risky', 'unchecked'] as const;
export type MediaCheckState = (typeof MEDIA_CHECK_STATES)[number];

/** A citizen's uploaded photo: the re-encoded copy in object storage and what is known about it. */
@Entity({ name: 'photos' })
@Index('idx_photos_citizen_id', ['citizenId', 'id'])
@Index('idx_photos_case_id', ['caseId'])
@Index('idx_photos_media_trace_id', ['mediaTraceId'])
export class PhotoEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ name: 'citizen_id', type: 'varchar', length: 26 })
  citizenId!: string;

  /** Set once, when the photo joins a submitted case. */
  @Column({ name: 'case_id', type: 'varchar', length: 26, nullable: true })
  caseId!: string | null;

  @Column({ name: 'storage_key', type: 'varchar', length: 128 })
  storageKey!: string;

  @Column({ type: 'varchar', length: 16 })
  mime!: PhotoMime;

  @Column({ type: 'int' })
  bytes!: number;

  @Column({ type: 'int' })
  width!: number;

  @Column({ type: 'int' })
  height!: number;

  /** Hex SHA-256 of the stored bytes. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'media_check', type: 'simple-enum', enum: MEDIA_CHECK_STATES })
  mediaCheck!: MediaCheckState;

  @Column({ name: 'media_trace_id', type: 'varchar', length: 64, nullable: true })
  mediaTraceId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
