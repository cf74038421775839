import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './schema';

/** Subscription message templates of the demo (the WeChat simulator's defaults). */
export const DEMO_TEMPLATE_IDS = {
  accepted: 'DemoTmplAccepted-0000000000000000000000000',
  result: 'DemoTmplResult-000000000000000000000000000',
  survey: 'DemoTmplSurvey-000000000000000000000000000',
} as const;

interface DemoSecrets {
  tokenSecret: string;
  piiKey: string;
  piiHashKey: string;
  hotlineSecret: string;
  wechatAppSecret: string;
  wechatPushToken: string;
  hotlineInboundSecret: string;
}

/**
 * Demo mode only: secrets are generated once and kept in a local file so sessions survive a restart.
 * Production never reaches this: it refuses to start without its own secrets.
 */
export function withDemoSecrets(config: Config, stateDir: string): Config {
  if (config.mode !== 'demo') throw new Error('demo secrets are for demo mode only');
  const file = path.join(stateDir, 'demo-secrets.json');
  const stored = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Partial<DemoSecrets>;
  const fresh = (): string => randomBytes(32).toString('base64url');
  const secrets: DemoSecrets = {
    tokenSecret: stored.tokenSecret ?? fresh(),
    piiKey: stored.piiKey ?? randomBytes(32).toString('base64'),
    piiHashKey: stored.piiHashKey ?? fresh(),
    hotlineSecret: stored.hotlineSecret ?? fresh(),
    wechatAppSecret: stored.wechatAppSecret ?? fresh(),
    wechatPushToken: stored.wechatPushToken ?? fresh(),
    hotlineInboundSecret: stored.hotlineInboundSecret ?? fresh(),
  };
  if (Object.keys(stored).length !== Object.keys(secrets).length) {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return {
    ...config,
    auth: { ...config.auth, tokenSecret: config.auth.tokenSecret ?? secrets.tokenSecret },
    pii: {
      keys: config.pii.keys ?? `demo:${secrets.piiKey}`,
      activeKeyId: config.pii.activeKeyId ?? (config.pii.keys ? config.pii.activeKeyId : 'demo'),
      hashKey: config.pii.hashKey ?? secrets.piiHashKey,
    },
    wechat: {
      ...config.wechat,
      appId: config.wechat.appId ?? 'wxdemo0000000000',
      appSecret: config.wechat.appSecret ?? secrets.wechatAppSecret,
      pushToken: config.wechat.pushToken ?? secrets.wechatPushToken,
    },
    // The WeChat simulator knows these three templates (simulators/src/wechat/templates.ts).
    notifications: {
      ...config.notifications,
      acceptedTemplateId: config.notifications.acceptedTemplateId ?? DEMO_TEMPLATE_IDS.accepted,
      resultTemplateId: config.notifications.resultTemplateId ?? DEMO_TEMPLATE_IDS.result,
      surveyTemplateId: config.notifications.surveyTemplateId ?? DEMO_TEMPLATE_IDS.survey,
    },
    hotline: {
      ...config.hotline,
      keyId: config.hotline.keyId ?? 'demo',
      secret: config.hotline.secret ?? secrets.hotlineSecret,
      inboundKeys: config.hotline.inboundKeys ?? `demo-inbound:${secrets.hotlineInboundSecret}`,
    },
  };
}
