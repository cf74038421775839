#!/usr/bin/env node
// npm test [-- jest args]: builds what the suites exercise (compiled BFF, weapp and H5 builds), then runs every
// jest project. Under CI the builds are always fresh.
import { buildAll, run } from './lib/builds.mjs';

const started = Date.now();
await buildAll({ force: Boolean(process.env.CI) });
const jestArgs = process.argv.slice(2);
try {
  await run('npx', ['jest', '--ci', ...jestArgs]);
} catch {
  process.exitCode = 1;
}
process.stdout.write(`npm test took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
