#!/usr/bin/env node
// npm run bench [-- <name> …]: runs bench/<name>/run.mjs for each name given, or every benchmark. Each prints
// its progress and ends with a line "RESULT <name> key=value …".
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildTypeScript, root, run } from './lib/builds.mjs';

const all = readdirSync(path.join(root, 'bench'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, 'bench', d.name, 'run.mjs')))
  .map((d) => d.name);
const names = process.argv.slice(2);
const unknown = names.filter((n) => !all.includes(n));
if (unknown.length) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ') || 'none'}\n`);
  process.exit(2);
}
await buildTypeScript();
for (const name of names.length ? names : all) {
  process.stdout.write(`\n=== bench ${name} ===\n`);
  await run(process.execPath, [path.join(root, 'bench', name, 'run.mjs')]);
}
