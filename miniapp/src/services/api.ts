import type {
  CaseDetail,
  CaseList,
  CaseStatus,
  Category,
  Contract,
  CreateCaseRequest,
  SuccessBody,
  UploadedPhoto,
} from '@hotline/shared-types';
import { endpoints } from './endpoints';
import { download, send, upload, type QueryValue } from './http';
import { withSession } from './session';

export interface MyCasesQuery {
  statuses?: readonly CaseStatus[];
  limit?: number;
  cursor?: string;
}

export type MyData = SuccessBody<Contract['exportMyData']>;

export type CatalogRegions = SuccessBody<Contract['catalogRegions']>;
export type CatalogAreas = SuccessBody<Contract['catalogAreas']>;
export type CatalogAreaSummary = CatalogAreas['areas'][number];
export type CatalogItemPage = SuccessBody<Contract['catalogItems']>;
export type CatalogItemDetail = SuccessBody<Contract['catalogItem']>;
export type CatalogDiff = SuccessBody<Contract['catalogDiff']>;
export type CatalogSearchPage = SuccessBody<Contract['catalogSearch']>;
export type CatalogSuggestions = SuccessBody<Contract['catalogSuggest']>;

export interface CatalogSearchParams {
  q: string;
  region?: string;
  page?: number;
  pageSize?: number;
}

/** Fills the `:name` segments of a contract path. */
export function pathOf(template: string, params: Record<string, string>): string {
  return template.replace(/:(\w+)/g, (_segment, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The BFF endpoints the mini-program calls, typed by the shared contract. */
export const api = {
  /** The key identifies the draft: sending the same draft again answers the case it already created. */
  createCase(body: CreateCaseRequest, idempotencyKey: string): Promise<CaseDetail> {
    const { method, path } = endpoints.createCase;
    return withSession((token) =>
      send<CaseDetail>({ method, path, body, headers: { 'Idempotency-Key': idempotencyKey }, token }),
    );
  },

  listMyCases(query: MyCasesQuery = {}): Promise<CaseList> {
    const { method, path } = endpoints.listMyCases;
    const status = query.statuses?.length ? query.statuses.join(',') : undefined;
    return withSession((token) =>
      send<CaseList>({ method, path, query: { status, limit: query.limit, cursor: query.cursor }, token }),
    );
  },

  getMyCase(id: string): Promise<CaseDetail> {
    const { method, path } = endpoints.getMyCase;
    return withSession((token) => send<CaseDetail>({ method, path: pathOf(path, { id }), token }));
  },

  withdrawMyCase(id: string, reason?: string): Promise<CaseDetail> {
    const { method, path } = endpoints.withdrawMyCase;
    const body = reason ? { reason } : {};
    return withSession((token) => send<CaseDetail>({ method, path: pathOf(path, { id }), body, token }));
  },

  /** Everything the BFF holds about the citizen, their own contact data in full (the read is audited). */
  exportMyData(): Promise<MyData> {
    const { method, path } = endpoints.exportMyData;
    return withSession((token) => send<MyData>({ method, path, token }));
  },

  /** Deletes the account: personal data goes, the cases stay anonymised for statistics. */
  deleteMe(confirm: string): Promise<{ deleted: true }> {
    const { method, path } = endpoints.deleteMe;
    return withSession((token) => send({ method, path, body: { confirm }, token }));
  },

  async listCategories(): Promise<Category[]> {
    const { method, path } = endpoints.listCategories;
    return (await send<{ items: Category[] }>({ method, path })).items;
  },

  /** One photo (a local file path) as multipart `file`; `onProgress` gets 0–100. */
  uploadPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<UploadedPhoto> {
    const { path } = endpoints.uploadPhoto;
    return withSession((token) => upload<UploadedPhoto>({ path, filePath, field: 'file', token, onProgress }));
  },

  /** A photo of one of my cases, as a local file path; `url` is the photo's `url` from the case. */
  photoFile(url: string): Promise<string> {
    return withSession((token) => download(url, token));
  },

  catalogRegions(): Promise<CatalogRegions> {
    const { method, path } = endpoints.catalogRegions;
    return send({ method, path });
  },

  catalogAreas(region: string): Promise<CatalogAreas> {
    const { method, path } = endpoints.catalogAreas;
    return send({ method, path: pathOf(path, { region }) });
  },

  catalogItems(
    region: string,
    area: string,
    query: { page?: number; pageSize?: number; show?: 'active' | 'removed' | 'all' } = {},
  ): Promise<CatalogItemPage> {
    const { method, path } = endpoints.catalogItems;
    return send({ method, path: pathOf(path, { region, area }), query: { ...query } });
  },

  catalogItem(region: string, key: string): Promise<CatalogItemDetail> {
    const { method, path } = endpoints.catalogItem;
    return send({ method, path: pathOf(path, { region, key }) });
  },

  catalogDiff(region: string): Promise<CatalogDiff> {
    const { method, path } = endpoints.catalogDiff;
    return send({ method, path: pathOf(path, { region }) });
  },

  catalogSearch(params: CatalogSearchParams): Promise<CatalogSearchPage> {
    const { method, path } = endpoints.catalogSearch;
    const query: Record<string, QueryValue> = { ...params };
    return send({ method, path, query });
  },

  /** Catalog items that may answer what a citizen is typing (for 咨询). */
  catalogSuggest(text: string, limit = 3): Promise<CatalogSuggestions> {
    const { method, path } = endpoints.catalogSuggest;
    return send({ method, path, body: { text, limit } });
  },
};
