#!/usr/bin/env node
// npm start: builds what is missing, then runs the BFF. With no configuration that is demo mode: the embedded
// SQLite file, the WeChat simulator on loopback, and the H5 build served at the printed URL.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildMiniapp, buildTypeScript, root } from './lib/builds.mjs';

await buildTypeScript();
if ((process.env.APP_MODE ?? 'demo') === 'demo') await buildMiniapp('h5');
const child = spawn(process.execPath, [path.join(root, 'bff/dist/main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
