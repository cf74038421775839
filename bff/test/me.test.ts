import { submit, validCase } from './support/cases';
import { startTestApp, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('my data', () => {
  test('when I export my data, then my own contact data comes in full and the read is audited', async () => {
    const auth = await t.signIn();
    const res = await submit(t, auth).expect(201);
    const me = await t.http.get('/api/v1/me').set('Authorization', auth).expect(200);
    expect(me.body.caseCount).toBe(1);
    const data = await t.http.get('/api/v1/me/data').set('Authorization', auth).expect(200);
    expect(data.headers['cache-control']).toBe('no-store');
    expect(data.body.cases).toHaveLength(1);
    expect(data.body.cases[0]).toMatchObject({ id: res.body.id, contact: { name: '张三', phone: '13812345678' } });
    const audit = await t.dataSource.query('SELECT action, subject_id AS subject FROM audit_log WHERE actor_id = ?', [
      me.body.id,
    ]);
    expect(audit).toEqual([{ action: 'export_own_data', subject: me.body.id }]);
  });

  test('when I delete my account, then my cases keep their statistics but lose every personal detail', async () => {
    const auth = await t.signIn('h5-demo-leaving');
    const res = await submit(t, auth, validCase({ type: 'help', category: 'A21' })).expect(201);
    const refused = await t.http
      .post('/api/v1/me/delete')
      .set('Authorization', auth)
      .send({ confirm: 'yes' })
      .expect(400);
    expect(refused.body.error.details.fields[0].message).toBe('请输入“注销”确认');
    // A rating left earlier, with a comment naming a neighbour (arranged directly: rating needs a closed case).
    const [{ citizen_id: citizenId }] = await t.dataSource.query('SELECT citizen_id FROM cases WHERE id = ?', [
      res.body.id,
    ]);
    await t.dataSource.query(
      `INSERT INTO case_ratings (case_id, citizen_id, rating, reasons, comment, first_rated_at, rated_at)
       VALUES (?, ?, 'unsatisfied', '["问题未解决"]', '楼下王五家还在漏水', '2026-03-01 10:00:00', '2026-03-01 10:00:00')`,
      [res.body.id, citizenId],
    );
    await t.http
      .post('/api/v1/me/delete')
      .set('Authorization', auth)
      .send({ confirm: '注销' })
      .expect(200, { deleted: true });

    const [row] = await t.dataSource.query(
      'SELECT type, category, region_code AS region, status, content, contact_phone_enc AS phone, contact_phone_hash AS hash, location_address AS address, latitude FROM cases WHERE id = ?',
      [res.body.id],
    );
    expect(row).toMatchObject({
      type: 'help',
      category: 'A21',
      region: '411103001',
      status: 'submitted',
      phone: null,
      hash: null,
      address: null,
      latitude: null,
    });
    expect(row.content).toBe('（用户已注销，内容已删除）');
    const ratings = await t.dataSource.query('SELECT rating, comment FROM case_ratings WHERE case_id = ?', [
      res.body.id,
    ]);
    expect(ratings).toEqual([{ rating: 'unsatisfied', comment: null }]);
    const tokenAfter = await t.http.get('/api/v1/cases').set('Authorization', auth).expect(401);
    expect(tokenAfter.body.error.code).toBe('TOKEN_INVALID');
    const again = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'h5-demo-leaving' }).expect(200);
    const list = await t.http.get('/api/v1/cases').set('Authorization', `Bearer ${again.body.token}`).expect(200);
    expect(list.body.items).toEqual([]);
  });
});
