import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import { mount, type Guards } from '../../http/endpoint';
import { staffOf } from '../../http/staff-auth';
import type { AppState } from '../../http/state';
import {
  addItem,
  discardDraft,
  draftOf,
  historyOf,
  publish,
  removeItem,
  restoreItem,
  setAreaApplicability,
  updateItem,
  type CatalogEditDeps,
} from './catalog.service';

/** The editing side of the catalog: drafts, publication, history; every edit is recorded under the staff id. */
export function catalogAdminRoutes(deps: CatalogEditDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  // Every catalog admin endpoint needs the same permission (catalog.edit: disclosure editors and admins).
  const actor = (ctx: Parameters<typeof staffOf>[0]) => staffOf(ctx).id;
  mount(router, contract.catalogDraft, guards, async ({ params }) => ({
    status: 200,
    body: await draftOf(deps, params.region),
  }));
  mount(router, contract.catalogAddItem, guards, async ({ params, body }, ctx) => ({
    status: 201,
    body: await addItem(deps, actor(ctx), params.region, body),
  }));
  mount(router, contract.catalogUpdateItem, guards, async ({ params, body }, ctx) => {
    await updateItem(deps, actor(ctx), params.region, params.key, body.columns);
    return { status: 200, body: { key: params.key } };
  });
  mount(router, contract.catalogRemoveItem, guards, async ({ params, body }, ctx) => {
    await removeItem(deps, actor(ctx), params.region, params.key, body.reason);
    return { status: 200, body: { key: params.key } };
  });
  mount(router, contract.catalogRestoreItem, guards, async ({ params }, ctx) => {
    await restoreItem(deps, actor(ctx), params.region, params.key);
    return { status: 200, body: { key: params.key } };
  });
  mount(router, contract.catalogSetArea, guards, async ({ params, body }, ctx) => {
    await setAreaApplicability(deps, actor(ctx), params.region, params.area, body);
    return { status: 200, body: { applicable: body.applicable } };
  });
  mount(router, contract.catalogPublish, guards, async ({ params, body }, ctx) => ({
    status: 201,
    body: await publish(deps, actor(ctx), params.region, body),
  }));
  mount(router, contract.catalogDiscardDraft, guards, async ({ params }) => {
    await discardDraft(deps, params.region);
    return { status: 200, body: await draftOf(deps, params.region) };
  });
  mount(router, contract.catalogHistory, guards, async ({ params, query }) => ({
    status: 200,
    body: await historyOf(deps, params.region, query.item),
  }));
  return router;
}
