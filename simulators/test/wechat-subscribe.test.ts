import { DEFAULT_SUBSCRIBE_TEMPLATES } from '../src';
import { accessToken, call, citizen, closeAll, simulator } from './wechat-support';

afterEach(closeAll);

const [templateId] = Object.keys(DEFAULT_SUBSCRIBE_TEMPLATES) as [string];
const data = {
  character_string1: { value: 'LH20260302000001' },
  thing2: { value: '小区门口的路灯坏了' },
  phrase3: { value: '已受理' },
  time4: { value: '2026年03月02日 09:00' },
};
const message = (overrides: Record<string, unknown> = {}) => ({
  touser: citizen,
  template_id: templateId,
  page: 'pages/detail/index?id=01KB3Z5S0X4Q6J1T8N2M7R9C0D',
  miniprogram_state: 'formal',
  data,
  ...overrides,
});

describe('WeChat simulator: subscribe/send', () => {
  test('when the user granted the template once, then one message is accepted and recorded, the next is 43101', async () => {
    const sim = await simulator();
    const token = await accessToken(sim);
    sim.grantSubscription(citizen, templateId);
    const send = () => call(sim, '/cgi-bin/message/subscribe/send', message(), { access_token: token });
    expect(await send()).toMatchObject({ errcode: 0, msgid: expect.any(Number) });
    expect(await send()).toMatchObject({ errcode: 43101 });
    expect(sim.messages).toHaveLength(1);
    expect(sim.messages[0]).toMatchObject({ touser: citizen, title: '诉求受理通知', data: { phrase3: '已受理' } });
    const page = await fetch(`${sim.url}/__control/`);
    expect(await page.text()).toContain('小区门口的路灯坏了');
    const listed = (await (await fetch(`${sim.url}/__control/messages`)).json()) as { messages: unknown[] };
    expect(listed.messages).toHaveLength(1);
  });

  test('when a value breaks its type (thing > 20, phrase not Chinese, bad time), then 47003 names the key', async () => {
    const sim = await simulator();
    const token = await accessToken(sim);
    sim.grantSubscription(citizen, templateId, 5);
    const send = (d: object) =>
      call(sim, '/cgi-bin/message/subscribe/send', message({ data: { ...data, ...d } }), { access_token: token });
    expect(await send({ thing2: { value: '一'.repeat(21) } })).toMatchObject({
      errcode: 47003,
      errmsg: expect.stringContaining('data.thing2.value exceeds 20'),
    });
    expect(await send({ phrase3: { value: 'ok' } })).toMatchObject({ errcode: 47003 });
    expect(await send({ time4: { value: '2026-03-02 09:00' } })).toMatchObject({ errcode: 47003 });
    expect(await send({ character_string1: { value: '工单1' } })).toMatchObject({ errcode: 47003 });
    expect(await send({ thing9: { value: 'x' } })).toMatchObject({ errcode: 47003 });
    expect(await send({ thing2: { value: '二十个字以内的标题😀' } })).toMatchObject({ errcode: 0 });
    expect(sim.subscriptionsLeft(citizen, templateId)).toBe(4);
  });

  test('when the template, openid or token is wrong, then WeChat errcodes 40037, 40003, 40001 answer', async () => {
    const sim = await simulator();
    const token = await accessToken(sim);
    sim.grantSubscription(citizen, templateId);
    const path = '/cgi-bin/message/subscribe/send';
    expect(await call(sim, path, message({ template_id: 'nope' }), { access_token: token })).toMatchObject({
      errcode: 40037,
    });
    expect(await call(sim, path, message({ touser: 'x' }), { access_token: token })).toMatchObject({ errcode: 40003 });
    expect(await call(sim, path, message(), { access_token: 'stale' })).toMatchObject({ errcode: 40001 });
    expect(sim.messages).toHaveLength(0);
  });

  test('when faults are injected for subscribe_send, then they answer first; grants come through the control API', async () => {
    const sim = await simulator();
    const token = await accessToken(sim);
    const granted = await fetch(`${sim.url}/__control/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: citizen, templateId }),
    });
    expect(granted.status).toBe(204);
    for (const errcode of [40001, 42001, 43101, 47003, 45009]) sim.faults.inject('subscribe_send', { errcode });
    const send = () => call(sim, '/cgi-bin/message/subscribe/send', message(), { access_token: token });
    for (const errcode of [40001, 42001, 43101, 47003, 45009]) expect(await send()).toMatchObject({ errcode });
    expect(await send()).toMatchObject({ errcode: 0 });
  });

  test('when subscriptions are not required, then any valid message is accepted', async () => {
    const sim = await simulator({ requireSubscription: false });
    const token = await accessToken(sim);
    expect(await call(sim, '/cgi-bin/message/subscribe/send', message(), { access_token: token })).toMatchObject({
      errcode: 0,
    });
  });
});
