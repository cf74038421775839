import { z } from 'zod';
import { sessionSchema, wechatLoginRequestSchema } from './auth';
import { caseListSchema, caseSummarySchema, createCaseRequestSchema, listCasesQuerySchema } from './cases';
import { errorEnvelopeSchema } from './errors';
import { healthSchema, readinessSchema } from './health';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type AuthRequirement = 'none' | 'citizen';

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
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly responses: Readonly<Record<number, z.ZodType>>;
}

function endpoint<const E extends Endpoint>(definition: E): E {
  return definition;
}

export const API_PREFIX = '/api/v1';

export const contract = {
  health: endpoint({
    method: 'GET',
    path: '/healthz',
    summary: 'Process is up',
    tag: 'ops',
    auth: 'none',
    responses: { 200: healthSchema },
  }),
  readiness: endpoint({
    method: 'GET',
    path: '/readyz',
    summary: 'Database reachable and migrations applied',
    tag: 'ops',
    auth: 'none',
    responses: { 200: readinessSchema, 503: readinessSchema },
  }),
  wechatLogin: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/auth/wechat-login`,
    summary: 'Exchange a wx.login code for a session token',
    tag: 'auth',
    auth: 'none',
    body: wechatLoginRequestSchema,
    responses: { 200: sessionSchema, 400: errorEnvelopeSchema, 502: errorEnvelopeSchema },
  }),
  createCase: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/cases`,
    summary: 'Submit a case',
    tag: 'cases',
    auth: 'citizen',
    body: createCaseRequestSchema,
    responses: { 201: caseSummarySchema, 400: errorEnvelopeSchema, 401: errorEnvelopeSchema },
  }),
  listMyCases: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/cases`,
    summary: "List the signed-in citizen's own cases, newest first",
    tag: 'cases',
    auth: 'citizen',
    query: listCasesQuerySchema,
    responses: { 200: caseListSchema, 400: errorEnvelopeSchema, 401: errorEnvelopeSchema },
  }),
} as const satisfies Record<string, Endpoint>;

export type Contract = typeof contract;
export type EndpointName = keyof Contract;

/** The body type of a successful answer of an endpoint (its lowest 2xx response). */
export type SuccessBody<E extends Endpoint> = {
  [S in keyof E['responses']]: S extends 200 | 201 | 202 ? z.infer<E['responses'][S]> : never;
}[keyof E['responses']];

export type RequestBody<E extends Endpoint> = E['body'] extends z.ZodType ? z.input<E['body']> : never;
export type RequestQuery<E extends Endpoint> = E['query'] extends z.ZodType ? z.input<E['query']> : never;
