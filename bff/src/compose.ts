import { loadCity, type Config } from '@hotline/config';
import type Koa from 'koa';
import type { DataSource } from 'typeorm';
import { createObjectStorage } from './adapters/storage/create-storage';
import { HttpWechatApi } from './adapters/wechat/http-wechat-api';
import type { WechatApi } from './adapters/wechat/wechat-api';
import { buildApp, type AppDeps } from './app';
import { AppError } from './http/app-error';
import { MemoryRateLimitStore } from './http/rate-limit';
import type { AppState } from './http/state';
import { systemClock, type Clock } from './lib/clock';
import { ulidGenerator } from './lib/ids';
import { PiiCipher } from './lib/pii';
import type { Logger } from './logger';
import { CityContext } from './modules/city/city-context';
import type { MediaChecker } from './modules/uploads/uploads.service';

export interface Infrastructure {
  dataSource: DataSource;
  logger: Logger;
  clock?: Clock;
  wechat?: WechatApi;
  mediaChecker?: MediaChecker;
}

function requireKey<T>(value: T | undefined, key: string): T {
  if (value === undefined) throw new Error(`configuration key ${key} is missing`);
  return value;
}

/** Every collaborator of the app, built from configuration; the server and the tests both assemble here. */
export function composeDeps(config: Config, infra: Infrastructure): AppDeps {
  return {
    dataSource: infra.dataSource,
    logger: infra.logger,
    clock: infra.clock ?? systemClock,
    ids: ulidGenerator,
    wechat:
      infra.wechat ??
      new HttpWechatApi({
        baseUrl: requireKey(config.wechat.apiBaseUrl, 'wechat.apiBaseUrl'),
        appId: requireKey(config.wechat.appId, 'wechat.appId'),
        appSecret: requireKey(config.wechat.appSecret, 'wechat.appSecret'),
        timeoutMs: config.wechat.timeoutMs,
      }),
    tokens: {
      secret: requireKey(config.auth.tokenSecret, 'auth.tokenSecret'),
      audience: config.auth.audience,
      ttlSeconds: config.auth.tokenTtlSeconds,
    },
    city: new CityContext(loadCity(config.city)),
    pii: PiiCipher.fromConfig(
      requireKey(config.pii.keys, 'pii.keys'),
      requireKey(config.pii.activeKeyId, 'pii.activeKeyId'),
      requireKey(config.pii.hashKey, 'pii.hashKey'),
    ),
    rateLimitStore: new MemoryRateLimitStore(),
    limits: config.rateLimits,
    photos: {
      attachToCase: async (ids) => {
        if (ids.length) throw new AppError(400, 'VALIDATION_FAILED', '照片上传暂不可用');
      },
      listForCase: async () => [],
      deleteForCitizen: async () => undefined,
    },
    storage: createObjectStorage(config.storage),
    uploads: { ...config.uploads, publicUrl: config.http.publicUrl },
    mediaChecker: infra.mediaChecker,
    http: config.http,
  };
}

export function composeApp(config: Config, infra: Infrastructure): Koa<AppState> {
  return buildApp(composeDeps(config, infra));
}
