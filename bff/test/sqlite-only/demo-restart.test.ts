import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { loadConfig, withDemoSecrets } from '@hotline/config';
import pino from 'pino';
import { startDemoOutside } from '../../src/demo';
import { startServer } from '../../src/server';
import { validCase } from '../support/cases';
import { freshDirEachTest } from '../support/temp-dir';

/** `npm start` on a data directory: the demo's simulators and the BFF, the worker moved by hand. */
async function startDemo(dir: string) {
  const demo = withDemoSecrets(
    loadConfig({
      env: {},
      overrides: {
        http: { port: 0 },
        db: { sqlitePath: path.join(dir, 'db.sqlite') },
        storage: { localDir: path.join(dir, 'uploads') },
        forwarding: { intervalMs: 3_600_000, pollSeconds: 3600 },
      },
    }),
    dir,
  );
  const outside = await startDemoOutside(demo);
  const bff = await startServer(outside.config, { logger: pino({ level: 'silent' }) });
  outside.connect(bff.url);
  const call = async (method: string, route: string, body?: object, auth?: string) => {
    const res = await fetch(`${bff.url}${route}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        ...(auth ? { authorization: auth } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    bff,
    outside,
    call,
    async submitAndForward(auth: string): Promise<string> {
      const created = await call('POST', '/api/v1/cases', validCase(), auth);
      expect({ status: created.status, error: created.body.error }).toEqual({ status: 201, error: undefined });
      await bff.jobs.forwardOnce();
      return String(created.body.id);
    },
    async stop() {
      await bff.stop();
      await outside.stop();
    },
  };
}

// Demo mode runs on SQLite only.
describe('npm start again on the same data', () => {
  const tempDir = freshDirEachTest('hotline-demo-restart-');

  test('when the demo restarts, then new cases get new ticket numbers and the old tickets still move', async () => {
    const dir = tempDir();
    const first = await startDemo(dir);
    const login = await first.call('POST', '/api/v1/auth/wechat-login', { code: 'same-citizen' });
    const auth = `Bearer ${String(login.body.token)}`;
    const before = await first.submitAndForward(auth);
    const beforeTicket = (await first.call('GET', `/api/v1/cases/${before}`, undefined, auth)).body.ticketNo;
    expect(beforeTicket).toEqual(expect.any(String));
    await first.stop();

    const second = await startDemo(dir);
    try {
      const after = await second.submitAndForward(auth);
      const detail = await second.call('GET', `/api/v1/cases/${after}`, undefined, auth);
      expect(detail.body).toMatchObject({ status: 'accepted' });
      expect(detail.body.ticketNo).toEqual(expect.any(String));
      expect(detail.body.ticketNo).not.toBe(beforeTicket);
      // The simulated 12345 system still has the first ticket: working it reaches the citizen.
      second.outside.hotline.advance(String(beforeTicket), { type: 'dispatch', unit: '郾城区城市管理局' });
      await second.outside.hotline.pushesSettled();
      const moved = await second.call('GET', `/api/v1/cases/${before}`, undefined, auth);
      expect(moved.body).toMatchObject({ status: 'dispatched', ticketNo: beforeTicket });
    } finally {
      await second.stop();
    }
  });
});
