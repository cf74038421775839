import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpTimeoutError, httpRequest } from '../../src/adapters/http-client';

/** A loopback server whose answers the test chooses; counts the connections it accepted. */
async function server(handler: http.RequestListener) {
  const s = http.createServer(handler);
  let connections = 0;
  s.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  return {
    url: (path: string) => new URL(path, `http://127.0.0.1:${port}`),
    connections: () => connections,
    close: () => {
      s.closeAllConnections();
      return new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

describe('httpRequest', () => {
  it('sends method, path with query, headers and body, and answers the status and the whole body as text', async () => {
    const seen: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; body?: string }[] = [];
    const s = await server((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
        res.writeHead(422, { 'content-type': 'application/json' });
        // The answer in pieces, a character split across two of them.
        const answer = Buffer.from(JSON.stringify({ error: { code: 'invalid', message: '内容不能为空' } }));
        res.write(answer.subarray(0, 31));
        setTimeout(() => res.end(answer.subarray(31)), 20);
      });
    });
    try {
      const body = JSON.stringify({ content: '路灯坏了' });
      const answer = await httpRequest(s.url('/api/tickets?x=1'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hotline-nonce': 'n1' },
        body,
        timeoutMs: 2000,
      });
      expect(answer).toEqual({
        status: 422,
        text: JSON.stringify({ error: { code: 'invalid', message: '内容不能为空' } }),
      });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/tickets?x=1', body });
      expect(seen[0]?.headers).toMatchObject({
        'x-hotline-nonce': 'n1',
        'content-length': String(Buffer.byteLength(body)),
      });
    } finally {
      await s.close();
    }
  });

  it('keeps connections open for the next requests', async () => {
    const s = await server((_req, res) => res.end('ok'));
    try {
      for (let i = 0; i < 20; i += 1) {
        await expect(httpRequest(s.url('/'), { method: 'GET', headers: {}, timeoutMs: 2000 })).resolves.toEqual({
          status: 200,
          text: 'ok',
        });
      }
      // Twenty requests one after another over one or two connections (a second may open while the first is
      // still being handed back to the pool), never one each.
      expect(s.connections()).toBeLessThanOrEqual(2);
    } finally {
      await s.close();
    }
  });

  it('gives up after timeoutMs when no answer comes, and the next request still gets through', async () => {
    let hold = true;
    const s = await server((_req, res) => {
      if (!hold) res.end('late but fine');
    });
    try {
      const started = Date.now();
      const failed = httpRequest(s.url('/slow'), { method: 'POST', headers: {}, body: '{}', timeoutMs: 150 });
      await expect(failed).rejects.toBeInstanceOf(HttpTimeoutError);
      await expect(failed).rejects.toThrow('no answer within 150 ms');
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      hold = false;
      await expect(httpRequest(s.url('/'), { method: 'GET', headers: {}, timeoutMs: 2000 })).resolves.toEqual({
        status: 200,
        text: 'late but fine',
      });
    } finally {
      await s.close();
    }
  });

  it('rejects when nothing listens', async () => {
    const s = await server((_req, res) => res.end());
    const url = s.url('/');
    await s.close();
    await expect(httpRequest(url, { method: 'GET', headers: {}, timeoutMs: 2000 })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('rejects when the connection drops before the answer ends', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    try {
      await expect(httpRequest(s.url('/'), { method: 'GET', headers: {}, timeoutMs: 2000 })).rejects.toThrow();
    } finally {
      await s.close();
    }
  });
});
