import path from 'node:path';
import type { Middleware } from 'koa';
import serveStatic from 'koa-static';
import { NotFound } from '../lib/errors';

/** The staff console's files: plain HTML, CSS and browser modules, served as they are (no build step). */
export const ADMIN_CONSOLE_DIR = path.resolve(__dirname, '../../admin-console');

const PREFIX = '/admin';

/** Only this origin's scripts, styles and API; no framing, no inline code, no foreign form targets. */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the console under /admin (index.html for /admin and /admin/) with strict headers. The HTML is never
 * cached; the modules are revalidated on every load, so a deploy is picked up without fingerprinted names.
 */
export function adminConsole(dir: string = ADMIN_CONSOLE_DIR): Middleware {
  const files = serveStatic(dir, {
    index: 'index.html',
    setHeaders: (res, file) => {
      res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-store' : 'no-cache');
    },
  });
  return async (ctx, next) => {
    if (ctx.path !== PREFIX && !ctx.path.startsWith(`${PREFIX}/`)) return next();
    ctx.set('Content-Security-Policy', ADMIN_CSP);
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    const original = ctx.path;
    ctx.path = original.slice(PREFIX.length) || '/';
    try {
      await files(ctx, async () => {});
    } catch (error) {
      // koa-send refuses paths leaving the folder (403) or malformed ones (400): nothing there to find.
      const status = (error as { status?: number }).status ?? 500;
      if (status >= 400 && status < 500) throw new NotFound();
      throw error;
    } finally {
      ctx.path = original;
    }
    if (ctx.body === undefined || ctx.body === null) await next();
  };
}
