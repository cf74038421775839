import { startTestApp, type TestApp } from './support/harness';
import { endOfLocalDay, officeAct, setLocalTime, submitApplication } from './support/disclosure';
import { staffSignIn } from './support/staff';

// Every deadline rule of the 《政府信息公开条例》 on the city's 2026 calendar (config/calendars/cn.json), due dates
// counted by hand: holidays 04-04…06, 05-01…05, 06-19…21, 09-25…27, 10-01…07; make-up working days 05-09 (Sat),
// 10-10 (Sat). The test clock starts on Monday 2026-03-02, 09:00 local.

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => t.close());

const mine = (auth: string, id: string) =>
  t.http.get(`/api/v1/disclosure-applications/${id}`).set('Authorization', auth).expect(200);
const answer = (auth: string, id: string) =>
  t.http
    .post(`/api/v1/disclosure-applications/${id}/supplement`)
    .set('Authorization', auth)
    .send({ description: '补正：申请公开2025年源汇区老旧小区改造项目第三批的资金拨付文件' });

/** An application sent and confirmed at `at` (citizen sessions last 30 days: signed in then too). */
async function received(at: string): Promise<{ auth: string; id: string }> {
  setLocalTime(t, at);
  const auth = await t.signIn();
  const id = await submitApplication(t, auth);
  const res = await officeAct(t, id, { action: 'confirm_receipt' });
  expect(res.status).toBe(200);
  return { auth, id };
}

describe('the answer period: 20 working days on the city calendar', () => {
  test('when an online application is confirmed days after it was sent, then the date received is the confirmation and the 20 working days skip the National Day holidays and count the 调休 Saturday', async () => {
    setLocalTime(t, '2026-09-18T16:00');
    const auth = await t.signIn();
    const id = await submitApplication(t, auth);
    setLocalTime(t, '2026-09-23T10:00');
    const res = await officeAct(t, id, { action: 'confirm_receipt' });
    expect(res.body.receivedAt).toBe(new Date(Date.parse('2026-09-23T10:00:00+08:00')).toISOString());
    // 09-24, 09-28…30, 10-08, 10-09, 10-10 (调休), 10-12…16, 10-19…23, 10-26…28.
    expect(res.body.dueAt).toBe(endOfLocalDay('2026-10-28'));
    expect((await mine(auth, id)).body.timeline.at(-1).text).toBe('已确认收到您的申请，将于2026年10月28日前答复。');
  });

  test('when a receipt is confirmed twice, then the second is refused', async () => {
    const { id } = await received('2026-03-02T10:00');
    const again = await officeAct(t, id, { action: 'confirm_receipt' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  test('when the office extends with the head’s approval, then up to 20 more working days are added once, recorded and told to the applicant', async () => {
    const { auth, id } = await received('2026-03-02T10:00');
    expect((await mine(auth, id)).body.dueAt).toBe(endOfLocalDay('2026-03-30'));
    setLocalTime(t, '2026-03-03T09:00');
    const tooLong = await officeAct(t, id, { action: 'extend', days: 21, approvedBy: '王主任', reason: '需调取档案' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fields[0]).toEqual({ path: 'days', message: '延长的期限最长不得超过20个工作日' });
    const ok = await officeAct(t, id, { action: 'extend', days: 20, approvedBy: '王主任', reason: '需调取档案' });
    expect(ok.status).toBe(200);
    // 03-31…04-03, 04-07…10 (清明 04-04…06), 04-13…17, 04-20…24, 04-27, 04-28.
    expect(ok.body.dueAt).toBe(endOfLocalDay('2026-04-28'));
    expect(ok.body.extension).toEqual({ days: 20, approvedBy: '王主任', reason: '需调取档案' });
    const seen = await mine(auth, id);
    expect(seen.body.timeline.at(-1).text).toBe(
      '经政府信息公开工作机构负责人同意，答复期限延长20个工作日，至2026年4月28日。理由：需调取档案',
    );
    const twice = await officeAct(t, id, { action: 'extend', days: 1, approvedBy: '王主任', reason: '再次延期' });
    expect(twice.status).toBe(409);
  });

  test('when the answer period has run out, then it can no longer be extended and the queue marks it overdue', async () => {
    const { id } = await received('2026-03-02T10:00');
    setLocalTime(t, '2026-03-31T09:00');
    const late = await officeAct(t, id, { action: 'extend', days: 5, approvedBy: '王主任', reason: '需调取档案' });
    expect(late.status).toBe(409);
    const officer = await staffSignIn(t, 'disclosure_officer');
    const queue = await t.http
      .get('/api/v1/admin/disclosure-applications?overdue=true')
      .set('Authorization', officer.auth)
      .expect(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ id, overdue: true })]);
  });
});

describe('补正: once, within 7 working days of receipt, and the clock restarts on the corrected application', () => {
  test('when the notice goes out on the 7th working day (the 调休 Saturday after May Day), then the clock stops, and the corrected application restarts the 20 days across the Dragon Boat holiday', async () => {
    const { auth, id } = await received('2026-04-27T10:00');
    setLocalTime(t, '2026-05-09T17:00');
    const notice = await officeAct(t, id, {
      action: 'request_supplement',
      missing: '请写明所需文件的年份和项目名称',
      replyWithinWorkingDays: 10,
    });
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({ status: 'awaiting_supplement', dueAt: null });
    expect(notice.body.supplement).toMatchObject({ replyBy: endOfLocalDay('2026-05-22'), answeredAt: null });
    expect((await mine(auth, id)).body.timeline.at(-1).text).toContain('请补正申请：请写明所需文件的年份和项目名称');
    const second = await officeAct(t, id, {
      action: 'request_supplement',
      missing: '请再写明文件的文号',
      replyWithinWorkingDays: 5,
    });
    expect(second.status).toBe(409);
    setLocalTime(t, '2026-05-22T15:00');
    const corrected = await answer(auth, id).expect(200);
    expect(corrected.body.status).toBe('processing');
    expect(corrected.body.description).toContain('补正：');
    // From 05-22: 05-25…29, 06-01…05, 06-08…12, 06-15…18, (06-19 端午) 06-22.
    expect(corrected.body.dueAt).toBe(endOfLocalDay('2026-06-22'));
    const twice = await answer(auth, id);
    expect(twice.status).toBe(409);
  });

  test('when the 7 working days after receipt have passed, then a 补正 notice is refused', async () => {
    const { id } = await received('2026-04-27T10:00');
    setLocalTime(t, '2026-05-11T09:00');
    const late = await officeAct(t, id, {
      action: 'request_supplement',
      missing: '请写明年份',
      replyWithinWorkingDays: 10,
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('已超过自收到申请之日起7个工作日的补正告知期限');
  });

  test('when the applicant does not correct in time, then the answer is refused and the office closes it as 逾期不补正, never before the deadline', async () => {
    const { auth, id } = await received('2026-03-02T10:00');
    setLocalTime(t, '2026-03-03T10:00');
    await officeAct(t, id, { action: 'request_supplement', missing: '请写明年份', replyWithinWorkingDays: 5 });
    setLocalTime(t, '2026-03-10T20:00');
    const early = await officeAct(t, id, { action: 'close_uncorrected' });
    expect(early.status).toBe(409);
    setLocalTime(t, '2026-03-11T09:00');
    const tooLate = await answer(auth, id);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.message).toBe('已超过补正期限，请重新提出申请');
    const closed = await officeAct(t, id, { action: 'close_uncorrected' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'answered',
      dueAt: null,
      decision: { outcome: 'other.no_correction' },
    });
  });
});

describe('third-party opinion: its time does not count', () => {
  test('when a third party is consulted, then up to its 15 working days are left out, and an early answer gives the days back', async () => {
    const { auth, id } = await received('2026-03-02T09:30');
    setLocalTime(t, '2026-03-05T10:00');
    const consulting = await officeAct(t, id, {
      action: 'consult',
      party: 'third_party',
      partyName: '某某置业有限公司',
    });
    expect(consulting.body.consultations[0].answerBy).toBe(endOfLocalDay('2026-03-26'));
    // Without the pause, due 03-30; 03-06…03-26 (15 working days) do not count: 03-27 … 04-21 (清明 excluded).
    expect(consulting.body.dueAt).toBe(endOfLocalDay('2026-04-21'));
    setLocalTime(t, '2026-03-12T15:00');
    const back = await officeAct(t, id, { action: 'consultation_answered', opinion: '不同意公开涉及本公司的报价' });
    // Only 03-06, 03-09…12 (5 working days) were spent: 03-30 + 5 = 04-07 across 清明.
    expect(back.body).toMatchObject({ status: 'processing', dueAt: endOfLocalDay('2026-04-07') });
    const seen = JSON.stringify((await mine(auth, id)).body);
    expect(seen).not.toContain('某某置业');
    expect(seen).toContain('所需时间不计入答复期限');
  });

  test('when the third party answers after its 15 working days, then only those 15 days are left out', async () => {
    const { id } = await received('2026-03-02T09:30');
    setLocalTime(t, '2026-03-05T10:00');
    await officeAct(t, id, { action: 'consult', party: 'third_party', partyName: '某某置业有限公司' });
    setLocalTime(t, '2026-04-01T10:00');
    const late = await officeAct(t, id, { action: 'consultation_answered', opinion: '同意公开' });
    expect(late.body.dueAt).toBe(endOfLocalDay('2026-04-21'));
  });
});

describe('another agency’s opinion, and years the calendar lacks', () => {
  test('when another agency is consulted, then the days until it answers do not count, however long it takes', async () => {
    const { id } = await received('2026-03-02T09:30');
    setLocalTime(t, '2026-03-05T10:00');
    const asked = await officeAct(t, id, { action: 'consult', party: 'other_agency', partyName: '市自然资源和规划局' });
    expect(asked.body.consultations[0]).toMatchObject({ party: 'other_agency', answerBy: null });
    setLocalTime(t, '2026-03-31T10:00');
    const back = await officeAct(t, id, { action: 'consultation_answered', opinion: '建议公开' });
    // 03-06…03-31 (18 working days) left out: 03-30 + 18 = 04-24 across 清明 (03-31…04-03, 04-07…04-24).
    expect(back.body).toMatchObject({ status: 'processing', overdue: false, dueAt: endOfLocalDay('2026-04-24') });
  });

  test('when a period would reach a year the city calendar has no data for, then the action answers 503 naming the year and nothing changes', async () => {
    const { auth, id } = await received('2026-12-21T10:00');
    expect((await mine(auth, id)).body.dueAt).toBeNull();
    const notice = await officeAct(t, id, {
      action: 'request_supplement',
      missing: '请写明年份',
      replyWithinWorkingDays: 10,
    });
    expect(notice.status).toBe(503);
    expect(notice.body.error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: '节假日日历缺少2027年的数据，请联系管理员',
    });
    expect((await mine(auth, id)).body).toMatchObject({ status: 'processing', supplement: null });
  });
});
