import { loadCity, type Config } from '@hotline/config';
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
import { reportingReads } from './db/reporting';
import type { AppDeps } from './deps';
import { systemClock, type Clock } from './lib/clock';
import { ulidGenerator } from './lib/ids';
import { MetricsRegistry } from './lib/metrics';
import { PiiCipher } from './lib/pii';
import { MemoryRateLimitStore, RateLimiter } from './lib/rate-limit';
import type { Logger } from './logger';
import { AdminCasesRepository } from './modules/admin-cases/admin-cases.repository';
import { CitizenRepository } from './modules/auth/citizen.repository';
import { CasesRepository } from './modules/cases/cases.repository';
import { wechatContentChecker, wechatMediaChecker, wechatPhoneNumbers } from './modules/cases/wechat-ports';
import { createCatalog } from './modules/catalog/catalog.module';
import { CityContext } from './modules/city/city-context';
import { catalogItemsFrom } from './modules/disclosure-applications/catalog-items';
import { DisclosureRepository } from './modules/disclosure-applications/disclosure.repository';
import { hotlineCasesFor } from './modules/disclosure-applications/hotline-cases';
import { HotlineMetrics } from './modules/hotline/metrics';
import { OutboxStore } from './modules/hotline/outbox-store';
import { cancelUnsentTicket, enqueueHotlineMessage, holdUnsentTicket } from './modules/hotline/outbox.repository';
import { GrantsRepository } from './modules/notifications/grants.repository';
import { NotificationStore } from './modules/notifications/notification-outbox';
import { notificationSettings } from './modules/notifications/settings';
import { StaffRepository } from './modules/staff/staff.repository';
import { staffTokenSettings } from './modules/staff/staff-token';
import { PhotosRepository } from './modules/uploads/photos.repository';
import { PhotoLinkSigner } from './modules/uploads/signed-url';
import { photosForCases, type MediaChecker } from './modules/uploads/uploads.service';
import { DbTokenStore } from './modules/wechat-token/db-token-store';

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

/** How long the hotline's links to a case's photos stay valid, counted from the case's submission. */
const HOTLINE_PHOTO_LINK_DAYS = 30;

/**
 * The composition root: every collaborator of the process, built once from configuration. The server and the
 * tests assemble here; nothing else imports this file.
 */
export function composeDeps(config: Config, infra: Infrastructure): AppDeps {
  const { dataSource, logger } = infra;
  const clock = infra.clock ?? systemClock;
  const ids = ulidGenerator;
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
      { clock, tokenStore: new DbTokenStore(dataSource, pii, clock) },
    );
  const storage = createObjectStorage(config.storage);
  const registry = new MetricsRegistry();
  const city = new CityContext(loadCity(config.city));
  // State every instance must see alike; in the process only when no Redis is configured (one instance).
  const redis = config.redis.url ? createRedisClient({ ...config.redis, url: config.redis.url }, logger) : undefined;
  const rateLimitStore = redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore();
  const tokens = {
    secret: requireKey(config.auth.tokenSecret, 'auth.tokenSecret'),
    audience: config.auth.audience,
    ttlSeconds: config.auth.tokenTtlSeconds,
  };
  const photoRecords = new PhotosRepository(dataSource);
  const deps: Omit<AppDeps, 'disclosure' | 'hotlineCases' | 'catalogItems'> = {
    dataSource,
    reporting: reportingReads(dataSource, infra.reportingDataSource ?? dataSource, config.db.reportingTimeoutMs),
    logger,
    clock,
    ids,
    pii,
    city,
    wechat,
    hotline: infra.hotline ?? hotlineAdapter(config, clock),
    storage,
    redis,
    citizens: new CitizenRepository(dataSource),
    cases: new CasesRepository(dataSource),
    adminCases: new AdminCasesRepository(dataSource),
    staff: new StaffRepository(dataSource),
    photoRecords,
    grants: new GrantsRepository(dataSource),
    outbox: new OutboxStore(dataSource),
    notificationStore: new NotificationStore(dataSource),
    catalog: createCatalog({
      dataSource,
      city,
      clock,
      ids,
      importLimits: { maxRows: config.catalog.importMaxRows, memoryMb: config.catalog.importMemoryMb },
    }),
    hotlineOutbox: { enqueue: enqueueHotlineMessage, cancelUnsentTicket, holdUnsentTicket },
    photos: photosForCases({ photos: photoRecords, storage, logger }),
    contentChecker: wechatContentChecker(wechat, logger),
    phoneNumbers: wechatPhoneNumbers(wechat),
    mediaChecker: infra.mediaChecker ?? wechatMediaChecker(wechat, logger),
    photoLinks: new PhotoLinkSigner(tokens.secret, config.uploads.signedUrlTtlSeconds),
    hotlinePhotoLinks: new PhotoLinkSigner(tokens.secret, HOTLINE_PHOTO_LINK_DAYS * 86400),
    rateLimitStore,
    rateLimiter: new RateLimiter(rateLimitStore, clock),
    registry,
    metricsToken: config.metrics.token,
    hotlineMetrics: new HotlineMetrics(registry),
    tokens,
    staffSettings: {
      tokens: staffTokenSettings(tokens, config.staff.tokenTtlSeconds),
      maxFailedLogins: config.staff.maxFailedLogins,
      lockoutSeconds: config.staff.lockoutSeconds,
      passwordCostLog2: config.staff.passwordCostLog2,
    },
    limits: config.rateLimits,
    uploads: { ...config.uploads, publicUrl: config.http.publicUrl },
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
    forwarding: config.forwarding,
    http: config.http,
    notifications: notificationSettings(config),
  };
  return {
    ...deps,
    disclosure: new DisclosureRepository(dataSource),
    hotlineCases: hotlineCasesFor(deps, deps.citizens),
    catalogItems: catalogItemsFrom(deps.catalog.store),
  };
}
