import { randomBytes } from 'node:crypto';
import { DEMO_TEMPLATE_IDS } from '@hotline/config';
import { openidFor } from '@hotline/simulators';
import { GrantsRepository } from '../src/modules/notifications/grants.repository';
import { notificationSender } from '../src/modules/notifications/notification-sender';
import { submit, validCase } from './support/cases';
import { startTestApp, type TestApp } from './support/harness';
import { staffSignIn, type TestStaff } from './support/staff';

let t: TestApp;
const templates = {
  acceptedTemplateId: DEMO_TEMPLATE_IDS.accepted,
  resultTemplateId: DEMO_TEMPLATE_IDS.result,
  surveyTemplateId: DEMO_TEMPLATE_IDS.survey,
};
async function start(extra: Record<string, unknown> = {}) {
  t = await startTestApp({ withHotline: true, config: { notifications: templates, ...extra } });
}
afterEach(async () => t.close());

type Purpose = keyof typeof DEMO_TEMPLATE_IDS;
interface Citizen {
  auth: string;
  openid: string;
}

async function citizen(): Promise<Citizen> {
  const code = `code-${randomBytes(6).toString('hex')}`;
  return { auth: await t.signIn(code), openid: openidFor(t.config.wechat.appId as string, code) };
}

/** What the phone does on the submit tap: WeChat records the acceptance, the mini-program reports it. */
async function subscribe(who: Citizen, purposes: Purpose[], caseId?: string, result = 'accept') {
  if (result === 'accept') for (const p of purposes) t.wechat.grantSubscription(who.openid, DEMO_TEMPLATE_IDS[p]);
  return t.http
    .post('/api/v1/notifications/subscriptions')
    .set('Authorization', who.auth)
    .send({
      ...(caseId ? { caseId } : {}),
      results: purposes.map((p) => ({ templateId: DEMO_TEMPLATE_IDS[p], result })),
    })
    .expect(200);
}

/** Submitted and forwarded: the hotline accepted it and gave a ticket number. */
async function acceptedCase(who: Citizen, body = {}) {
  const res = await submit(t, who.auth, validCase(body)).expect(201);
  await t.jobs.forwardOnce();
  const row = await t.dataSource.query('SELECT ticket_no, version FROM cases WHERE id = ?', [res.body.id]);
  return { id: res.body.id as string, ticketNo: row[0].ticket_no as string };
}

const act = (staff: TestStaff, id: string, body: object) =>
  t.http.post(`/api/v1/admin/cases/${id}/actions`).set('Authorization', staff.auth).send(body);
const version = async (id: string) =>
  Number((await t.dataSource.query('SELECT version FROM cases WHERE id = ?', [id]))[0].version);

async function replyAndClose(staff: TestStaff, id: string) {
  await act(staff, id, { action: 'reply', version: await version(id), text: '您反映的路灯问题已安排维修' }).expect(200);
  await act(staff, id, { action: 'close', version: await version(id), result: '已办结，路灯已修复' }).expect(200);
}

const outbox = (id: string) =>
  t.dataSource.query(
    'SELECT event, state, last_error, attempts FROM notification_outbox WHERE case_id = ? ORDER BY seq',
    [id],
  ) as Promise<{ event: string; state: string; last_error: string | null; attempts: number }[]>;
const tokenOf = (page: string | null) => new URL(`https://x/${page}`).searchParams.get('token') as string;
const satisfaction = async (staff: TestStaff) =>
  (
    await t.http
      .get('/api/v1/admin/figures')
      .query({ from: '2026-03-01', to: '2026-03-31' })
      .set('Authorization', staff.auth)
      .expect(200)
  ).body.total.satisfaction;

describe('subscription messages and surveys: the full path', () => {
  test('submit with grants → accepted message → reply and close → survey message → rating → 满意率 moves', async () => {
    await start();
    const who = await citizen();
    const templatesRes = await t.http.get('/api/v1/notifications/templates').expect(200);
    expect(templatesRes.body.templates.map((x: { purpose: string }) => x.purpose)).toEqual([
      'accepted',
      'result',
      'survey',
    ]);
    const granted = await subscribe(who, ['accepted', 'result', 'survey']);
    expect(granted.body.grants.map((g: { available: number }) => g.available)).toEqual([1, 1, 1]);
    const { id, ticketNo } = await acceptedCase(who);

    expect(await t.jobs.notifyOnce()).toMatchObject({ claimed: 1, sent: 1 });
    const accepted = t.wechat.messages[0];
    expect(accepted).toMatchObject({
      touser: who.openid,
      templateId: DEMO_TEMPLATE_IDS.accepted,
      page: `pages/detail/index?id=${id}`,
      miniprogramState: 'formal',
      data: { character_string1: ticketNo, phrase3: '已受理', time4: '2026年03月02日 09:00' },
    });

    const dispatcher = await staffSignIn(t, 'dispatcher');
    const before = await satisfaction(dispatcher);
    await replyAndClose(dispatcher, id);
    await t.jobs.notifyOnce();
    await t.jobs.notifyOnce();
    expect(t.wechat.messages.map((m) => m.title)).toEqual(['诉求受理通知', '诉求办理结果通知', '服务评价提醒']);
    expect(t.wechat.messages[1]?.data.thing3).toBe('您反映的路灯问题已安排维修');
    const survey = t.wechat.messages[2];
    expect(survey?.page).toMatch(/^pages\/survey\/index\?token=[\w-]{32}$/);
    const token = tokenOf(survey?.page ?? null);
    // Only the hash of the token is stored.
    const stored = await t.dataSource.query('SELECT token_hash FROM survey_tokens');
    expect(JSON.stringify(stored)).not.toContain(token);

    const shown = await t.http.get(`/api/v1/surveys/${token}`).set('Authorization', who.auth).expect(200);
    expect(shown.body).toMatchObject({
      caseId: id,
      ticketNo,
      result: '已办结，路灯已修复',
      canRate: true,
      rating: null,
    });
    const rated = await t.http
      .post(`/api/v1/surveys/${token}`)
      .set('Authorization', who.auth)
      .send({ rating: 'satisfied', reasons: [], comment: '修得很快，谢谢' })
      .expect(200);
    expect(rated.body.rating).toMatchObject({ value: 'satisfied', comment: '修得很快，谢谢' });
    const row = (await t.dataSource.query('SELECT status, rating, rated_at FROM cases WHERE id = ?', [id]))[0];
    expect(row).toMatchObject({ status: 'rated', rating: 'satisfied' });
    expect(row.rated_at).not.toBeNull();
    const after = await satisfaction(dispatcher);
    expect(after.numerator).toBe(before.numerator + 1);
    expect(after.denominator).toBe(before.denominator + 1);
    // The rating goes to the hotline as a `rating` message.
    for (let i = 0; i < 4; i += 1) await t.jobs.forwardOnce();
    const ticket = t.hotline?.ticket(ticketNo);
    expect(ticket?.messages.map((m) => m.kind)).toContain('rating');
    expect(ticket?.messages.find((m) => m.kind === 'rating')?.text).toBe('satisfied\n修得很快，谢谢');
    // The citizen's timeline shows the rating; every grant was spent exactly once.
    const grants = await t.dataSource.query('SELECT spent_at, message_id FROM subscription_grants');
    expect(grants.every((g: { spent_at: unknown; message_id: unknown }) => g.spent_at && g.message_id)).toBe(true);
    expect(new Set(grants.map((g: { message_id: string }) => g.message_id)).size).toBe(3);
  });
});

describe('sending: failures', () => {
  test('without a grant nothing is sent and the timeline says so', async () => {
    await start();
    const who = await citizen();
    const { id } = await acceptedCase(who);
    expect(await t.jobs.notifyOnce()).toMatchObject({ skipped: 1, sent: 0 });
    expect(t.wechat.callCount('subscribe_send')).toBe(0);
    expect(await outbox(id)).toEqual([expect.objectContaining({ state: 'skipped', last_error: '未订阅通知，未发送' })]);
    const staff = await staffSignIn(t, 'dispatcher');
    const detail = await t.http.get(`/api/v1/admin/cases/${id}`).set('Authorization', staff.auth).expect(200);
    expect(detail.body.timeline.at(-1)).toMatchObject({
      kind: 'notify_skipped',
      label: '消息通知',
      note: '未订阅通知，未发送',
      source: 'system',
    });
    // Staff see it; the citizen's own timeline is not cluttered with it.
    const mine = await t.http.get(`/api/v1/cases/${id}`).set('Authorization', who.auth).expect(200);
    expect(mine.body.timeline.map((e: { kind: string }) => e.kind)).not.toContain('notify_skipped');
    const metrics = await t.http.get('/metrics').set('Authorization', `Bearer ${t.config.metrics.token}`).expect(200);
    expect(metrics.text).toContain('notification_outbox_messages{state="skipped"} 1');
  });

  test('a rejected subscription is recorded but is no grant', async () => {
    await start();
    const who = await citizen();
    const res = await subscribe(who, ['accepted'], undefined, 'reject');
    expect(res.body.grants[0]).toMatchObject({ purpose: 'accepted', available: 0 });
    await acceptedCase(who);
    expect(await t.jobs.notifyOnce()).toMatchObject({ skipped: 1 });
  });

  test('43101 (WeChat has no subscription): the grant is spent, nothing is retried', async () => {
    await start();
    const who = await citizen();
    const { id } = await acceptedCase(who);
    t.wechat.faults.inject('subscribe_send', { errcode: 43101 });
    await subscribe(who, ['accepted'], id);
    expect(await t.jobs.notifyOnce()).toMatchObject({ refused: 1 });
    expect(await outbox(id)).toEqual([
      expect.objectContaining({ state: 'refused', last_error: expect.stringMatching(/^43101 /) }),
    ]);
    const state = await t.http
      .get('/api/v1/notifications/subscriptions')
      .query({ caseId: id })
      .set('Authorization', who.auth);
    expect(state.body.grants[0]).toMatchObject({ available: 0 });
    t.clock.advance(3600_000);
    expect(await t.jobs.notifyOnce()).toMatchObject({ claimed: 0 });
  });

  test.each([40001, 42001])('%i: the token is refreshed once and the message sent on the retry', async (errcode) => {
    await start();
    const who = await citizen();
    await subscribe(who, ['accepted']);
    await acceptedCase(who);
    t.wechat.faults.inject('subscribe_send', { errcode });
    const tokenCalls = t.wechat.callCount('stable_token');
    expect(await t.jobs.notifyOnce()).toMatchObject({ sent: 1 });
    expect(t.wechat.calls.filter((c) => c.endpoint === 'subscribe_send').map((c) => c.errcode)).toEqual([errcode, 0]);
    expect(t.wechat.callCount('stable_token')).toBeGreaterThan(tokenCalls);
    expect(t.wechat.messages).toHaveLength(1);
  });

  test('47003 is stored with WeChat’s message and shown to staff; the grant is given back', async () => {
    await start();
    const who = await citizen();
    await subscribe(who, ['accepted']);
    const { id } = await acceptedCase(who);
    t.wechat.faults.inject('subscribe_send', { errcode: 47003, errmsg: 'argument invalid! data.thing2.value' });
    expect(await t.jobs.notifyOnce()).toMatchObject({ failed: 1 });
    const staff = await staffSignIn(t, 'dispatcher');
    const detail = await t.http.get(`/api/v1/admin/cases/${id}`).set('Authorization', staff.auth).expect(200);
    expect(detail.body.notifications).toEqual([
      expect.objectContaining({
        purpose: 'accepted',
        state: 'failed',
        lastError: expect.stringContaining('47003 argument invalid! data.thing2.value'),
      }),
    ]);
    const state = await t.http.get('/api/v1/notifications/subscriptions').set('Authorization', who.auth);
    expect(state.body.grants[0]).toMatchObject({ available: 1 });
  });

  test('45009 and timeouts are retried with backoff, keeping the grant for the retry', async () => {
    await start({ wechat: { timeoutMs: 200 } });
    const who = await citizen();
    await subscribe(who, ['accepted']);
    const { id } = await acceptedCase(who);
    t.wechat.faults.inject('subscribe_send', { errcode: 45009 });
    expect(await t.jobs.notifyOnce()).toMatchObject({ retry: 1 });
    expect(await t.jobs.notifyOnce()).toMatchObject({ claimed: 0 });
    t.clock.advance(10_000);
    t.wechat.faults.inject('subscribe_send', { hangMs: 1000 });
    expect(await t.jobs.notifyOnce()).toMatchObject({ retry: 1 });
    t.clock.advance(60_000);
    expect(await t.jobs.notifyOnce()).toMatchObject({ sent: 1 });
    expect(await outbox(id)).toEqual([expect.objectContaining({ state: 'sent', attempts: 3 })]);
    const grants = await t.dataSource.query('SELECT spent_at, message_id FROM subscription_grants');
    expect(grants).toHaveLength(1);
    expect(grants[0].spent_at).not.toBeNull();
    expect(grants[0].message_id).not.toBeNull();
  });

  test('two senders racing for one grant: exactly one message goes out', async () => {
    await start();
    const who = await citizen();
    await subscribe(who, ['result']);
    const a = await acceptedCase(who);
    const b = await acceptedCase(who, { content: '另一个小区的路灯也坏了，晚上很黑，请尽快处理。' });
    await t.jobs.notifyOnce(); // the two acceptances: no accepted grant
    const staff = await staffSignIn(t, 'dispatcher');
    for (const id of [a.id, b.id]) {
      await act(staff, id, { action: 'reply', version: await version(id), text: '已转相关部门处理' }).expect(200);
    }
    t.wechat.grantSubscription(who.openid, DEMO_TEMPLATE_IDS.result, 5); // WeChat would let both through
    const one = notificationSender(t.deps, 'worker-one');
    const two = notificationSender(t.deps, 'worker-two');
    const results = await Promise.all([one.sendOnce(1), two.sendOnce(1)]);
    expect(results.map((r) => r.claimed)).toEqual([1, 1]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.skipped, 0)).toBe(1);
    expect(t.wechat.messages.filter((m) => m.templateId === DEMO_TEMPLATE_IDS.result)).toHaveLength(1);
    const spent = await t.dataSource.query('SELECT message_id FROM subscription_grants WHERE template_id = ?', [
      DEMO_TEMPLATE_IDS.result,
    ]);
    expect(spent).toHaveLength(1);
    expect(spent[0].message_id).not.toBeNull();
  });

  test('a sender that died after spending a grant: the retry reuses that grant, not a second one', async () => {
    await start();
    const who = await citizen();
    await subscribe(who, ['accepted']);
    await subscribe(who, ['accepted']);
    const { id } = await acceptedCase(who);
    const [message] = await t.dataSource.query('SELECT id, citizen_id FROM notification_outbox WHERE case_id = ?', [
      id,
    ]);
    const grants = new GrantsRepository(t.dataSource);
    const reserved = await grants.reserve(
      message.citizen_id,
      DEMO_TEMPLATE_IDS.accepted,
      id,
      message.id,
      t.clock.now(),
    );
    expect(reserved).not.toBeNull();
    expect(await t.jobs.notifyOnce()).toMatchObject({ sent: 1 });
    const spent = await t.dataSource.query('SELECT id FROM subscription_grants WHERE spent_at IS NOT NULL');
    expect(spent).toEqual([{ id: reserved }]);
  });

  test('a grant for one case is never spent on another case', async () => {
    await start();
    const who = await citizen();
    const a = await acceptedCase(who);
    const b = await acceptedCase(who, { content: '另一个小区的路灯也坏了，晚上很黑，请尽快处理。' });
    await t.jobs.notifyOnce();
    await subscribe(who, ['result'], a.id);
    const staff = await staffSignIn(t, 'dispatcher');
    await act(staff, b.id, { action: 'reply', version: await version(b.id), text: '已转相关部门处理' }).expect(200);
    expect(await t.jobs.notifyOnce()).toMatchObject({ skipped: 1 });
    await act(staff, a.id, { action: 'reply', version: await version(a.id), text: '已转相关部门处理' }).expect(200);
    expect(await t.jobs.notifyOnce()).toMatchObject({ sent: 1 });
  });

  test('hotline-driven reply, extension and closing are notified too', async () => {
    await start();
    const who = await citizen();
    const { id, ticketNo } = await acceptedCase(who);
    await t.jobs.notifyOnce();
    await subscribe(who, ['result', 'survey'], id);
    // Asked again from the case page, before a long wait.
    const again = await subscribe(who, ['result'], id);
    expect(again.body.grants.find((g: { purpose: string }) => g.purpose === 'result').available).toBe(2);
    const twice = await t.http
      .post('/api/v1/notifications/subscriptions')
      .set('Authorization', who.auth)
      .send({ results: ['result', 'result'].map(() => ({ templateId: DEMO_TEMPLATE_IDS.result, result: 'accept' })) })
      .expect(400);
    expect(twice.body.error.details.fields[0]).toEqual({ path: 'results.1.templateId', message: '订阅消息模板重复' });
    const sim = t.hotline as NonNullable<TestApp['hotline']>;
    sim.advance(ticketNo, { type: 'dispatch', unit: '郾城区城市管理局' });
    sim.advance(ticketNo, { type: 'sign' });
    sim.advance(ticketNo, { type: 'extend', dueAt: '2026-03-20T09:59:00.000Z', text: '需协调供电部门' });
    sim.advance(ticketNo, { type: 'start' });
    sim.advance(ticketNo, { type: 'close', text: '路灯已修复' });
    t.clock.advance(1000);
    await t.jobs.pollOnce();
    for (let i = 0; i < 3; i += 1) await t.jobs.notifyOnce();
    expect((await outbox(id)).map((o) => [o.event, o.state])).toEqual([
      ['accepted', 'skipped'],
      ['extended', 'sent'],
      ['closed', 'sent'],
    ]);
    expect(t.wechat.messages[0]?.data.thing3).toBe('办理期限延至2026年03月20日');
  });
});

describe('surveys: failures', () => {
  async function closedCaseWithSurvey(extra: Record<string, unknown> = {}) {
    await start(extra);
    const who = await citizen();
    await subscribe(who, ['survey']);
    const { id } = await acceptedCase(who);
    const staff = await staffSignIn(t, 'dispatcher');
    await replyAndClose(staff, id);
    for (let i = 0; i < 3; i += 1) await t.jobs.notifyOnce();
    const message = t.wechat.messages.find((m) => m.templateId === DEMO_TEMPLATE_IDS.survey);
    return { who, id, staff, token: tokenOf(message?.page ?? null) };
  }

  test('a survey token works once; the rating can then be changed from the case page within the window', async () => {
    const { who, id, token } = await closedCaseWithSurvey();
    const rate = (rating: string) =>
      t.http.post(`/api/v1/surveys/${token}`).set('Authorization', who.auth).send({ rating });
    await rate('basically_satisfied').expect(200);
    const again = await rate('satisfied').expect(409);
    expect(again.body.error).toMatchObject({ code: 'SURVEY_USED', message: expect.stringContaining('已使用') });
    const changed = await t.http
      .post(`/api/v1/cases/${id}/survey`)
      .set('Authorization', who.auth)
      .send({ rating: 'satisfied' })
      .expect(200);
    expect(changed.body.rating.value).toBe('satisfied');
    const events = await t.dataSource.query(
      "SELECT note FROM case_events WHERE case_id = ? AND kind = 'rate' ORDER BY seq",
      [id],
    );
    expect(events.map((e: { note: string }) => e.note)).toEqual(['基本满意', '修改评价：满意']);
  });

  test("another citizen's token (or a made-up one) is 404", async () => {
    const { token, id } = await closedCaseWithSurvey();
    const other = await citizen();
    const res = await t.http.get(`/api/v1/surveys/${token}`).set('Authorization', other.auth).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    await t.http
      .post(`/api/v1/surveys/${token}`)
      .set('Authorization', other.auth)
      .send({ rating: 'unsatisfied' })
      .expect(404);
    await t.http
      .post(`/api/v1/cases/${id}/survey`)
      .set('Authorization', other.auth)
      .send({ rating: 'unsatisfied' })
      .expect(404);
    await t.http
      .get(`/api/v1/surveys/${'x'.repeat(32)}`)
      .set('Authorization', other.auth)
      .expect(404);
  });

  test('after the change window a change is 409 with a Chinese message; an expired link is 410', async () => {
    const { who, id, token } = await closedCaseWithSurvey({ surveys: { changeWindowHours: 24, tokenTtlDays: 2 } });
    await t.http
      .post(`/api/v1/cases/${id}/survey`)
      .set('Authorization', who.auth)
      .send({ rating: 'satisfied' })
      .expect(200);
    t.clock.advance(24 * 3600_000);
    const late = await t.http
      .post(`/api/v1/cases/${id}/survey`)
      .set('Authorization', who.auth)
      .send({ rating: 'unsatisfied' })
      .expect(409);
    expect(late.body.error).toMatchObject({ code: 'RATING_CLOSED', message: '评价已超过可修改期限' });
    t.clock.advance(86400_000);
    const expired = await t.http.get(`/api/v1/surveys/${token}`).set('Authorization', who.auth).expect(410);
    expect(expired.body.error.code).toBe('SURVEY_EXPIRED');
  });

  test('不满意 flags the case for 回访 in the staff queue and, when configured, reopens it', async () => {
    const { who, id, token, staff } = await closedCaseWithSurvey({ surveys: { reopenOnUnsatisfied: true } });
    await t.http
      .post(`/api/v1/surveys/${token}`)
      .set('Authorization', who.auth)
      .send({ rating: 'unsatisfied', reasons: ['问题未解决'], comment: '路灯晚上还是不亮' })
      .expect(200);
    const queue = await t.http
      .get('/api/v1/admin/cases')
      .query({ flag: 'unsatisfied' })
      .set('Authorization', staff.auth);
    expect(queue.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const row = (await t.dataSource.query('SELECT status, follow_up FROM cases WHERE id = ?', [id]))[0];
    expect(row.status).toBe('in_progress');
    expect(Boolean(Number(row.follow_up))).toBe(true);
    const kinds = await t.dataSource.query('SELECT kind, to_status FROM case_events WHERE case_id = ? ORDER BY seq', [
      id,
    ]);
    expect(kinds.slice(-2)).toEqual([
      { kind: 'rate', to_status: 'rated' },
      { kind: 'reopen', to_status: 'in_progress' },
    ]);
  });

  test('reasons come from the configured list; risky comments are refused; open cases cannot be rated', async () => {
    await start();
    const who = await citizen();
    const { id } = await acceptedCase(who);
    const open = await t.http
      .post(`/api/v1/cases/${id}/survey`)
      .set('Authorization', who.auth)
      .send({ rating: 'satisfied' });
    expect(open.status).toBe(409);
    const staff = await staffSignIn(t, 'dispatcher');
    await replyAndClose(staff, id);
    const badReason = await t.http
      .post(`/api/v1/cases/${id}/survey`)
      .set('Authorization', who.auth)
      .send({ rating: 'unsatisfied', reasons: ['随便写的'] })
      .expect(400);
    expect(badReason.body.error.details.fields[0].path).toBe('reasons');
    const risky = await t.http
      .post(`/api/v1/cases/${id}/survey`)
      .set('Authorization', who.auth)
      .send({ rating: 'unsatisfied', comment: '这里有违禁测试词' })
      .expect(400);
    expect(risky.body.error.code).toBe('CONTENT_RISKY');
  });
});
