import type { AddressInfo } from 'node:net';
import type Koa from 'koa';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on loopback (port 0: a free one) and closes without waiting for idle keep-alive connections. */
export function listen(app: Koa, port = 0): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1');
    server.once('error', reject);
    server.once('listening', () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
