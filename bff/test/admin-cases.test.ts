import { contract, PERMISSIONS, STAFF_ROLES, type Endpoint, type StaffRole } from '@hotline/shared-types';
import { submit, validCase } from './support/cases';
import { startTestApp, type TestApp } from './support/harness';
import { staffSignIn, type TestStaff } from './support/staff';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({
    withHotline: true,
    config: { http: { publicUrl: 'http://127.0.0.1:3000', trustProxy: true } },
  });
});
afterEach(async () => t.close());

const sim = () => t.hotline as NonNullable<TestApp['hotline']>;
const UNIT_A = '郾城区城市管理局';
const UNIT_B = '召陵区城市管理局';

/** A case submitted, forwarded (ticket accepted) and, if asked, dispatched to a unit by the hotline. */
async function caseAt(stage: 'submitted' | 'accepted' | 'dispatched', unit = UNIT_A, body = {}) {
  const res = await submit(t, await t.signIn(), validCase(body)).expect(201);
  const id = res.body.id as string;
  if (stage === 'submitted') return { id, ticketNo: null };
  await t.jobs.forwardOnce();
  const ticket = sim()
    .tickets()
    .find((k) => k.caseId === id);
  if (!ticket) throw new Error('no ticket');
  t.clock.advance(1000);
  await t.jobs.pollOnce();
  if (stage === 'dispatched') {
    sim().advance(ticket.ticketNo, { type: 'dispatch', unit });
    t.clock.advance(1000);
    await t.jobs.pollOnce();
  }
  return { id, ticketNo: ticket.ticketNo };
}

const detail = async (staff: TestStaff, id: string) =>
  (await t.http.get(`/api/v1/admin/cases/${id}`).set('Authorization', staff.auth).expect(200)).body;

const act = (staff: TestStaff, id: string, body: object) =>
  t.http.post(`/api/v1/admin/cases/${id}/actions`).set('Authorization', staff.auth).send(body);

describe('staff accounts and sign-in', () => {
  test('a new account must change its password first; afterwards the old token is dead', async () => {
    const admin = await staffSignIn(t, 'admin');
    const created = await t.http
      .post('/api/v1/admin/staff')
      .set('Authorization', admin.auth)
      .send({ username: 'wang.dispatch', displayName: '王派单', role: 'dispatcher', password: 'FirstPassword123' })
      .expect(201);
    expect(created.body).toMatchObject({ role: 'dispatcher', mustChangePassword: true });
    const login = await t.http
      .post('/api/v1/admin/auth/login')
      .send({ username: 'wang.dispatch', password: 'FirstPassword123' })
      .expect(200);
    const first = `Bearer ${login.body.token}`;
    const blocked = await t.http.get('/api/v1/admin/cases').set('Authorization', first).expect(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await t.http
      .post('/api/v1/admin/me/password')
      .set('Authorization', first)
      .send({ currentPassword: 'FirstPassword123', newPassword: 'short' })
      .expect(400);
    expect(weak.body.error.details.fields[0]).toMatchObject({ path: 'newPassword', message: '密码至少12位' });
    const changed = await t.http
      .post('/api/v1/admin/me/password')
      .set('Authorization', first)
      .send({ currentPassword: 'FirstPassword123', newPassword: 'SecondPassword456' })
      .expect(200);
    await t.http.get('/api/v1/admin/cases').set('Authorization', `Bearer ${changed.body.token}`).expect(200);
    await t.http.get('/api/v1/admin/me').set('Authorization', first).expect(401);
    const stored = await t.dataSource.query('SELECT password_hash AS h FROM staff_accounts WHERE username = ?', [
      'wang.dispatch',
    ]);
    expect(stored[0].h).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(stored[0].h).not.toContain('SecondPassword456');
  });

  const login = (username: string, password: string, ip = '198.51.100.7') =>
    t.http.post('/api/v1/admin/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  test('when one source fails five times, then that source waits out the lockout for that name; every attempt is audited', async () => {
    const staff = await staffSignIn(t, 'dispatcher');
    for (let i = 0; i < 4; i += 1) {
      const res = await login(staff.username, 'wrong-password-1').expect(401);
      expect(res.body.error).toMatchObject({ code: 'LOGIN_FAILED', message: '用户名或密码错误' });
    }
    await login(staff.username, 'wrong-password-1').expect(429);
    // Throttled: from that source even the right password is refused until the lockout ends.
    const locked = await login(staff.username, staff.password).expect(429);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(t.config.staff.lockoutSeconds * 1000 + 1);
    await login(staff.username, staff.password).expect(200);
    const actions = (
      await t.dataSource.query('SELECT action FROM audit_log WHERE subject_id = ? ORDER BY id', [staff.id])
    ).map((r: { action: string }) => r.action);
    expect(actions.filter((a: string) => a === 'staff.login_failed')).toHaveLength(5);
    expect(actions).toContain('staff.locked');
    expect(actions).toContain('staff.login_refused');
    expect(actions.filter((a: string) => a === 'staff.login').length).toBeGreaterThanOrEqual(2);
  });

  test('when someone else fails five times on an account, then its owner still signs in from their own address', async () => {
    const staff = await staffSignIn(t, 'dispatcher');
    for (let i = 0; i < 5; i += 1) await login(staff.username, 'wrong-password-1', '203.0.113.66');
    await login(staff.username, 'wrong-password-1', '203.0.113.66').expect(429);
    await login(staff.username, staff.password, '198.51.100.20').expect(200);
  });

  test('when a username is unknown, then every answer is the same as for an existing account, locked or not', async () => {
    const staff = await staffSignIn(t, 'dispatcher');
    const answers = async (username: string) => {
      const seen = [];
      for (let i = 0; i < 7; i += 1) {
        const res = await login(username, 'wrong-password-1', '192.0.2.9');
        seen.push({ status: res.status, body: { ...res.body.error, requestId: undefined } });
      }
      return seen;
    };
    const existing = await answers(staff.username);
    const unknown = await answers('nobody.here');
    expect(unknown).toEqual(existing);
    expect(existing.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429, 429]);
  });

  test('a citizen token never opens an admin route, and a staff token never opens a citizen route', async () => {
    const citizen = await t.signIn();
    const res = await t.http.get('/api/v1/admin/cases').set('Authorization', citizen).expect(401);
    expect(res.body.error.code).toBe('TOKEN_INVALID');
    const staff = await staffSignIn(t, 'dispatcher');
    await t.http.get('/api/v1/cases').set('Authorization', staff.auth).expect(401);
  });

  test('disabling an account ends its sessions at once', async () => {
    const admin = await staffSignIn(t, 'admin');
    const handler = await staffSignIn(t, 'handler', { unit: UNIT_A });
    await t.http.get('/api/v1/admin/cases').set('Authorization', handler.auth).expect(200);
    await t.http
      .patch(`/api/v1/admin/staff/${handler.id}`)
      .set('Authorization', admin.auth)
      .send({ disabled: true })
      .expect(200);
    await t.http.get('/api/v1/admin/cases').set('Authorization', handler.auth).expect(401);
  });

  test('a handler account needs a unit', async () => {
    const admin = await staffSignIn(t, 'admin');
    const res = await t.http
      .post('/api/v1/admin/staff')
      .set('Authorization', admin.auth)
      .send({ username: 'li.handler', displayName: '李', role: 'handler', password: 'FirstPassword123' })
      .expect(400);
    expect(res.body.error.details.fields).toEqual([{ path: 'unit', message: '承办人员须指定承办单位' }]);
  });
});

describe('authorization matrix: every admin route × every role and a citizen', () => {
  // Logout ends the caller's sessions, so it is walked last.
  const adminEndpoints = (
    Object.entries(contract).filter(
      ([, e]) => (e as Endpoint).path.startsWith('/api/v1/admin') && (e as Endpoint).auth === 'staff',
    ) as [string, Endpoint][]
  ).sort(([, a], [, b]) => Number(a === contract.staffLogout) - Number(b === contract.staffLogout));
  const allowedBy = (e: Endpoint, role: StaffRole): boolean => {
    if (e === contract.caseAction) return role === 'dispatcher' || role === 'handler';
    return e.permission === undefined || (PERMISSIONS[e.permission] as readonly StaffRole[]).includes(role);
  };

  test('each role gets exactly the routes its permissions name; citizens and anonymous callers get none', async () => {
    const { id } = await caseAt('submitted');
    const accounts = {} as Record<StaffRole, TestStaff>;
    for (const role of Object.keys(STAFF_ROLES) as StaffRole[]) {
      accounts[role] = await staffSignIn(t, role, role === 'handler' ? { unit: UNIT_A } : {});
    }
    const citizen = await t.signIn();
    const matrix: string[] = [];
    for (const [name, e] of adminEndpoints) {
      const path = e.path.replace(':id', e === contract.updateStaff ? accounts.auditor.id : id);
      for (const [who, auth] of [
        ...Object.entries(accounts).map(([role, s]) => [role, s.auth] as const),
        ['citizen', citizen] as const,
        ['anonymous', ''] as const,
      ]) {
        let req = t.http[e.method.toLowerCase() as 'get' | 'post' | 'patch'](path);
        if (auth) req = req.set('Authorization', auth);
        if (e.query)
          req = req.query(
            e === contract.figures || e === contract.figuresExport ? { from: '2026-01-01', to: '2026-01-31' } : {},
          );
        // A body that fails validation: allowed callers get 400 (not 401/403), which is what is checked.
        const res = await (e.method === 'GET' ? req : req.send({ invalid: true }));
        const denied = res.status === 401 || res.status === 403;
        const expected = who === 'citizen' || who === 'anonymous' ? false : allowedBy(e, who as StaffRole);
        if (denied === expected) matrix.push(`${name} ${who}: got ${res.status}`);
      }
    }
    expect(matrix).toEqual([]);
  });
});

describe('the case queue', () => {
  test('a handler sees only the cases of their unit, and another unit’s case is a 404', async () => {
    const mine = await caseAt('dispatched', UNIT_A);
    const theirs = await caseAt('dispatched', UNIT_B);
    const handler = await staffSignIn(t, 'handler', { unit: UNIT_A });
    const list = await t.http.get('/api/v1/admin/cases').set('Authorization', handler.auth).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    await t.http.get(`/api/v1/admin/cases/${theirs.id}`).set('Authorization', handler.auth).expect(404);
    const reply = await act(handler, theirs.id, { action: 'reply', version: 1, text: '已处理完毕' }).expect(404);
    expect(reply.body.error.code).toBe('NOT_FOUND');
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const all = await t.http.get('/api/v1/admin/cases').set('Authorization', dispatcher.auth).expect(200);
    expect(all.body.items).toHaveLength(2);
  });

  test('filters by status, type, unit, flag and text; pages with a cursor without gaps or repeats', async () => {
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push((await caseAt('submitted', UNIT_A, { type: i % 2 ? 'complaint' : 'consultation' })).id);
      t.clock.advance(1000);
    }
    const get = (query: Record<string, string | number>) =>
      t.http.get('/api/v1/admin/cases').query(query).set('Authorization', dispatcher.auth).expect(200);
    expect((await get({ type: 'complaint' })).body.items).toHaveLength(2);
    expect((await get({ status: 'submitted,accepted' })).body.items).toHaveLength(5);
    expect((await get({ unit: UNIT_B })).body.items).toHaveLength(0);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await get({
        limit: 2,
        sort: 'created_asc',
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const bad = await t.http
      .get('/api/v1/admin/cases')
      .query({ cursor: 'not-a-cursor' })
      .set('Authorization', dispatcher.auth)
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const badStatus = await t.http
      .get('/api/v1/admin/cases')
      .query({ status: 'nonsense' })
      .set('Authorization', dispatcher.auth)
      .expect(400);
    expect(badStatus.body.error.details.fields[0].message).toBe('状态参数无效');
  });

  test('a case whose forwarding keeps failing is flagged stuck, with the failure reason shown', async () => {
    sim().faults.set({ endpoints: { tickets: { error: { rate: 1 } } } });
    const { id } = await caseAt('submitted');
    await t.jobs.forwardOnce();
    t.clock.advance((t.config.forwarding.stuckAfterSeconds + 5) * 1000);
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const list = await t.http
      .get('/api/v1/admin/cases')
      .query({ flag: 'stuck_forwarding' })
      .set('Authorization', dispatcher.auth)
      .expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const body = await detail(dispatcher, id);
    expect(body.flags).toContain('stuck_forwarding');
    expect(body.forwarding).toMatchObject({ state: 'pending', stuck: true });
    expect(body.forwarding.attempts).toBeGreaterThanOrEqual(1);
    expect(body.forwarding.lastError).toEqual(expect.any(String));
  });
});

describe('case detail and contact data', () => {
  test('contact data is masked; revealing it needs a reason and is audited', async () => {
    const { id } = await caseAt('submitted', UNIT_A, { contact: { name: '张三丰', phone: '13812345678' } });
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const body = await detail(dispatcher, id);
    expect(body.contact).toEqual({ name: '张*丰', phone: '138****5678' });
    expect(JSON.stringify(body)).not.toContain('13812345678');
    const noReason = await t.http
      .post(`/api/v1/admin/cases/${id}/contact`)
      .set('Authorization', dispatcher.auth)
      .send({})
      .expect(400);
    expect(noReason.body.error.details.fields[0].path).toBe('reason');
    const revealed = await t.http
      .post(`/api/v1/admin/cases/${id}/contact`)
      .set('Authorization', dispatcher.auth)
      .send({ reason: '电话回访核实情况' })
      .expect(200);
    expect(revealed.body).toEqual({ name: '张三丰', phone: '13812345678' });
    const entries = await t.dataSource.query(
      "SELECT actor_id AS actor, reason FROM audit_log WHERE action = 'case.contact_revealed' AND subject_id = ?",
      [id],
    );
    expect(entries).toEqual([{ actor: dispatcher.id, reason: '电话回访核实情况' }]);
    const auditor = await staffSignIn(t, 'auditor');
    await t.http
      .post(`/api/v1/admin/cases/${id}/contact`)
      .set('Authorization', auditor.auth)
      .send({ reason: '审计抽查需要' })
      .expect(403);
  });
});

describe('case actions', () => {
  test('reply then close: the state machine moves, the timeline grows, the hotline receives both', async () => {
    const { id, ticketNo } = await caseAt('accepted');
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const before = await detail(dispatcher, id);
    expect(before.allowedActions).toEqual(expect.arrayContaining(['reply', 'close']));
    const replied = await act(dispatcher, id, {
      action: 'reply',
      version: before.version,
      text: '您反映的问题已转相关部门处理',
    }).expect(200);
    expect(replied.body.status).toBe('replied');
    const closed = await act(dispatcher, id, {
      action: 'close',
      version: replied.body.version,
      result: '已办结，路灯已修复',
    }).expect(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.timeline.slice(-2).map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toEqual([
      ['reply', dispatcher.id],
      ['close', dispatcher.id],
    ]);
    // A case's messages go out one after the other, in order.
    await t.jobs.forwardOnce();
    await t.jobs.forwardOnce();
    const ticket = sim().ticket(ticketNo as string);
    expect(ticket?.messages.map((m) => m.kind)).toEqual(['reply', 'close']);
    expect(ticket?.status).toBe('closed');
    // The hotline's record of our own actions comes back and changes nothing, not even the version.
    t.clock.advance(1000);
    await t.jobs.pollOnce();
    const after = await detail(dispatcher, id);
    expect(after.version).toBe(closed.body.version);
    expect(after.timeline).toHaveLength(closed.body.timeline.length);
    // The citizen reads the reply.
    const mine = await t.dataSource.query('SELECT citizen_id FROM cases WHERE id = ?', [id]);
    expect(mine).toHaveLength(1);
  });

  test('two staff acting on the same version: the second gets 409 STALE_VERSION and nothing is overwritten', async () => {
    const { id } = await caseAt('accepted');
    const a = await staffSignIn(t, 'dispatcher');
    const b = await staffSignIn(t, 'dispatcher');
    const seen = await detail(a, id);
    await act(a, id, { action: 'reply', version: seen.version, text: '第一位工作人员的答复' }).expect(200);
    const second = await act(b, id, { action: 'reply', version: seen.version, text: '第二位工作人员的答复' }).expect(
      409,
    );
    expect(second.body.error).toMatchObject({ code: 'STALE_VERSION', message: '该诉求已被他人更新，请刷新后重试' });
    const replies = (await detail(a, id)).timeline.filter((e: { kind: string }) => e.kind === 'reply');
    expect(replies.map((e: { note: string }) => e.note)).toEqual(['第一位工作人员的答复']);
  });

  test('an action the state does not allow is refused with INVALID_TRANSITION and changes nothing', async () => {
    const { id } = await caseAt('submitted');
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const res = await act(dispatcher, id, { action: 'close', version: 1, result: '直接办结的尝试' }).expect(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
    expect((await detail(dispatcher, id)).status).toBe('submitted');
  });

  test('transfer: to a configured unit only; the receiving unit’s handler sees it, the old one no longer does', async () => {
    const { id, ticketNo } = await caseAt('dispatched', UNIT_A);
    const handlerA = await staffSignIn(t, 'handler', { unit: UNIT_A });
    const handlerB = await staffSignIn(t, 'handler', { unit: UNIT_B });
    const seen = await detail(handlerA, id);
    const unknown = await act(handlerA, id, {
      action: 'transfer',
      version: seen.version,
      unit: '不存在的单位',
      reason: '不属本单位职责',
    }).expect(400);
    expect(unknown.body.error.details.fields[0]).toEqual({ path: 'unit', message: '请选择有效的承办单位' });
    await act(handlerA, id, { action: 'transfer', version: seen.version, unit: UNIT_B, reason: '属召陵区管辖' }).expect(
      200,
    );
    await t.http.get(`/api/v1/admin/cases/${id}`).set('Authorization', handlerA.auth).expect(404);
    expect((await detail(handlerB, id)).handlingUnit).toBe(UNIT_B);
    await t.jobs.forwardOnce();
    expect(sim().ticket(ticketNo as string)?.unit).toBe(UNIT_B);
  });

  test('extension: a handler asks, a dispatcher approves, the due date moves and the citizen is told', async () => {
    const { id, ticketNo } = await caseAt('dispatched', UNIT_A);
    sim().advance(ticketNo as string, { type: 'sign' });
    t.clock.advance(1000);
    await t.jobs.pollOnce();
    const handler = await staffSignIn(t, 'handler', { unit: UNIT_A });
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const seen = await detail(handler, id);
    const earlier = await act(handler, id, {
      action: 'request_extension',
      version: seen.version,
      dueAt: '2000-01-01T00:00:00.000Z',
      reason: '需要现场勘查',
    }).expect(400);
    expect(earlier.body.error.details.fields[0].path).toBe('dueAt');
    const newDue = new Date(new Date(seen.dueAt).getTime() + 5 * 86400_000).toISOString();
    const asked = await act(handler, id, {
      action: 'request_extension',
      version: seen.version,
      dueAt: newDue,
      reason: '需要现场勘查',
    }).expect(200);
    expect(asked.body.flags).toContain('extension_requested');
    expect(asked.body.allowedActions).not.toContain('decide_extension');
    const pending = await detail(dispatcher, id);
    expect(pending.allowedActions).toContain('decide_extension');
    const forbidden = await act(handler, id, {
      action: 'decide_extension',
      version: pending.version,
      extensionId: pending.extensions[0].id,
      approve: true,
    }).expect(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    const approved = await act(dispatcher, id, {
      action: 'decide_extension',
      version: pending.version,
      extensionId: pending.extensions[0].id,
      approve: true,
    }).expect(200);
    expect(approved.body.dueAt).toBe(newDue);
    expect(approved.body.extensions[0]).toMatchObject({ state: 'approved', decidedBy: dispatcher.id });
    // The citizen's timeline shows the extension but not the internal request.
    const owner = (await t.dataSource.query('SELECT citizen_id AS c FROM cases WHERE id = ?', [id]))[0].c;
    const kinds = (await t.dataSource.query('SELECT kind FROM case_events WHERE case_id = ? ORDER BY seq', [id])).map(
      (r: { kind: string }) => r.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(['extension_requested', 'extend']));
    expect(owner).toEqual(expect.any(String));
    await t.jobs.forwardOnce();
    expect(sim().ticket(ticketNo as string)?.dueAt).toBe(newDue);
  });

  test('content held for review: a dispatcher approves it and the ticket goes out; or rejects it and it never does', async () => {
    const held = await caseAt('submitted', UNIT_A, { content: '这段内容包含待审测试词，需要人工看一下。' });
    const rejected = await caseAt('submitted', UNIT_A, { content: '另一段内容也包含待审测试词，请人工看看。' });
    await t.jobs.forwardOnce();
    expect(sim().tickets()).toHaveLength(0);
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const queue = await t.http
      .get('/api/v1/admin/cases')
      .query({ flag: 'content_review' })
      .set('Authorization', dispatcher.auth)
      .expect(200);
    expect(queue.body.items).toHaveLength(2);
    const handler = await staffSignIn(t, 'handler', { unit: UNIT_A });
    expect((await detail(dispatcher, held.id)).allowedActions).toEqual(['approve_content', 'reject_content']);
    await act(dispatcher, held.id, { action: 'approve_content', version: 1 }).expect(200);
    const no = await act(dispatcher, rejected.id, {
      action: 'reject_content',
      version: 1,
      reason: '内容与政务服务无关',
    }).expect(200);
    expect(no.body.status).toBe('rejected');
    await t.jobs.forwardOnce();
    expect(
      sim()
        .tickets()
        .map((k) => k.caseId),
    ).toEqual([held.id]);
    expect(handler.id).toEqual(expect.any(String));
  });

  test('bad action input gets field errors in Chinese and changes nothing', async () => {
    const { id } = await caseAt('accepted');
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const { version } = await detail(dispatcher, id);
    const empty = await act(dispatcher, id, { action: 'reply', version, text: ' ' }).expect(400);
    expect(empty.body.error.details.fields[0]).toEqual({ path: 'text', message: '请填写答复内容' });
    const unknown = await act(dispatcher, id, { action: 'delete', version: 1 }).expect(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    const noVersion = await act(dispatcher, id, { action: 'reply', text: '没有版本号' }).expect(400);
    expect(noVersion.body.error.details.fields[0].path).toBe('version');
    expect((await detail(dispatcher, id)).version).toBe(version);
  });
});

describe('audit log', () => {
  test('auditors read it newest first; dispatchers cannot', async () => {
    const auditor = await staffSignIn(t, 'auditor');
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const res = await t.http
      .get('/api/v1/admin/audit')
      .query({ limit: 3 })
      .set('Authorization', auditor.auth)
      .expect(200);
    expect(res.body.items).toHaveLength(3);
    expect(res.body.items[0].id > res.body.items[1].id).toBe(true);
    expect(res.body.nextCursor).toEqual(expect.any(String));
    await t.http.get('/api/v1/admin/audit').set('Authorization', dispatcher.auth).expect(403);
  });
});
