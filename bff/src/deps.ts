import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { HotlineApi } from './adapters/hotline/hotline-api';
import type { NonceStore } from './adapters/hotline/signing';
import type { ObjectStorage } from './adapters/storage/object-storage';
import type { NonceCache } from './adapters/wechat/push';
import type { WechatApi } from './adapters/wechat/wechat-api';
import type { ReportingReads } from './db/reporting';
import type { Clock } from './lib/clock';
import type { IdGenerator } from './lib/ids';
import type { MetricsRegistry } from './lib/metrics';
import type { PiiCipher } from './lib/pii';
import type { RateLimiter, RateLimitStore } from './lib/rate-limit';
import type { Logger } from './logger';
import type { AdminCasesRepository } from './modules/admin-cases/admin-cases.repository';
import type { CitizenRepository } from './modules/auth/citizen.repository';
import type { TokenSettings } from './modules/auth/session-token';
import type { CasesRepository } from './modules/cases/cases.repository';
import type { CasePhotos, ContentChecker, HotlineOutbox, PhoneNumberResolver } from './modules/cases/ports';
import type { CatalogModule } from './modules/catalog/catalog.module';
import type { CityContext } from './modules/city/city-context';
import type { DisclosureRepository } from './modules/disclosure-applications/disclosure.repository';
import type { CatalogItemKeys, HotlineCases } from './modules/disclosure-applications/disclosure.service';
import type { HotlineMetrics } from './modules/hotline/metrics';
import type { OutboxStore } from './modules/hotline/outbox-store';
import type { GrantsRepository } from './modules/notifications/grants.repository';
import type { NotificationStore } from './modules/notifications/notification-outbox';
import type { NotificationSettings } from './modules/notifications/settings';
import type { StaffRepository } from './modules/staff/staff.repository';
import type { StaffSettings } from './modules/staff/staff.service';
import type { PhotosRepository } from './modules/uploads/photos.repository';
import type { PhotoLinkSigner } from './modules/uploads/signed-url';
import type { MediaChecker, UploadSettings } from './modules/uploads/uploads.service';

/** Settings of the forwarding worker (config `forwarding.*`). */
export interface ForwardingSettings {
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
}

/**
 * Every collaborator of the process, each built once by compose.ts and handed to the app, the jobs and the
 * senders. Services declare the narrow part they need; this is the whole set.
 */
export interface AppDeps {
  dataSource: DataSource;
  /** Figures and exports: their own pool, a statement time limit, cancelled when the client leaves. */
  reporting: ReportingReads;
  logger: Logger;
  clock: Clock;
  ids: IdGenerator;
  pii: PiiCipher;
  city: CityContext;

  // Outside systems.
  wechat: WechatApi;
  hotline: HotlineApi;
  storage: ObjectStorage;
  /** The shared-state connection when Redis is configured: readiness checks it, shutdown closes it. */
  redis?: Redis | undefined;

  // Repositories and stores.
  citizens: CitizenRepository;
  cases: CasesRepository;
  adminCases: AdminCasesRepository;
  staff: StaffRepository;
  photoRecords: PhotosRepository;
  grants: GrantsRepository;
  outbox: OutboxStore;
  notificationStore: NotificationStore;
  catalog: CatalogModule;
  disclosure: DisclosureRepository;

  // Ports the features take from one another.
  hotlineOutbox: HotlineOutbox;
  /** The uploads module as the case module sees it. */
  photos: CasePhotos;
  contentChecker: ContentChecker;
  /** 依申请公开's way into the 12345 intake, and its check of catalog item keys. */
  hotlineCases: HotlineCases;
  catalogItems: CatalogItemKeys;
  phoneNumbers: PhoneNumberResolver;
  /** WeChat's image check; without it photos stay `unchecked`. */
  mediaChecker?: MediaChecker | undefined;
  /** Links to photos for staff and WeChat's image check. */
  photoLinks: PhotoLinkSigner;
  /** Links to photos for the hotline, stable for a case (signed relative to its creation). */
  hotlinePhotoLinks: PhotoLinkSigner;

  // Cross-cutting.
  rateLimitStore: RateLimitStore;
  rateLimiter: RateLimiter;
  registry: MetricsRegistry;
  /** Bearer token of /metrics; without one the endpoint is off. */
  metricsToken?: string | undefined;
  hotlineMetrics: HotlineMetrics;

  // Settings.
  tokens: TokenSettings;
  staffSettings: StaffSettings;
  limits: { casesPerCitizenPerHour: number; casesPerIpPerHour: number; uploadsPerCitizenPerHour: number };
  uploads: UploadSettings;
  hotlineInbound: { keys: Readonly<Record<string, string>>; nonces: NonceStore };
  wechatPush: { pushToken: string; windowSeconds: number; nonces: NonceCache };
  forwarding: ForwardingSettings;
  http: { bodyLimitKb: number; corsOrigins: string[]; trustProxy?: boolean; h5Dir?: string | undefined };
  notifications: NotificationSettings;
}
