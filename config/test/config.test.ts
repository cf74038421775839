import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, renderConfigDocs, withDemoSecrets } from '../src';

const emptyDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'hotline-config-'));

const productionEnv = {
  APP_MODE: 'production',
  PUBLIC_URL: 'https://12345.example.gov.cn',
  DATABASE_URL: 'mysql://app:pw@db.internal:3306/hotline',
  AUTH_TOKEN_SECRET: 'a'.repeat(40),
  PII_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  PII_ACTIVE_KEY_ID: 'k1',
  PII_HASH_KEY: 'h'.repeat(40),
  WECHAT_APP_ID: 'wx1234567890',
  WECHAT_APP_SECRET: 'b'.repeat(32),
  WECHAT_API_BASE_URL: 'https://wechat.invalid/',
  WECHAT_PUSH_TOKEN: 'p'.repeat(32),
  HOTLINE_BASE_URL: 'https://hotline.invalid/api/',
  HOTLINE_KEY_ID: 'k1',
  HOTLINE_SECRET: 'c'.repeat(40),
  HOTLINE_INBOUND_KEYS: `h1:${'d'.repeat(40)}`,
};

describe('loading configuration', () => {
  test('when nothing is set, then demo mode with the embedded database and documented defaults', () => {
    const config = loadConfig({ env: {}, dir: emptyDir() });
    expect(config.mode).toBe('demo');
    expect(config.db.url).toBeUndefined();
    expect(config.db.sqlitePath).toBe('var/hotline.sqlite');
    expect(config.http.port).toBe(3000);
    expect(config.auth.tokenSecret).toBeUndefined();
  });

  test('when a file, the environment and overrides all set a key, then the later layer wins', () => {
    const dir = emptyDir();
    writeFileSync(
      path.join(dir, 'demo.json'),
      JSON.stringify({ http: { port: 4000, bodyLimitKb: 32 }, log: { level: 'debug' } }),
    );
    const fromFile = loadConfig({ env: {}, dir });
    expect([fromFile.http.port, fromFile.http.bodyLimitKb, fromFile.log.level]).toEqual([4000, 32, 'debug']);
    const fromEnv = loadConfig({ env: { PORT: '5000', CORS_ORIGINS: 'http://a.test, http://b.test' }, dir });
    expect([fromEnv.http.port, fromEnv.http.bodyLimitKb]).toEqual([5000, 32]);
    expect(fromEnv.http.corsOrigins).toEqual(['http://a.test', 'http://b.test']);
    const fromOverride = loadConfig({ env: { PORT: '5000' }, dir, overrides: { http: { port: 6000 } } });
    expect(fromOverride.http.port).toBe(6000);
  });

  test('when values are invalid, then one error names every bad key with its variable', () => {
    const attempt = (): unknown =>
      loadConfig({ env: { PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'postgres://x' }, dir: emptyDir() });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('http.port (PORT)');
      expect(problems).toContain('log.level (LOG_LEVEL)');
      expect(problems).toContain('db.url (DATABASE_URL): must start with mysql:// or mariadb://');
    }
  });

  test('when production mode lacks its keys, then it refuses and lists every missing one', () => {
    let problems: string[] = [];
    try {
      loadConfig({ env: { APP_MODE: 'production' }, dir: emptyDir() });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'http.publicUrl (PUBLIC_URL): required in production',
      'db.url (DATABASE_URL): required in production',
      'auth.tokenSecret (AUTH_TOKEN_SECRET): required in production',
      'pii.keys (PII_KEYS): required in production',
      'pii.activeKeyId (PII_ACTIVE_KEY_ID): required in production',
      'pii.hashKey (PII_HASH_KEY): required in production',
      'wechat.appId (WECHAT_APP_ID): required in production',
      'wechat.appSecret (WECHAT_APP_SECRET): required in production',
      'wechat.apiBaseUrl (WECHAT_API_BASE_URL): required in production',
      'wechat.pushToken (WECHAT_PUSH_TOKEN): required in production',
      'hotline.baseUrl (HOTLINE_BASE_URL): required in production',
      'hotline.keyId (HOTLINE_KEY_ID): required in production',
      'hotline.secret (HOTLINE_SECRET): required in production',
      'hotline.inboundKeys (HOTLINE_INBOUND_KEYS): required in production',
    ]);
  });

  test('when production has a weak secret, then it refuses with that key named', () => {
    expect(() => loadConfig({ env: { ...productionEnv, AUTH_TOKEN_SECRET: 'changeme' }, dir: emptyDir() })).toThrow(
      /auth\.tokenSecret \(AUTH_TOKEN_SECRET\): must be at least 32 characters/,
    );
  });

  test('when production uses the Open311 adapter, then it needs its key and service codes instead of the contract keys', () => {
    const { HOTLINE_KEY_ID: _k, HOTLINE_SECRET: _s, HOTLINE_INBOUND_KEYS: _i, ...rest } = productionEnv;
    let problems: string[] = [];
    try {
      loadConfig({ env: { ...rest, HOTLINE_ADAPTER: 'open311' }, dir: emptyDir() });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'hotline.open311ApiKey (HOTLINE_OPEN311_API_KEY): required in production',
      'hotline.open311ServiceCodes (HOTLINE_OPEN311_SERVICE_CODES): required in production',
    ]);
    const codes = 'consultation=001,help=002,complaint=003,report=004,suggestion=005,praise=006';
    const config = loadConfig({
      env: {
        ...rest,
        HOTLINE_ADAPTER: 'open311',
        HOTLINE_OPEN311_API_KEY: 'key',
        HOTLINE_OPEN311_SERVICE_CODES: codes,
      },
      dir: emptyDir(),
    });
    expect(config.hotline.adapter).toBe('open311');
  });

  test('when production has every key, then it loads', () => {
    const config = loadConfig({ env: productionEnv, dir: emptyDir() });
    expect(config.mode).toBe('production');
    expect(config.db.url).toBe(productionEnv.DATABASE_URL);
  });

  test('when a boolean comes from the environment, then "false" means false', () => {
    expect(loadConfig({ env: { DB_MIGRATE_ON_START: 'false' }, dir: emptyDir() }).db.migrateOnStart).toBe(false);
    expect(loadConfig({ env: { DB_MIGRATE_ON_START: '1' }, dir: emptyDir() }).db.migrateOnStart).toBe(true);
  });
});

describe('demo secrets', () => {
  test('when demo starts twice, then the generated secrets are the same and the file is private', () => {
    const dir = emptyDir();
    const base = loadConfig({ env: {}, dir: emptyDir() });
    const first = withDemoSecrets(base, dir);
    const second = withDemoSecrets(base, dir);
    expect(first.auth.tokenSecret).toHaveLength(43);
    expect(second.auth.tokenSecret).toBe(first.auth.tokenSecret);
    expect(second.hotline.secret).toBe(first.hotline.secret);
    const file = path.join(dir, 'demo-secrets.json');
    expect(readFileSync(file, 'utf8')).toContain(first.auth.tokenSecret as string);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test('when asked for demo secrets in production, then it refuses', () => {
    const config = loadConfig({ env: productionEnv, dir: emptyDir() });
    expect(() => withDemoSecrets(config, emptyDir())).toThrow(/demo mode only/);
  });
});

describe('docs/configuration.md', () => {
  test('when the schema changes, then the committed docs must be regenerated', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../docs/configuration.md'), 'utf8');
    expect(committed).toBe(renderConfigDocs());
  });
});
