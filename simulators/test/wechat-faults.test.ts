import { tracked, untilTimersScheduled, useSimulatorTimers } from './fake-timers';
import {
  accessToken,
  call,
  citizen,
  closeAll,
  pushReceiver,
  simulator,
  stableToken,
  type Json,
} from './wechat-support';

afterEach(closeAll);

const textCheck = { version: 2, openid: citizen, scene: 2, content: 'hello' };

async function control(url: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${url}/__control${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('WeChat simulator: fault injection and call records', () => {
  test('when an errcode is injected for two calls, then exactly the next two calls of that endpoint answer it', async () => {
    const sim = await simulator();
    const token = await accessToken(sim);
    sim.faults.inject('msg_sec_check', { errcode: 45011, times: 2 });
    const check = () => call(sim, '/wxa/msg_sec_check', textCheck, { access_token: token });
    expect(await check()).toMatchObject({ errcode: 45011, errmsg: expect.stringContaining('minute-quota') });
    expect(await stableToken(sim)).toMatchObject({ access_token: token });
    expect(await check()).toMatchObject({ errcode: 45011 });
    expect(await check()).toMatchObject({ errcode: 0 });
    expect(sim.calls.filter((c) => c.endpoint === 'msg_sec_check').map((c) => c.errcode)).toEqual([45011, 45011, 0]);
  });

  test('when an injected errcode is the token error 40001, then it is answered even for a valid token', async () => {
    const sim = await simulator();
    const token = await accessToken(sim);
    sim.faults.inject('getuserphonenumber', { errcode: 40001 });
    const exchange = () => call(sim, '/wxa/business/getuserphonenumber', { code: 'c1' }, { access_token: token });
    expect(await exchange()).toMatchObject({ errcode: 40001 });
    expect(await exchange()).toMatchObject({ errcode: 0 });
  });

  test('when a hang is injected, then the call outlasts the caller timeout and the next call is answered while it hangs', async () => {
    const sim = await simulator();
    // Longer than any test: the hang ends only when the simulator closes.
    sim.faults.inject('stable_token', { hangMs: 600_000 });
    const body = JSON.stringify({ grant_type: 'client_credential', appid: 'x', secret: 'y' });
    const hung = fetch(`${sim.url}/cgi-bin/stable_token`, { method: 'POST', body, signal: AbortSignal.timeout(100) });
    await expect(hung).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(await stableToken(sim)).toMatchObject({ expires_in: 7200 });
    expect(sim.calls.map((c) => c.errcode)).toEqual([undefined, 0]);
  });

  test('when faults are cleared, then pending ones are dropped', async () => {
    const sim = await simulator();
    sim.faults.inject('jscode2session', { errcode: -1, times: 3 });
    expect(sim.faults.pending()).toEqual([
      { endpoint: 'jscode2session', fault: { errcode: -1, times: 3 }, remaining: 3 },
    ]);
    sim.faults.clear();
    expect(sim.faults.pending()).toEqual([]);
  });

  test('when the control API injects, lists and clears faults, then the simulator obeys', async () => {
    const sim = await simulator();
    const injected = await control(sim.url, 'POST', '/faults', { endpoint: 'stable_token', errcode: 45009 });
    expect(injected.status).toBe(204);
    const listed = (await (await control(sim.url, 'GET', '/faults')).json()) as Json;
    expect(listed.faults).toEqual([{ endpoint: 'stable_token', fault: { errcode: 45009 }, remaining: 1 }]);
    expect(await stableToken(sim)).toMatchObject({ errcode: 45009 });

    await control(sim.url, 'POST', '/faults', { endpoint: 'stable_token', hangMs: 50, times: 2 });
    expect((await control(sim.url, 'DELETE', '/faults')).status).toBe(204);
    expect(sim.faults.pending()).toEqual([]);
  });

  test('when the control API gets a malformed fault, then it answers 400 and injects nothing', async () => {
    const sim = await simulator();
    for (const body of [
      { endpoint: 'nope', errcode: 1 },
      { endpoint: 'stable_token' },
      { endpoint: 'stable_token', errcode: 1, times: 0 },
    ]) {
      expect((await control(sim.url, 'POST', '/faults', body)).status).toBe(400);
    }
    expect(sim.faults.pending()).toEqual([]);
  });

  test('when calls are listed and cleared over the control API, then they match the object view', async () => {
    const sim = await simulator();
    await accessToken(sim);
    const listed = (await (await control(sim.url, 'GET', '/calls')).json()) as { calls: Json[] };
    expect(listed.calls).toEqual([
      expect.objectContaining({ endpoint: 'stable_token', errcode: 0, at: expect.any(String) }),
    ]);
    await control(sim.url, 'DELETE', '/calls');
    expect(sim.calls).toEqual([]);
  });

  test('when the push target and token revocation are driven over the control API, then both take effect', async () => {
    const receiver = await pushReceiver();
    const sim = await simulator();
    expect((await control(sim.url, 'PUT', '/push-target', { url: 'not a url', token: 't' })).status).toBe(400);
    expect((await control(sim.url, 'PUT', '/push-target', { url: receiver.url, token: 't' })).status).toBe(204);
    const token = await accessToken(sim);
    const media = { version: 2, openid: citizen, scene: 1, media_type: 2, media_url: 'https://cdn.example/a.png' };
    await call(sim, '/wxa/media_check_async', media, { access_token: token });
    expect((await receiver.next()).body).toMatchObject({ Event: 'wxa_media_check' });

    expect((await control(sim.url, 'POST', '/revoke-tokens')).status).toBe(204);
    expect(await call(sim, '/wxa/media_check_async', media, { access_token: token })).toMatchObject({ errcode: 40001 });
  });

  test('when a delay is set, then every WeChat endpoint answers only after it', async () => {
    const sim = await simulator({ delayMs: 150 });
    useSimulatorTimers();
    try {
      const token = tracked(accessToken(sim));
      await untilTimersScheduled();
      jest.advanceTimersByTime(149);
      // 149 ms on, the delay still holds the answer; at 150 it lets go.
      expect({ settled: token.settled(), timers: jest.getTimerCount() }).toEqual({ settled: false, timers: 1 });
      jest.advanceTimersByTime(1);
      expect(jest.getTimerCount()).toBe(0);
      await expect(token.promise).resolves.toEqual(expect.any(String));
    } finally {
      jest.useRealTimers();
    }
  });
});
