import { z } from 'zod';

/**
 * Every runtime setting of the product, with its environment variable and meaning. This is the one place a
 * setting is declared: docs/configuration.md is checked against it by a test.
 */
const port = z.coerce.number().int().min(0).max(65535);
const secret = z.string().min(32, { error: 'must be at least 32 characters' });
const url = z.url();
/** Accepts true/false and the strings "true"/"false"/"1"/"0" (environment variables are strings). */
/** "key:source,…": a template's keys (thing1, time4…) and the case value that fills each. */
const templateFields = z
  .string()
  .regex(
    /^[a-z_]+\d+:(ticketNo|title|status|note|at|dueAt|type|unit)(,[a-z_]+\d+:(ticketNo|title|status|note|at|dueAt|type|unit))*$/,
    {
      error: 'must be key:source pairs, e.g. thing1:title,time2:at',
    },
  );
const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

export const configSchema = z.object({
  mode: z
    .enum(['demo', 'production'])
    .default('demo')
    .describe('demo: embedded SQLite, loopback simulators, generated secrets. production: everything explicit'),
  city: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('luohe')
    .describe('Which config/cities/<city>.json holds the regions, categories, time limits and calendar'),
  http: z
    .object({
      host: z.string().default('127.0.0.1').describe('Interface the server listens on'),
      port: port.default(3000).describe('Port the server listens on (0 picks a free one)'),
      bodyLimitKb: z.coerce.number().int().min(1).max(10240).default(64).describe('Largest JSON body accepted, in KiB'),
      corsOrigins: z
        .array(z.string())
        .default([])
        .describe('Browser origins allowed to call the API cross-origin (the H5 dev server); none by default'),
      shutdownGraceMs: z.coerce
        .number()
        .int()
        .min(0)
        .default(10000)
        .describe('How long shutdown waits for in-flight requests before closing connections'),
      trustProxy: flag
        .default(false)
        .describe('Take the client address from X-Forwarded-For (only behind a proxy that sets it)'),
      publicUrl: z
        .url()
        .optional()
        .describe(
          'Public origin of this service: printed at start-up, and the base of the signed photo links the hotline and WeChat fetch',
        ),
      h5Dir: z.string().optional().describe('Folder of the H5 build served at / (none: API only)'),
    })
    .prefault({}),
  db: z
    .object({
      url: z
        .string()
        .regex(/^(mysql|mariadb):\/\//, { error: 'must start with mysql:// or mariadb://' })
        .optional()
        .describe(
          'MySQL or MariaDB URL; mariadb:// selects the MariaDB driver. Without it the embedded SQLite is used',
        ),
      sqlitePath: z.string().default('var/hotline.sqlite').describe('SQLite file of the embedded database'),
      poolSize: z.coerce.number().int().min(1).max(200).default(10).describe('MySQL connection pool size'),
      reportingPoolSize: z.coerce
        .number()
        .int()
        .min(1)
        .max(20)
        .default(2)
        .describe(
          "Connections of the separate MySQL pool for figures and exports, so reports never take citizens' connections",
        ),
      reportingTimeoutMs: z.coerce
        .number()
        .int()
        .min(100)
        .max(600000)
        .default(20000)
        .describe('A figures or export statement is stopped after this long (max_statement_time / max_execution_time)'),
      connectTimeoutMs: z.coerce
        .number()
        .int()
        .min(100)
        .max(30000)
        .default(1000)
        .describe('Give up connecting to MySQL after this long: a database that is down answers 503 quickly'),
      migrateOnStart: flag
        .optional()
        .describe('Run pending migrations at start-up (default: yes in demo, no in production)'),
    })
    .prefault({}),
  redis: z
    .object({
      url: z
        .string()
        .regex(/^rediss?:\/\//, { error: 'must start with redis:// or rediss://' })
        .optional()
        .describe(
          'Redis URL: rate limits and replay nonces are shared by every instance through it. Without it they stay in the process (run one instance only)',
        ),
      keyPrefix: z
        .string()
        .regex(/^[A-Za-z0-9:_.-]{1,64}$/, { error: 'must be 1–64 letters, digits, ":", "_", "." or "-"' })
        .default('hotline:')
        .describe(
          'Prefix of every Redis key, so several environments can share one Redis (e.g. "hotline:luohe-prod:")',
        ),
      commandTimeoutMs: z.coerce
        .number()
        .int()
        .min(50)
        .max(10000)
        .default(1000)
        .describe('A Redis command unanswered after this long fails its request with 503 SERVICE_UNAVAILABLE'),
    })
    .prefault({}),
  auth: z
    .object({
      tokenSecret: secret.optional().describe('HMAC key of citizen session tokens (generated in demo mode)'),
      tokenTtlSeconds: z.coerce
        .number()
        .int()
        .min(60)
        .default(7 * 24 * 3600)
        .describe('Session token lifetime'),
      audience: z
        .string()
        .default('hotline-demo')
        .describe('Environment name baked into tokens; a token from another environment is refused'),
    })
    .prefault({}),
  staff: z
    .object({
      tokenTtlSeconds: z.coerce
        .number()
        .int()
        .min(60)
        .max(12 * 3600)
        .default(3600)
        .describe('Lifetime of a staff token (signed with a key derived from auth.tokenSecret)'),
      maxFailedLogins: z.coerce
        .number()
        .int()
        .min(1)
        .max(50)
        .default(5)
        .describe('Failed logins from one address within the lockout that make that address wait, for that username'),
      lockoutSeconds: z.coerce
        .number()
        .int()
        .min(10)
        .default(900)
        .describe(
          'Window over which failed logins per username and address are counted, and how long that address then waits',
        ),
      passwordCostLog2: z.coerce
        .number()
        .int()
        .min(10)
        .max(20)
        .default(15)
        .describe('scrypt cost N = 2^k for staff passwords (memory ≈ 128·N·8 bytes); production refuses below 14'),
    })
    .prefault({}),
  wechat: z
    .object({
      appId: z.string().optional().describe('Mini-program AppID'),
      appSecret: z.string().optional().describe('Mini-program AppSecret'),
      apiBaseUrl: url.optional().describe('WeChat API base URL (in demo mode the loopback simulator)'),
      timeoutMs: z.coerce.number().int().min(100).default(5000).describe('Timeout of one WeChat API call'),
      pushToken: z
        .string()
        .min(16, { error: 'must be at least 16 characters' })
        .optional()
        .describe('Token of WeChat message push (content-check results); signs every callback'),
      pushWindowSeconds: z.coerce
        .number()
        .int()
        .min(30)
        .default(300)
        .describe('How old a WeChat push may be before it is refused as a replay'),
    })
    .prefault({}),
  hotline: z
    .object({
      adapter: z
        .enum(['contract', 'open311'])
        .default('contract')
        .describe('contract: docs/hotline-contract.md; open311: an Open311 GeoReport v2 endpoint (see its §7)'),
      open311ApiKey: z.string().optional().describe('Open311 api_key (adapter open311)'),
      open311JurisdictionId: z.string().optional().describe('Open311 jurisdiction_id, if the city uses one'),
      open311ServiceCodes: z
        .string()
        .regex(
          /^(consultation|help|complaint|report|suggestion|praise)=[^,]+(,(consultation|help|complaint|report|suggestion|praise)=[^,]+){5}$/,
          {
            error: 'must map all six case types, e.g. consultation=001,help=002,…',
          },
        )
        .optional()
        .describe(
          'Open311 service_code of each case type: "consultation=…,help=…,complaint=…,report=…,suggestion=…,praise=…"',
        ),
      baseUrl: url.optional().describe("Base URL of the city's 12345 work-order system (demo: the simulator)"),
      keyId: z.string().optional().describe('Id of the key that signs requests to the hotline'),
      secret: secret.optional().describe('HMAC key shared with the hotline'),
      inboundKeys: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,32}:[^,]{32,}(,[A-Za-z0-9_-]{1,32}:[^,]{32,})*$/, {
          error: 'must be id:secret pairs (secrets of 32+ characters), comma-separated',
        })
        .optional()
        .describe('Keys the hotline signs its callbacks with, "id:secret,…" (several during a rotation)'),
      timeoutMs: z.coerce.number().int().min(100).default(5000).describe('Timeout of one call to the hotline'),
    })
    .prefault({}),
  forwarding: z
    .object({
      enabled: flag.default(true).describe('Run the forwarding worker and the update poller in this process'),
      intervalMs: z.coerce
        .number()
        .int()
        .min(10)
        .default(500)
        .describe('How often the worker looks for messages to send'),
      batchSize: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .default(500)
        .describe('Messages one worker claims at a time, sends, and records together once sent'),
      concurrency: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .default(40)
        .describe('Requests to the hotline one process keeps in flight at most'),
      leaseSeconds: z.coerce
        .number()
        .int()
        .min(5)
        .default(60)
        .describe('How long a claimed message is reserved for its worker'),
      pollSeconds: z.coerce
        .number()
        .int()
        .min(1)
        .default(60)
        .describe('How often updates are fetched from the hotline'),
      pollOverlapSeconds: z.coerce
        .number()
        .int()
        .min(0)
        .default(300)
        .describe('How far each poll reaches back before the last position (late-recorded events)'),
      retryBaseMs: z.coerce
        .number()
        .int()
        .min(10)
        .default(5000)
        .describe(
          'First retry delay after a failed send; later ones grow to 6, 24, 120 and 360 times it (±20% jitter)',
        ),
      retryMaxMs: z.coerce
        .number()
        .int()
        .min(10)
        .default(1_800_000)
        .describe('Longest wait between two attempts of one message'),
      stuckAfterSeconds: z.coerce
        .number()
        .int()
        .min(10)
        .default(600)
        .describe('A message waiting this long raises an alert at every sweep until someone acts'),
    })
    .prefault({}),
  notifications: z
    .object({
      acceptedTemplateId: z
        .string()
        .optional()
        .describe('Subscription message template for "accepted by 12345, ticket number" (none: not sent)'),
      acceptedFields: templateFields
        .default('character_string1:ticketNo,thing2:title,phrase3:status,time4:at')
        .describe('Keys of the accepted template and what fills each: "key:source,…" (see docs/notifications.md)'),
      resultTemplateId: z
        .string()
        .optional()
        .describe('Subscription message template for replies and extensions (none: not sent)'),
      resultFields: templateFields
        .default('thing1:title,phrase2:status,thing3:note,time4:at')
        .describe('Keys of the result template and what fills each'),
      surveyTemplateId: z
        .string()
        .optional()
        .describe('Subscription message template for "closed, please rate" with the survey link (none: not sent)'),
      surveyFields: templateFields
        .default('thing1:title,phrase2:status,thing3:note,time4:at')
        .describe('Keys of the survey template and what fills each'),
      miniprogramState: z
        .enum(['developer', 'trial', 'formal'])
        .default('formal')
        .describe('Which mini-program version a tapped message opens'),
      intervalMs: z.coerce.number().int().min(10).default(1000).describe('How often the sender looks for messages'),
      batchSize: z.coerce.number().int().min(1).max(200).default(20).describe('Messages one sender claims at a time'),
      leaseSeconds: z.coerce
        .number()
        .int()
        .min(5)
        .default(60)
        .describe('How long a claimed message is reserved for its sender'),
      maxAttempts: z.coerce
        .number()
        .int()
        .min(1)
        .default(8)
        .describe('Failed attempts after which a message is given up (its grant is kept for the next one)'),
    })
    .prefault({}),
  surveys: z
    .object({
      tokenTtlDays: z.coerce
        .number()
        .int()
        .min(1)
        .default(15)
        .describe('How long the survey link of a closed case stays valid'),
      changeWindowHours: z.coerce
        .number()
        .int()
        .min(0)
        .default(72)
        .describe('How long after the first rating the citizen may change it'),
      reopenOnUnsatisfied: flag
        .default(false)
        .describe('Reopen the case (重新办理) when the citizen rates it 不满意; it is flagged for 回访 either way'),
      reasons: z
        .array(z.string().min(1).max(20))
        .min(1)
        .default(['办理不及时', '问题未解决', '答复不清楚', '服务态度不好', '其他'])
        .describe('Reasons a citizen can choose with a rating'),
    })
    .prefault({}),
  pii: z
    .object({
      keys: z
        .string()
        .regex(/^([A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=_-]{43,44})(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=_-]{43,44})*$/, {
          error: 'must be id:base64key pairs (32-byte keys), comma-separated',
        })
        .optional()
        .describe('AES-256-GCM keys for personal data at rest, "id:base64key,…"; old ids stay to read old rows'),
      activeKeyId: z.string().optional().describe('Id of the key new personal data is encrypted with'),
      hashKey: secret.optional().describe('HMAC key of the lookup hashes of phone numbers'),
    })
    .prefault({}),
  rateLimits: z
    .object({
      casesPerCitizenPerHour: z.coerce
        .number()
        .int()
        .min(1)
        .default(10)
        .describe('Case submissions per citizen per hour'),
      casesPerIpPerHour: z.coerce
        .number()
        .int()
        .min(1)
        .default(60)
        .describe('Case submissions per client address per hour'),
      uploadsPerCitizenPerHour: z.coerce
        .number()
        .int()
        .min(1)
        .default(60)
        .describe('Photo uploads per citizen per hour'),
    })
    .prefault({}),
  uploads: z
    .object({
      maxBytes: z.coerce
        .number()
        .int()
        .min(1024)
        .default(10 * 1024 * 1024)
        .describe('Largest photo accepted, in bytes'),
      maxPixels: z.coerce
        .number()
        .int()
        .min(10000)
        .default(40_000_000)
        .describe('Largest photo accepted, in pixels (decompression-bomb guard)'),
      signedUrlTtlSeconds: z.coerce
        .number()
        .int()
        .min(60)
        .default(3600)
        .describe('Lifetime of the signed photo URLs given to WeChat content checks and staff'),
    })
    .prefault({}),
  storage: z
    .object({
      driver: z.enum(['local', 's3']).default('local').describe('Where photos are kept'),
      localDir: z.string().default('var/uploads').describe('Folder of the local-disk storage'),
      s3Url: z
        .string()
        .regex(/^https?:\/\//, { error: 'must be an http(s) URL' })
        .optional()
        .describe('S3-compatible endpoint with bucket and credentials: https://KEY:SECRET@host/bucket?region=r'),
    })
    .prefault({}),
  catalog: z
    .object({
      importMaxRows: z.coerce
        .number()
        .int()
        .min(100)
        .default(60000)
        .describe('Item rows one catalog workbook may hold (a whole city catalog has about 1,500)'),
      importMemoryMb: z.coerce
        .number()
        .int()
        .min(64)
        .default(512)
        .describe('Heap of the worker thread that reads an imported workbook, in MB; a larger file is refused'),
    })
    .prefault({}),
  jobs: z
    .object({
      contentRecheckSeconds: z.coerce
        .number()
        .int()
        .min(5)
        .default(300)
        .describe('How often cases accepted while the content check was unreachable are checked again'),
    })
    .prefault({}),
  metrics: z
    .object({
      token: z
        .string()
        .min(16, { error: 'must be at least 16 characters' })
        .optional()
        .describe('Bearer token Prometheus sends to scrape /metrics; unset, /metrics answers 404'),
    })
    .prefault({}),
  log: z
    .object({
      level: z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info')
        .describe('Log level'),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variables and the configuration key each one sets. Lists are comma-separated. */
export const ENV_VARS = {
  APP_MODE: 'mode',
  HOST: 'http.host',
  PORT: 'http.port',
  BODY_LIMIT_KB: 'http.bodyLimitKb',
  CORS_ORIGINS: 'http.corsOrigins',
  SHUTDOWN_GRACE_MS: 'http.shutdownGraceMs',
  TRUST_PROXY: 'http.trustProxy',
  PUBLIC_URL: 'http.publicUrl',
  H5_DIR: 'http.h5Dir',
  DATABASE_URL: 'db.url',
  SQLITE_PATH: 'db.sqlitePath',
  DB_POOL_SIZE: 'db.poolSize',
  DB_REPORTING_POOL_SIZE: 'db.reportingPoolSize',
  DB_REPORTING_TIMEOUT_MS: 'db.reportingTimeoutMs',
  DB_CONNECT_TIMEOUT_MS: 'db.connectTimeoutMs',
  DB_MIGRATE_ON_START: 'db.migrateOnStart',
  REDIS_URL: 'redis.url',
  REDIS_KEY_PREFIX: 'redis.keyPrefix',
  REDIS_COMMAND_TIMEOUT_MS: 'redis.commandTimeoutMs',
  AUTH_TOKEN_SECRET: 'auth.tokenSecret',
  AUTH_TOKEN_TTL_SECONDS: 'auth.tokenTtlSeconds',
  AUTH_AUDIENCE: 'auth.audience',
  WECHAT_APP_ID: 'wechat.appId',
  WECHAT_APP_SECRET: 'wechat.appSecret',
  WECHAT_API_BASE_URL: 'wechat.apiBaseUrl',
  WECHAT_TIMEOUT_MS: 'wechat.timeoutMs',
  WECHAT_PUSH_TOKEN: 'wechat.pushToken',
  WECHAT_PUSH_WINDOW_SECONDS: 'wechat.pushWindowSeconds',
  HOTLINE_ADAPTER: 'hotline.adapter',
  HOTLINE_OPEN311_API_KEY: 'hotline.open311ApiKey',
  HOTLINE_OPEN311_JURISDICTION_ID: 'hotline.open311JurisdictionId',
  HOTLINE_OPEN311_SERVICE_CODES: 'hotline.open311ServiceCodes',
  HOTLINE_BASE_URL: 'hotline.baseUrl',
  HOTLINE_KEY_ID: 'hotline.keyId',
  HOTLINE_SECRET: 'hotline.secret',
  HOTLINE_INBOUND_KEYS: 'hotline.inboundKeys',
  HOTLINE_TIMEOUT_MS: 'hotline.timeoutMs',
  FORWARDING_ENABLED: 'forwarding.enabled',
  FORWARDING_INTERVAL_MS: 'forwarding.intervalMs',
  FORWARDING_BATCH_SIZE: 'forwarding.batchSize',
  FORWARDING_CONCURRENCY: 'forwarding.concurrency',
  FORWARDING_LEASE_SECONDS: 'forwarding.leaseSeconds',
  FORWARDING_POLL_SECONDS: 'forwarding.pollSeconds',
  FORWARDING_POLL_OVERLAP_SECONDS: 'forwarding.pollOverlapSeconds',
  FORWARDING_STUCK_AFTER_SECONDS: 'forwarding.stuckAfterSeconds',
  FORWARDING_RETRY_BASE_MS: 'forwarding.retryBaseMs',
  FORWARDING_RETRY_MAX_MS: 'forwarding.retryMaxMs',
  UPLOAD_MAX_BYTES: 'uploads.maxBytes',
  CATALOG_IMPORT_MAX_ROWS: 'catalog.importMaxRows',
  CATALOG_IMPORT_MEMORY_MB: 'catalog.importMemoryMb',
  UPLOAD_MAX_PIXELS: 'uploads.maxPixels',
  UPLOAD_SIGNED_URL_TTL_SECONDS: 'uploads.signedUrlTtlSeconds',
  STORAGE_DRIVER: 'storage.driver',
  STORAGE_LOCAL_DIR: 'storage.localDir',
  STORAGE_S3_URL: 'storage.s3Url',
  PII_KEYS: 'pii.keys',
  PII_ACTIVE_KEY_ID: 'pii.activeKeyId',
  PII_HASH_KEY: 'pii.hashKey',
  RATE_CASES_PER_CITIZEN_PER_HOUR: 'rateLimits.casesPerCitizenPerHour',
  RATE_CASES_PER_IP_PER_HOUR: 'rateLimits.casesPerIpPerHour',
  RATE_UPLOADS_PER_CITIZEN_PER_HOUR: 'rateLimits.uploadsPerCitizenPerHour',
  STAFF_TOKEN_TTL_SECONDS: 'staff.tokenTtlSeconds',
  STAFF_MAX_FAILED_LOGINS: 'staff.maxFailedLogins',
  STAFF_LOCKOUT_SECONDS: 'staff.lockoutSeconds',
  STAFF_PASSWORD_COST_LOG2: 'staff.passwordCostLog2',
  CITY: 'city',
  JOB_CONTENT_RECHECK_SECONDS: 'jobs.contentRecheckSeconds',
  NOTIFY_ACCEPTED_TEMPLATE_ID: 'notifications.acceptedTemplateId',
  NOTIFY_ACCEPTED_FIELDS: 'notifications.acceptedFields',
  NOTIFY_RESULT_TEMPLATE_ID: 'notifications.resultTemplateId',
  NOTIFY_RESULT_FIELDS: 'notifications.resultFields',
  NOTIFY_SURVEY_TEMPLATE_ID: 'notifications.surveyTemplateId',
  NOTIFY_SURVEY_FIELDS: 'notifications.surveyFields',
  NOTIFY_MINIPROGRAM_STATE: 'notifications.miniprogramState',
  NOTIFY_INTERVAL_MS: 'notifications.intervalMs',
  NOTIFY_BATCH_SIZE: 'notifications.batchSize',
  NOTIFY_LEASE_SECONDS: 'notifications.leaseSeconds',
  NOTIFY_MAX_ATTEMPTS: 'notifications.maxAttempts',
  SURVEY_TOKEN_TTL_DAYS: 'surveys.tokenTtlDays',
  SURVEY_CHANGE_WINDOW_HOURS: 'surveys.changeWindowHours',
  SURVEY_REOPEN_ON_UNSATISFIED: 'surveys.reopenOnUnsatisfied',
  SURVEY_REASONS: 'surveys.reasons',
  METRICS_TOKEN: 'metrics.token',
  LOG_LEVEL: 'log.level',
} as const;

export const LIST_KEYS = new Set<string>(['http.corsOrigins', 'surveys.reasons']);

/** Keys production cannot run without; in demo mode the start-up fills them with simulators and generated secrets. */
export const REQUIRED_IN_PRODUCTION = [
  'http.publicUrl',
  'db.url',
  'auth.tokenSecret',
  'pii.keys',
  'pii.activeKeyId',
  'pii.hashKey',
  'wechat.appId',
  'wechat.appSecret',
  'wechat.apiBaseUrl',
  'wechat.pushToken',
  'hotline.baseUrl',
] as const;

/** Keys production needs for the chosen hotline adapter. */
export const REQUIRED_FOR_HOTLINE_ADAPTER = {
  contract: ['hotline.keyId', 'hotline.secret', 'hotline.inboundKeys'],
  open311: ['hotline.open311ApiKey', 'hotline.open311ServiceCodes'],
} as const;
