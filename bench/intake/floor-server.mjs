// The floor: the same intake by hand — raw Koa + mysql2, one transaction inserting the case row and its outbox
// row, no framework beyond Koa and its body parser.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { insertCase, insertOutbox } from '../lib/floor-sql.mjs';

const require = createRequire(new URL('../../bff/package.json', import.meta.url));
const Koa = require('koa');
const { bodyParser } = require('@koa/bodyparser');
const mysql = require('mysql2/promise');

// Same driver settings as the BFF (trace off), so the floor is the best a hand-written endpoint does.
const pool = mysql.createPool({ uri: process.env.FLOOR_DB_URL, connectionLimit: 10, timezone: 'Z', trace: false });
const app = new Koa();
app.use(bodyParser());
app.use(async (ctx) => {
  if (ctx.method !== 'POST' || ctx.path !== '/api/v1/cases') {
    ctx.status = 404;
    return;
  }
  const body = ctx.request.body;
  const now = new Date();
  const id = randomBytes(13).toString('hex').slice(0, 26).toUpperCase();
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await insertCase(conn, {
      id,
      citizenId: 'FLOORCITIZEN00000000000000',
      idempotencyKey: ctx.get('idempotency-key'),
      body,
      now,
    });
    await insertOutbox(conn, id, now);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  } finally {
    conn.release();
  }
  ctx.status = 201;
  ctx.body = { id, status: 'submitted', createdAt: now.toISOString() };
});
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
