import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { Middleware, ParameterizedContext } from 'koa';
import { mount } from '../../http/endpoint';
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

/** Roles allowed to edit and publish the catalog. */
export const CATALOG_EDITOR_ROLES = ['disclosure_editor', 'admin'];

/**
 * Staff authentication, supplied by the app: a guard admitting the given roles, and the signed-in staff
 * account's id (the `actor` every edit is recorded under).
 */
export interface StaffAccess {
  requireStaff: (roles: string[]) => Middleware<AppState>;
  staffIdOf: (ctx: ParameterizedContext<AppState>) => string;
}

/** The editing side of the catalog: drafts, publication, history. */
export function catalogAdminRoutes(deps: CatalogEditDeps, staff: StaffAccess): Router<AppState> {
  const router = new Router<AppState>();
  const editor = [staff.requireStaff(CATALOG_EDITOR_ROLES)];
  mount(router, contract.catalogDraft, editor, async ({ params }) => ({
    status: 200,
    body: await draftOf(deps, params.region),
  }));
  mount(router, contract.catalogAddItem, editor, async ({ params, body }, ctx) => ({
    status: 201,
    body: await addItem(deps, staff.staffIdOf(ctx), params.region, body),
  }));
  mount(router, contract.catalogUpdateItem, editor, async ({ params, body }, ctx) => {
    await updateItem(deps, staff.staffIdOf(ctx), params.region, params.key, body.columns);
    return { status: 200, body: { key: params.key } };
  });
  mount(router, contract.catalogRemoveItem, editor, async ({ params, body }, ctx) => {
    await removeItem(deps, staff.staffIdOf(ctx), params.region, params.key, body.reason);
    return { status: 200, body: { key: params.key } };
  });
  mount(router, contract.catalogRestoreItem, editor, async ({ params }, ctx) => {
    await restoreItem(deps, staff.staffIdOf(ctx), params.region, params.key);
    return { status: 200, body: { key: params.key } };
  });
  mount(router, contract.catalogSetArea, editor, async ({ params, body }, ctx) => {
    await setAreaApplicability(deps, staff.staffIdOf(ctx), params.region, params.area, body);
    return { status: 200, body: { applicable: body.applicable } };
  });
  mount(router, contract.catalogPublish, editor, async ({ params, body }, ctx) => ({
    status: 201,
    body: await publish(deps, staff.staffIdOf(ctx), params.region, body),
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
