import { createServer, connect, type Server, type Socket } from 'node:net';
import { submit } from '../support/cases';
import { startTestApp, type TestApp } from '../support/harness';

/**
 * The database goes away under a running BFF (a proxy between them is cut): requests answer 503
 * SERVICE_UNAVAILABLE quickly instead of hanging or answering 500, /readyz says so, and service resumes when the
 * database is back.
 */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private down = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      if (this.down) {
        client.resetAndDestroy();
        return;
      }
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** Resets every open connection and every new one, as a crashed or restarting server does. */
  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let t: TestApp;
let proxy: CuttableProxy;
beforeAll(async () => {
  const server = new URL((process.env.TEST_MARIADB_URL as string).replace(/^mariadb:/, 'http:'));
  proxy = new CuttableProxy({ host: server.hostname, port: Number(server.port) });
  await proxy.open();
  t = await startTestApp({ dbProxy: { host: '127.0.0.1', port: proxy.port } });
});
afterAll(async () => {
  proxy.restore();
  await t.close();
  await proxy.close();
});

test('when the database is unreachable, requests get 503 (bounded by the connect timeout; timed by bench faults), readyz reports it, and service resumes', async () => {
  const auth = await t.signIn();
  await submit(t, auth).expect(201);
  proxy.cut();

  const list = await t.http.get('/api/v1/cases').set('Authorization', auth);
  const submitted = await submit(t, auth);
  expect([list.status, submitted.status]).toEqual([503, 503]);
  expect(list.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' });
  expect(list.headers['retry-after']).toBe('5');
  const ready = await t.http.get('/readyz').expect(503);
  expect(ready.body.checks.database).toBe('unreachable');

  proxy.restore();
  await t.http.get('/readyz').expect(200);
  // The breaker's probe notices within a quarter-second or so.
  let status = 0;
  for (let i = 0; i < 40 && status !== 200; i += 1) {
    status = (await t.http.get('/api/v1/cases').set('Authorization', auth)).status;
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(status).toBe(200);
});
