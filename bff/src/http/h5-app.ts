import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import serveStatic from 'koa-static';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * The H5 app's Content-Security-Policy: its own origin only (the API included), images also from data: and
 * blob: (photo previews; the upload reads the chosen photo from its blob: URL), inline styles (Taro sets style attributes), and of inline scripts only those the
 * build put into index.html, allowed by hash — so an injected script cannot run.
 */
export function h5ContentSecurityPolicy(dir: string): string {
  const index = path.join(dir, 'index.html');
  const html = existsSync(index) ? readFileSync(index, 'utf8') : '';
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
    ([, code]) =>
      `'sha256-${createHash('sha256')
        .update(code ?? '')
        .digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...hashes].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The built H5 app, each page under its policy. */
export function h5App(dir: string): Middleware {
  const policy = h5ContentSecurityPolicy(dir);
  const files = serveStatic(dir, { index: 'index.html', maxage: 0 });
  return async (ctx, next) => {
    await files(ctx, next);
    if (ctx.response.is('html')) ctx.set('Content-Security-Policy', policy);
  };
}
