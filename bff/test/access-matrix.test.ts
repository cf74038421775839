import {
  contract,
  PERMISSIONS,
  type Endpoint,
  type EndpointName,
  type ErrorCode,
  type StaffRole,
} from '@hotline/shared-types';
import sharp from 'sharp';
import { changedTables, tableChecksums, tamperedFrom, validSample } from '../../bench/lib/fuzz-gen.cjs';
import { issueToken } from '../src/modules/auth/session-token';
import { issueStaffToken, staffTokenSettings } from '../src/modules/staff/staff-token';
import { submit, validCase } from './support/cases';
import { officeAct, submitApplication } from './support/disclosure';
import { testDialect } from './support/database';
import { startTestApp, type TestApp } from './support/harness';
import { staffSignIn } from './support/staff';

// Every route of the contract × every kind of caller. Expectations come from each endpoint's `auth` and
// `permission`, plus the ownership table below; a route added to the contract is walked without touching this file.

const UNIT_A = '郾城区城市管理局';
const UNIT_B = '召陵区城市管理局';

/**
 * Who may see a resource named by a path's `:id`, by the path segment before it. A citizen route shows only the
 * caller's own resource; a staff case route shows a handler only the cases of their unit.
 */
const OWNERSHIP: Record<string, { citizen?: 'owner'; staff?: 'unit' }> = {
  cases: { citizen: 'owner', staff: 'unit' },
  photos: { citizen: 'owner' },
  staff: {},
  // A published document of the catalog belongs to the disclosure office, not to a citizen or a unit: the
  // `catalog.edit` permission (checked by the matrix) is the whole rule.
  documents: {},
  // An application for government information: the applicant's own; the disclosure office sees every one.
  'disclosure-applications': { citizen: 'owner' },
  'disclosure-letters': { citizen: 'owner' },
};

type CallerName =
  | 'anonymous'
  | 'citizenA'
  | 'citizenB'
  | 'admin'
  | 'dispatcher'
  | 'handlerA'
  | 'handlerB'
  | 'disclosure_editor'
  | 'disclosure_officer'
  | 'auditor';
interface Caller {
  name: CallerName;
  auth: string;
  kind: 'anonymous' | 'citizen' | 'staff';
  role?: StaffRole;
  /** Sees citizen A's resources: A themself, and staff who read cases with a scope covering A's case. */
  seesA: boolean;
}
interface World {
  callers: Caller[];
  caseId: string;
  photoId: string;
  applicationId: string;
  letterId: string;
  staffIds: Record<string, string>;
  citizenId: string;
}

const endpoints = Object.entries(contract) as [EndpointName, Endpoint][];
const isWrite = (e: Endpoint) => e.method !== 'GET';
const resourceOf = (e: Endpoint): string | undefined => /\/([a-z-]+)\/:id(\/|$)/.exec(e.path)?.[1];

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ withHotline: true, config: { http: { publicUrl: 'http://127.0.0.1:3000' } } });
});
afterEach(async () => t.close());

/** Citizen A's case with a photo, forwarded and dispatched to unit A; citizen B; one staff member per role. */
async function world(): Promise<World> {
  const citizenA = await t.signIn();
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  const photo = await t.http
    .post('/api/v1/uploads/photos')
    .set('Authorization', citizenA)
    .attach('file', png, { filename: 'p.png', contentType: 'image/png' })
    .expect(201);
  const caseId = (await submit(t, citizenA, validCase({ photoIds: [photo.body.id] })).expect(201)).body.id as string;
  const sim = t.hotline as NonNullable<TestApp['hotline']>;
  await t.jobs.forwardOnce();
  const ticket = sim.tickets().find((k) => k.caseId === caseId);
  if (!ticket) throw new Error('the case was not forwarded');
  t.clock.advance(1000);
  await t.jobs.pollOnce();
  sim.advance(ticket.ticketNo, { type: 'dispatch', unit: UNIT_A });
  t.clock.advance(1000);
  await t.jobs.pollOnce();

  const staff = {
    admin: await staffSignIn(t, 'admin'),
    dispatcher: await staffSignIn(t, 'dispatcher'),
    handlerA: await staffSignIn(t, 'handler', { unit: UNIT_A }),
    handlerB: await staffSignIn(t, 'handler', { unit: UNIT_B }),
    disclosure_editor: await staffSignIn(t, 'disclosure_editor'),
    disclosure_officer: await staffSignIn(t, 'disclosure_officer'),
    auditor: await staffSignIn(t, 'auditor'),
  };
  const roles: Record<keyof typeof staff, StaffRole> = {
    admin: 'admin',
    dispatcher: 'dispatcher',
    handlerA: 'handler',
    handlerB: 'handler',
    disclosure_editor: 'disclosure_editor',
    disclosure_officer: 'disclosure_officer',
    auditor: 'auditor',
  };
  const callers: Caller[] = [
    { name: 'anonymous', auth: '', kind: 'anonymous', seesA: false },
    { name: 'citizenA', auth: citizenA, kind: 'citizen', seesA: true },
    { name: 'citizenB', auth: await t.signIn(), kind: 'citizen', seesA: false },
    ...(Object.keys(staff) as (keyof typeof staff)[]).map((name) => ({
      name,
      auth: staff[name].auth,
      kind: 'staff' as const,
      role: roles[name],
      seesA: name !== 'handlerB' && name !== 'disclosure_editor' && name !== 'disclosure_officer',
    })),
  ];
  const citizenId = (JSON.parse(Buffer.from(citizenA.split('.')[1] ?? '', 'base64url').toString()) as { sub: string })
    .sub;
  const staffIds = Object.fromEntries(Object.entries(staff).map(([name, s]) => [name, s.id]));
  // A's application, received and sent a 补正 notice: so A has a letter too.
  const applicationId = await submitApplication(t, citizenA);
  await officeAct(t, applicationId, { action: 'confirm_receipt' });
  const notice = await officeAct(t, applicationId, {
    action: 'request_supplement',
    missing: '请写明所需文件的年份',
    replyWithinWorkingDays: 10,
  });
  const letterId = notice.body.letters[0].id as string;
  return { callers, caseId, photoId: photo.body.id as string, applicationId, letterId, staffIds, citizenId };
}

/** The path with A's resource (or the auditor's account) in place of `:id`. */
function pathFor(e: Endpoint, w: World): string {
  const ids: Record<string, string> = {
    cases: w.caseId,
    photos: w.photoId,
    staff: w.staffIds.auditor ?? '',
    'disclosure-applications': w.applicationId,
    'disclosure-letters': w.letterId,
  };
  return e.path.replace(':id', ids[resourceOf(e) ?? ''] ?? '01ARZ3NDEKTSV4RRFFQ69G5FAV');
}

/** A JSON object or array the body schema refuses: past the guard, validation stops it before anything is written. */
function invalidBody(e: Endpoint): object {
  const candidates = [{ 'not-a-field': true }, []];
  return candidates.find((b) => !e.body?.safeParse(b).success) ?? {};
}

/** A write with no input to refuse (logout): whoever passes its guard changes something. */
const takesNoInput = (e: Endpoint) => isWrite(e) && !e.body && !e.responses[400];

function call(e: Endpoint, path: string, auth: string, body?: unknown) {
  let req = t.http[e.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
  if (auth) req = req.set('Authorization', auth);
  return isWrite(e) ? req.send((body ?? invalidBody(e)) as object) : req;
}

type Expected = { status: 401 | 403 | 404; code: ErrorCode } | 'passes' | 'reads';

/** What the contract promises this caller on this route. */
function expected(e: Endpoint, caller: Caller): Expected {
  // A public route that declares 403 is opened by something other than a session (the signed photo link's
  // signature): no caller here holds it, whatever token they send.
  if (e.auth === 'none' && e.responses[403]) return { status: 403, code: 'FORBIDDEN' };
  // A webhook is opened by its sender's signature: no caller here can sign.
  if (e.tag === 'webhooks') return { status: 401, code: 'UNAUTHENTICATED' };
  if (e.auth !== 'none') {
    if (caller.kind === 'anonymous') return { status: 401, code: 'UNAUTHENTICATED' };
    if (caller.kind !== e.auth) return { status: 401, code: 'TOKEN_INVALID' };
    const permission = e.permission;
    if (permission && caller.role && !(PERMISSIONS[permission] as readonly StaffRole[]).includes(caller.role)) {
      return { status: 403, code: 'FORBIDDEN' };
    }
  }
  const rule = e.auth === 'none' ? undefined : OWNERSHIP[resourceOf(e) ?? '']?.[e.auth];
  if (rule && !caller.seesA) return isWrite(e) ? 'passes' : { status: 404, code: 'NOT_FOUND' };
  return rule && !isWrite(e) ? 'reads' : 'passes';
}

const checksum = () => tableChecksums((sql, params) => t.dataSource.query(sql, params), testDialect());

describe('access matrix: every route × anonymous, citizens A and B, each staff role', () => {
  test('guards, permissions and ownership answer as the contract says; refused writes change nothing; B never sees A', async () => {
    const w = await world();
    const before = await checksum();
    const mismatches: string[] = [];
    const leaks: string[] = [];
    const pairs = endpoints.flatMap(([name, e]) =>
      w.callers.map((caller) => ({ name, e, caller, want: expected(e, caller) })),
    );
    const refused = (p: (typeof pairs)[number]) => typeof p.want === 'object';
    const passingWrite = (p: (typeof pairs)[number]) => !refused(p) && isWrite(p.e);
    const walk = async (list: typeof pairs) => {
      for (const { name, e, caller, want } of list) {
        const res = await call(e, pathFor(e, w), caller.auth);
        const got = `${res.status} ${res.body?.error?.code ?? ''}`.trim();
        if (want === 'reads' && res.status !== 200) mismatches.push(`${name} ${caller.name}: ${got}, expected 200`);
        else if (want === 'passes' && (res.status === 401 || res.status === 403)) {
          mismatches.push(`${name} ${caller.name}: ${got}, expected to pass the guard`);
        } else if (typeof want === 'object' && (res.status !== want.status || res.body?.error?.code !== want.code)) {
          mismatches.push(`${name} ${caller.name}: ${got}, expected ${want.status} ${want.code}`);
        }
        if (!caller.seesA && (res.text ?? '').includes(w.caseId)) leaks.push(`${name} ${caller.name}: A's case id`);
        if (!caller.seesA && (res.text ?? '').includes(w.photoId)) leaks.push(`${name} ${caller.name}: A's photo id`);
        if (caller.kind !== 'staff' && caller.name !== 'citizenA' && (res.text ?? '').includes(w.applicationId)) {
          leaks.push(`${name} ${caller.name}: A's disclosure application id`);
        }
      }
    };
    // Refusals, and writes that pass the guard with an invalid body, first: around them not a row may change.
    await walk(pairs.filter((p) => refused(p) || (passingWrite(p) && !takesNoInput(p.e))));
    expect(changedTables(before, await checksum())).toEqual([]);
    // Reads that pass next (some are audited on purpose: a citizen's data export); writes without input (logout,
    // which ends the caller's sessions) last.
    await walk(pairs.filter((p) => !refused(p) && !isWrite(p.e)));
    await walk(pairs.filter((p) => passingWrite(p) && takesNoInput(p.e)));
    expect(mismatches).toEqual([]);
    expect(leaks).toEqual([]);
  });

  test('every guarded route with an :id names a resource whose ownership rule is declared', () => {
    const undeclared = endpoints
      .filter(([, e]) => e.auth !== 'none' && resourceOf(e) !== undefined && !(resourceOf(e)! in OWNERSHIP))
      .map(([name, e]) => `${name} ${e.path}`);
    // A new resource needs a line in OWNERSHIP saying who may see it, or the matrix would not check it.
    expect(undeclared).toEqual([]);
  });

  test('a valid write to A’s resource by citizen B or another unit’s handler answers as if it did not exist, and changes nothing', async () => {
    const w = await world();
    const hidden = endpoints.filter(
      ([, e]) => isWrite(e) && e.auth !== 'none' && OWNERSHIP[resourceOf(e) ?? '']?.[e.auth],
    );
    expect(hidden.length).toBeGreaterThan(0);
    const [caseAsA, caseAsStaff] = await Promise.all([
      t.http.get(`/api/v1/cases/${w.caseId}`).set('Authorization', callerOf(w, 'citizenA').auth),
      t.http.get(`/api/v1/admin/cases/${w.caseId}`).set('Authorization', callerOf(w, 'dispatcher').auth),
    ]);
    const before = await checksum();
    const leaks: string[] = [];
    const notFound = new Set<string>();
    for (const [name, e] of hidden) {
      // Several valid bodies (for case actions: several actions), so role rules and the unit scope both get a turn.
      const bodies = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => (e.body ? validSample(e.body, seed) : undefined));
      for (const caller of w.callers.filter((c) => c.kind === e.auth && !c.seesA && expected(e, c) === 'passes')) {
        for (const body of bodies) {
          const res = await call(e, pathFor(e, w), caller.auth, body);
          const nowhere = await call(e, e.path.replace(':id', '01ARZ3NDEKTSV4RRFFQ69G5FAV'), caller.auth, body);
          const got = `${res.status} ${res.body?.error?.code ?? ''}`;
          if (got !== `${nowhere.status} ${nowhere.body?.error?.code ?? ''}` || res.status < 400) {
            leaks.push(
              `${name} ${caller.name} ${JSON.stringify(body)}: ${got}, a missing case answers ${nowhere.status}`,
            );
          }
          if (res.status === 404) notFound.add(`${name} ${caller.name}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // Each route × caller reached the ownership or unit check at least once, and it answered 404.
    expect(notFound.size).toBe(
      hidden.reduce(
        (n, [, e]) => n + w.callers.filter((c) => c.kind === e.auth && !c.seesA && expected(e, c) === 'passes').length,
        0,
      ),
    );
    expect(changedTables(before, await checksum())).toEqual([]);
    // Re-read as the owner and as staff: the case is exactly as it was.
    const [afterAsA, afterAsStaff] = await Promise.all([
      t.http.get(`/api/v1/cases/${w.caseId}`).set('Authorization', callerOf(w, 'citizenA').auth),
      t.http.get(`/api/v1/admin/cases/${w.caseId}`).set('Authorization', callerOf(w, 'dispatcher').auth),
    ]);
    expect(afterAsA.body).toEqual(caseAsA.body);
    expect(afterAsStaff.body).toEqual(caseAsStaff.body);
  });

  test('tampered tokens and tokens from another environment are refused on every guarded route with TOKEN_INVALID', async () => {
    const w = await world();
    const citizen = callerOf(w, 'citizenA').auth;
    const admin = callerOf(w, 'admin').auth;
    const elsewhere = { ...t.tokens, audience: 'staging' };
    const otherSecret = { ...t.tokens, secret: 'another-deployment-secret-0123456789abcdef' };
    const staffTtl = t.config.staff.tokenTtlSeconds;
    const now = t.clock.now();
    const forged = {
      citizen: [
        ...tamperedFrom(citizen),
        `Bearer ${issueToken(elsewhere, w.citizenId, now).token}`,
        `Bearer ${issueToken(otherSecret, w.citizenId, now).token}`,
      ],
      staff: [
        ...tamperedFrom(admin),
        `Bearer ${issueStaffToken(staffTokenSettings(elsewhere, staffTtl), w.staffIds.admin ?? '', 1, now).token}`,
        `Bearer ${issueStaffToken(staffTokenSettings(otherSecret, staffTtl), w.staffIds.admin ?? '', 1, now).token}`,
        // A staff subject signed with the citizen key: the staff key and audience are separate.
        `Bearer ${issueToken(t.tokens, `${w.staffIds.admin ?? ''}:1`, now).token}`,
      ],
    };
    const before = await checksum();
    const wrong: string[] = [];
    for (const [name, e] of endpoints.filter(([, x]) => x.auth !== 'none')) {
      for (const [i, auth] of forged[e.auth as 'citizen' | 'staff'].entries()) {
        const res = await call(e, pathFor(e, w), auth, validSample(e.body ?? contract.staffLogin.body, 5));
        if (res.status !== 401 || res.body?.error?.code !== 'TOKEN_INVALID') {
          wrong.push(`${name} forged #${i}: ${res.status} ${res.body?.error?.code ?? ''}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await checksum())).toEqual([]);
  });

  test('once the clock passes their expiry, real citizen and staff tokens answer TOKEN_EXPIRED everywhere', async () => {
    const w = await world();
    const signedIn = w.callers.filter((c) => c.kind !== 'anonymous');
    // Sanity: the same tokens work before expiry.
    await t.http.get('/api/v1/me').set('Authorization', callerOf(w, 'citizenA').auth).expect(200);
    await t.http.get('/api/v1/admin/me').set('Authorization', callerOf(w, 'admin').auth).expect(200);
    const ttl = Math.max(t.config.auth.tokenTtlSeconds, t.config.staff.tokenTtlSeconds);
    t.clock.advance(ttl * 1000 + 1000);
    const before = await checksum();
    const wrong: string[] = [];
    for (const [name, e] of endpoints.filter(([, x]) => x.auth !== 'none')) {
      for (const caller of signedIn.filter((c) => c.kind === e.auth)) {
        const res = await call(e, pathFor(e, w), caller.auth);
        if (res.status !== 401 || res.body?.error?.code !== 'TOKEN_EXPIRED') {
          wrong.push(`${name} ${caller.name}: ${res.status} ${res.body?.error?.code ?? ''}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await checksum())).toEqual([]);
  });
});

function callerOf(w: World, name: CallerName): Caller {
  const caller = w.callers.find((c) => c.name === name);
  if (!caller) throw new Error(`no caller ${name}`);
  return caller;
}
