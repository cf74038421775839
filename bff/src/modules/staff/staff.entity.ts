import type { StaffRole } from '@hotline/shared-types';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A staff account (工作人员). Passwords are scrypt hashes; see password.ts. */
@Entity({ name: 'staff_accounts' })
export class StaffEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id!: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 30 })
  displayName!: string;

  @Column({ type: 'varchar', length: 24 })
  role!: StaffRole;

  /** The handling unit a handler works for; cases of other units are invisible to them. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  unit!: string | null;

  /** Limits a handler to this region and everything under it. */
  @Column({ name: 'region_code', type: 'varchar', length: 32, nullable: true })
  regionCode!: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash!: string;

  /** Set for passwords someone else chose (CLI, admin): the person must pick their own before doing anything. */
  @Column({ name: 'must_change_password', type: 'boolean', default: true })
  mustChangePassword!: boolean;

  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  /** Part of every token; bumping it (logout, password change, disabling) ends all sessions at once. */
  @Column({ name: 'token_version', type: 'int', default: 1 })
  tokenVersion!: number;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
