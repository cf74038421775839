// The floor: Koa hello-world, nothing else.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../bff/package.json', import.meta.url));
const Koa = require('koa');

const app = new Koa();
app.use((ctx) => {
  ctx.body = 'Hello World';
});
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
