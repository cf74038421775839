import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import { mount } from '../../http/endpoint';
import { staffOf, type StaffGuard } from '../../http/staff-auth';
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
export function catalogAdminRoutes(deps: CatalogEditDeps, guard: StaffGuard): Router<AppState> {
  const router = new Router<AppState>();
  // Every catalog admin endpoint needs the same permission (catalog.edit: disclosure editors and admins).
  const editor = [guard(contract.catalogPublish.permission)];
  const actor = (ctx: Parameters<typeof staffOf>[0]) => staffOf(ctx).id;
  mount(router, contract.catalogDraft, editor, async ({ params }) => ({
    status: 200,
    body: await draftOf(deps, params.region),
  }));
  mount(router, contract.catalogAddItem, editor, async ({ params, body }, ctx) => ({
    status: 201,
    body: await addItem(deps, actor(ctx), params.region, body),
  }));
  mount(router, contract.catalogUpdateItem, editor, async ({ params, body }, ctx) => {
    await updateItem(deps, actor(ctx), params.region, params.key, body.columns);
    return { status: 200, body: { key: params.key } };
  });
  mount(router, contract.catalogRemoveItem, editor, async ({ params, body }, ctx) => {
    await removeItem(deps, actor(ctx), params.region, params.key, body.reason);
    return { status: 200, body: { key: params.key } };
  });
  mount(router, contract.catalogRestoreItem, editor, async ({ params }, ctx) => {
    await restoreItem(deps, actor(ctx), params.region, params.key);
    return { status: 200, body: { key: params.key } };
  });
  mount(router, contract.catalogSetArea, editor, async ({ params, body }, ctx) => {
    await setAreaApplicability(deps, actor(ctx), params.region, params.area, body);
    return { status: 200, body: { applicable: body.applicable } };
  });
  mount(router, contract.catalogPublish, editor, async ({ params, body }, ctx) => ({
    status: 201,
    body: await publish(deps, actor(ctx), params.region, body),
  }));
  mount(router, contract.catalogDiscardDraft, editor, async ({ params }) => {
    await discardDraft(deps, params.region);
    return { status: 200, body: await draftOf(deps, params.region) };
  });
  mount(router, contract.catalogHistory, editor, async ({ params, query }) => ({
    status: 200,
    body: await historyOf(deps, params.region, query.item),
  }));
  return router;
}
