import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import { Router } from '@koa/router';
import Koa from 'koa';
import serveStatic from 'koa-static';
import type { DataSource } from 'typeorm';
import type { WechatApi } from './adapters/wechat/wechat-api';
import { AppError } from './http/app-error';
import { requireCitizen } from './http/citizen-auth';
import { docsRoutes } from './http/docs';
import { errorEnvelope } from './http/error-middleware';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import type { AppState } from './http/state';
import type { Clock } from './lib/clock';
import type { IdGenerator } from './lib/ids';
import type { Logger } from './logger';
import { authRoutes } from './modules/auth/auth.routes';
import { CitizenRepository } from './modules/auth/citizen.repository';
import type { TokenSettings } from './modules/auth/session-token';
import { CasesRepository } from './modules/cases/cases.repository';
import { casesRoutes } from './modules/cases/cases.routes';
import { opsRoutes } from './modules/ops/ops.routes';

export interface AppDeps {
  dataSource: DataSource;
  wechat: WechatApi;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  tokens: TokenSettings;
  http: { bodyLimitKb: number; corsOrigins: string[]; h5Dir?: string | undefined };
}

/** Builds the whole HTTP application from its collaborators; listening is server.ts's business. */
export function buildApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = false;
  const citizen = requireCitizen(deps.tokens, deps.clock);
  const allowed = new Set(deps.http.corsOrigins);

  app.use(requestContext(deps.logger));
  app.use(errorEnvelope());
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
    opsRoutes(deps.dataSource),
    authRoutes({ ...deps, citizens: new CitizenRepository(deps.dataSource) }),
    casesRoutes({ ...deps, cases: new CasesRepository(deps.dataSource) }, citizen),
    docsRoutes(),
  ]) {
    api.use(router.routes());
  }
  app.use(api.routes());
  app.use(
    api.allowedMethods({
      throw: true,
      methodNotAllowed: () => new AppError(405, 'METHOD_NOT_ALLOWED'),
      notImplemented: () => new AppError(501, 'METHOD_NOT_ALLOWED'),
    }),
  );
  if (deps.http.h5Dir) app.use(serveStatic(deps.http.h5Dir, { index: 'index.html', maxage: 0 }));
  return app;
}
