import { startTestApp, type TestApp } from './support/harness';
import { staffSignIn, type TestStaff } from './support/staff';

let t: TestApp;
let editor: TestStaff;
beforeAll(async () => {
  t = await startTestApp();
  editor = await staffSignIn(t, 'disclosure_editor');
});
afterAll(async () => t.close());

const admin = (path: string) => `/api/v1/admin/catalog/regions${path}`;
const columns = {
  level1: '法律援助',
  level2: '法律援助申请指南',
  content: '法律援助的申请条件、申请材料、办理流程和咨询电话',
  basis: '《中华人民共和国政府信息公开条例》、《中华人民共和国法律援助法》',
  deadline: '制定或获取信息之日起10个工作日内',
  body: '司法行政部门',
  channels: ['website', 'hotline'],
  audience: 'public',
  mode: 'active',
  levels: ['county', 'township'],
};

describe('catalog editing over HTTP', () => {
  test('when nobody or a staff member without the catalog permission calls, then 401 and 403', async () => {
    await t.http.get(admin('/411100/draft')).expect(401);
    const dispatcher = await staffSignIn(t, 'dispatcher');
    const res = await t.http.get(admin('/411100/draft')).set('Authorization', dispatcher.auth).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const citizen = await t.signIn();
    await t.http.get(admin('/411100/draft')).set('Authorization', citizen).expect(401);
  });

  test('when an editor adds, adjusts and publishes, then citizens see it and the history names the editor', async () => {
    const added = await t.http
      .post(admin('/411100/items'))
      .set('Authorization', editor.auth)
      .send({ areaCode: 'A13', columns })
      .expect(201);
    const key = added.body.key as string;
    await t.http
      .patch(admin(`/411104/items/${key}`))
      .set('Authorization', editor.auth)
      .send({ columns: { body: '召陵区司法局' } })
      .expect(404); // the city has not published yet: the county has nothing to adjust
    const published = await t.http
      .post(admin('/411100/publish'))
      .set('Authorization', editor.auth)
      .send({ note: '新增法律援助事项' })
      .expect(201);
    expect(published.body).toMatchObject({ version: 1, publishedBy: editor.id, sample: false });

    await t.http
      .patch(admin(`/411104/items/${key}`))
      .set('Authorization', editor.auth)
      .send({ columns: { body: '召陵区司法局' } })
      .expect(200);
    await t.http.post(admin('/411104/publish')).set('Authorization', editor.auth).send({}).expect(201);
    const item = await t.http.get(`/api/v1/catalog/regions/411104/items/${key}`).expect(200);
    expect(item.body.item.origin.summary).toBe('继承自漯河市，调整：公开主体');

    const history = await t.http
      .get(admin(`/411104/history?item=${key}`))
      .set('Authorization', editor.auth)
      .expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        action: 'adjust',
        actor: editor.id,
        version: 1,
        changes: { body: { from: '司法行政部门', to: '召陵区司法局' } },
      }),
    ]);
  });

  test('when a request is invalid, then the error envelope lists the fields in Chinese', async () => {
    const res = await t.http
      .post(admin('/411100/items'))
      .set('Authorization', editor.auth)
      .send({ areaCode: 'A13', columns: { ...columns, channels: [] } })
      .expect(400);
    expect(res.body.error.details.fields).toEqual([{ path: 'columns.channels', message: '请至少选择一个公开渠道' }]);
    const area = await t.http
      .put(admin('/411104/areas/A13'))
      .set('Authorization', editor.auth)
      .send({ applicable: false })
      .expect(400);
    expect(area.body.error.message).toBe('请说明该领域不适用的原因');
  });
});
