import type { Middleware } from 'koa';

/**
 * Conservative headers for every answer; the H5 app and the docs page only load from this origin. HSTS tells
 * browsers to come back only over HTTPS for a year (ignored on plain-HTTP answers, so demo on localhost works).
 */
export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    await next();
  };
}
