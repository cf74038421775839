// Builds what is missing or older than its sources: the TypeScript packages (tsc -b is incremental) and the
// mini-program's weapp and H5 outputs. Used by npm start, npm test and npm run build.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const MINIAPP_SOURCES = [
  'miniapp/src',
  'miniapp/config',
  'miniapp/babel.config.js',
  'miniapp/package.json',
  'miniapp/.env',
  'miniapp/.env.development',
  'miniapp/.env.production',
  'miniapp/.env.development.local',
  'miniapp/.env.production.local',
  'shared-types/src',
  'config/cities',
];
/**
 * `weapp` talks to a BFF on this machine (the weapp tests and WeChat's developer tools); `weapp-production` is the
 * package a city uploads, from miniapp/.env.production.
 */
const TARGETS = {
  weapp: { type: 'weapp', mode: 'development', dir: 'miniapp/dist-development' },
  'weapp-production': { type: 'weapp', mode: 'production', dir: 'miniapp/dist' },
  h5: { type: 'h5', mode: 'production', dir: 'miniapp/dist-h5' },
};
const STAMP = '.build-stamp';

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

function step(message) {
  process.stdout.write(`\x1b[1m▸ ${message}\x1b[0m\n`);
}

export async function buildTypeScript() {
  step('compiling TypeScript packages (tsc -b)');
  await run('npx', ['tsc', '-b']);
}

function isFresh(target) {
  const stamp = path.join(root, TARGETS[target].dir, STAMP);
  if (!existsSync(stamp)) return false;
  return statSync(stamp).mtimeMs >= Math.max(...MINIAPP_SOURCES.map(newestMtime));
}

export async function buildMiniapp(target, { force = false } = {}) {
  const { type, mode, dir } = TARGETS[target];
  if (!force && isFresh(target)) {
    step(`mini-program ${target} build is up to date (${dir})`);
    return;
  }
  step(`building the mini-program for ${target} (about 30 s)…`);
  const started = Date.now();
  await run('npx', ['taro', 'build', '--type', type, '--mode', mode, '--no-check'], {
    cwd: path.join(root, 'miniapp'),
  });
  writeFileSync(path.join(root, dir, STAMP), new Date().toISOString());
  step(`${target} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function buildAll({ force = false, targets = Object.keys(TARGETS) } = {}) {
  await buildTypeScript();
  for (const target of targets) await buildMiniapp(target, { force });
}
