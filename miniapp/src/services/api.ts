import {
  contract,
  type CaseDetail,
  type CaseList,
  type CaseStatus,
  type Category,
  type CreateCaseRequest,
} from '@hotline/shared-types';
import { send } from './http';
import { withSession } from './session';

export interface MyCasesQuery {
  statuses?: readonly CaseStatus[];
  limit?: number;
  cursor?: string;
}

/** Fills the `:name` segments of a contract path. */
function pathOf(template: string, params: Record<string, string>): string {
  return template.replace(/:(\w+)/g, (_segment, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The BFF endpoints the mini-program calls, typed by the shared contract. */
export const api = {
  /** The key identifies the draft: sending the same draft again answers the case it already created. */
  createCase(body: CreateCaseRequest, idempotencyKey: string): Promise<CaseDetail> {
    const { method, path } = contract.createCase;
    return withSession((token) =>
      send<CaseDetail>({ method, path, body, headers: { 'Idempotency-Key': idempotencyKey }, token }),
    );
  },

  listMyCases(query: MyCasesQuery = {}): Promise<CaseList> {
    const { method, path } = contract.listMyCases;
    const status = query.statuses?.length ? query.statuses.join(',') : undefined;
    return withSession((token) =>
      send<CaseList>({ method, path, query: { status, limit: query.limit, cursor: query.cursor }, token }),
    );
  },

  getMyCase(id: string): Promise<CaseDetail> {
    const { method, path } = contract.getMyCase;
    return withSession((token) => send<CaseDetail>({ method, path: pathOf(path, { id }), token }));
  },

  withdrawMyCase(id: string, reason?: string): Promise<CaseDetail> {
    const { method, path } = contract.withdrawMyCase;
    const body = reason ? { reason } : {};
    return withSession((token) => send<CaseDetail>({ method, path: pathOf(path, { id }), body, token }));
  },

  async listCategories(): Promise<Category[]> {
    const { method, path } = contract.listCategories;
    return (await send<{ items: Category[] }>({ method, path })).items;
  },
};
