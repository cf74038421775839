#!/usr/bin/env node
// npm run build [-- --force]: compiles every package and builds the mini-program for weapp and H5.
import { buildAll } from './lib/builds.mjs';

await buildAll({ force: process.argv.includes('--force') });
