import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one WeChat access token every BFF instance uses (stable_token), encrypted at rest, with the lease that
 * lets a single instance renew it at a time.
 */
@Entity({ name: 'wechat_access_tokens' })
export class WechatTokenEntity {
  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 64 })
  appId!: string;

  @Column({ name: 'token_enc', type: 'text', nullable: true })
  tokenEnc!: string | null;

  @Column({ name: 'refresh_at', type: 'datetime', precision: 3, nullable: true })
  refreshAt!: Date | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'lock_owner', type: 'varchar', length: 64, nullable: true })
  lockOwner!: string | null;

  @Column({ name: 'lock_until', type: 'datetime', precision: 3, nullable: true })
  lockUntil!: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
