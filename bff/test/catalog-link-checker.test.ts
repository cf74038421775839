import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkLinks, probe, DEFAULT_LINK_CHECK } from '../src/modules/catalog/link-checker';
import { CatalogDocumentsRepository } from '../src/modules/catalog/catalog-documents.repository';
import { startTestApp, type TestApp } from './support/harness';

/**
 * A fake government portal: each path answers what the test says — a status, a redirect chain, a page that
 * refuses HEAD, or silence (a timeout).
 */
function fakePortal() {
  const answers = new Map<string, 'hang' | 'head405' | number | { to: string }>();
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push(`${req.method} ${path}`);
    const answer = answers.get(path) ?? 404;
    if (answer === 'hang') return; // never answers
    if (answer === 'head405') {
      res.writeHead(req.method === 'HEAD' ? 405 : 200).end(req.method === 'HEAD' ? undefined : 'ok');
      return;
    }
    if (typeof answer === 'object') {
      res.writeHead(302, { location: answer.to }).end();
      return;
    }
    res.writeHead(answer).end(req.method === 'HEAD' ? undefined : 'page');
  });
  return {
    answers,
    seen,
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const HOUR = 3_600_000;
const fast = { ...DEFAULT_LINK_CHECK, timeoutMs: 200 };

let t: TestApp;
const portal = fakePortal();
let base = '';
beforeAll(async () => {
  t = await startTestApp();
  base = await portal.start();
});
afterAll(async () => {
  await portal.close();
  await t.close();
});

describe('link probe against a fake portal', () => {
  test('when a page answers 200, 404 or 500, then ok, HTTP 404, HTTP 500', async () => {
    portal.answers.set('/ok', 200).set('/gone', 404).set('/error', 500);
    expect(await probe(`${base}/ok`, fast)).toEqual({ ok: true, status: 200, error: null });
    expect(await probe(`${base}/gone`, fast)).toEqual({ ok: false, status: 404, error: 'HTTP 404' });
    expect(await probe(`${base}/error`, fast)).toEqual({ ok: false, status: 500, error: 'HTTP 500' });
  });

  test('when HEAD is refused, then GET decides', async () => {
    portal.answers.set('/nohead', 'head405');
    portal.seen.length = 0;
    expect(await probe(`${base}/nohead`, fast)).toMatchObject({ ok: true, status: 200 });
    expect(portal.seen).toEqual(['HEAD /nohead', 'GET /nohead']);
  });

  test('when a page redirects 5 times it is followed; 6 times is too many', async () => {
    for (let i = 1; i <= 6; i += 1) portal.answers.set(`/r${i}`, { to: `/r${i + 1}` });
    portal.answers.set('/r7', 200);
    expect(await probe(`${base}/r2`, fast)).toMatchObject({ ok: true, status: 200 });
    expect(await probe(`${base}/r1`, fast)).toEqual({ ok: false, status: null, error: '重定向超过5次' });
  });

  test('when a page never answers, then the check gives up after its timeout', async () => {
    portal.answers.set('/slow', 'hang');
    expect(await probe(`${base}/slow`, fast)).toEqual({ ok: false, status: null, error: '超时' });
  });
});

describe('link checker job', () => {
  const docs = () => new CatalogDocumentsRepository(t.dataSource);
  const run = () => checkLinks({ documents: docs(), clock: t.clock }, fast);
  const state = async (path: string) => (await docs().linkStatuses([`${base}${path}`])).get(`${base}${path}`);

  beforeAll(async () => {
    const at = t.clock.now();
    await docs().save(
      ['/flaky', '/dead', '/fine'].map((path, i) => ({
        id: `01LINKTEST0000000000000${i}`,
        regionCode: '411100',
        itemKey: '411100.0001',
        title: '文件',
        url: `${base}${path}`,
        publishedOn: '2026-01-05',
        indexNumber: null,
      })),
      'test',
      at,
    );
    portal.answers.set('/fine', 200).set('/dead', 404).set('/flaky', 500);
  });

  test('when a link fails three times over two days, then it is broken; a success in between starts over', async () => {
    expect(await run()).toEqual({ checked: 3, skipped: 0, ok: 1, failing: 2, broken: 0 });
    expect(await state('/dead')).toMatchObject({ state: 'failing', failures: 1, lastError: 'HTTP 404' });

    t.clock.advance(2 * HOUR); // too soon: nothing is checked again
    expect(await run()).toMatchObject({ checked: 0, skipped: 3 });

    t.clock.advance(12 * HOUR);
    portal.answers.set('/flaky', 200); // the portal came back for this one
    expect(await run()).toEqual({ checked: 3, skipped: 0, ok: 2, failing: 1, broken: 0 });
    expect(await state('/flaky')).toMatchObject({ state: 'ok', failures: 0, firstFailureAt: null });

    portal.answers.set('/flaky', 500);
    t.clock.advance(12 * HOUR); // third failure of /dead, but only 26 hours after the first: a day has passed
    expect(await run()).toMatchObject({ broken: 1, failing: 1 });
    expect(await state('/dead')).toMatchObject({ state: 'broken', failures: 3, lastError: 'HTTP 404' });
    expect(await state('/flaky')).toMatchObject({ state: 'failing', failures: 1 });
  });

  test('when three failures come within a day, then the link is only failing', async () => {
    const quick = { ...fast, recheckAfterMs: HOUR };
    const check = () => checkLinks({ documents: docs(), clock: t.clock }, quick);
    portal.answers.set('/flaky', 500);
    for (let i = 0; i < 4; i += 1) {
      t.clock.advance(HOUR);
      await check();
    }
    expect(await state('/flaky')).toMatchObject({ state: 'failing', failures: 5 });
  });
});
