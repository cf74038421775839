import { startTestApp, type TestApp } from './support/harness';
import { naturalApplication, officeAct } from './support/disclosure';
import { uploadedPhoto } from './support/photos';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ withHotline: true });
});
afterEach(async () => t.close());

const petition = {
  action: 'decide',
  outcome: 'not_handled.petition',
  legalBasis: '《中华人民共和国政府信息公开条例》第三十九条第一款',
  provided: '本申请实为投诉，不作为政府信息公开申请处理',
};

async function receivedComplaint(consent: boolean): Promise<{ auth: string; id: string }> {
  const auth = await t.signIn();
  const photo = await uploadedPhoto(t, auth);
  const res = await t.http
    .post('/api/v1/disclosure-applications')
    .set('Authorization', auth)
    .send(
      naturalApplication(photo.id, {
        description: '投诉小区旁工地夜间施工噪音扰民，要求有关部门查处',
        hotlineConsent: consent,
      }),
    )
    .expect(201);
  const id = res.body.id as string;
  await officeAct(t, id, { action: 'confirm_receipt' });
  return { auth, id };
}

test('when a 信访举报投诉类 application whose applicant consented is answered 不予处理, then it becomes a 12345 case through the ordinary outbox, each naming the other', async () => {
  const { auth, id } = await receivedComplaint(true);
  const missing = await officeAct(t, id, petition);
  expect(missing.status).toBe(400);
  expect(missing.body.error.details.fields[0].path).toBe('hotline');
  const decided = await officeAct(t, id, { ...petition, hotline: { type: 'complaint', category: 'C03' } });
  expect(decided.status).toBe(200);
  const caseId = decided.body.caseId as string;
  expect(caseId).toMatch(/^[0-9A-Z]{26}$/);
  expect(decided.body.timeline.at(-1).text).toContain('经您同意，已转为12345诉求办理。');
  const kase = await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', auth).expect(200);
  expect(kase.body).toMatchObject({ type: 'complaint', confidential: true });
  expect(kase.body.content).toContain(`转自政府信息公开申请 ${id}`);
  await t.jobs.forwardOnce();
  const ticket = t.hotline?.tickets().find((k) => k.caseId === caseId);
  expect(ticket).toBeDefined();
});

test('when the applicant did not consent, then 不予处理 files no case, and asking for one is refused', async () => {
  const { id } = await receivedComplaint(false);
  const refused = await officeAct(t, id, { ...petition, hotline: { type: 'complaint', category: 'C03' } });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.fields[0].message).toBe('申请人未同意转为12345诉求，不能转办');
  const decided = await officeAct(t, id, petition);
  expect(decided.body).toMatchObject({ status: 'answered', caseId: null });
  const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM cases');
  expect(Number(n)).toBe(0);
});
