import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validate } from '@readme/openapi-parser';
import { contract } from '@hotline/shared-types';
import { startTestApp, type TestApp } from './support/harness';

describe('health and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  test('when the process is up, then /healthz answers ok', async () => {
    await t.http.get('/healthz').expect(200, { status: 'ok' });
  });

  test('when the database is reachable and migrated, then /readyz is ready', async () => {
    const res = await t.http.get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'applied' } });
  });

  test('when an unknown path is asked for, then 404 ROUTE_NOT_FOUND in the envelope', async () => {
    const res = await t.http.get('/api/v1/nothing-here').expect(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  test('when a request carries an X-Request-Id, then the answer and the error envelope echo it', async () => {
    const res = await t.http.get('/api/v1/cases').set('X-Request-Id', 'trace-abc-123').expect(401);
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    expect(res.body.error.requestId).toBe('trace-abc-123');
  });

  test('when the H5 origin calls cross-origin, then CORS allows it; another origin gets no CORS grant', async () => {
    const allowed = await t.http
      .options('/api/v1/cases')
      .set('Origin', 'http://localhost:10086')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:10086');
    const other = await t.http
      .options('/api/v1/cases')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('readiness before migrations', () => {
  test('when migrations have not run, then /readyz answers 503 with migrations pending', async () => {
    const t = await startTestApp({ migrate: false });
    try {
      const res = await t.http.get('/readyz').expect(503);
      expect(res.body).toEqual({ status: 'not_ready', checks: { database: 'ok', migrations: 'pending' } });
    } finally {
      await t.close();
    }
  });

  test('when the database is gone, then /readyz answers 503 with the database unreachable', async () => {
    const t = await startTestApp();
    await t.dataSource.destroy();
    try {
      const res = await t.http.get('/readyz').expect(503);
      expect(res.body.checks.database).toBe('unreachable');
    } finally {
      await t.dataSource.initialize();
      await t.close();
    }
  });
});

describe('API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  test('when the OpenAPI document is fetched, then it describes every endpoint of the shared contract', async () => {
    const res = await t.http.get('/api/v1/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.0.3');
    for (const e of Object.values(contract)) {
      const op = res.body.paths[e.path.replace(/:(\w+)/g, '{$1}')]?.[e.method.toLowerCase()];
      expect({ path: e.path, summary: op?.summary }).toEqual({ path: e.path, summary: e.summary });
    }
    const body = res.body.paths['/api/v1/cases'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['type', 'content']));
    expect(body.properties.type.enum).toEqual(['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise']);
  });

  test('when the OpenAPI document is checked by an OpenAPI validator, then it is valid', async () => {
    const res = await t.http.get('/api/v1/openapi.json').expect(200);
    const result = await validate(res.body);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  test('when an endpoint has path parameters or reads a header, then the document declares them', async () => {
    const { paths } = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    for (const e of Object.values(contract)) {
      const op = paths[e.path.replace(/:(\w+)/g, '{$1}')][e.method.toLowerCase()];
      const declared = op.parameters
        .filter((p: { in: string }) => p.in === 'path')
        .map((p: { name: string }) => p.name);
      expect({ path: e.path, declared }).toEqual({
        path: e.path,
        declared: [...e.path.matchAll(/:(\w+)/g)].map((m) => m[1]),
      });
    }
    expect(paths['/api/v1/cases'].post.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
  });

  test('when the summaries are read, then each is in Chinese and the document says how to sign in', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    const english = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { summary: string }>)
        .filter(([, op]) => !/\p{Script=Han}/u.test(op.summary))
        .map(([method]) => `${method} ${path}`),
    );
    expect(english).toEqual([]);
    expect(doc.info.description).toContain('/api/v1/auth/wechat-login');
    expect(doc.info.description).toContain('/api/v1/admin/auth/login');
    expect(doc.info.description).toContain('Authorization: Bearer');
  });

  test('when the docs page is opened, then Swagger UI loads from this origin only, its files from the npm package', async () => {
    const page = await t.http.get('/api/docs').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(sources.every((s) => s.startsWith('/api/docs/'))).toBe(true);
    expect(page.text).not.toMatch(/<script>/);
    const app = await t.http
      .get('/api/docs/app.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    expect(app.text).toContain("url: '/api/v1/openapi.json'");
    const bundle = await t.http
      .get('/api/docs/swagger-ui-bundle.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    expect(bundle.text).toContain('SwaggerUIBundle');
    await t.http.get('/api/docs/swagger-ui.css').expect(200).expect('Content-Type', /css/);
    await t.http.get('/api/docs/package.json').expect(404);
  });
});

describe('static files (the H5 app)', () => {
  test('a path that tries to leave the folder is a 404 or 400 envelope, never a file outside it or a 500', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'h5-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>h5</title>');
    const t = await startTestApp({ config: { http: { h5Dir: dir } } });
    try {
      await t.http.get('/').expect(200);
      for (const probe of [
        '/../package.json',
        '/%2e%2e/package.json',
        '/..%2fpackage.json',
        '/%2e%2e%2f%2e%2e%2fetc/passwd',
        '/a%00b',
      ]) {
        const res = await t.http.get(probe);
        expect({ probe, status: res.status < 500 && res.status >= 400 }).toEqual({ probe, status: true });
        expect(res.body.error?.code).toMatch(/^(ROUTE_NOT_FOUND|VALIDATION_FAILED)$/);
      }
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('when the H5 page is served, then its CSP allows this origin and the build’s own inline script by hash, and HSTS is set', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'h5-'));
    const inline = '\n      !function(){document.documentElement.style.fontSize="20px"}();\n    ';
    writeFileSync(
      path.join(dir, 'index.html'),
      `<!doctype html><script>${inline}</script><script src="/js/app.js"></script>`,
    );
    const t = await startTestApp({ config: { http: { h5Dir: dir } } });
    try {
      const res = await t.http.get('/').expect(200);
      const hash = createHash('sha256').update(inline).digest('base64');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
      expect(csp.split('; ').find((d) => d.startsWith('script-src'))).not.toContain('unsafe-inline');
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const api = await t.http.get('/healthz').expect(200);
      expect(api.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
