import { z } from 'zod';
import { adminContract } from './admin-contract';
import { API_PREFIX, endpoint, type Endpoint } from './endpoint';
import { sessionSchema, wechatLoginRequestSchema } from './auth';
import {
  caseDetailSchema,
  caseListSchema,
  caseParamsSchema,
  createCaseRequestSchema,
  idempotencyKeySchema,
  listCasesQuerySchema,
  withdrawCaseRequestSchema,
} from './cases';
import { categoryListSchema, deleteMeRequestSchema, meSchema, myDataSchema } from './me';
import { errorEnvelopeSchema } from './errors';
import { notificationsContract } from './notifications-contract';
import { healthSchema, readinessSchema } from './health';
import { photoImageSchema, photoParamsSchema, signedPhotoQuerySchema, uploadedPhotoSchema } from './uploads';

export { API_PREFIX, endpoint, type AuthRequirement, type Endpoint, type HttpMethod } from './endpoint';

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
    summary: 'Submit a case (201 new; 200 the same case again for a retried Idempotency-Key)',
    tag: 'cases',
    auth: 'citizen',
    headers: { 'idempotency-key': idempotencyKeySchema },
    body: createCaseRequestSchema,
    responses: {
      201: caseDetailSchema,
      200: caseDetailSchema,
      400: errorEnvelopeSchema,
      401: errorEnvelopeSchema,
      409: errorEnvelopeSchema,
      429: errorEnvelopeSchema,
    },
  }),
  getMyCase: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/cases/:id`,
    summary: 'One of my cases with its timeline, replies and photos (404 for anyone else)',
    tag: 'cases',
    auth: 'citizen',
    params: caseParamsSchema,
    responses: { 200: caseDetailSchema, 401: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  withdrawMyCase: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/cases/:id/withdraw`,
    summary: 'Withdraw one of my cases while the hotline has not accepted it',
    tag: 'cases',
    auth: 'citizen',
    params: caseParamsSchema,
    body: withdrawCaseRequestSchema,
    responses: { 200: caseDetailSchema, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema },
  }),
  listCategories: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/categories`,
    summary: 'Areas and categories a case can be filed under',
    tag: 'cases',
    auth: 'none',
    responses: { 200: categoryListSchema },
  }),
  getMe: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/me`,
    summary: 'My account',
    tag: 'me',
    auth: 'citizen',
    responses: { 200: meSchema, 401: errorEnvelopeSchema },
  }),
  exportMyData: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/me/data`,
    summary: 'Everything held about me, contact data in full (audited)',
    tag: 'me',
    auth: 'citizen',
    responses: { 200: myDataSchema, 401: errorEnvelopeSchema },
  }),
  deleteMe: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/me/delete`,
    summary: 'Delete my account: my cases are anonymised, statistics are kept',
    tag: 'me',
    auth: 'citizen',
    body: deleteMeRequestSchema,
    responses: { 200: z.object({ deleted: z.literal(true) }), 400: errorEnvelopeSchema, 401: errorEnvelopeSchema },
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
  uploadPhoto: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/uploads/photos`,
    summary: 'Upload one photo: multipart/form-data, one JPEG/PNG/WebP file; stored re-encoded without metadata',
    tag: 'uploads',
    auth: 'citizen',
    responses: {
      201: uploadedPhotoSchema,
      400: errorEnvelopeSchema,
      401: errorEnvelopeSchema,
      413: errorEnvelopeSchema,
      415: errorEnvelopeSchema,
    },
  }),
  getMyPhoto: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/photos/:id`,
    summary: 'One of my photos, as the image itself (404 for anyone else)',
    tag: 'uploads',
    auth: 'citizen',
    params: photoParamsSchema,
    responses: { 200: photoImageSchema, 401: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  getSignedPhoto: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/photos/:id/signed`,
    summary: 'A photo through an expiring signed link, for WeChat content checks and staff',
    tag: 'uploads',
    auth: 'none',
    params: photoParamsSchema,
    query: signedPhotoQuerySchema,
    responses: { 200: photoImageSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  ...adminContract,
  ...notificationsContract,
} as const satisfies Record<string, Endpoint>;

export type Contract = typeof contract;
export type EndpointName = keyof Contract;

/** The body type of a successful answer of an endpoint (its lowest 2xx response). */
export type SuccessBody<E extends Endpoint> = {
  [S in keyof E['responses']]: S extends 200 | 201 | 202 ? z.infer<E['responses'][S]> : never;
}[keyof E['responses']];

export type RequestBody<E extends Endpoint> = E['body'] extends z.ZodType ? z.input<E['body']> : never;
export type RequestQuery<E extends Endpoint> = E['query'] extends z.ZodType ? z.input<E['query']> : never;
