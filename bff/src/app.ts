import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import { Router } from '@koa/router';
import Koa from 'koa';
import { hotlineRoutes } from './modules/hotline/hotline.routes';
import { wechatPushRoutes } from './modules/wechat-push/wechat-push.routes';
import { adminConsole } from './http/admin-console';
import { DatabaseHealth } from './db/database-health';
import { Invalid, TooLarge } from './lib/errors';
import { requireCitizen } from './http/citizen-auth';
import { docsRoutes } from './http/docs';
import type { Guards } from './http/endpoint';
import { errorEnvelope } from './http/error-middleware';
import { h5App } from './http/h5-app';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import type { AppState } from './http/state';
import { authRoutes } from './modules/auth/auth.routes';
import { casesRoutes } from './modules/cases/cases.routes';
import { catalogAdminRoutes } from './modules/catalog/catalog-admin.routes';
import { catalogFilesRoutes } from './modules/catalog/catalog-files.routes';
import { catalogRoutes } from './modules/catalog/catalog.routes';
import { meRoutes } from './modules/me/me.routes';
import { metricsRoutes } from './modules/ops/metrics.routes';
import { disclosureRoutes } from './modules/disclosure-applications/disclosure.routes';
import { opsRoutes } from './modules/ops/ops.routes';
import { uploadsRoutes } from './modules/uploads/uploads.routes';
import { staffGuard } from './http/staff-auth';
import { adminCasesRoutes } from './modules/admin-cases/admin-cases.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { figuresRoutes } from './modules/figures/figures.routes';
import { staffRoutes } from './modules/staff/staff.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { surveysRoutes } from './modules/surveys/surveys.routes';
import type { AppDeps } from './deps';

/** Builds the whole HTTP application from its collaborators; listening is server.ts's business. */
export function buildApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = deps.http.trustProxy ?? false;
  const guards: Guards = {
    citizen: requireCitizen(deps.tokens, deps.clock, deps.citizens),
    staff: staffGuard(deps.staffSettings.tokens, deps.clock, deps.staff),
  };
  const allowed = new Set(deps.http.corsOrigins);

  app.use(requestContext(deps.logger));
  const database = new DatabaseHealth(deps.dataSource, deps.logger);
  app.use(errorEnvelope(database));
  app.use(securityHeaders());
  app.use(
    cors({
      origin: (ctx) => (allowed.has(ctx.get('origin')) ? ctx.get('origin') : ''),
      allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Idempotency-Key'],
      exposeHeaders: ['X-Request-Id'],
      maxAge: 600,
    }),
  );
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: `${deps.http.bodyLimitKb}kb`,
      encoding: 'utf-8',
      onError: (error) => {
        throw (error as { status?: number }).status === 413
          ? new TooLarge()
          : new Invalid([], undefined, { code: 'INVALID_JSON' });
      },
    }),
  );

  const api = new Router<AppState>();
  for (const router of [
    opsRoutes(deps, guards),
    metricsRoutes(deps.registry, deps.metricsToken),
    authRoutes(deps, guards),
    casesRoutes(deps, guards),
    meRoutes(deps, guards),
    uploadsRoutes({ ...deps, photos: deps.photoRecords, links: deps.photoLinks }, guards),
    hotlineRoutes(
      {
        ...deps,
        metrics: deps.hotlineMetrics,
        inboundKeys: deps.hotlineInbound.keys,
        nonces: deps.hotlineInbound.nonces,
      },
      guards,
    ),
    wechatPushRoutes({ ...deps.wechatPush, clock: deps.clock, photos: deps.photoRecords }, guards),
    staffRoutes(deps, guards),
    adminCasesRoutes(deps, guards),
    auditRoutes(deps.dataSource, guards),
    figuresRoutes(deps, guards),
    catalogRoutes(deps.catalog.queries, guards),
    catalogAdminRoutes(deps.catalog.edit, guards),
    catalogFilesRoutes(deps.catalog, guards),
    notificationsRoutes(deps, guards),
    surveysRoutes({ ...deps, surveys: deps.notifications.surveys }, guards),
    disclosureRoutes({ ...deps, photos: deps.photoRecords }, guards),
    docsRoutes(),
  ]) {
    api.use(router.routes());
  }
  app.use(api.routes());
  app.use(
    // Not thrown: the router then sets the Allow header a 405 must carry, and errorEnvelope() writes the body.
    api.allowedMethods(),
  );
  app.use(adminConsole());
  if (deps.http.h5Dir) app.use(h5App(deps.http.h5Dir));
  return app;
}
