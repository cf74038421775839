import { randomBytes } from 'node:crypto';
import { startWechatSimulator, type WechatSimulator } from '@hotline/simulators';
import pino from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { HttpWechatApi } from '../../src/adapters/wechat/http-wechat-api';
import { buildApp } from '../../src/app';
import { createDataSource } from '../../src/db/data-source';
import type { Clock } from '../../src/lib/clock';
import { ulidGenerator } from '../../src/lib/ids';
import type { TokenSettings } from '../../src/modules/auth/session-token';
import { createTestDatabase, type TestDatabase } from './database';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-03-02T01:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  wechat: WechatSimulator;
  clock: ManualClock;
  tokens: TokenSettings;
  /** Signs in as the citizen behind this wx.login code; returns the Authorization header value. */
  signIn(code?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  migrate?: boolean;
  bodyLimitKb?: number;
}

/**
 * The real application on a fresh database, talking real HTTP to the WeChat simulator, driven through
 * app.callback() by supertest: nothing listens but the simulator.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db: TestDatabase = await createTestDatabase();
  const dataSource = createDataSource(db.settings);
  await dataSource.initialize();
  if (options.migrate ?? true) await dataSource.runMigrations({ transaction: 'each' });
  const appId = 'wxtest0000000000';
  const appSecret = randomBytes(16).toString('hex');
  const wechat = await startWechatSimulator({ appId, appSecret });
  const clock = new ManualClock();
  const tokens: TokenSettings = { secret: randomBytes(32).toString('hex'), audience: 'test', ttlSeconds: 3600 };
  const app = buildApp({
    dataSource,
    wechat: new HttpWechatApi({ baseUrl: wechat.url, appId, appSecret, timeoutMs: 2000 }),
    clock,
    ids: ulidGenerator,
    logger: pino({ level: 'silent' }),
    tokens,
    http: { bodyLimitKb: options.bodyLimitKb ?? 64, corsOrigins: ['http://localhost:10086'] },
  });
  const http = request(app.callback());
  let codes = 0;
  return {
    http,
    dataSource,
    wechat,
    clock,
    tokens,
    async signIn(code = `code-${randomBytes(6).toString('hex')}-${(codes += 1)}`) {
      const res = await http.post('/api/v1/auth/wechat-login').send({ code }).expect(200);
      return `Bearer ${(res.body as { token: string }).token}`;
    },
    async close() {
      await wechat.close();
      await dataSource.destroy();
      await db.drop();
    },
  };
}
