// The floor of the mixed citizen workload: the same endpoints written by hand — raw Koa + mysql2, no
// validation framework, no auth, no ORM — doing each request's essential database and image work: a case and
// its outbox row in one transaction; a citizen's newest cases; a case with its timeline; a photo re-encoded by
// sharp and recorded; catalog pages served from memory (the BFF's own answers, captured by the bench).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { insertCase, insertOutbox } from '../lib/floor-sql.mjs';
import path from 'node:path';

const require = createRequire(new URL('../../bff/package.json', import.meta.url));
const Koa = require('koa');
const { bodyParser } = require('@koa/bodyparser');
const mysql = require('mysql2/promise');
const sharp = require('sharp');

const pool = mysql.createPool({ uri: process.env.FLOOR_DB_URL, connectionLimit: 10, timezone: 'Z', trace: false });
const dir = process.env.FLOOR_PHOTO_DIR;
mkdirSync(dir, { recursive: true });
const catalogPages = new Map(
  Object.entries(
    process.env.FLOOR_CATALOG_PAGES ? JSON.parse(readFileSync(process.env.FLOOR_CATALOG_PAGES, 'utf8')) : {},
  ),
);
const newId = () => randomBytes(13).toString('hex').slice(0, 26).toUpperCase();
const citizenOf = (ctx) => (ctx.get('x-citizen') || 'FLOORCITIZEN00000000000000').padEnd(26, '0').slice(0, 26);

async function readRaw(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const app = new Koa();
app.use(async (ctx, next) => (ctx.path === '/api/v1/uploads/photos' ? next() : bodyParser()(ctx, next)));
app.use(async (ctx) => {
  const now = new Date();
  const page = ctx.method === 'GET' ? catalogPages.get(ctx.url) : undefined;
  if (page !== undefined) {
    ctx.type = 'application/json';
    ctx.body = page;
    return;
  }
  if (ctx.method === 'POST' && ctx.path === '/api/v1/cases') {
    const body = ctx.request.body;
    const id = newId();
    const conn = await pool.getConnection();
    try {
      await conn.beginTransaction();
      await insertCase(conn, { id, citizenId: citizenOf(ctx), idempotencyKey: ctx.get('idempotency-key'), body, now });
      await conn.execute(
        `INSERT INTO case_events (id, case_id, seq, at, source, kind, to_status) VALUES (?, ?, 1, ?, 'citizen', 'submit', 'submitted')`,
        [newId(), id, now],
      );
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
    return;
  }
  if (ctx.method === 'GET' && ctx.path === '/api/v1/cases') {
    const [rows] = await pool.execute(
      'SELECT id, type, category, status, title, content, ticket_no, due_at, created_at, updated_at FROM cases WHERE citizen_id = ? ORDER BY id DESC LIMIT 20',
      [citizenOf(ctx)],
    );
    ctx.body = { items: rows, nextCursor: null };
    return;
  }
  const detail = /^\/api\/v1\/cases\/([0-9A-Z]{26})$/.exec(ctx.path);
  if (ctx.method === 'GET' && detail) {
    const [[row]] = await pool.execute('SELECT * FROM cases WHERE id = ? AND citizen_id = ?', [
      detail[1],
      citizenOf(ctx),
    ]);
    if (!row) {
      ctx.status = 404;
      return;
    }
    const [events] = await pool.execute('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq', [detail[1]]);
    ctx.body = { ...row, timeline: events };
    return;
  }
  if (ctx.method === 'POST' && ctx.path === '/api/v1/uploads/photos') {
    // The multipart envelope is skipped by hand: the bench sends one part with a known boundary.
    const raw = await readRaw(ctx.req);
    const start = raw.indexOf('\r\n\r\n') + 4;
    const end = raw.lastIndexOf(Buffer.from(`\r\n--${ctx.get('content-type').split('boundary=')[1]}--`));
    const image = await sharp(raw.subarray(start, end))
      .rotate()
      .jpeg({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    const id = newId();
    writeFileSync(path.join(dir, id), image.data);
    await pool.execute(
      `INSERT INTO photos (id, citizen_id, storage_key, mime, bytes, width, height, sha256, media_check, created_at)
       VALUES (?, ?, ?, 'image/jpeg', ?, ?, ?, ?, 'unchecked', ?)`,
      [
        id,
        citizenOf(ctx),
        id,
        image.data.length,
        image.info.width,
        image.info.height,
        createHash('sha256').update(image.data).digest('hex'),
        now,
      ],
    );
    ctx.status = 201;
    ctx.body = { id, width: image.info.width, height: image.info.height };
    return;
  }
  ctx.status = 404;
});
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
