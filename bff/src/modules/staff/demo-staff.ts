import { createHmac } from 'node:crypto';
import type { StaffRole } from '@hotline/shared-types';
import type { DataSource } from 'typeorm';
import { systemClock } from '../../lib/clock';
import { ulidGenerator } from '../../lib/ids';
import { StaffRepository } from './staff.repository';
import { createStaff } from './staff.service';

/** Demo mode only: one account per role, so a person trying `npm start` can open the staff console. */
const DEMO_ACCOUNTS: { username: string; displayName: string; role: StaffRole; unit?: string }[] = [
  { username: 'admin', displayName: '演示管理员', role: 'admin' },
  { username: 'dispatcher', displayName: '演示派单员', role: 'dispatcher' },
  { username: 'handler', displayName: '演示承办人', role: 'handler', unit: '郾城区城市管理局' },
  { username: 'editor', displayName: '演示公开编辑', role: 'disclosure_editor' },
  { username: 'disclosure', displayName: '演示依申请公开办理', role: 'disclosure_officer' },
  { username: 'auditor', displayName: '演示审计员', role: 'auditor' },
];

/** The demo password, derived from the demo's generated token secret: stable across restarts, unique per machine. */
export function demoStaffPassword(tokenSecret: string): string {
  return `Demo-${createHmac('sha256', tokenSecret).update('demo-staff').digest('base64url').slice(0, 10)}1`;
}

/** Creates the demo accounts when there are no staff accounts at all; answers the accounts that exist. */
export async function seedDemoStaff(
  dataSource: DataSource,
  tokenSecret: string,
  passwordCostLog2: number,
): Promise<string[]> {
  const staff = new StaffRepository(dataSource);
  if ((await staff.list()).length === 0) {
    const deps = { staff, clock: systemClock, ids: ulidGenerator, staffSettings: { passwordCostLog2 } };
    for (const account of DEMO_ACCOUNTS) {
      await createStaff(
        deps,
        { ...account, password: demoStaffPassword(tokenSecret) },
        { type: 'system', id: 'demo' },
        undefined,
        { mustChangePassword: false },
      );
    }
  }
  return (await staff.list()).map((s) => s.username);
}
