import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { answerClientErrors } from '../src/http/client-error';
import { startTestApp, type TestApp } from './support/harness';

const HAN = /\p{Script=Han}/u;

describe('messages a client reads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  test.each([
    ['a username past its length', { username: 'u'.repeat(33), password: 'x' }, 'username'],
    ['a key the endpoint does not take', { username: 'u', password: 'x', role: 'admin' }, 'role'],
  ])('when a request has %s, then zod’s own message is Chinese', async (_name, body, path) => {
    const res = await t.http.post('/api/v1/admin/auth/login').send(body).expect(400);
    const [issue] = res.body.error.details.fields;
    expect(issue.path).toBe(path);
    expect(issue.message).toMatch(HAN);
    expect(issue.message).not.toMatch(/[A-Z][a-z]+ [a-z]+:|expected|Unrecognized/);
  });

  describe('requests Node refuses before the app sees them', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((_req, res) => res.end());
      answerClientErrors(server, pino({ level: 'silent' }));
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => new Promise<void>((done) => server.close(() => done())));

    /** Writes raw bytes and reads the whole answer until the server closes the connection. */
    const raw = (bytes: string): Promise<{ status: number; headers: string; body: unknown }> =>
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
        const chunks: Buffer[] = [];
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('error', reject);
        socket.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const [head = '', body = ''] = text.split('\r\n\r\n');
          resolve({ status: Number(head.split(' ')[1]), headers: head, body: JSON.parse(body) });
        });
      });

    test('when the request line is malformed, then 400 in the error envelope', async () => {
      const res = await raw('NOT A REQUEST\r\n\r\n');
      expect(res.status).toBe(400);
      expect(res.headers).toMatch(/content-type: application\/json/i);
      expect(res.body).toEqual({
        error: { code: 'BAD_REQUEST', message: '请求格式有误', requestId: expect.any(String) },
      });
    });

    test('when the headers are larger than Node accepts, then 431 in the error envelope', async () => {
      const res = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(res.status).toBe(431);
      expect(res.body).toEqual({
        error: { code: 'HEADERS_TOO_LARGE', message: '请求头过大', requestId: expect.any(String) },
      });
    });
  });
});
