import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { Middleware } from 'koa';
import { mount, type Guards } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import type { CatalogQueries } from './catalog-queries';

/**
 * Answers are cached per catalog snapshot (the same object for the same page, item or search), so each is
 * serialized to UTF-8 JSON once: on a list page that is most of the cost of the request.
 */
function serializedOnce(): Middleware<AppState> {
  const bytes = new WeakMap<object, Buffer>();
  return async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    if (ctx.status !== 200 || body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return;
    let json = bytes.get(body);
    if (!json) {
      json = Buffer.from(JSON.stringify(body));
      bytes.set(body, json);
    }
    ctx.body = json;
    ctx.type = 'application/json; charset=utf-8';
  };
}

/** The citizen side of the catalog: public, read-only, published versions only. */
export function catalogRoutes(queries: CatalogQueries, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  const once = serializedOnce();
  mount(router, contract.catalogRegions, { ...guards, before: [once] }, async () => ({
    status: 200,
    body: queries.regions(),
  }));
  mount(router, contract.catalogAreas, guards, async ({ params }) => ({
    status: 200,
    body: await queries.areas(params.region),
  }));
  mount(router, contract.catalogItems, { ...guards, before: [once] }, async ({ params, query }) => ({
    status: 200,
    body: await queries.items(params.region, params.area, query),
  }));
  // Served from the store's snapshot, documents included (linking one moves the documents' generation).
  mount(router, contract.catalogItem, guards, async ({ params }) => ({
    status: 200,
    body: await queries.item(params.region, params.key),
  }));
  mount(router, contract.catalogDiff, guards, async ({ params }) => ({
    status: 200,
    body: await queries.diff(params.region),
  }));
  mount(router, contract.catalogSearch, { ...guards, before: [once] }, async ({ query }) => ({
    status: 200,
    body: await queries.search(query),
  }));
  mount(router, contract.catalogSuggest, guards, async ({ body }) => ({
    status: 200,
    body: await queries.suggest(body),
  }));
  return router;
}
