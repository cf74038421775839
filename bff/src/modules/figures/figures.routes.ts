import { Router } from '@koa/router';
import { contract } from '@hotline/shared-types';
import type { ParameterizedContext } from 'koa';
import { Forbidden, Unauthenticated } from '../../lib/errors';
import { mount, type Guards } from '../../http/endpoint';
import type { AppState } from '../../http/state';
import { exportFigures } from './figures.export';
import { computeFigures, type FiguresDeps, type FiguresScope } from './figures.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/v1/admin/figures and its Excel export; the guard checks the staff token and the permission. */
export function figuresRoutes(deps: FiguresDeps, guards: Guards): Router<AppState> {
  const router = new Router<AppState>();
  mount(router, contract.figures, guards, async ({ query }, ctx) => ({
    status: 200,
    body: await computeFigures(deps, query, scopeOf(ctx), clientGone(ctx)),
  }));
  mount(router, contract.figuresExport, guards, async ({ query }, ctx) => {
    const workbook = await exportFigures(deps, query, scopeOf(ctx), clientGone(ctx));
    ctx.type = XLSX;
    ctx.attachment(`figures-${query.from}-${query.to}.xlsx`, { type: 'attachment' });
    // The contract describes the binary body as a string for OpenAPI; Koa sends the Buffer as it is.
    return { status: 200, body: workbook as unknown as string };
  });
  return router;
}

/** Aborts when the client disconnects before its answer is sent, so its reporting statement is cancelled. */
function clientGone(ctx: ParameterizedContext<AppState>): AbortSignal {
  const controller = new AbortController();
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Handlers see the figures of their own unit and region only; every other role sees the whole city. */
export function scopeOf(ctx: ParameterizedContext<AppState>): FiguresScope {
  const staff = ctx.state.staff;
  if (!staff) throw new Unauthenticated('UNAUTHENTICATED');
  if (staff.role !== 'handler') return {};
  if (staff.unit === null && staff.regionCode === null) throw new Forbidden();
  return { unit: staff.unit ?? undefined, regionCode: staff.regionCode ?? undefined };
}
