import { z } from 'zod';
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
import {
  addItemRequestSchema,
  areaApplicabilityRequestSchema,
  catalogAreasSchema,
  catalogDiffSchema,
  catalogDraftSchema,
  catalogHistorySchema,
  catalogItemDetailSchema,
  catalogItemPageSchema,
  catalogItemsQuerySchema,
  catalogRegionsSchema,
  catalogSearchQuerySchema,
  catalogSearchResultSchema,
  catalogSuggestRequestSchema,
  catalogSuggestResultSchema,
  catalogVersionSchema,
  historyQuerySchema,
  itemKeyResultSchema,
  publishRequestSchema,
  regionAreaParamsSchema,
  regionItemParamsSchema,
  regionParamsSchema,
  removeItemRequestSchema,
  updateItemRequestSchema,
} from './catalog';
import { categoryListSchema, deleteMeRequestSchema, meSchema, myDataSchema } from './me';
import { errorEnvelopeSchema } from './errors';
import { healthSchema, readinessSchema } from './health';
import { photoImageSchema, photoParamsSchema, signedPhotoQuerySchema, uploadedPhotoSchema } from './uploads';

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
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
  /** Request headers the endpoint reads, by lower-case name. */
  readonly headers?: Readonly<Record<string, z.ZodType>>;
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
  // ——— disclosure catalog (政务公开标准目录): citizens read published versions ———
  catalogRegions: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/catalog/regions`,
    summary: 'The region tree: city, counties/districts, townships/streets',
    tag: 'catalog',
    auth: 'none',
    responses: { 200: catalogRegionsSchema },
  }),
  catalogAreas: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/catalog/regions/:region/areas`,
    summary: "The 26 areas of a region's catalog with item counts and why an area does not apply",
    tag: 'catalog',
    auth: 'none',
    params: regionParamsSchema,
    responses: { 200: catalogAreasSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  catalogItems: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/catalog/regions/:region/areas/:area/items`,
    summary: 'Items of a region in one area, paged, each saying where it comes from',
    tag: 'catalog',
    auth: 'none',
    params: regionAreaParamsSchema,
    query: catalogItemsQuerySchema,
    responses: { 200: catalogItemPageSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  catalogItem: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/catalog/regions/:region/items/:key`,
    summary: 'One item of a region with every column and its origin ("继承自漯河市，调整：公开主体")',
    tag: 'catalog',
    auth: 'none',
    params: regionItemParamsSchema,
    responses: { 200: catalogItemDetailSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  catalogDiff: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/catalog/regions/:region/diff`,
    summary: "What a region's catalog adds, adjusts and removes against its parent's",
    tag: 'catalog',
    auth: 'none',
    params: regionParamsSchema,
    responses: { 200: catalogDiffSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  catalogSearch: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/catalog/search`,
    summary: 'Search item names, 公开内容, 公开依据 and area names; name matches first, matches marked',
    tag: 'catalog',
    auth: 'none',
    query: catalogSearchQuerySchema,
    responses: { 200: catalogSearchResultSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  catalogSuggest: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/catalog/suggest`,
    summary: 'Catalog items a text typed by a citizen (e.g. a consultation) is probably about',
    tag: 'catalog',
    auth: 'none',
    body: catalogSuggestRequestSchema,
    responses: { 200: catalogSuggestResultSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  // ——— disclosure catalog, editing (disclosure editors; drafts until published) ———
  catalogDraft: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/admin/catalog/regions/:region/draft`,
    summary: "A region's pending (unpublished) changes and its published versions",
    tag: 'catalog-admin',
    auth: 'staff',
    params: regionParamsSchema,
    responses: {
      200: catalogDraftSchema,
      401: errorEnvelopeSchema,
      403: errorEnvelopeSchema,
      404: errorEnvelopeSchema,
    },
  }),
  catalogAddItem: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/admin/catalog/regions/:region/items`,
    summary: 'Add an item of this region to the draft',
    tag: 'catalog-admin',
    auth: 'staff',
    params: regionParamsSchema,
    body: addItemRequestSchema,
    responses: {
      201: itemKeyResultSchema,
      400: errorEnvelopeSchema,
      404: errorEnvelopeSchema,
      409: errorEnvelopeSchema,
    },
  }),
  catalogUpdateItem: endpoint({
    method: 'PATCH',
    path: `${API_PREFIX}/admin/catalog/regions/:region/items/:key`,
    summary: 'Change columns of an item in the draft (an inherited item keeps only the columns that differ)',
    tag: 'catalog-admin',
    auth: 'staff',
    params: regionItemParamsSchema,
    body: updateItemRequestSchema,
    responses: {
      200: itemKeyResultSchema,
      400: errorEnvelopeSchema,
      404: errorEnvelopeSchema,
      409: errorEnvelopeSchema,
    },
  }),
  catalogRemoveItem: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/admin/catalog/regions/:region/items/:key/remove`,
    summary: 'Mark an inherited item not applicable here (with a reason), or delete an item defined here',
    tag: 'catalog-admin',
    auth: 'staff',
    params: regionItemParamsSchema,
    body: removeItemRequestSchema,
    responses: { 200: itemKeyResultSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  catalogRestoreItem: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/admin/catalog/regions/:region/items/:key/restore`,
    summary: 'Take back a removal: the item follows the parent again',
    tag: 'catalog-admin',
    auth: 'staff',
    params: regionItemParamsSchema,
    responses: { 200: itemKeyResultSchema, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema },
  }),
  catalogSetArea: endpoint({
    method: 'PUT',
    path: `${API_PREFIX}/admin/catalog/regions/:region/areas/:area`,
    summary: 'Mark an area not applicable to the region (with the reason citizens read), or applicable again',
    tag: 'catalog-admin',
    auth: 'staff',
    params: regionAreaParamsSchema,
    body: areaApplicabilityRequestSchema,
    responses: { 200: z.object({ applicable: z.boolean() }), 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
  }),
  catalogPublish: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/admin/catalog/regions/:region/publish`,
    summary: "Publish the region's draft as its next version, in effect from a date",
    tag: 'catalog-admin',
    auth: 'staff',
    params: regionParamsSchema,
    body: publishRequestSchema,
    responses: {
      201: catalogVersionSchema,
      400: errorEnvelopeSchema,
      404: errorEnvelopeSchema,
      409: errorEnvelopeSchema,
    },
  }),
  catalogDiscardDraft: endpoint({
    method: 'POST',
    path: `${API_PREFIX}/admin/catalog/regions/:region/draft/discard`,
    summary: 'Throw the draft away: back to the newest published version',
    tag: 'catalog-admin',
    auth: 'staff',
    params: regionParamsSchema,
    responses: { 200: catalogDraftSchema, 404: errorEnvelopeSchema },
  }),
  catalogHistory: endpoint({
    method: 'GET',
    path: `${API_PREFIX}/admin/catalog/regions/:region/history`,
    summary: 'Who changed what and when, per item, and which version published it',
    tag: 'catalog-admin',
    auth: 'staff',
    params: regionParamsSchema,
    query: historyQuerySchema,
    responses: { 200: catalogHistorySchema, 404: errorEnvelopeSchema },
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
