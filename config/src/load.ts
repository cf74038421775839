import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  configSchema,
  ENV_VARS,
  LIST_KEYS,
  REQUIRED_FOR_HOTLINE_ADAPTER,
  REQUIRED_IN_PRODUCTION,
  type Config,
} from './schema';

type Tree = { [key: string]: unknown };

/** Thrown when configuration is invalid; its message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /** Environment variables (defaults to process.env). */
  env?: Record<string, string | undefined>;
  /** Folder holding `<mode>.json` files (defaults to the repository's config/). */
  dir?: string;
  /** Highest layer, for the start-up script and tests. */
  overrides?: Tree;
}

const envVarOf = new Map<string, string>(Object.entries(ENV_VARS).map(([name, key]) => [key, name]));

function setPath(target: Tree, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    node = (typeof child === 'object' && child !== null ? child : (node[key] = {})) as Tree;
  }
  node[keys[keys.length - 1] as string] = value;
}

function getPath(source: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], source);
}

/** Merges configuration layers: objects key by key, anything else (lists included) replaced by the later layer. */
export function mergeLayers<T extends object>(base: T, layer: object): T {
  return deepMerge(base as Tree, layer as Tree) as T;
}

function deepMerge(base: Tree, layer: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    const current = out[key];
    const bothObjects = [current, value].every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    out[key] = bothObjects ? deepMerge(current as Tree, value as Tree) : value;
  }
  return out;
}

function envLayer(env: Record<string, string | undefined>): Tree {
  const layer: Tree = {};
  for (const [name, key] of Object.entries(ENV_VARS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = LIST_KEYS.has(key)
      ? raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : raw;
    setPath(layer, key, value);
  }
  return layer;
}

function fileLayer(dir: string, mode: string, problems: string[]): Tree {
  const file = path.join(dir, `${mode}.json`);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Tree;
  } catch (error) {
    problems.push(`${file}: not valid JSON (${(error as Error).message})`);
    return {};
  }
}

function describeKey(key: string): string {
  const envVar = envVarOf.get(key);
  return envVar ? `${key} (${envVar})` : key;
}

/**
 * Builds the configuration from built-in defaults, then `config/<mode>.json` if present, then environment
 * variables, then overrides. Throws one ConfigError naming every missing or invalid key.
 */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const dir = options.dir ?? path.resolve(__dirname, '..');
  const problems: string[] = [];
  const fromEnv = envLayer(env);
  const overrides = options.overrides ?? {};
  const mode = String(getPath(overrides, 'mode') ?? getPath(fromEnv, 'mode') ?? 'demo');
  const merged = [fileLayer(dir, mode, problems), fromEnv, overrides].reduce(deepMerge, {});

  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${describeKey(issue.path.join('.'))}: ${issue.message}`);
    }
  }
  if (mode === 'production') {
    const adapter = String(
      getPath(merged, 'hotline.adapter') ?? 'contract',
    ) as keyof typeof REQUIRED_FOR_HOTLINE_ADAPTER;
    for (const key of [...REQUIRED_IN_PRODUCTION, ...(REQUIRED_FOR_HOTLINE_ADAPTER[adapter] ?? [])]) {
      const invalid = parsed.success ? false : parsed.error.issues.some((i) => i.path.join('.') === key);
      if (!invalid && getPath(merged, key) === undefined) problems.push(`${describeKey(key)}: required in production`);
    }
    if (parsed.success && parsed.data.staff.passwordCostLog2 < 14) {
      problems.push(`${describeKey('staff.passwordCostLog2')}: must be at least 14 in production`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

export type { Config };
