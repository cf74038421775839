import {
  contract,
  type CaseList,
  type CaseSummary,
  type CreateCaseRequest,
  type ListCasesQuery,
} from '@hotline/shared-types';
import { send } from './http';
import { withSession } from './session';

/** The BFF endpoints the mini-program calls, typed by the shared contract. */
export const api = {
  createCase(body: CreateCaseRequest): Promise<CaseSummary> {
    const { method, path } = contract.createCase;
    return withSession((token) => send<CaseSummary>({ method, path, body, token }));
  },

  listMyCases(query: Partial<ListCasesQuery> = {}): Promise<CaseList> {
    const { method, path } = contract.listMyCases;
    return withSession((token) =>
      send<CaseList>({ method, path, query: { limit: query.limit, cursor: query.cursor }, token }),
    );
  },
};
