import type { StaffProfile, StaffRole, StaffSession } from '@hotline/shared-types';
import type { DataSource } from 'typeorm';
import { Conflict, Invalid, NotFound, TooManyAttempts, Unauthenticated } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import { isUniqueViolation } from '../../db/sql';
import { audit } from '../audit/audit';
import type { TokenSettings } from '../auth/session-token';
import { hashPassword, needsRehash, verifyPassword } from './password';
import type { StaffRecord, StaffRepository } from './staff.repository';
import { issueStaffToken } from './staff-token';

export interface StaffSettings {
  tokens: TokenSettings;
  maxFailedLogins: number;
  lockoutSeconds: number;
  passwordCostLog2: number;
}

export interface StaffServiceDeps {
  dataSource: DataSource;
  staff: StaffRepository;
  clock: Clock;
  ids: IdGenerator;
  staffSettings: StaffSettings;
}

export function profileOf(row: StaffRecord): StaffProfile {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    unit: row.unit,
    regionCode: row.regionCode,
    disabled: Boolean(row.disabled),
    mustChangePassword: Boolean(row.mustChangePassword),
    createdAt: row.createdAt.toISOString(),
  };
}

function session(deps: StaffServiceDeps, row: StaffRecord, now: Date): StaffSession {
  const { token, expiresAt } = issueStaffToken(deps.staffSettings.tokens, row.id, row.tokenVersion, now);
  return { token, expiresAt: expiresAt.toISOString(), staff: profileOf(row) };
}

/** A hash no password matches, verified when the username is unknown so timing does not tell who exists. */
let decoy: Promise<string> | undefined;

/** Counts failed sign-ins per name typed and source; RateLimiter in production, shared through Redis. */
export interface LoginThrottle {
  exhausted(key: string, limit: number, windowMs: number): Promise<number | null>;
  record(key: string, limit: number, windowMs: number): Promise<number | null>;
}

/**
 * Signs a staff member in. Failures are counted per name typed *and* source address, whether or not the
 * account exists: after `maxFailedLogins` that source waits out the lockout for that name, while the owner
 * signing in from elsewhere is not held up, so nobody can lock someone else out by guessing. An unknown,
 * disabled or throttled name answers exactly as an existing one would, so answers tell nobody who exists.
 */
export async function login(
  deps: StaffServiceDeps & { rateLimiter: LoginThrottle },
  credentials: { username: string; password: string },
  source: { ip: string; requestId: string },
): Promise<StaffSession> {
  const now = deps.clock.now();
  const name = credentials.username.trim().toLowerCase();
  const row = await deps.staff.findByUsername(name);
  const record = (action: string, reason?: string) =>
    audit(deps.dataSource.manager, deps.ids, now, {
      actorType: 'staff',
      actorId: row?.id ?? `?${name}`.slice(0, 64),
      action,
      subjectType: 'staff',
      subjectId: row?.id ?? `?${name}`.slice(0, 64),
      ...(reason ? { reason } : {}),
      requestId: source.requestId,
    });
  const { maxFailedLogins, lockoutSeconds } = deps.staffSettings;
  const throttleKey = `staff-login-failed:${name}:${source.ip}`;
  const locked = (retryAfterSeconds: number) => new TooManyAttempts('ACCOUNT_LOCKED', { retryAfterSeconds });
  const waiting = await deps.rateLimiter.exhausted(throttleKey, maxFailedLogins, lockoutSeconds * 1000);
  if (waiting !== null) {
    await record('staff.login_refused', `locked for ${source.ip}`);
    throw locked(waiting);
  }
  const known = row && !row.disabled ? row : undefined;
  const verified = await verifyPassword(
    credentials.password,
    known?.passwordHash ?? (await (decoy ??= hashPassword('decoy', deps.staffSettings.passwordCostLog2))),
  );
  if (!known || !verified) {
    const lockedFor = await deps.rateLimiter.record(throttleKey, maxFailedLogins, lockoutSeconds * 1000);
    await record('staff.login_failed', known ? 'wrong password' : row ? 'disabled' : 'unknown username');
    if (lockedFor === null) throw new Unauthenticated('LOGIN_FAILED');
    await record('staff.locked', `${maxFailedLogins} failed logins from ${source.ip}`);
    throw locked(lockedFor);
  }
  const changes: Partial<StaffRecord> = { updatedAt: now };
  if (needsRehash(known.passwordHash, deps.staffSettings.passwordCostLog2)) {
    changes.passwordHash = await hashPassword(credentials.password, deps.staffSettings.passwordCostLog2);
  }
  await deps.staff.update(null, known.id, changes);
  await record('staff.login');
  return session(deps, { ...known, ...changes }, now);
}

export async function logout(deps: StaffServiceDeps, staff: StaffRecord, requestId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.staff.transaction(async (manager) => {
    await deps.staff.update(manager, staff.id, { tokenVersion: staff.tokenVersion + 1, updatedAt: now });
    await audit(manager, deps.ids, now, {
      actorType: 'staff',
      actorId: staff.id,
      action: 'staff.logout',
      subjectType: 'staff',
      subjectId: staff.id,
      requestId,
    });
  });
}

export async function changePassword(
  deps: StaffServiceDeps,
  staff: StaffRecord,
  currentPassword: string,
  newPassword: string,
  requestId: string,
): Promise<StaffSession> {
  const now = deps.clock.now();
  if (!(await verifyPassword(currentPassword, staff.passwordHash))) {
    throw new Invalid([{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  if (currentPassword === newPassword) {
    throw new Invalid([{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const changes: Partial<StaffRecord> = {
    passwordHash: await hashPassword(newPassword, deps.staffSettings.passwordCostLog2),
    mustChangePassword: false,
    tokenVersion: staff.tokenVersion + 1,
    updatedAt: now,
  };
  await deps.staff.transaction(async (manager) => {
    await deps.staff.update(manager, staff.id, changes);
    await audit(manager, deps.ids, now, {
      actorType: 'staff',
      actorId: staff.id,
      action: 'staff.password_changed',
      subjectType: 'staff',
      subjectId: staff.id,
      requestId,
    });
  });
  return session(deps, { ...staff, ...changes }, now);
}

export interface NewStaff {
  username: string;
  displayName: string;
  role: StaffRole;
  unit?: string | undefined;
  regionCode?: string | undefined;
  password: string;
}

/** Creates an account; `actor` is the admin who did it, or `cli` for the command line. */
export async function createStaff(
  deps: Pick<StaffServiceDeps, 'staff' | 'clock' | 'ids'> & { staffSettings: Pick<StaffSettings, 'passwordCostLog2'> },
  input: NewStaff,
  actor: { type: 'staff' | 'system'; id: string },
  requestId?: string,
  options: { mustChangePassword?: boolean } = {},
): Promise<StaffProfile> {
  const now = deps.clock.now();
  const row: StaffRecord = {
    id: deps.ids.next(now),
    username: input.username.toLowerCase(),
    displayName: input.displayName,
    role: input.role,
    unit: input.unit ?? null,
    regionCode: input.regionCode ?? null,
    passwordHash: await hashPassword(input.password, deps.staffSettings.passwordCostLog2),
    mustChangePassword: options.mustChangePassword ?? true,
    failedLogins: 0,
    lockedUntil: null,
    tokenVersion: 1,
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await deps.staff.transaction(async (manager) => {
      await deps.staff.insert(manager, row);
      await audit(manager, deps.ids, now, {
        actorType: actor.type,
        actorId: actor.id,
        action: 'staff.created',
        subjectType: 'staff',
        subjectId: row.id,
        reason: `role=${row.role}`,
        ...(requestId ? { requestId } : {}),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new Conflict('USERNAME_TAKEN', undefined, {
        fields: [{ path: 'username', message: '该用户名已被使用' }],
      });
    }
    throw error;
  }
  return profileOf(row);
}

export interface StaffChanges {
  displayName?: string | undefined;
  role?: StaffRole | undefined;
  unit?: string | null | undefined;
  regionCode?: string | null | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
}

export async function updateStaff(
  deps: StaffServiceDeps,
  id: string,
  input: StaffChanges,
  actor: StaffRecord,
  requestId: string,
): Promise<StaffProfile> {
  const now = deps.clock.now();
  const row = await deps.staff.findById(id);
  if (!row) throw new NotFound('找不到该账户');
  if (id === actor.id && (input.disabled === true || (input.role && input.role !== 'admin'))) {
    throw new Invalid([], '不能停用自己的账户或取消自己的管理员角色');
  }
  const changes: Partial<StaffRecord> = { updatedAt: now };
  if (input.displayName !== undefined) changes.displayName = input.displayName;
  if (input.role !== undefined) changes.role = input.role;
  if (input.unit !== undefined) changes.unit = input.unit;
  if (input.regionCode !== undefined) changes.regionCode = input.regionCode;
  if (input.disabled !== undefined) changes.disabled = input.disabled;
  if ((changes.role ?? row.role) === 'handler' && !(input.unit === undefined ? row.unit : input.unit)) {
    throw new Invalid([{ path: 'unit', message: '承办人员须指定承办单位' }]);
  }
  if (input.password !== undefined) {
    changes.passwordHash = await hashPassword(input.password, deps.staffSettings.passwordCostLog2);
    changes.mustChangePassword = true;
    changes.failedLogins = 0;
    changes.lockedUntil = null;
  }
  // Anything that changes what the person may do, or who knows the password, ends their sessions.
  if (input.password !== undefined || input.disabled || input.role !== undefined || input.unit !== undefined) {
    changes.tokenVersion = row.tokenVersion + 1;
  }
  await deps.staff.transaction(async (manager) => {
    await deps.staff.update(manager, id, changes);
    await audit(manager, deps.ids, now, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'staff.updated',
      subjectType: 'staff',
      subjectId: id,
      reason: Object.keys(input)
        .map((k) => (k === 'password' ? 'password reset' : k))
        .join(','),
      requestId,
    });
  });
  return profileOf({ ...row, ...changes });
}
