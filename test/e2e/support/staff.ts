import { randomBytes } from 'node:crypto';
import type { StaffRole } from '@hotline/shared-types';
import { systemClock } from '../../../bff/src/lib/clock';
import { ulidGenerator } from '../../../bff/src/lib/ids';
import { StaffRepository } from '../../../bff/src/modules/staff/staff.repository';
import { createStaff } from '../../../bff/src/modules/staff/staff.service';
import type { startProduct } from './product';

type Product = Awaited<ReturnType<typeof startProduct>>;

export interface StaffAccount {
  username: string;
  /** The password that signs in now: the initial one, or the chosen one after `firstLoginDone`. */
  password: string;
}

let counter = 0;

/**
 * A staff account created as `npm run staff -- create` does (createStaff with the CLI's collaborators). With
 * `firstLoginDone` the forced first-login password change is made over HTTP, so the console opens straight on
 * its pages; without it the person meets the change-password page.
 */
export async function createStaffAccount(
  product: Product,
  role: StaffRole,
  options: { unit?: string; displayName?: string; firstLoginDone?: boolean } = {},
): Promise<StaffAccount> {
  counter += 1;
  const username = `${role.replace('_', '-')}${counter}${randomBytes(2).toString('hex')}`;
  const initial = `Initial-${randomBytes(6).toString('hex')}1`;
  await createStaff(
    {
      staff: new StaffRepository(product.bff.dataSource),
      clock: systemClock,
      ids: ulidGenerator,
      staffSettings: { passwordCostLog2: product.outside.config.staff.passwordCostLog2 },
    },
    {
      username,
      displayName: options.displayName ?? `测试${counter}`,
      role,
      ...(options.unit ? { unit: options.unit } : {}),
      password: initial,
    },
    { type: 'system', id: 'e2e' },
  );
  if (!options.firstLoginDone) return { username, password: initial };
  const login = await postJson(product, '/api/v1/admin/auth/login', { username, password: initial });
  const password = `Chosen-${randomBytes(6).toString('hex')}2`;
  await postJson(
    product,
    '/api/v1/admin/me/password',
    { currentPassword: initial, newPassword: password },
    String(login.token),
  );
  return { username, password };
}

/** POSTs JSON to the running product and answers the parsed body; anything but 2xx fails the test. */
export async function postJson(
  product: Product,
  path: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const res = await fetch(`${product.url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}
