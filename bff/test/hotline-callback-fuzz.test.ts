import { errorEnvelopeSchema } from '@hotline/shared-types';
import { signRequest as simulatorSign } from '@hotline/simulators';
import { changedTables, prototypeFingerprint, tableChecksums } from '../../bench/lib/fuzz-gen.cjs';
import { submit } from './support/cases';
import { testDialect } from './support/database';
import { startTestApp, type TestApp } from './support/harness';

// The hotline's push endpoint with bodies that pass the signature: whatever the hotline (or whoever holds its key)
// sends, no answer is a 5xx, a bad push changes nothing, and a bad event is rejected by itself.
let t: TestApp;
let caseId: string;
let ticketNo: string;
beforeAll(async () => {
  t = await startTestApp({ withHotline: true });
  const res = await submit(t, await t.signIn()).expect(201);
  await t.jobs.forwardOnce();
  caseId = res.body.id as string;
  ticketNo = (t.hotline?.tickets()[0]?.ticketNo ?? '') as string;
});
afterAll(async () => t.close());

/** Posts a body exactly as given, signed with the key the app issued to the hotline. */
function pushRaw(raw: string, contentType = 'application/json') {
  const [pair] = (t.config.hotline.inboundKeys as string).split(',');
  const at = pair?.indexOf(':') ?? 0;
  const headers = simulatorSign({
    method: 'POST',
    path: '/api/v1/hotline/events',
    body: raw,
    keyId: pair?.slice(0, at) ?? '',
    secret: pair?.slice(at + 1) ?? '',
    now: t.clock.now(),
  });
  return t.http
    .post('/api/v1/hotline/events')
    .set(headers)
    .set('Content-Type', contentType)
    .set('content-length', String(Buffer.byteLength(raw)))
    .send(raw);
}

const checksums = () =>
  tableChecksums((sql: string, params?: unknown[]) => t.dataSource.query(sql, params), testDialect());

let sequence = 1;
/** A well-formed event for the forwarded case, the next in its sequence. */
function goodEvent(): Record<string, unknown> {
  sequence += 1;
  return {
    eventId: `evt-fuzz-${sequence}`,
    ticketNo,
    caseId,
    sequence,
    type: 'urge',
    status: null,
    unit: null,
    text: '请尽快处理',
    dueAt: null,
    occurredAt: new Date(t.clock.now().getTime() + sequence * 1000).toISOString(),
  };
}

/** One field of a good event replaced by a value the contract does not allow, or the event replaced whole. */
const BAD_FIELDS: Record<string, unknown[]> = {
  eventId: ['', 'e'.repeat(129), 42, null, {}, ['a']],
  ticketNo: ['', 'T'.repeat(65), 42, null],
  sequence: [-1, 1.5, '3', null, 2 ** 31, Number.MAX_SAFE_INTEGER + 2, 1e308],
  type: ['explode', '', null, 'ACCEPT', '__proto__', 'constructor'],
  occurredAt: [
    'yesterday',
    '2026-13-01T00:00:00Z',
    '2026-11-28T10:00:00',
    null,
    42,
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59-14:00',
    '2026-11-28T10:00:00+99:00',
  ],
  dueAt: ['soon', 42, '0001-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00'],
  unit: ['单'.repeat(101), 42, {}],
  text: ['字'.repeat(5001), {}, ['x']],
  status: [42, {}],
  origin: ['martians', 42],
  caseId: ['c'.repeat(65), 42],
};

describe('pushes that pass the signature', () => {
  test('when the body is not a push, then 400 with the error envelope and no table changes', async () => {
    const before = await checksums();
    const prototypes = prototypeFingerprint();
    const nested = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const bodies = [
      'not json',
      '{"events": [',
      'null',
      '[]',
      '"events"',
      '42',
      '{}',
      '{"events": "all"}',
      '{"events": {"0": {}}}',
      JSON.stringify({ events: Array.from({ length: 101 }, () => ({})) }),
      '{"events": [], "__proto__": {"polluted": true}}'.replace('[]', '"x"'),
    ];
    for (const raw of bodies) {
      const res = await pushRaw(raw);
      expect({ raw: raw.slice(0, 40), status: res.status }).toEqual({ raw: raw.slice(0, 40), status: 400 });
      expect(errorEnvelopeSchema.safeParse(res.body).success).toBe(true);
    }
    // Deeply nested, yet a push: its one event is rejected.
    const deep = await pushRaw(`{"events": ${nested}}`);
    expect(deep.status).toBe(200);
    expect(deep.body).toEqual({ accepted: 0, duplicates: 0, rejected: [{ eventId: '', reason: 'malformed event' }] });
    const wrongType = await pushRaw(JSON.stringify({ events: [goodEvent()] }), 'text/plain');
    expect(wrongType.status).toBeGreaterThanOrEqual(400);
    expect(wrongType.status).toBeLessThan(500);
    expect(changedTables(before, await checksums())).toEqual([]);
    expect(prototypeFingerprint()).toBe(prototypes);
  });

  test('when bad events come among good ones, then each bad one is rejected by itself and the good ones are applied', async () => {
    const bad: unknown[] = [];
    for (const [field, values] of Object.entries(BAD_FIELDS)) {
      for (const value of values) {
        // Each bad event has an id of its own, but for the bad ids themselves.
        const id = field === 'eventId' ? {} : { eventId: `bad-${field}-${bad.length}` };
        bad.push({ ...goodEvent(), ...id, [field]: value });
      }
    }
    bad.push(null, 42, 'event', [], {}, { __proto__: { type: 'close' } });
    let applied = 0;
    for (let i = 0; i < bad.length; i += 9) {
      const chunk = bad.slice(i, i + 9);
      const good = goodEvent();
      const res = await pushRaw(JSON.stringify({ events: [...chunk, good] }));
      expect(res.status).toBe(200);
      const idOf = (e: unknown) => String((e as { eventId?: unknown } | null)?.eventId ?? '');
      expect(res.body).toEqual({
        accepted: 1,
        duplicates: 0,
        rejected: chunk.map((e) => ({ eventId: idOf(e), reason: 'malformed event' })),
      });
      applied += 1;
    }
    const [row] = await t.dataSource.query('SELECT status, last_hotline_seq AS seq, urged FROM cases WHERE id = ?', [
      caseId,
    ]);
    expect({ status: row.status, seq: Number(row.seq), urged: Number(row.urged) }).toEqual({
      status: 'accepted',
      seq: sequence,
      urged: 1,
    });
    const urges = await t.dataSource.query(
      "SELECT COUNT(*) AS n FROM case_events WHERE case_id = ? AND kind = 'urge'",
      [caseId],
    );
    expect(Number(urges[0].n)).toBe(applied);
  });
});
