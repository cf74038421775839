import { HotlineError, type HotlineCaseType, type TicketRequest } from '../../src/adapters/hotline/hotline-api';
import { Open311HotlineApi } from '../../src/adapters/hotline/open311-hotline-api';
import { startOpen311Fake, type Open311Fake } from '../support/open311-fake';

const apiKey = 'open311-secret-key-5f2c9a';
const serviceCodes: Record<HotlineCaseType, string> = {
  consultation: '001',
  help: '002',
  complaint: '003',
  report: '004',
  suggestion: '005',
  praise: '006',
};

class Clock {
  constructor(private current = new Date('2026-11-27T08:30:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

let fake: Open311Fake;
let clock: Clock;

beforeEach(async () => {
  clock = new Clock();
  fake = await startOpen311Fake({ apiKey, serviceCodes: Object.values(serviceCodes), now: () => clock.now() });
});
afterEach(() => fake.close());

const api = (overrides: { apiKey?: string; baseUrl?: string; timeoutMs?: number } = {}) =>
  new Open311HotlineApi(
    { baseUrl: fake.url, apiKey, jurisdictionId: 'lh.example', serviceCodes, timeoutMs: 2000, ...overrides },
    clock,
  );

const ticket = (overrides: Partial<TicketRequest> = {}): TicketRequest => ({
  caseId: '01KB3Z5S0X4Q6J1T8N2M7R9C0D',
  type: 'complaint',
  category: { code: 'C04', name: '市容环卫' },
  title: '小区门口的路灯坏了',
  content: '路灯已经坏了一个多月，晚上出行很不方便。',
  location: { address: '黄河路100号', latitude: 33.58, longitude: 114.02, regionCode: '411103001' },
  photos: [
    { url: 'https://bff.example/p/1', expiresAt: '2026-11-28T08:30:00.000Z' },
    { url: 'https://bff.example/p/2', expiresAt: '2026-11-28T08:30:00.000Z' },
  ],
  contact: { name: '张三', phone: '13812345678' },
  anonymous: false,
  confidential: false,
  submittedAt: '2026-11-27T08:29:00.000Z',
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<HotlineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HotlineError);
  return error as HotlineError;
}

describe('Open311HotlineApi.createTicket', () => {
  test('when a case is created, then the form carries the mapped fields and the receipt the request id', async () => {
    await expect(api().createTicket('key-1', ticket())).resolves.toEqual({
      ticketNo: 'SR00001',
      status: 'accepted',
      acceptedAt: null,
      dueAt: null,
    });
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]).toEqual({
      api_key: apiKey,
      jurisdiction_id: 'lh.example',
      service_code: '003',
      description: '小区门口的路灯坏了\n路灯已经坏了一个多月，晚上出行很不方便。\n[case:01KB3Z5S0X4Q6J1T8N2M7R9C0D]',
      lat: '33.58',
      long: '114.02',
      address_string: '黄河路100号',
      first_name: '张三',
      phone: '13812345678',
      media_url: 'https://bff.example/p/1',
      attribute: { channel: 'wechat-miniprogram', case_id: '01KB3Z5S0X4Q6J1T8N2M7R9C0D' },
    });
  });

  test('when the case is anonymous without coordinates or photos, then no contact, lat/long or media_url is sent', async () => {
    await api().createTicket(
      'key-1',
      ticket({
        type: 'praise',
        anonymous: true,
        contact: null,
        photos: [],
        location: { address: '黄河路', latitude: null, longitude: null, regionCode: null },
      }),
    );
    const form = fake.posts[0] ?? {};
    expect(form.service_code).toBe('006');
    for (const field of ['first_name', 'phone', 'lat', 'long', 'media_url']) expect(form).not.toHaveProperty(field);
  });

  test('when the answer to the POST was lost, then the retry finds the request by its case marker and creates no second one', async () => {
    fake.nextPosts.push('lose-answer');
    const first = await failure(api().createTicket('key-1', ticket()));
    expect(first.permanent).toBe(false);
    expect(fake.requests).toHaveLength(1);
    fake.update('SR00001', { expected_datetime: '2026-12-18T15:59:59.000Z' });

    clock.advance(60_000);
    await expect(api().createTicket('key-1', ticket())).resolves.toEqual({
      ticketNo: 'SR00001',
      status: 'accepted',
      acceptedAt: '2026-11-27T08:30:00.000Z',
      dueAt: '2026-12-18T15:59:59.000Z',
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.posts).toHaveLength(1);
  });

  test('when another case of the same type exists, then the lookup does not mistake it for this one', async () => {
    await api().createTicket('key-0', ticket({ caseId: '01KB3Z5S0X4Q6J1T8N2M7R9AAA' }));
    await expect(api().createTicket('key-1', ticket())).resolves.toMatchObject({ ticketNo: 'SR00002' });
    expect(fake.requests).toHaveLength(2);
  });

  test('when the endpoint answers a token, then the attempt is retryable until tokens/{token}.json gives the id', async () => {
    fake.nextPosts.push('token');
    const adapter = api();
    const first = await failure(adapter.createTicket('key-1', ticket()));
    expect(first).toMatchObject({ permanent: false, detail: { code: 'QUEUED' } });
    expect(first.message).toContain('tok-1');

    fake.resolveTokens = true;
    await expect(adapter.createTicket('key-1', ticket())).resolves.toMatchObject({ ticketNo: 'SR00001' });
    expect(fake.posts).toHaveLength(1);
    expect(fake.gets.filter((url) => url.startsWith('/tokens/tok-1.json'))).toHaveLength(2);
  });

  test('when the service code is refused (400), then the error is permanent with the endpoint code and description', async () => {
    const adapter = new Open311HotlineApi(
      { baseUrl: fake.url, apiKey, serviceCodes: { ...serviceCodes, complaint: '999' }, timeoutMs: 2000 },
      clock,
    );
    const error = await failure(adapter.createTicket('key-1', ticket()));
    expect(error).toMatchObject({ permanent: true, detail: { status: 400, code: '400' } });
    expect(error.message).toContain('service_code 999 not found');
    // The endpoint echoed the key: it is masked.
    expect(error.message).not.toContain(apiKey);
    expect(error.message).toContain('[api_key]');
  });

  test('when the endpoint fails with 500, then the error is retryable and a retry creates the request once', async () => {
    fake.nextPosts.push('fail500');
    const error = await failure(api().createTicket('key-1', ticket()));
    expect(error).toMatchObject({ permanent: false, detail: { status: 500 } });
    expect(fake.requests).toHaveLength(0);
    await expect(api().createTicket('key-1', ticket())).resolves.toMatchObject({ ticketNo: 'SR00001' });
  });

  test('when the api_key is refused (403), then the error is not permanent and does not contain the key', async () => {
    const wrongKey = 'wrong-key-that-must-stay-secret';
    const error = await failure(api({ apiKey: wrongKey }).createTicket('key-1', ticket()));
    expect(error).toMatchObject({ permanent: false, detail: { status: 403 } });
    expect(error.message).toContain('api_key');
    expect(error.message).not.toContain(wrongKey);
    expect(fake.requests).toHaveLength(0);
  });

  test('when the endpoint cannot be reached, then the error is retryable and names no key', async () => {
    const url = fake.url;
    await fake.close();
    const error = await failure(api({ baseUrl: url }).createTicket('key-1', ticket()));
    expect(error.permanent).toBe(false);
    expect(error.message).not.toContain(apiKey);
    fake = await startOpen311Fake({ apiKey, serviceCodes: [], now: () => clock.now() });
  });
});

describe('Open311HotlineApi.sendMessage', () => {
  test.each(['supplement', 'withdraw', 'rating'] as const)(
    'when a %s is sent, then a permanent error says GeoReport v2 cannot carry messages',
    async (kind) => {
      const error = await failure(
        api().sendMessage('key-1', 'SR00001', { seq: 1, kind, text: 'x', at: '2026-11-27T09:00:00.000Z' }),
      );
      expect(error.permanent).toBe(true);
      expect(error.message).toContain('Open311 GeoReport v2 cannot carry messages');
      expect(fake.posts).toHaveLength(0);
    },
  );
});

describe('Open311HotlineApi.fetchUpdates', () => {
  async function threeRequests(): Promise<void> {
    const adapter = api();
    for (const caseId of ['CASEA', 'CASEB', 'CASEC']) {
      await adapter.createTicket(`key-${caseId}`, ticket({ caseId }));
      clock.advance(1000);
    }
  }

  test('when a request is open with an agency or closed, then dispatch and close events are mapped', async () => {
    await threeRequests();
    fake.update('SR00001', {
      agency_responsible: '郾城区城市管理局',
      expected_datetime: '2026-12-18T15:59:59Z',
      updated_datetime: '2026-11-27T09:00:00Z',
    });
    fake.update('SR00002', {
      status: 'closed',
      agency_responsible: '郾城区城市管理局',
      status_notes: '已修复',
      updated_datetime: '2026-11-27T09:05:00Z',
    });
    clock.advance(3600_000);
    const page = await api().fetchUpdates(new Date('2026-11-27T08:45:00Z'), null, 100);
    expect(page.events).toEqual([
      {
        eventId: 'SR00001:dispatch:2026-11-27T09:00:00.000Z',
        ticketNo: 'SR00001',
        caseId: 'CASEA',
        sequence: expect.any(Number),
        type: 'dispatch',
        status: 'dispatched',
        unit: '郾城区城市管理局',
        text: null,
        dueAt: '2026-12-18T15:59:59.000Z',
        occurredAt: '2026-11-27T09:00:00.000Z',
        origin: 'hotline',
      },
      {
        eventId: 'SR00002:close:2026-11-27T09:05:00.000Z',
        ticketNo: 'SR00002',
        caseId: 'CASEB',
        sequence: expect.any(Number),
        type: 'close',
        status: 'closed',
        unit: '郾城区城市管理局',
        text: '已修复',
        dueAt: null,
        occurredAt: '2026-11-27T09:05:00.000Z',
        origin: 'hotline',
      },
    ]);
    const [dispatch, close] = page.events;
    expect(close!.sequence).toBeGreaterThan(dispatch!.sequence);
    expect(close!.sequence).toBeLessThan(2 ** 31);
    expect(page).toMatchObject({ next: new Date('2026-11-27T09:05:00Z'), nextAfter: close!.eventId });
    // Requested before the poll's position, so the standard start_date filter alone would have missed them.
    expect(fake.gets.at(-1)).toContain('start_date=2026-08-');
  });

  test('when the same state is polled twice, then the event ids are the same; a newer update gets a new id and a higher sequence', async () => {
    await threeRequests();
    fake.update('SR00003', { agency_responsible: '市政处', updated_datetime: '2026-11-27T09:00:00Z' });
    const since = new Date('2026-11-27T08:00:00Z');
    const first = await api().fetchUpdates(since, null, 100);
    clock.advance(60_000);
    const second = await api().fetchUpdates(since, null, 100);
    expect(second.events).toEqual(first.events);
    expect(first.events).toHaveLength(1);

    fake.update('SR00003', { status: 'closed', status_notes: '完成', updated_datetime: '2026-11-27T09:10:00Z' });
    const third = await api().fetchUpdates(since, null, 100);
    expect(third.events.map((e) => e.eventId)).toEqual(['SR00003:close:2026-11-27T09:10:00.000Z']);
    expect(third.events[0]!.sequence).toBeGreaterThan(first.events[0]!.sequence);
  });

  test('when updates share a time, then they are ordered by event id, capped to limit, and `after` continues the page', async () => {
    await threeRequests();
    for (const id of ['SR00003', 'SR00001', 'SR00002']) {
      fake.update(id, { agency_responsible: '市政处', updated_datetime: '2026-11-27T09:00:00Z' });
    }
    const since = new Date('2026-11-27T08:00:00Z');
    const first = await api().fetchUpdates(since, null, 2);
    expect(first.events.map((e) => e.ticketNo)).toEqual(['SR00001', 'SR00002']);
    expect(first.nextAfter).toBe('SR00002:dispatch:2026-11-27T09:00:00.000Z');

    const second = await api().fetchUpdates(first.next, first.nextAfter, 2);
    expect(second.events.map((e) => e.ticketNo)).toEqual(['SR00003']);
    const third = await api().fetchUpdates(second.next, second.nextAfter, 2);
    expect(third).toEqual({ events: [], next: second.next, nextAfter: second.nextAfter });
  });

  test('when a request is open without an agency, or of a service code not ours, then no event is made', async () => {
    await threeRequests();
    fake.update('SR00002', { service_code: '777', status: 'closed', updated_datetime: '2026-11-27T09:00:00Z' });
    const page = await api().fetchUpdates(new Date('2026-11-27T08:00:00Z'), null, 100);
    expect(page.events).toEqual([]);
    expect(page.next).toEqual(new Date('2026-11-27T08:00:00Z'));
  });
});
