import { Writable } from 'node:stream';
import pino from 'pino';
import { startTestApp, type TestApp } from './support/harness';
import {
  CREDIT_CODE,
  naturalApplication,
  officeAct,
  organisationApplication,
  RESIDENT_ID,
  submitApplication,
} from './support/disclosure';
import { seedSampleCatalog } from '../src/modules/catalog/sample/seed';
import { uploadedPhoto } from './support/photos';
import { staffSignIn } from './support/staff';

let t: TestApp;
let logged = '';
beforeEach(async () => {
  logged = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged += chunk.toString();
      done();
    },
  });
  t = await startTestApp({ logger: pino({ level: 'trace' }, sink) });
});
afterEach(async () => t.close());

const APPLY = '/api/v1/disclosure-applications';

describe('applying for government information', () => {
  test('when a natural person applies with a valid 居民身份证, then it is stored waiting for receipt, with no purpose asked and the number masked', async () => {
    const auth = await t.signIn();
    const photo = await uploadedPhoto(t, auth);
    const res = await t.http.post(APPLY).set('Authorization', auth).send(naturalApplication(photo.id)).expect(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      applicantType: 'natural',
      applicantName: '张三丰',
      idDocument: { type: '居民身份证', numberMasked: '1101**********002X' },
      receivedAt: null,
      dueAt: null,
      form: 'electronic',
      delivery: 'online',
    });
    expect(res.body.timeline).toEqual([expect.objectContaining({ kind: 'submitted' })]);
    // A purpose is not a field: the 2019 regulation dropped it, and the strict schema refuses one.
    const withPurpose = await t.http
      .post(APPLY)
      .set('Authorization', auth)
      .send({ ...naturalApplication(photo.id), purpose: '科研需要' })
      .expect(400);
    expect(withPurpose.body.error.code).toBe('VALIDATION_FAILED');
  });

  test('when a 居民身份证 number has a wrong check character, then it is refused on that field in Chinese and nothing is stored', async () => {
    const auth = await t.signIn();
    const photo = await uploadedPhoto(t, auth);
    const body = naturalApplication(photo.id);
    const res = await t.http
      .post(APPLY)
      .set('Authorization', auth)
      .send({ ...body, applicant: { ...body.applicant, idNumber: '110105194912310021' } })
      .expect(400);
    expect(res.body.error.details.fields).toContainEqual({
      path: 'applicant.idNumber',
      message: '居民身份证号码有误，请核对',
    });
    const passport = await t.http
      .post(APPLY)
      .set('Authorization', auth)
      .send({ ...body, applicant: { ...body.applicant, idType: 'passport', idNumber: 'E12345678' } })
      .expect(201);
    expect(passport.body.idDocument).toEqual({ type: '护照', numberMasked: 'E1***5678' });
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM disclosure_applications');
    expect(Number(n)).toBe(1);
  });

  test('when an organisation applies, then its 统一社会信用代码 is checked and it counts under its kind of organisation', async () => {
    const auth = await t.signIn();
    const photo = await uploadedPhoto(t, auth);
    const good = await t.http
      .post(APPLY)
      .set('Authorization', auth)
      .send(organisationApplication(photo.id, 'legal_service'))
      .expect(201);
    expect(good.body).toMatchObject({ applicantType: 'legal_service', idDocument: { type: '统一社会信用代码' } });
    const bad = organisationApplication(photo.id, 'commercial');
    const res = await t.http
      .post(APPLY)
      .set('Authorization', auth)
      .send({ ...bad, applicant: { ...bad.applicant, creditCode: '913501000000100Y43' } })
      .expect(400);
    expect(res.body.error.details.fields).toContainEqual({
      path: 'applicant.creditCode',
      message: '统一社会信用代码有误，请核对',
    });
  });

  test('when an application names catalog items, then only items of a published catalog are accepted', async () => {
    await seedSampleCatalog(t.deps.catalog, t.deps);
    const item = [...(await t.deps.catalog.store.current()).catalogs.values()][0]?.rows[0]?.key as string;
    const auth = await t.signIn();
    const photo = await uploadedPhoto(t, auth);
    const unknown = await t.http
      .post(APPLY)
      .set('Authorization', auth)
      .send(naturalApplication(photo.id, { catalogItemKeys: [item, '999999.9999'] }))
      .expect(400);
    expect(unknown.body.error.details.fields).toEqual([
      { path: 'catalogItemKeys', message: '目录中没有这些事项：999999.9999' },
    ]);
    const known = await t.http
      .post(APPLY)
      .set('Authorization', auth)
      .send(naturalApplication(photo.id, { catalogItemKeys: [item] }))
      .expect(201);
    expect(known.body.catalogItemKeys).toEqual([item]);
  });

  test('when the way of receiving is e-mail without an address, or the document photo is someone else’s, then it is refused', async () => {
    const auth = await t.signIn();
    const other = await t.signIn();
    const mine = await uploadedPhoto(t, auth);
    const theirs = await uploadedPhoto(t, other);
    const noEmail = await t.http
      .post(APPLY)
      .set('Authorization', auth)
      .send(naturalApplication(mine.id, { delivery: 'email' }))
      .expect(400);
    expect(noEmail.body.error.details.fields[0].path).toBe('email');
    const borrowed = await t.http
      .post(APPLY)
      .set('Authorization', auth)
      .send(naturalApplication(theirs.id))
      .expect(400);
    expect(borrowed.body.error.details.fields).toEqual([
      { path: 'idPhotoId', message: '证件照片不存在或已失效，请重新上传' },
    ]);
  });

  test('when identity numbers are stored, then no column holds them in clear, the log never shows them, and a reveal is audited', async () => {
    const auth = await t.signIn();
    const photo = await uploadedPhoto(t, auth);
    const id = await submitApplication(t, auth);
    await t.http.post(APPLY).set('Authorization', auth).send(organisationApplication(photo.id, 'research')).expect(201);
    const rows: Record<string, unknown>[] = await t.dataSource.query('SELECT * FROM disclosure_applications');
    const stored = JSON.stringify(rows);
    for (const secret of [RESIDENT_ID, CREDIT_CODE, '张三丰', '13812345678', '人民路1号']) {
      expect(stored).not.toContain(secret);
    }
    const officer = await staffSignIn(t, 'disclosure_officer');
    const detail = await t.http
      .get(`/api/v1/admin/disclosure-applications/${id}`)
      .set('Authorization', officer.auth)
      .expect(200);
    expect(detail.body).toMatchObject({ applicantName: '张*丰', idDocument: { numberMasked: '1101**********002X' } });
    const noReason = await t.http
      .post(`/api/v1/admin/disclosure-applications/${id}/identity`)
      .set('Authorization', officer.auth)
      .send({})
      .expect(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    const revealed = await t.http
      .post(`/api/v1/admin/disclosure-applications/${id}/identity`)
      .set('Authorization', officer.auth)
      .send({ reason: '核实申请人身份' })
      .expect(200);
    expect(revealed.body).toEqual({ idType: '居民身份证', idNumber: RESIDENT_ID });
    const audits = await t.dataSource.query(
      "SELECT actor_id AS actor, reason FROM audit_log WHERE action = 'disclosure.id_revealed' AND subject_id = ?",
      [id],
    );
    expect(audits).toEqual([{ actor: officer.id, reason: '核实申请人身份' }]);
    expect(logged.length).toBeGreaterThan(0);
    for (const secret of [RESIDENT_ID, CREDIT_CODE]) expect(logged).not.toContain(secret);
  });

  test('when citizens list and open applications, then each sees only their own and another’s answers 404', async () => {
    const a = await t.signIn();
    const b = await t.signIn();
    const id = await submitApplication(t, a);
    const mine = await t.http.get(APPLY).set('Authorization', a).expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await t.http.get(APPLY).set('Authorization', b).expect(200)).body.items).toEqual([]);
    await t.http.get(`${APPLY}/${id}`).set('Authorization', a).expect(200);
    const hidden = await t.http.get(`${APPLY}/${id}`).set('Authorization', b).expect(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    const answer = await t.http
      .post(`${APPLY}/${id}/supplement`)
      .set('Authorization', b)
      .send({ description: '补正后的描述：2025年第三季度的资金文件' })
      .expect(404);
    expect(answer.body.error.code).toBe('NOT_FOUND');
  });

  test('when the office decides, then the outcome is recorded with its report group and reason, legal basis and what was provided, and the applicant reads it; outcomes that need a history are refused without one', async () => {
    const auth = await t.signIn();
    const id = await submitApplication(t, auth);
    expect((await officeAct(t, id, { action: 'confirm_receipt' })).status).toBe(200);
    const noCorrection = await officeAct(t, id, {
      action: 'decide',
      outcome: 'other.no_correction',
      legalBasis: '第三十条',
      provided: '无',
    });
    expect(noCorrection.status).toBe(400);
    const unclear = await officeAct(t, id, {
      action: 'decide',
      outcome: 'unable.still_unclear',
      legalBasis: '第三十条',
      provided: '无',
    });
    expect(unclear.status).toBe(400);
    const decided = await officeAct(t, id, {
      action: 'decide',
      outcome: 'withhold.process_info',
      legalBasis: '《中华人民共和国政府信息公开条例》第十六条第二款',
      provided: '不予公开，理由见告知书',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({
      outcome: 'withhold.process_info',
      group: '不予公开',
      label: '属于四类过程性信息',
      legalBasis: '《中华人民共和国政府信息公开条例》第十六条第二款',
      provided: '不予公开，理由见告知书',
    });
    const seen = await t.http.get(`${APPLY}/${id}`).set('Authorization', auth).expect(200);
    expect(seen.body.status).toBe('answered');
    expect(seen.body.timeline.at(-1).text).toContain('不予公开（属于四类过程性信息）');
    const again = await officeAct(t, id, {
      action: 'decide',
      outcome: 'disclose.full',
      legalBasis: '第二十七条',
      provided: '文件',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  test('when an officer acts on a version someone else changed, then it answers 409 and changes nothing', async () => {
    const auth = await t.signIn();
    const id = await submitApplication(t, auth);
    const officer = await staffSignIn(t, 'disclosure_officer');
    const act = (body: object) =>
      t.http.post(`/api/v1/admin/disclosure-applications/${id}/actions`).set('Authorization', officer.auth).send(body);
    expect((await act({ action: 'confirm_receipt', version: 1 })).status).toBe(200);
    const stale = await act({ action: 'extend', version: 1, days: 5, approvedBy: '王主任', reason: '需调取档案' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    const after = await t.http
      .get(`/api/v1/admin/disclosure-applications/${id}`)
      .set('Authorization', officer.auth)
      .expect(200);
    expect(after.body).toMatchObject({ version: 2, extension: null, status: 'processing' });
    const editor = await staffSignIn(t, 'disclosure_editor');
    await t.http
      .post(`/api/v1/admin/disclosure-applications/${id}/actions`)
      .set('Authorization', editor.auth)
      .send({ action: 'confirm_receipt', version: 2 })
      .expect(403);
  });
});
