import type { z } from 'zod';
import type { Permission } from './admin';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type AuthRequirement = 'none' | 'citizen' | 'staff';

/**
 * One endpoint: everything the server validates with and the client types with.
 * Paths use Koa's `:param` form; the OpenAPI document rewrites them.
 */
export interface Endpoint {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: AuthRequirement;
  /** For staff endpoints: the permission a role needs (admin.ts PERMISSIONS); none = any signed-in staff. */
  readonly permission?: Permission;
  /** For staff endpoints an account that must still change its initial password may use (me, logout, the change). */
  readonly beforePasswordChange?: true;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
  /** Request headers the endpoint reads, by lower-case name. */
  readonly headers?: Readonly<Record<string, z.ZodType>>;
  readonly responses: Readonly<Record<number, z.ZodType>>;
}

export function endpoint<const E extends Endpoint>(definition: E): E {
  return definition;
}

export const API_PREFIX = '/api/v1';
