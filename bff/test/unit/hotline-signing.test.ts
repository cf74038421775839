import { createHash, createHmac } from 'node:crypto';
import { MemoryNonceStore, signRequest, stringToSign, verifyRequest } from '../../src/adapters/hotline/signing';
import { retryDelayMs } from '../../src/lib/backoff';

const keys = { k1: 'a'.repeat(40), k2: 'b'.repeat(40) };
const now = new Date('2026-11-27T08:00:00Z');

function signed(overrides: { body?: string; keyId?: string; secret?: string; at?: Date } = {}) {
  const body = overrides.body ?? '{"events":[]}';
  const headers = signRequest({
    method: 'POST',
    path: '/api/v1/hotline/events',
    body,
    keyId: overrides.keyId ?? 'k1',
    secret: overrides.secret ?? keys.k1,
    now: overrides.at ?? now,
  });
  return { body, headers };
}

const verify = (req: { body: string; headers: Record<string, string> }, nonces = new MemoryNonceStore(), at = now) =>
  verifyRequest({
    method: 'POST',
    path: '/api/v1/hotline/events',
    body: req.body,
    headers: req.headers,
    keys,
    nonces,
    now: at,
  });

describe('hotline request signing (contract §1)', () => {
  test('when the string to sign is built, then it is the five lines the contract names', () => {
    const bodyHash = createHash('sha256').update('{}').digest('hex');
    expect(stringToSign('post', '/x?y=1', '1764230400', 'nonce-nonce-nonce', '{}')).toBe(
      `POST\n/x?y=1\n1764230400\nnonce-nonce-nonce\n${bodyHash}`,
    );
  });

  test('when a request is signed, then its signature is the HMAC of that string with the key', async () => {
    const req = signed();
    const expected = createHmac('sha256', keys.k1)
      .update(
        stringToSign(
          'POST',
          '/api/v1/hotline/events',
          req.headers['x-hotline-timestamp'] as string,
          req.headers['x-hotline-nonce'] as string,
          req.body,
        ),
      )
      .digest('hex');
    expect(req.headers['x-hotline-signature']).toBe(expected);
    await expect(verify(req)).resolves.toEqual({ ok: true, keyId: 'k1' });
  });

  test('when a rotated key signs, then it is accepted while the receiver holds it', async () => {
    await expect(verify(signed({ keyId: 'k2', secret: keys.k2 }))).resolves.toEqual({ ok: true, keyId: 'k2' });
    await expect(verify(signed({ keyId: 'k3', secret: 'c'.repeat(40) }))).resolves.toEqual({
      ok: false,
      code: 'UNKNOWN_KEY',
    });
  });

  test('when the body or signature is changed, then BAD_SIGNATURE', async () => {
    const req = signed();
    await expect(verify({ ...req, body: '{"events":[1]}' })).resolves.toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    await expect(verify(signed({ secret: 'wrong'.repeat(8) }))).resolves.toEqual({ ok: false, code: 'BAD_SIGNATURE' });
  });

  test('when the timestamp is more than five minutes off, then STALE_REQUEST', async () => {
    await expect(verify(signed({ at: new Date(now.getTime() - 301_000) }))).resolves.toEqual({
      ok: false,
      code: 'STALE_REQUEST',
    });
    await expect(verify(signed({ at: new Date(now.getTime() + 301_000) }))).resolves.toEqual({
      ok: false,
      code: 'STALE_REQUEST',
    });
  });

  test('when the same request is sent twice, then the second is REPLAYED', async () => {
    const nonces = new MemoryNonceStore();
    const req = signed();
    await expect(verify(req, nonces)).resolves.toMatchObject({ ok: true });
    await expect(verify(req, nonces)).resolves.toEqual({ ok: false, code: 'REPLAYED' });
  });
});

describe('retry backoff', () => {
  test('when failures accumulate, then the wait grows from seconds to half an hour and stays there', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => retryDelayMs(n, middle))).toEqual([
      5000, 30000, 120000, 600000, 1800000, 1800000, 1800000,
    ]);
  });

  test('when jitter applies, then the wait stays within ±20%', () => {
    expect(retryDelayMs(5, () => 0)).toBe(1440000);
    expect(retryDelayMs(5, () => 0.999999)).toBeLessThanOrEqual(2160000);
  });
});
