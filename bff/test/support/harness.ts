import { ManualClock } from './clock';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startHotlineSimulator,
  startWechatSimulator,
  type HotlineSimulator,
  type HotlineSimulatorOptions,
  type WechatSimulator,
} from '@hotline/simulators';
import pino from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { loadConfig, mergeLayers, type Config, type ConfigInput } from '@hotline/config';
import type { HotlineApi } from '../../src/adapters/hotline/hotline-api';
import { closeRedis } from '../../src/adapters/redis/client';
import { buildApp } from '../../src/app';
import type { AppDeps } from '../../src/deps';
import { composeDeps } from '../../src/compose';
import { startJobs, type Jobs } from '../../src/jobs';
import type { Logger } from '../../src/logger';
import { createDataSource } from '../../src/db/data-source';
import type { TokenSettings } from '../../src/modules/auth/session-token';
import type { MediaChecker } from '../../src/modules/uploads/uploads.service';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  wechat: WechatSimulator;
  clock: ManualClock;
  tokens: TokenSettings;
  /** Folder of this app's photo storage, removed on close. */
  storageDir: string;
  deps: AppDeps;
  /** The 12345 simulator, when started with `withHotline`. */
  hotline: HotlineSimulator | undefined;
  /** Background jobs, not on timers in tests: call forwardOnce(), pollOnce(), runOnce(). */
  jobs: Jobs;
  config: Config;
  /** Signs in as the citizen behind this wx.login code; returns the Authorization header value. */
  signIn(code?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  migrate?: boolean;
  /** Configuration on top of the test defaults, e.g. { http: { bodyLimitKb: 8 } }. */
  config?: ConfigInput;
  mediaChecker?: MediaChecker;
  /** Another hotline than the configured HTTP one. */
  hotline?: HotlineApi;
  /** Start the 12345 simulator and point the app's HTTP hotline adapter at it. */
  withHotline?: boolean | Omit<HotlineSimulatorOptions, 'keys'>;
  logger?: Logger;
  /** MariaDB only: reach the database through this address (a proxy a test can cut). */
  dbProxy?: { host: string; port: number };
  /** Where the test clock starts (2026-03-02 09:00 in Luohe unless given). */
  clockStart?: Date;
}

/** Test configuration: generated secrets, the Luohe city, generous rate limits unless a test sets them. */
export function testConfig(wechatUrl: string, overrides: ConfigInput = {}): Config {
  const base: ConfigInput = {
    auth: { tokenSecret: randomBytes(32).toString('hex'), audience: 'test', tokenTtlSeconds: 30 * 24 * 3600 },
    pii: {
      keys: `t1:${randomBytes(32).toString('base64')}`,
      activeKeyId: 't1',
      hashKey: randomBytes(32).toString('hex'),
    },
    wechat: {
      appId: 'wxtest0000000000',
      appSecret: randomBytes(16).toString('hex'),
      apiBaseUrl: wechatUrl,
      timeoutMs: 2000,
      pushToken: randomBytes(16).toString('hex'),
    },
    // A cheap scrypt cost keeps the many test logins fast; production refuses anything below 2^14.
    staff: { passwordCostLog2: 10 },
    metrics: { token: randomBytes(16).toString('hex') },
    rateLimits: { casesPerCitizenPerHour: 1000, casesPerIpPerHour: 100000, uploadsPerCitizenPerHour: 1000 },
    http: { corsOrigins: ['http://localhost:10086'] },
    // Tests drive the background jobs by hand (jobs.forwardOnce(), jobs.pollOnce()).
    forwarding: { enabled: false },
    jobs: { contentRecheckSeconds: 86400 },
    hotline: {
      baseUrl: 'http://127.0.0.1:9/api/channel/v1/',
      keyId: 'test',
      secret: randomBytes(32).toString('hex'),
      inboundKeys: `hotline-test:${randomBytes(32).toString('hex')}`,
    },
  };
  return loadConfig({ env: {}, overrides: mergeLayers(base, overrides) });
}

/**
 * The real application on a fresh database, talking real HTTP to the WeChat simulator, driven through
 * app.callback() by supertest: nothing listens but the simulator.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db: TestDatabase = await createTestDatabase();
  if (options.dbProxy && db.settings.url) {
    const url = new URL(db.settings.url);
    url.host = `${options.dbProxy.host}:${options.dbProxy.port}`;
    db.settings = { ...db.settings, url: url.toString() };
  }
  const dataSource = createDataSource(db.settings);
  await dataSource.initialize();
  if (options.migrate ?? true) await dataSource.runMigrations({ transaction: 'each' });
  const config = testConfig('http://127.0.0.1:1', options.config);
  const wechat = await startWechatSimulator({
    appId: config.wechat.appId as string,
    appSecret: config.wechat.appSecret as string,
  });
  config.wechat.apiBaseUrl = wechat.url;
  const clock = new ManualClock(options.clockStart);
  const hotlineSim = options.withHotline
    ? await startHotlineSimulator({
        clock,
        ...(typeof options.withHotline === 'object' ? options.withHotline : {}),
        keys: { [config.hotline.keyId as string]: config.hotline.secret as string },
      })
    : undefined;
  if (hotlineSim) config.hotline.baseUrl = hotlineSim.baseUrl;
  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-photos-'));
  config.storage = { ...config.storage, driver: 'local', localDir: storageDir };
  const tokens: TokenSettings = {
    secret: config.auth.tokenSecret as string,
    audience: config.auth.audience,
    ttlSeconds: config.auth.tokenTtlSeconds,
  };
  const deps = composeDeps(config, {
    dataSource,
    clock,
    logger: options.logger ?? pino({ level: 'silent' }),
    mediaChecker: options.mediaChecker,
    ...(options.hotline ? { hotline: options.hotline } : {}),
  });
  const app = buildApp(deps);
  const jobs = startJobs(deps, config.jobs.contentRecheckSeconds * 1000);
  const http = request(app.callback());
  let codes = 0;
  return {
    http,
    dataSource,
    wechat,
    clock,
    tokens,
    storageDir,
    deps,
    jobs,
    config,
    hotline: hotlineSim,
    async signIn(code = `code-${randomBytes(6).toString('hex')}-${(codes += 1)}`) {
      const res = await http.post('/api/v1/auth/wechat-login').send({ code }).expect(200);
      return `Bearer ${(res.body as { token: string }).token}`;
    },
    async close() {
      await jobs.stop();
      await hotlineSim?.close();
      await wechat.close();
      await dataSource.destroy();
      if (deps.redis) await closeRedis(deps.redis);
      await db.drop();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

export { ManualClock };
