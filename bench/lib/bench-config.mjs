// The configuration every benchmark's BFF runs with: production settings with fixed bench keys, WeChat answered
// in-process (bench/lib/instant-wechat.mjs), no rate limits. `overrides` replaces or adds sections.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { loadConfig, mergeLayers } = require('../../config/dist');

export function benchConfig(overrides = {}) {
  return loadConfig({
    env: {},
    overrides: mergeLayers(
      {
        mode: 'production',
        http: { publicUrl: 'https://12345.example.gov.cn' },
        auth: { tokenSecret: 'b'.repeat(48), audience: 'bench' },
        pii: { keys: `k1:${Buffer.alloc(32, 9).toString('base64')}`, activeKeyId: 'k1', hashKey: 'h'.repeat(40) },
        wechat: {
          appId: 'wxbench',
          appSecret: 's'.repeat(32),
          apiBaseUrl: 'http://127.0.0.1:9/',
          pushToken: 'p'.repeat(32),
        },
        hotline: {
          baseUrl: 'http://127.0.0.1:9/',
          keyId: 'k',
          secret: 'x'.repeat(40),
          inboundKeys: `in:${'i'.repeat(40)}`,
        },
        rateLimits: { casesPerCitizenPerHour: 1e9, casesPerIpPerHour: 1e9, uploadsPerCitizenPerHour: 1e9 },
        log: { level: 'warn' },
      },
      overrides,
    ),
  });
}
