import type { Contract } from '@hotline/shared-types';

type Route<N extends keyof Contract> = Pick<Contract[N], 'method' | 'path'>;

/**
 * Method and path of every endpoint the mini-program calls. They are written out rather than read from
 * `contract` at run time: the contract object builds every schema of the API (staff and catalog editing
 * included), which would all land in the main package. `satisfies` makes the compiler hold each entry to the
 * shared contract, and test/endpoints.test.ts checks the same at run time.
 */
export const endpoints = {
  wechatLogin: { method: 'POST', path: '/api/v1/auth/wechat-login' },
  createCase: { method: 'POST', path: '/api/v1/cases' },
  listMyCases: { method: 'GET', path: '/api/v1/cases' },
  getMyCase: { method: 'GET', path: '/api/v1/cases/:id' },
  withdrawMyCase: { method: 'POST', path: '/api/v1/cases/:id/withdraw' },
  listCategories: { method: 'GET', path: '/api/v1/categories' },
  uploadPhoto: { method: 'POST', path: '/api/v1/uploads/photos' },
  catalogRegions: { method: 'GET', path: '/api/v1/catalog/regions' },
  catalogAreas: { method: 'GET', path: '/api/v1/catalog/regions/:region/areas' },
  catalogItems: { method: 'GET', path: '/api/v1/catalog/regions/:region/areas/:area/items' },
  catalogItem: { method: 'GET', path: '/api/v1/catalog/regions/:region/items/:key' },
  catalogDiff: { method: 'GET', path: '/api/v1/catalog/regions/:region/diff' },
  catalogSearch: { method: 'GET', path: '/api/v1/catalog/search' },
  catalogSuggest: { method: 'POST', path: '/api/v1/catalog/suggest' },
  listSubscriptionTemplates: { method: 'GET', path: '/api/v1/notifications/templates' },
  reportSubscriptions: { method: 'POST', path: '/api/v1/notifications/subscriptions' },
  getSurvey: { method: 'GET', path: '/api/v1/surveys/:token' },
  submitSurvey: { method: 'POST', path: '/api/v1/surveys/:token' },
  getCaseSurvey: { method: 'GET', path: '/api/v1/cases/:id/survey' },
  rateCase: { method: 'POST', path: '/api/v1/cases/:id/survey' },
  exportMyData: { method: 'GET', path: '/api/v1/me/data' },
  deleteMe: { method: 'POST', path: '/api/v1/me/delete' },
} as const satisfies { [N in keyof Contract]?: Route<N> };

export type EndpointName = keyof typeof endpoints;
