import { createHash, createHmac } from 'node:crypto';
import { NonceCache, signRequest, stringToSign, verifySignedRequest } from '../src';
import {
  channel,
  channelKeyId,
  channelSecret,
  closeAll,
  ManualClock,
  simulator,
  ticketBody,
  uniqueKey,
} from './hotline-support';

afterEach(closeAll);

const now = new Date('2026-11-27T08:30:00.000Z');
const path = '/api/channel/v1/updates?since=2026-11-27T00%3A00%3A00.000Z&limit=100';

describe('hotline signing (§1), as a function', () => {
  test('when the string to sign is built by hand from §1, then signRequest signs exactly it', () => {
    const nonce = 'abcdefghijklmnop_-0123';
    const body = '{"seq":2,"kind":"withdraw"}';
    const byHand = [
      'POST',
      '/api/channel/v1/tickets/LH20261127000123/messages',
      '1795768200',
      nonce,
      createHash('sha256').update(body, 'utf8').digest('hex'),
    ].join('\n');
    const headers = signRequest({
      method: 'post',
      path: '/api/channel/v1/tickets/LH20261127000123/messages',
      body,
      keyId: channelKeyId,
      secret: channelSecret,
      now,
      nonce,
    });
    expect(headers).toEqual({
      'X-Hotline-Key-Id': channelKeyId,
      'X-Hotline-Timestamp': '1795768200',
      'X-Hotline-Nonce': nonce,
      'X-Hotline-Signature': createHmac('sha256', channelSecret).update(byHand).digest('hex'),
    });
    expect(byHand.endsWith('\n')).toBe(false);
  });

  test('when a GET is signed, then its body line is the SHA-256 of the empty string', () => {
    const text = stringToSign({ method: 'GET', path, timestamp: '1', nonce: 'n'.repeat(16), body: undefined });
    expect(text.split('\n')).toEqual([
      'GET',
      path,
      '1',
      'n'.repeat(16),
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ]);
  });

  test('when a generated nonce is checked, then it has the contract form and differs every time', () => {
    const sign = () => signRequest({ method: 'GET', path, body: '', keyId: 'k', secret: 's', now });
    const nonces = new Set([sign(), sign(), sign()].map((headers) => headers['X-Hotline-Nonce']));
    expect(nonces.size).toBe(3);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });

  test('when requests are verified, then each §1 refusal has its code', () => {
    const keys = { [channelKeyId]: channelSecret, old: 'old-secret' };
    const signed = signRequest({ method: 'GET', path, body: '', keyId: channelKeyId, secret: channelSecret, now });
    const verify = (overrides: Partial<Parameters<typeof verifySignedRequest>[0]> = {}) =>
      verifySignedRequest({ method: 'GET', path, body: '', headers: signed, keys, now, ...overrides });
    expect(verify()).toEqual({ ok: true, keyId: channelKeyId });
    expect(verify({ keys: { old: 'old-secret' } })).toMatchObject({ ok: false, code: 'UNKNOWN_KEY' });
    expect(verify({ path: `${path}0` })).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    expect(
      verify({ headers: { ...signed, 'X-Hotline-Signature': signed['X-Hotline-Signature'].toUpperCase() } }),
    ).toMatchObject({
      code: 'BAD_SIGNATURE',
    });
    expect(verify({ now: new Date(now.getTime() + 300_000) })).toMatchObject({ ok: true });
    expect(verify({ now: new Date(now.getTime() + 301_000) })).toMatchObject({ code: 'STALE_REQUEST' });
    expect(verify({ now: new Date(now.getTime() - 301_000) })).toMatchObject({ code: 'STALE_REQUEST' });
    const lowerCaseHeaders = Object.fromEntries(
      Object.entries(signed).map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(verify({ headers: lowerCaseHeaders })).toMatchObject({ ok: true });
  });

  test('when a nonce is seen again within 600 s, then it is a replay, and after 600 s it is forgotten', () => {
    const nonces = new NonceCache();
    expect(nonces.accept('k', 'nonce-0000000001', now)).toBe(true);
    expect(nonces.accept('k', 'nonce-0000000001', new Date(now.getTime() + 599_000))).toBe(false);
    expect(nonces.accept('other', 'nonce-0000000001', now)).toBe(true);
    expect(nonces.accept('k', 'nonce-0000000001', new Date(now.getTime() + 601_000))).toBe(true);
  });
});

describe('hotline signing (§1), over HTTP', () => {
  const create = { body: ticketBody() };

  test('when a request is signed with a known key, then it is accepted', async () => {
    const sim = await simulator();
    expect((await channel(sim, 'POST', '/tickets', { ...create, idempotencyKey: uniqueKey() })).status).toBe(201);
  });

  test('when the key id is not one the hotline holds, then 401 UNKNOWN_KEY', async () => {
    const sim = await simulator();
    const answer = await channel(sim, 'POST', '/tickets', { ...create, idempotencyKey: uniqueKey(), keyId: 'nope' });
    expect(answer).toEqual({ status: 401, body: { error: expect.objectContaining({ code: 'UNKNOWN_KEY' }) } });
    expect(sim.tickets()).toEqual([]);
  });

  test('when the secret is wrong, then 401 BAD_SIGNATURE', async () => {
    const sim = await simulator();
    const answer = await channel(sim, 'GET', '/updates?since=2026-11-27T00:00:00Z', { secret: 'wrong' });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: 'BAD_SIGNATURE' });
  });

  test('when the body is changed after signing, then 401 BAD_SIGNATURE and no ticket', async () => {
    const sim = await simulator();
    const answer = await channel(sim, 'POST', '/tickets', {
      ...create,
      idempotencyKey: uniqueKey(),
      tamper: (body) => body.replace('路灯', '路面'),
    });
    expect(answer.body.error).toMatchObject({ code: 'BAD_SIGNATURE' });
    expect(sim.tickets()).toEqual([]);
  });

  test('when the timestamp is more than 300 s off the hotline clock, then 401 STALE_REQUEST', async () => {
    const clock = new ManualClock(now);
    const sim = await simulator({ clock });
    const stale = new Date(now.getTime() - 301_000);
    const answer = await channel(sim, 'GET', '/updates?since=2026-11-27T00:00:00Z', { now: stale });
    expect(answer.body.error).toMatchObject({ code: 'STALE_REQUEST' });
    expect((await channel(sim, 'GET', '/updates?since=2026-11-27T00:00:00Z', { now })).status).toBe(200);
  });

  test('when a signed request is sent again with its nonce, then 401 REPLAYED', async () => {
    const sim = await simulator();
    const once = { nonce: 'replayed-nonce-000001' };
    expect((await channel(sim, 'GET', '/updates?since=2026-11-27T00:00:00Z', once)).status).toBe(200);
    const again = await channel(sim, 'GET', '/updates?since=2026-11-27T00:00:00Z', once);
    expect(again).toEqual({ status: 401, body: { error: expect.objectContaining({ code: 'REPLAYED' }) } });
  });

  test('when keys rotate, then every key id the hotline holds is accepted and a removed one is not', async () => {
    const sim = await simulator();
    sim.setKeys({ [channelKeyId]: channelSecret, 'channel-2026b': 'the-new-secret-000000000000000001' });
    const newKey = { keyId: 'channel-2026b', secret: 'the-new-secret-000000000000000001' };
    expect((await channel(sim, 'GET', '/updates?since=2026-11-27T00:00:00Z', newKey)).status).toBe(200);
    expect((await channel(sim, 'GET', '/updates?since=2026-11-27T00:00:00Z')).status).toBe(200);
    sim.setKeys({ 'channel-2026b': 'the-new-secret-000000000000000001' });
    expect((await channel(sim, 'GET', '/updates?since=2026-11-27T00:00:00Z')).body.error).toMatchObject({
      code: 'UNKNOWN_KEY',
    });
  });

  test('when a signature header is missing, then 401 BAD_SIGNATURE', async () => {
    const sim = await simulator();
    const res = await fetch(`${sim.baseUrl}updates?since=2026-11-27T00:00:00Z`, {
      headers: { 'X-Hotline-Key-Id': channelKeyId },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'BAD_SIGNATURE' } });
  });
});
