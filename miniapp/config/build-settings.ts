import path from 'node:path';
import { dotenvParse } from '@tarojs/helper';
import { loadCity, type CitizenService } from '@hotline/config';

/**
 * What a build bakes into the mini-program, from Taro's .env files (`.env`, `.env.local`, `.env.<mode>`,
 * `.env.<mode>.local`, later ones winning) and then the shell, which wins over every file.
 */
export interface BuildSettings {
  appId: string;
  /** Origin of the BFF; '' on H5, which the BFF serves from its own origin. */
  apiBase: string;
  /** Subscription message template ids asked for on the submit tap, comma-separated. */
  subscribeTemplateIds: string;
  /** The city's public facts (hotline number, operator, privacy guide) from config/cities/<city>.json. */
  city: PublicCity;
}

export interface PublicCity extends CitizenService {
  name: string;
}

const KEYS = ['TARO_APP_ID', 'TARO_APP_API_BASE', 'TARO_APP_SUBSCRIBE_TEMPLATE_IDS', 'TARO_APP_CITY'] as const;
type Key = (typeof KEYS)[number];

function readEnv(mode: string): Partial<Record<Key, string>> {
  const fromFiles = dotenvParse(path.resolve(__dirname, '..'), ['TARO_APP_'], mode) as Record<string, string>;
  const env: Partial<Record<Key, string>> = {};
  for (const key of KEYS) {
    const value = process.env[key] ?? fromFiles[key];
    if (value !== undefined) env[key] = value.trim();
  }
  return env;
}

export function resolveBuildSettings(mode: string, platform: string | undefined): BuildSettings {
  const env = readEnv(mode);
  if (!env.TARO_APP_CITY)
    throw new Error('TARO_APP_CITY is not set: name the config/cities/<city>.json (miniapp/.env)');
  const { name, citizenService } = loadCity(env.TARO_APP_CITY);
  return {
    appId: env.TARO_APP_ID ?? '',
    apiBase: platform === 'h5' ? '' : (env.TARO_APP_API_BASE ?? ''),
    subscribeTemplateIds: env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS ?? '',
    city: { name, ...citizenService },
  };
}

const LOOPBACK = /^(localhost|127\.|0\.0\.0\.0|\[?::1\]?)/i;

/**
 * Why these settings cannot go into a package a city uploads to WeChat: the phone only talks to registered
 * https domains, the upload needs the city's own appid, and the platform refuses the demo template ids.
 */
export function productionProblems(settings: BuildSettings): string[] {
  const problems: string[] = [];
  const { appId, apiBase, subscribeTemplateIds } = settings;
  if (!appId || appId === 'touristappid') {
    problems.push(`TARO_APP_ID is ${appId ? '"touristappid"' : 'missing'}: set the mini-program's own appid (wx…)`);
  }
  let url: URL | undefined;
  try {
    url = new URL(apiBase);
  } catch {
    problems.push(`TARO_APP_API_BASE "${apiBase}" is not a URL: set the BFF's https origin`);
  }
  if (url && url.protocol !== 'https:') {
    problems.push(`TARO_APP_API_BASE "${apiBase}" is not https: WeChat only calls registered https domains`);
  }
  if (url && LOOPBACK.test(url.hostname)) {
    problems.push(`TARO_APP_API_BASE "${apiBase}" points at the phone itself: set the BFF's public domain`);
  }
  const ids = subscribeTemplateIds
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) problems.push('TARO_APP_SUBSCRIBE_TEMPLATE_IDS is missing: set the three template ids');
  const demo = ids.filter((id) => id.startsWith('demo-'));
  if (demo.length > 0) {
    problems.push(`TARO_APP_SUBSCRIBE_TEMPLATE_IDS has demo ids (${demo.join(', ')}): set the city's template ids`);
  }
  return problems;
}
