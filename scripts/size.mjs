#!/usr/bin/env node
// npm run size [-- --no-build]: the production weapp build's main-package and total bytes against the budget,
// beside an almost empty Taro app built by the same toolchain (miniapp/size-baseline). Ends with a RESULT line;
// exits 1 when a budget is exceeded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MINIAPP = path.join(ROOT, 'miniapp');
const DIST = path.join(MINIAPP, 'dist');
const BASELINE = path.join(MINIAPP, 'size-baseline');
const TARO = path.join(ROOT, 'node_modules', '.bin', 'taro');
const MB = 1024 * 1024;
const BUDGET = { main: 1 * MB, total: 4 * MB };

/** Every file under `dir` with its size, paths relative to `dir` with forward slashes. */
function filesOf(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesOf(full, relative) : [{ path: relative, bytes: statSync(full).size }];
  });
}

/** Bytes of the main package and of each subpackage, as WeChat counts them: by the roots in app.json. */
function measure(dist) {
  const app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((pkg) => pkg.root.replace(/\/?$/, '/'));
  const files = filesOf(dist);
  const subpackages = Object.fromEntries(roots.map((root) => [root, 0]));
  let main = 0;
  for (const file of files) {
    const root = roots.find((candidate) => file.path.startsWith(candidate));
    if (root) subpackages[root] += file.bytes;
    else main += file.bytes;
  }
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  return { main, total, subpackages };
}

function taroBuild(cwd, env = {}) {
  execFileSync(TARO, ['build', '--type', 'weapp', '--no-check'], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (!process.argv.includes('--no-build')) {
  process.stdout.write('building the production weapp package…\n');
  taroBuild(MINIAPP);
}
const app = measure(DIST);

process.stdout.write('building the empty Taro app for comparison…\n');
const baselineOut = mkdtempSync(path.join(os.tmpdir(), 'size-baseline-'));
let empty;
try {
  taroBuild(BASELINE, { SIZE_BASELINE_OUT: baselineOut });
  empty = measure(baselineOut);
} finally {
  rmSync(baselineOut, { recursive: true, force: true });
}

const rows = [
  ['main package', kb(app.main), `budget ${kb(BUDGET.main)}`],
  ...Object.entries(app.subpackages).map(([root, bytes]) => [`subpackage ${root}`, kb(bytes), '']),
  ['total', kb(app.total), `budget ${kb(BUDGET.total)}`],
  ['empty Taro app (main)', kb(empty.main), 'same toolchain'],
];
for (const [name, size, note] of rows) process.stdout.write(`${name.padEnd(30)} ${size.padStart(10)}  ${note}\n`);

const over = [app.main > BUDGET.main && 'main', app.total > BUDGET.total && 'total'].filter(Boolean);
if (over.length > 0) process.stdout.write(`over budget: ${over.join(', ')}\n`);
process.stdout.write(`RESULT size main_bytes=${app.main} total_bytes=${app.total} empty_main_bytes=${empty.main}\n`);
process.exitCode = over.length > 0 ? 1 : 0;
