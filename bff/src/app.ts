import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import { Router } from '@koa/router';
import Koa from 'koa';
import serveStatic from 'koa-static';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { HotlineApi } from './adapters/hotline/hotline-api';
import type { NonceStore } from './adapters/hotline/signing';
import type { ObjectStorage } from './adapters/storage/object-storage';
import type { NonceCache } from './adapters/wechat/push';
import type { MetricsRegistry } from './lib/metrics';
import { hotlineRoutes } from './modules/hotline/hotline.routes';
import type { HotlineMetrics } from './modules/hotline/metrics';
import { wechatPushRoutes } from './modules/wechat-push/wechat-push.routes';
import type { WechatApi } from './adapters/wechat/wechat-api';
import { adminConsole } from './http/admin-console';
import { DatabaseHealth } from './db/database-health';
import { AppError } from './http/app-error';
import { requireCitizen } from './http/citizen-auth';
import { docsRoutes } from './http/docs';
import { errorEnvelope } from './http/error-middleware';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import type { AppState } from './http/state';
import { RateLimiter, type RateLimitStore } from './http/rate-limit';
import type { Clock } from './lib/clock';
import type { IdGenerator } from './lib/ids';
import type { PiiCipher } from './lib/pii';
import type { Logger } from './logger';
import { authRoutes } from './modules/auth/auth.routes';
import { CitizenRepository } from './modules/auth/citizen.repository';
import type { TokenSettings } from './modules/auth/session-token';
import { CasesRepository } from './modules/cases/cases.repository';
import { casesRoutes } from './modules/cases/cases.routes';
import type { CasePhotos } from './modules/cases/ports';
import { wechatContentChecker, wechatPhoneNumbers } from './modules/cases/wechat-ports';
import type { CityContext } from './modules/city/city-context';
import type { CatalogModule } from './modules/catalog/catalog.module';
import { catalogAdminRoutes } from './modules/catalog/catalog-admin.routes';
import { catalogFilesRoutes } from './modules/catalog/catalog-files.routes';
import { catalogRoutes } from './modules/catalog/catalog.routes';
import { meRoutes } from './modules/me/me.routes';
import { opsRoutes } from './modules/ops/ops.routes';
import { PhotosRepository } from './modules/uploads/photos.repository';
import { uploadsRoutes } from './modules/uploads/uploads.routes';
import { PhotoLinkSigner } from './modules/uploads/signed-url';
import { staffGuard } from './http/staff-auth';
import { AdminCasesRepository } from './modules/admin-cases/admin-cases.repository';
import { adminCasesRoutes } from './modules/admin-cases/admin-cases.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { figuresRoutes } from './modules/figures/figures.routes';
import type { ReportingReads } from './db/reporting';
import { StaffRepository } from './modules/staff/staff.repository';
import { staffRoutes } from './modules/staff/staff.routes';
import type { StaffSettings } from './modules/staff/staff.service';
import { GrantsRepository } from './modules/notifications/grants.repository';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import type { NotificationSettings } from './modules/notifications/settings';
import { surveysRoutes } from './modules/surveys/surveys.routes';
import type { MediaChecker, UploadSettings } from './modules/uploads/uploads.service';

export interface AppDeps {
  dataSource: DataSource;
  reporting: ReportingReads;
  wechat: WechatApi;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  tokens: TokenSettings;
  staffSettings: StaffSettings;
  city: CityContext;
  catalog: CatalogModule;
  pii: PiiCipher;
  rateLimitStore: RateLimitStore;
  /** The shared-state connection when Redis is configured: readiness checks it, shutdown closes it. */
  redis?: Redis | undefined;
  limits: { casesPerCitizenPerHour: number; casesPerIpPerHour: number; uploadsPerCitizenPerHour: number };
  photos: CasePhotos;
  storage: ObjectStorage;
  uploads: UploadSettings;
  /** WeChat's image check; without it photos stay `unchecked`. */
  mediaChecker?: MediaChecker | undefined;
  hotline: HotlineApi;
  hotlineInbound: { keys: Readonly<Record<string, string>>; nonces: NonceStore };
  wechatPush: { pushToken: string; windowSeconds: number; nonces: NonceCache };
  registry: MetricsRegistry;
  hotlineMetrics: HotlineMetrics;
  forwarding: {
    enabled: boolean;
    intervalMs: number;
    batchSize: number;
    /** Hotline requests in flight at most (40 when unset). */
    concurrency?: number;
    leaseSeconds: number;
    pollSeconds: number;
    pollOverlapSeconds: number;
    stuckAfterSeconds: number;
    retryBaseMs?: number;
    retryMaxMs?: number;
  };
  http: { bodyLimitKb: number; corsOrigins: string[]; trustProxy?: boolean; h5Dir?: string | undefined };
  notifications: NotificationSettings;
}

/** Builds the whole HTTP application from its collaborators; listening is server.ts's business. */
export function buildApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = deps.http.trustProxy ?? false;
  const citizens = new CitizenRepository(deps.dataSource);
  const cases = new CasesRepository(deps.dataSource);
  const citizen = requireCitizen(deps.tokens, deps.clock, citizens);
  const rateLimiter = new RateLimiter(deps.rateLimitStore, deps.clock);
  const photos = new PhotosRepository(deps.dataSource);
  const caseDeps = {
    ...deps,
    cases,
    rateLimiter,
    contentChecker: wechatContentChecker(deps.wechat, deps.logger),
    phoneNumbers: wechatPhoneNumbers(deps.wechat),
  };
  const allowed = new Set(deps.http.corsOrigins);
  const staff = new StaffRepository(deps.dataSource);
  const guard = staffGuard(deps.staffSettings.tokens, deps.clock, staff);
  const adminCaseDeps = {
    ...deps,
    cases,
    adminCases: new AdminCasesRepository(deps.dataSource),
    photoLinks: new PhotoLinkSigner(deps.tokens.secret, deps.uploads.signedUrlTtlSeconds),
  };

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
          ? new AppError(413, 'PAYLOAD_TOO_LARGE')
          : new AppError(400, 'INVALID_JSON');
      },
    }),
  );

  const api = new Router<AppState>();
  for (const router of [
    opsRoutes(deps.dataSource, deps.redis),
    authRoutes({ ...deps, citizens }),
    casesRoutes(caseDeps, citizen),
    meRoutes({ ...deps, citizens, cases }, citizen),
    uploadsRoutes({ ...deps, photos, rateLimiter }, citizen),
    hotlineRoutes({
      ...deps,
      cases,
      metrics: deps.hotlineMetrics,
      inboundKeys: deps.hotlineInbound.keys,
      nonces: deps.hotlineInbound.nonces,
    }),
    wechatPushRoutes({ ...deps.wechatPush, clock: deps.clock, photos }),
    staffRoutes({ ...deps, staff, rateLimiter }, guard),
    adminCasesRoutes(adminCaseDeps, guard),
    auditRoutes(deps.dataSource, guard),
    figuresRoutes(deps, guard),
    catalogRoutes(deps.catalog.queries, deps.catalog.docs),
    catalogAdminRoutes(deps.catalog.edit, guard),
    catalogFilesRoutes(deps.catalog, guard),
    notificationsRoutes({ ...deps, cases, grants: new GrantsRepository(deps.dataSource) }, citizen),
    surveysRoutes({ ...caseDeps, surveys: deps.notifications.surveys }, citizen),
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
  if (deps.http.h5Dir) app.use(serveStatic(deps.http.h5Dir, { index: 'index.html', maxage: 0 }));
  return app;
}
