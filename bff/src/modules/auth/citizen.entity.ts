import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A citizen known by their WeChat openid. Personal details live on cases, encrypted (cases issue). */
@Entity({ name: 'citizens' })
export class CitizenEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  openid!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** Set when the citizen deleted their account; the openid is replaced so the WeChat user starts afresh. */
  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;
}
