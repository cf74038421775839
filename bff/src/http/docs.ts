import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Router } from '@koa/router';
import { buildOpenApiDocument } from './openapi';
import type { AppState } from './state';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>12345 微信通道 API 文档</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head><body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/app.js"></script>
</body></html>`;

/** Starts Swagger UI on our document; no outside validator badge, so the page talks to this origin only. */
const SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  deepLinking: true,
  persistAuthorization: false,
});`;

/** The viewer's own files, served from the swagger-ui-dist package (no CDN). */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
};

const POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

/** The OpenAPI document and Swagger UI over it at /api/docs. */
export function docsRoutes(): Router<AppState> {
  const router = new Router<AppState>();
  const document = buildOpenApiDocument({ title: '12345 微信通道 API', version: '1' });
  const dist = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = document;
  });
  router.get('/api/docs', (ctx) => {
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', POLICY);
    ctx.body = PAGE;
  });
  router.get('/api/docs/app.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = SCRIPT;
  });
  router.get('/api/docs/:asset', (ctx) => {
    const type = ASSETS[ctx.params.asset ?? ''];
    if (!type) return;
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = createReadStream(path.join(dist, ctx.params.asset as string));
  });
  return router;
}
