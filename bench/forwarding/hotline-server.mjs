// The 12345 simulator in its own process, as a real hotline would be: the BFF and the floor both talk to it over
// loopback HTTP without sharing its CPU.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startHotlineSimulator } = require('../../simulators/dist');

const sim = await startHotlineSimulator({ keys: { [process.env.HOTLINE_KEY_ID]: process.env.HOTLINE_SECRET } });
process.stdout.write(`LISTENING ${sim.port}\n`);
process.on('SIGTERM', () => sim.close().then(() => process.exit(0)));
