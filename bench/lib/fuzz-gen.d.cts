// Types of fuzz-gen.cjs, for the TypeScript fuzz test.
import type { Arbitrary } from 'fast-check';
import type { z } from 'zod';

interface FuzzEndpoint {
  readonly method: string;
  readonly path: string;
  readonly auth: 'none' | 'citizen' | 'staff';
  readonly permission?: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
  readonly headers?: Readonly<Record<string, z.ZodType>>;
  readonly responses: Readonly<Record<number, unknown>>;
}

/** Who a request claims to be: real sessions, or nonsense that must be refused. */
export type FuzzCredential =
  | { kind: 'citizen'; header: string }
  | { kind: 'staff'; role: string; header: string }
  | { kind: 'invalid'; header: string }
  | { kind: 'none'; header: undefined };

export interface FuzzContext {
  contract: Readonly<Record<string, FuzzEndpoint>>;
  permissions: Readonly<Record<string, readonly string[]>>;
  /** Valid sessions: a citizen and one staff member per role. */
  credentials: readonly FuzzCredential[];
  /** Authorization values that must never pass: tampered, expired, from another environment. */
  badAuthorizations: readonly string[];
  /** Ids that exist (cases, photos, staff), used as path parameters so another defect decides the answer. */
  ids: readonly string[];
  bodyLimitBytes: number;
}

export interface FuzzRequest {
  endpoint: string;
  method: string;
  /** Path and raw query string, already percent-encoded (or deliberately mis-encoded). */
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** What makes the contract refuse it: auth, params, query, header:<name>, body, body:unparseable, route, method. */
  defects: string[];
  mustReject: boolean;
  /** Accepted by the contract (odd but valid values): any answer but a 5xx will do; sent after the checksum. */
  anythingGoes: boolean;
}

export interface FuzzResponse {
  status: number;
  body: unknown;
}

export function sampleRequests(ctx: FuzzContext, count: number, seed: number): FuzzRequest[];
export function requestArbitrary(ctx: FuzzContext): Arbitrary<FuzzRequest>;
export function problemWith(req: FuzzRequest, res: FuzzResponse, errorEnvelopeSchema: z.ZodType): string | undefined;
export function prototypeFingerprint(): string;
export function tableChecksums(
  query: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>,
  dialect: 'sqlite' | 'mariadb',
): Promise<Record<string, string>>;
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[];
/** Tampered variants of a real `Bearer v1.…` authorization: flipped signature byte, changed payload, truncated. */
export function tamperedFrom(header: string): string[];
/** A value the schema accepts, found among plausible ones; undefined if none turned up. */
export function validSample(schema: z.ZodType, seed?: number): unknown;
/** Identifier-like strings (fields named id, code, key, region…) found anywhere in these JSON answers. */
export function harvestIds(answers: readonly unknown[], limit?: number): string[];
/** The contract's GETs without path parameters, each with a session that passes its guard (ids omitted). */
export function harvestRequests(
  ctx: Pick<FuzzContext, 'contract' | 'permissions' | 'credentials'>,
): { path: string; headers: Record<string, string> }[];
