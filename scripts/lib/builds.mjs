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
  'shared-types/src',
];
const TARGETS = { weapp: 'miniapp/dist', h5: 'miniapp/dist-h5' };
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

function isFresh(type) {
  const stamp = path.join(root, TARGETS[type], STAMP);
  if (!existsSync(stamp)) return false;
  return statSync(stamp).mtimeMs >= Math.max(...MINIAPP_SOURCES.map(newestMtime));
}

export async function buildMiniapp(type, { force = false } = {}) {
  if (!force && isFresh(type)) {
    step(`mini-program ${type} build is up to date (${TARGETS[type]})`);
    return;
  }
  step(`building the mini-program for ${type} (about 30 s)…`);
  const started = Date.now();
  await run('npx', ['taro', 'build', '--type', type, '--no-check'], { cwd: path.join(root, 'miniapp') });
  writeFileSync(path.join(root, TARGETS[type], STAMP), new Date().toISOString());
  step(`${type} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function buildAll({ force = false, types = ['weapp', 'h5'] } = {}) {
  await buildTypeScript();
  for (const type of types) await buildMiniapp(type, { force });
}
