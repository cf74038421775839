import { ADMIN_CSP } from '../src/http/admin-console';
import { startTestApp, type TestApp } from './support/harness';

describe('the staff console at /admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  test.each(['/admin', '/admin/'])(
    'when %s is asked for, then index.html comes with strict headers and no caching',
    async (url) => {
      const res = await t.http.get(url).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<script type="module" src="/admin/app.js"></script>');
      expect(res.headers).toMatchObject({
        'content-security-policy': ADMIN_CSP,
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
    },
  );

  test('when the CSP is read, then it allows only this origin and forbids framing, inline code and base rewriting', () => {
    expect(ADMIN_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
  });

  test('when a module or the stylesheet is asked for, then it is served with the same headers and revalidated', async () => {
    const js = await t.http.get('/admin/app.js').expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['content-security-policy']).toBe(ADMIN_CSP);
    expect(js.headers['cache-control']).toBe('no-cache');
    const css = await t.http.get('/admin/styles.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['x-frame-options']).toBe('DENY');
  });

  test('when a path outside the console folder is asked for, then nothing is served from elsewhere', async () => {
    await t.http.get('/admin/../package.json').expect(404);
    await t.http.get('/admin/%2e%2e/package.json').expect(404);
    await t.http.get('/admin/nothing-here.js').expect(404);
  });

  test('when the console is read, then no file writes HTML from strings', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { ADMIN_CONSOLE_DIR } = await import('../src/http/admin-console');
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : [],
      );
    const offenders = sources(ADMIN_CONSOLE_DIR).filter((file) =>
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
