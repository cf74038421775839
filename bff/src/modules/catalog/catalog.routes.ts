import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import { mount } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import type { CatalogQueries } from './catalog-queries';

/** The citizen side of the catalog: public, read-only, published versions only. */
export function catalogRoutes(queries: CatalogQueries): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.catalogRegions, [], async () => ({ status: 200, body: queries.regions() }));
  mount(router, contract.catalogAreas, [], async ({ params }) => ({
    status: 200,
    body: await queries.areas(params.region),
  }));
  mount(router, contract.catalogItems, [], async ({ params, query }) => ({
    status: 200,
    body: await queries.items(params.region, params.area, query),
  }));
  mount(router, contract.catalogItem, [], async ({ params }) => ({
    status: 200,
    body: await queries.item(params.region, params.key),
  }));
  mount(router, contract.catalogDiff, [], async ({ params }) => ({
    status: 200,
    body: await queries.diff(params.region),
  }));
  mount(router, contract.catalogSearch, [], async ({ query }) => ({ status: 200, body: await queries.search(query) }));
  mount(router, contract.catalogSuggest, [], async ({ body }) => ({ status: 200, body: await queries.suggest(body) }));
  return router;
}
