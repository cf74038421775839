import { loadCity, type Config } from '@hotline/config';
import type Koa from 'koa';
import type { DataSource } from 'typeorm';
import { createObjectStorage } from './adapters/storage/create-storage';
import type { HotlineApi } from './adapters/hotline/hotline-api';
import { HttpHotlineApi } from './adapters/hotline/http-hotline-api';
import { Open311HotlineApi, type Open311Settings } from './adapters/hotline/open311-hotline-api';
import { MemoryNonceStore } from './adapters/hotline/signing';
import { HttpWechatApi } from './adapters/wechat/http-wechat-api';
import { InMemoryNonceCache } from './adapters/wechat/push';
import { createRedisClient } from './adapters/redis/client';
import { RedisNonceCache, RedisNonceStore } from './adapters/redis/nonce-stores';
import { RedisRateLimitStore } from './adapters/redis/rate-limit-store';
import type { WechatApi } from './adapters/wechat/wechat-api';
import { buildApp, type AppDeps } from './app';
import { reportingReads } from './db/reporting';
import { MemoryRateLimitStore } from './http/rate-limit';
import type { AppState } from './http/state';
import { systemClock, type Clock } from './lib/clock';
import { ulidGenerator } from './lib/ids';
import { MetricsRegistry } from './lib/metrics';
import { PiiCipher } from './lib/pii';
import type { Logger } from './logger';
import { CityContext } from './modules/city/city-context';
import { createCatalog } from './modules/catalog/catalog.module';
import { HotlineMetrics } from './modules/hotline/metrics';
import { wechatMediaChecker } from './modules/cases/wechat-ports';
import { PhotosRepository } from './modules/uploads/photos.repository';
import { notificationSettings } from './modules/notifications/settings';
import { DbTokenStore } from './modules/wechat-token/db-token-store';
import { staffTokenSettings } from './modules/staff/staff-token';
import { photosForCases, type MediaChecker } from './modules/uploads/uploads.service';

export interface Infrastructure {
  dataSource: DataSource;
  /** The small pool for figures and exports (MySQL/MariaDB); without it they share `dataSource`. */
  reportingDataSource?: DataSource;
  logger: Logger;
  clock?: Clock;
  wechat?: WechatApi;
  hotline?: HotlineApi;
  mediaChecker?: MediaChecker;
}

/** "id:secret,id2:secret2" → { id: secret, … } */
function keyPairs(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const at = pair.indexOf(':');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

function requireKey<T>(value: T | undefined, key: string): T {
  if (value === undefined) throw new Error(`configuration key ${key} is missing`);
  return value;
}

/** The city's 12345 system, through the adapter its configuration names. */
function hotlineAdapter(config: Config, clock: Clock): HotlineApi {
  const baseUrl = requireKey(config.hotline.baseUrl, 'hotline.baseUrl');
  if (config.hotline.adapter === 'open311') {
    const serviceCodes = Object.fromEntries(
      requireKey(config.hotline.open311ServiceCodes, 'hotline.open311ServiceCodes')
        .split(',')
        .map((pair) => pair.split('=') as [string, string]),
    ) as Open311Settings['serviceCodes'];
    return new Open311HotlineApi(
      {
        baseUrl,
        apiKey: requireKey(config.hotline.open311ApiKey, 'hotline.open311ApiKey'),
        ...(config.hotline.open311JurisdictionId ? { jurisdictionId: config.hotline.open311JurisdictionId } : {}),
        serviceCodes,
        timeoutMs: config.hotline.timeoutMs,
      },
      clock,
    );
  }
  return new HttpHotlineApi(
    {
      baseUrl,
      keyId: requireKey(config.hotline.keyId, 'hotline.keyId'),
      secret: requireKey(config.hotline.secret, 'hotline.secret'),
      timeoutMs: config.hotline.timeoutMs,
    },
    clock,
  );
}

/** Every collaborator of the app, built from configuration; the server and the tests both assemble here. */
export function composeDeps(config: Config, infra: Infrastructure): AppDeps {
  const clock = infra.clock ?? systemClock;
  const pii = PiiCipher.fromConfig(
    requireKey(config.pii.keys, 'pii.keys'),
    requireKey(config.pii.activeKeyId, 'pii.activeKeyId'),
    requireKey(config.pii.hashKey, 'pii.hashKey'),
  );
  const wechat =
    infra.wechat ??
    new HttpWechatApi(
      {
        baseUrl: requireKey(config.wechat.apiBaseUrl, 'wechat.apiBaseUrl'),
        appId: requireKey(config.wechat.appId, 'wechat.appId'),
        appSecret: requireKey(config.wechat.appSecret, 'wechat.appSecret'),
        timeoutMs: config.wechat.timeoutMs,
      },
      { clock, tokenStore: new DbTokenStore(infra.dataSource, pii, clock) },
    );
  const storage = createObjectStorage(config.storage);
  const registry = new MetricsRegistry();
  const city = new CityContext(loadCity(config.city));
  // State every instance must see alike; in the process only when no Redis is configured (one instance).
  const redis = config.redis.url
    ? createRedisClient({ ...config.redis, url: config.redis.url }, infra.logger)
    : undefined;
  return {
    dataSource: infra.dataSource,
    reporting: reportingReads(
      infra.dataSource,
      infra.reportingDataSource ?? infra.dataSource,
      config.db.reportingTimeoutMs,
    ),
    logger: infra.logger,
    clock,
    ids: ulidGenerator,
    wechat,
    hotline: infra.hotline ?? hotlineAdapter(config, clock),
    hotlineInbound: {
      // Open311 has no push: with that adapter no key is accepted and updates come by polling only.
      keys:
        config.hotline.adapter === 'contract'
          ? keyPairs(requireKey(config.hotline.inboundKeys, 'hotline.inboundKeys'))
          : {},
      nonces: redis ? new RedisNonceStore(redis) : new MemoryNonceStore(),
    },
    wechatPush: {
      pushToken: requireKey(config.wechat.pushToken, 'wechat.pushToken'),
      windowSeconds: config.wechat.pushWindowSeconds,
      nonces: redis ? new RedisNonceCache(redis, clock) : new InMemoryNonceCache(),
    },
    registry,
    hotlineMetrics: new HotlineMetrics(registry),
    forwarding: config.forwarding,
    tokens: {
      secret: requireKey(config.auth.tokenSecret, 'auth.tokenSecret'),
      audience: config.auth.audience,
      ttlSeconds: config.auth.tokenTtlSeconds,
    },
    staffSettings: {
      tokens: staffTokenSettings(
        {
          secret: requireKey(config.auth.tokenSecret, 'auth.tokenSecret'),
          audience: config.auth.audience,
          ttlSeconds: config.auth.tokenTtlSeconds,
        },
        config.staff.tokenTtlSeconds,
      ),
      maxFailedLogins: config.staff.maxFailedLogins,
      lockoutSeconds: config.staff.lockoutSeconds,
      passwordCostLog2: config.staff.passwordCostLog2,
    },
    city,
    catalog: createCatalog({ dataSource: infra.dataSource, city, clock, ids: ulidGenerator }),
    pii,
    rateLimitStore: redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore(),
    redis,
    limits: config.rateLimits,
    photos: photosForCases({ photos: new PhotosRepository(infra.dataSource), storage, logger: infra.logger }),
    storage,
    uploads: { ...config.uploads, publicUrl: config.http.publicUrl },
    mediaChecker: infra.mediaChecker ?? wechatMediaChecker(wechat, infra.logger),
    http: config.http,
    notifications: notificationSettings(config),
  };
}

export function composeApp(config: Config, infra: Infrastructure): Koa<AppState> {
  return buildApp(composeDeps(config, infra));
}
