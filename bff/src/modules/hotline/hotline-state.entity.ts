import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every hotline event applied, by its id: the same event pushed twice, or pushed and polled, counts once. */
@Entity({ name: 'hotline_events_seen' })
export class HotlineEventSeenEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 128 })
  eventId!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 26 })
  caseId!: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt!: Date;
}

/** Small named cursors shared by every instance, e.g. where the update poller has read up to. */
@Entity({ name: 'sync_cursors' })
export class SyncCursorEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name!: string;

  @Column({ type: 'datetime', precision: 3 })
  position!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
