import { randomBytes } from 'node:crypto';
import type { StaffRole } from '@hotline/shared-types';
import { StaffRepository } from '../../src/modules/staff/staff.repository';
import { createStaff } from '../../src/modules/staff/staff.service';
import type { TestApp } from './harness';

export interface TestStaff {
  id: string;
  username: string;
  password: string;
  /** `Bearer …` of a session after the first-login password change. */
  auth: string;
}

let counter = 0;

/** A staff account created as the CLI does, signed in and past its first-login password change. */
export async function staffSignIn(
  app: TestApp,
  role: StaffRole,
  extra: { unit?: string; regionCode?: string; username?: string } = {},
): Promise<TestStaff> {
  counter += 1;
  const username = extra.username ?? `${role.replace('_', '-')}${counter}${randomBytes(2).toString('hex')}`;
  const initial = `Initial-${randomBytes(6).toString('hex')}1`;
  const profile = await createStaff(
    {
      staff: new StaffRepository(app.dataSource),
      clock: app.clock,
      ids: app.deps.ids,
      staffSettings: app.deps.staffSettings,
    },
    {
      username,
      displayName: `测试${role}`,
      role,
      ...(extra.unit ? { unit: extra.unit } : {}),
      ...(extra.regionCode ? { regionCode: extra.regionCode } : {}),
      password: initial,
    },
    { type: 'system', id: 'test' },
  );
  const login = await app.http.post('/api/v1/admin/auth/login').send({ username, password: initial }).expect(200);
  const password = `Chosen-${randomBytes(6).toString('hex')}2`;
  const changed = await app.http
    .post('/api/v1/admin/me/password')
    .set('Authorization', `Bearer ${(login.body as { token: string }).token}`)
    .send({ currentPassword: initial, newPassword: password })
    .expect(200);
  return { id: profile.id, username, password, auth: `Bearer ${(changed.body as { token: string }).token}` };
}
