import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '@hotline/config';
import type { DataSource } from 'typeorm';
import type { WechatApi } from './adapters/wechat/wechat-api';
import { closeRedis } from './adapters/redis/client';
import { buildApp } from './app';
import { composeDeps } from './compose';
import { startJobs, type Jobs } from './jobs';
import { createDataSource } from './db/data-source';
import { answerClientErrors } from './http/client-error';
import type { Clock } from './lib/clock';
import { createLogger, type Logger } from './logger';
import { seedSampleCatalog } from './modules/catalog/sample/seed';
import { sampleDepsOf, seedSampleApplications } from './modules/disclosure-applications/sample/seed';

export interface RunningBff {
  url: string;
  server: Server;
  dataSource: DataSource;
  logger: Logger;
  jobs: Jobs;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), then closes the pool. */
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  wechat?: WechatApi;
  logger?: Logger;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningBff> {
  const logger = options.logger ?? createLogger(config.log.level);
  const dataSource = createDataSource(config.db);
  await dataSource.initialize();
  if (config.db.migrateOnStart ?? config.mode === 'demo') {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  }
  // Figures and exports get their own few connections (MySQL/MariaDB); SQLite has a single one anyway.
  const reportingDataSource = config.db.url
    ? createDataSource({ ...config.db, poolSize: config.db.reportingPoolSize })
    : undefined;
  await reportingDataSource?.initialize();
  const deps = composeDeps(config, {
    dataSource,
    logger,
    ...options,
    ...(reportingDataSource && { reportingDataSource }),
  });
  if (config.mode === 'production' && !deps.redis) {
    logger.warn('REDIS_URL is not set: rate limits and replay checks are per process, run one instance only');
  }
  if (config.mode === 'demo') {
    const seeded = await seedSampleCatalog(deps.catalog, deps);
    if (seeded) logger.info(seeded, 'sample disclosure catalog loaded (示例数据)');
    const applications = await seedSampleApplications(sampleDepsOf(deps));
    if (applications) logger.info({ applications }, 'sample disclosure applications loaded (示例数据)');
  }
  // Resolve and index the catalog now rather than on the first citizen's request; a failure (e.g. migrations
  // not applied yet) is retried by that request.
  deps.catalog.store.current().catch((error: unknown) => logger.warn({ err: error }, 'catalog not loaded yet'));
  const app = buildApp(deps);
  const jobs = startJobs(deps, config.jobs.contentRecheckSeconds * 1000);
  app.on('error', (error: unknown) => logger.warn({ err: error }, 'connection error'));

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.http.port, config.http.host);
    s.once('error', reject);
    s.once('listening', () => resolve(s));
  });
  server.keepAliveTimeout = 5000;
  answerClientErrors(server, logger);
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.http.host}:${port}`;
  logger.info({ url, mode: config.mode }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      logger.info('shutting down');
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), config.http.shutdownGraceMs);
      await closed;
      clearTimeout(grace);
      await jobs.stop();
      await reportingDataSource?.destroy();
      await dataSource.destroy();
      if (deps.redis) await closeRedis(deps.redis);
      logger.info('stopped');
    })());

  return { url, server, dataSource, logger, jobs, stop };
}
