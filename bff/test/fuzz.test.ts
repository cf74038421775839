import { contract, errorEnvelopeSchema, PERMISSIONS, STAFF_ROLES, type StaffRole } from '@hotline/shared-types';
import sharp from 'sharp';
import {
  changedTables,
  harvestIds,
  harvestRequests,
  prototypeFingerprint,
  problemWith,
  sampleRequests,
  tableChecksums,
  tamperedFrom,
  type FuzzCredential,
  type FuzzRequest,
} from '../../bench/lib/fuzz-gen.cjs';
import { issueToken } from '../src/modules/auth/session-token';
import { submit, validCase } from './support/cases';
import { submitApplication } from './support/disclosure';
import { testDialect } from './support/database';
import { startTestApp, type TestApp } from './support/harness';
import { staffSignIn } from './support/staff';

// The fuzz slice of `npm test`: the same generators as `npm run bench -- fuzz`, fewer requests, a fixed seed.
// About 14 per endpoint (at least 400), so every endpoint is reached as the contract grows.
const REQUESTS = Math.max(400, 14 * Object.keys(contract).length);
const SEED = 9;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

/** A citizen with a case, a photo and a disclosure application, one signed-in staff member per role, and tokens that must never pass. */
async function seed() {
  const citizen = await t.signIn();
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  const photo = await t.http
    .post('/api/v1/uploads/photos')
    .set('Authorization', citizen)
    .attach('file', png, { filename: 'p.png', contentType: 'image/png' })
    .expect(201);
  const kase = await submit(t, citizen, validCase({ photoIds: [photo.body.id] })).expect(201);
  const application = await submitApplication(t, citizen);
  const credentials: FuzzCredential[] = [{ kind: 'citizen', header: citizen }];
  const staffIds: string[] = [];
  for (const role of Object.keys(STAFF_ROLES) as StaffRole[]) {
    const staff = await staffSignIn(t, role, role === 'handler' ? { unit: '郾城区城市管理局' } : {});
    credentials.push({ kind: 'staff', role, header: staff.auth });
    staffIds.push(staff.id);
  }
  const citizenId = (JSON.parse(Buffer.from(citizen.split('.')[1] ?? '', 'base64url').toString()) as { sub: string })
    .sub;
  const past = new Date(t.clock.now().getTime() - 40 * 24 * 3600 * 1000);
  const badAuthorizations = [
    ...tamperedFrom(citizen),
    ...tamperedFrom(credentials[1]?.header ?? ''),
    `Bearer ${issueToken(t.tokens, citizenId, past).token}`,
    `Bearer ${issueToken({ ...t.tokens, audience: 'staging' }, citizenId, t.clock.now()).token}`,
  ];
  const answers: unknown[] = [];
  for (const read of harvestRequests({ contract, permissions: PERMISSIONS, credentials })) {
    answers.push((await t.http.get(read.path).set(read.headers)).body);
  }
  const ids = [kase.body.id as string, photo.body.id as string, application, ...staffIds, ...harvestIds(answers)];
  return { credentials, badAuthorizations, ids };
}

function send(req: FuzzRequest) {
  let call = t.http[req.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](req.path);
  for (const [name, value] of Object.entries(req.headers)) call = call.set(name, value);
  // Written raw: superagent's send() would serialise a Buffer as JSON and give a string body a content type.
  if (req.body !== undefined) {
    const bytes = Buffer.from(req.body);
    void call.set('content-length', String(bytes.length)).write(bytes);
  }
  return call;
}

test('when every endpoint gets malformed, hostile or unauthorised input, then nothing answers 5xx, every refusal is the error envelope, and no table changes', async () => {
  const seeded = await seed();
  const query = (sql: string, params?: unknown[]) => t.dataSource.query(sql, params);
  const before = await tableChecksums(query, testDialect());
  const prototypes = prototypeFingerprint();
  const requests = sampleRequests(
    { contract, permissions: PERMISSIONS, ...seeded, bodyLimitBytes: t.config.http.bodyLimitKb * 1024 },
    REQUESTS,
    SEED,
  );
  const problems: string[] = [];
  const sendAll = async (list: FuzzRequest[]) => {
    for (const req of list) {
      const res = await send(req);
      const body: unknown = res.text === undefined ? res.body : safeJson(res.text);
      const problem = problemWith(req, { status: res.status, body }, errorEnvelopeSchema);
      if (problem)
        problems.push(`${req.endpoint} ${req.method} ${req.path.slice(0, 120)}: ${problem} (${describe(req)})`);
    }
  };
  await sendAll(requests.filter((r) => r.mustReject));
  expect(changedTables(before, await tableChecksums(query, testDialect()))).toEqual([]);
  // Reads before writes: a valid logout, password change or account deletion ends sessions the reads use.
  await sendAll(
    requests.filter((r) => !r.mustReject).sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET')),
  );
  expect(problems).toEqual([]);
  expect(prototypeFingerprint()).toBe(prototypes);
  // Every endpoint of the contract was reached, so a new one is fuzzed as soon as it is declared.
  expect(new Set(requests.map((r) => r.endpoint))).toEqual(
    new Set([...Object.keys(contract), '(unknown route)', '(undeclared method)']),
  );
});

test('when a request uses a method HTTP knows but no route implements, then it is a 405 envelope, not a 501', async () => {
  for (const method of ['propfind', 'trace', 'purge', 'put'] as const) {
    const res = await t.http[method]('/api/v1/cases').expect(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
  }
});

const describe = (req: FuzzRequest): string =>
  `headers ${JSON.stringify(req.headers).slice(0, 300)}, body ${JSON.stringify(req.body?.slice(0, 200))}`;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
