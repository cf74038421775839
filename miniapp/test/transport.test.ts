import type { CaseSummary, CreateCaseRequest } from '@hotline/shared-types';
import { api } from '../src/services/api';
import { ApiError, send } from '../src/services/http';

interface FakeAnswer {
  statusCode: number;
  data: unknown;
}
interface TaroRequestOptions {
  url: string;
  method: string;
  data?: unknown;
  header: Record<string, string>;
}

jest.mock('@tarojs/taro', () => {
  const storage = new Map<string, unknown>();
  const login: jest.Mock<Promise<{ code: string }>, []> = jest.fn(async () => ({
    code: `code-${login.mock.calls.length}`,
  }));
  return {
    __esModule: true,
    default: {
      storage,
      login,
      request: jest.fn(),
      getNetworkType: jest.fn(async () => ({ networkType: 'wifi' })),
      getStorageSync: (key: string) => storage.get(key) ?? '',
      setStorageSync: (key: string, value: unknown) => storage.set(key, value),
      removeStorageSync: (key: string) => storage.delete(key),
    },
  };
});

/** The stand-in for Taro: requests are answered by each test, storage is an in-memory map. */
const taro = jest.requireMock<{
  default: {
    storage: Map<string, unknown>;
    login: jest.Mock<Promise<{ code: string }>, []>;
    request: jest.Mock<Promise<FakeAnswer>, [TaroRequestOptions]>;
    getNetworkType: jest.Mock<Promise<{ networkType: string }>, []>;
  };
}>('@tarojs/taro').default;
const storage = taro.storage;

const FUTURE = '2099-01-01T00:00:00.000Z';
const CASE: CaseSummary = {
  id: '01JDQ3ZB7Y6R2WJ4M6V1E8T9KX',
  type: 'help',
  category: 'C04',
  status: 'submitted',
  title: '路灯坏了',
  content: '小区门口的路灯坏了一个星期',
  ticketNo: null,
  dueAt: null,
  overdue: false,
  createdAt: FUTURE,
  updatedAt: FUTURE,
};
const REQUEST: CreateCaseRequest = {
  type: 'help',
  category: 'C04',
  content: CASE.content,
  photoIds: [],
  contact: { phone: '13800138000' },
  anonymous: false,
  confidential: false,
  privacyConsent: true,
};
const KEY = 'draft-key-0123456789';

/** A BFF that knows the tokens in `validTokens` and issues `token-<n>` per login. */
function fakeBff(validTokens: Set<string>) {
  let issued = 0;
  taro.request.mockImplementation(async ({ url, header }) => {
    if (url.endsWith('/auth/wechat-login')) {
      issued += 1;
      validTokens.add(`token-${issued}`);
      return { statusCode: 200, data: { token: `token-${issued}`, expiresAt: FUTURE, citizen: { id: 'c1' } } };
    }
    const token = header.Authorization?.replace('Bearer ', '') ?? '';
    if (!validTokens.has(token)) {
      return {
        statusCode: 401,
        data: { error: { code: 'TOKEN_INVALID', message: '登录状态无效，请重新登录', requestId: 'r' } },
      };
    }
    return { statusCode: 201, data: CASE };
  });
}

const urlsCalled = () => taro.request.mock.calls.map(([options]) => options.url);
const authorizationsSent = () =>
  taro.request.mock.calls.map(([options]) => options.header.Authorization).filter(Boolean);

beforeEach(() => {
  storage.clear();
  taro.request.mockReset();
  taro.login.mockClear();
  taro.getNetworkType.mockResolvedValue({ networkType: 'wifi' });
});

describe('send', () => {
  it('when the BFF answers an error envelope, then an ApiError carries its status, code, message and fields', async () => {
    taro.request.mockResolvedValue({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: { fields: [{ path: 'content', message: '诉求内容至少10个字' }] },
          requestId: 'req-1',
        },
      },
    });

    const error = await send({ method: 'POST', path: '/api/v1/cases', body: {} }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请检查后重试',
      fields: [{ path: 'content', message: '诉求内容至少10个字' }],
    });
  });

  it('when a proxy answers 502 with a page instead of an envelope, then the error is SERVICE_UNAVAILABLE', async () => {
    taro.request.mockResolvedValue({ statusCode: 502, data: '<html>Bad Gateway</html>' });

    await expect(send({ method: 'GET', path: '/api/v1/cases' })).rejects.toMatchObject({
      status: 502,
      code: 'SERVICE_UNAVAILABLE',
      message: '服务暂时不可用，请稍后再试',
      fields: [],
    });
  });

  it('when the request times out, then the error is TIMEOUT with status 0, after one more try', async () => {
    taro.request.mockRejectedValue({ errMsg: 'request:fail timeout' });

    await expect(send({ method: 'GET', path: '/api/v1/cases' })).rejects.toMatchObject({
      status: 0,
      code: 'TIMEOUT',
      message: '网络较慢，请求超时，请稍后重试',
    });
    expect(taro.request).toHaveBeenCalledTimes(2);
    expect(taro.request.mock.calls[0]?.[0]).toMatchObject({ timeout: 15000 });
  });

  it('when the request fails and the phone has no network, then the error says it is offline', async () => {
    taro.request.mockRejectedValue({ errMsg: 'request:fail' });
    taro.getNetworkType.mockResolvedValue({ networkType: 'none' });

    await expect(send({ method: 'GET', path: '/api/v1/cases' })).rejects.toMatchObject({
      status: 0,
      code: 'OFFLINE',
      message: '当前没有网络连接，请连接网络后重试',
    });
  });

  it('when the request fails with a network, then the error is NETWORK_FAILED', async () => {
    taro.request.mockRejectedValue({ errMsg: 'request:fail' });
    taro.getNetworkType.mockResolvedValue({ networkType: 'wifi' });

    await expect(send({ method: 'GET', path: '/api/v1/cases' })).rejects.toMatchObject({ code: 'NETWORK_FAILED' });
  });

  it('when a GET meets a 503 once, then it is tried once more and the second answer counts', async () => {
    taro.request
      .mockResolvedValueOnce({ statusCode: 503, data: '<html>busy</html>' })
      .mockResolvedValueOnce({ statusCode: 200, data: { items: [], nextCursor: null } });

    await expect(send({ method: 'GET', path: '/api/v1/cases' })).resolves.toEqual({ items: [], nextCursor: null });
    expect(taro.request).toHaveBeenCalledTimes(2);
  });

  it('when a POST without an Idempotency-Key loses its answer, then it is not sent again', async () => {
    taro.request.mockRejectedValue({ errMsg: 'request:fail' });

    await expect(send({ method: 'POST', path: '/api/v1/cases/x/withdraw', body: {} })).rejects.toMatchObject({
      status: 0,
    });
    expect(taro.request).toHaveBeenCalledTimes(1);
  });

  it('when a POST with an Idempotency-Key loses its answer, then the same request is sent once more', async () => {
    taro.request
      .mockRejectedValueOnce({ errMsg: 'request:fail' })
      .mockResolvedValueOnce({ statusCode: 200, data: CASE });

    await send({ method: 'POST', path: '/api/v1/cases', body: {}, headers: { 'Idempotency-Key': KEY } });

    expect(taro.request).toHaveBeenCalledTimes(2);
    expect(taro.request.mock.calls[1]?.[0].header['Idempotency-Key']).toBe(KEY);
  });

  it('when a 400 comes back, then nothing is retried', async () => {
    taro.request.mockResolvedValue({
      statusCode: 400,
      data: { error: { code: 'VALIDATION_FAILED', message: 'x', requestId: 'r' } },
    });

    await expect(send({ method: 'GET', path: '/api/v1/cases' })).rejects.toMatchObject({ status: 400 });
    expect(taro.request).toHaveBeenCalledTimes(1);
  });

  it('when extra headers are given, then they are sent beside the JSON headers', async () => {
    taro.request.mockResolvedValue({ statusCode: 201, data: CASE });

    await send({ method: 'POST', path: '/api/v1/cases', body: {}, headers: { 'Idempotency-Key': KEY } });

    expect(taro.request.mock.calls[0]?.[0].header).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'Idempotency-Key': KEY,
    });
  });

  it('when a query has undefined values, then they are left out of the URL', async () => {
    taro.request.mockResolvedValue({ statusCode: 200, data: { items: [], nextCursor: null } });

    await send({ method: 'GET', path: '/api/v1/cases', query: { limit: 20, cursor: undefined } });

    expect(urlsCalled()).toEqual(['/api/v1/cases?limit=20']);
  });
});

describe('api with a session', () => {
  it('when there is no session yet, then it signs in with the login code and sends the Bearer token', async () => {
    fakeBff(new Set());

    await expect(api.createCase(REQUEST, KEY)).resolves.toEqual(CASE);

    expect(urlsCalled()).toEqual(['/api/v1/auth/wechat-login', '/api/v1/cases']);
    expect(taro.request.mock.calls[0]?.[0].data).toEqual({ code: 'code-1' });
    expect(authorizationsSent()).toEqual(['Bearer token-1']);
  });

  it('when the stored token is refused with 401, then it signs in again once and retries', async () => {
    fakeBff(new Set());
    storage.set('session', { token: 'forgotten-token', expiresAt: FUTURE, citizen: { id: 'c1' } });

    await expect(api.createCase(REQUEST, KEY)).resolves.toEqual(CASE);

    expect(authorizationsSent()).toEqual(['Bearer forgotten-token', 'Bearer token-1']);
    expect(storage.get('session')).toMatchObject({ token: 'token-1' });
  });

  it('when the fresh token is refused too, then the 401 reaches the caller without another sign-in', async () => {
    taro.request.mockImplementation(async ({ url }) =>
      url.endsWith('/auth/wechat-login')
        ? { statusCode: 200, data: { token: 'token-x', expiresAt: FUTURE, citizen: { id: 'c1' } } }
        : {
            statusCode: 401,
            data: { error: { code: 'TOKEN_INVALID', message: '登录状态无效，请重新登录', requestId: 'r' } },
          },
    );
    storage.set('session', { token: 'old', expiresAt: FUTURE, citizen: { id: 'c1' } });

    await expect(api.listMyCases()).rejects.toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    expect(taro.login).toHaveBeenCalledTimes(1);
  });

  it('when the stored session has expired, then it signs in before calling', async () => {
    fakeBff(new Set(['stale']));
    storage.set('session', { token: 'stale', expiresAt: '2000-01-01T00:00:00.000Z', citizen: { id: 'c1' } });

    await api.createCase(REQUEST, KEY);

    expect(authorizationsSent()).toEqual(['Bearer token-1']);
  });

  it('when two calls start without a session, then they share one sign-in', async () => {
    fakeBff(new Set());

    await Promise.all([api.listMyCases(), api.createCase(REQUEST, KEY)]);

    expect(taro.login).toHaveBeenCalledTimes(1);
    expect(urlsCalled().filter((url) => url.endsWith('/auth/wechat-login'))).toHaveLength(1);
  });
});

describe('api endpoints', () => {
  it('when a case is created, then the draft key goes in the Idempotency-Key header with the body', async () => {
    fakeBff(new Set());

    await api.createCase(REQUEST, KEY);

    const [, create] = taro.request.mock.calls.map(([options]) => options);
    expect(create).toMatchObject({ method: 'POST', data: REQUEST, header: { 'Idempotency-Key': KEY } });
  });

  it('when my cases are filtered by status, then the statuses go comma-separated in the query', async () => {
    fakeBff(new Set());

    await api.listMyCases({ statuses: ['closed', 'rated'], limit: 20 });

    expect(urlsCalled()[1]).toBe('/api/v1/cases?status=closed%2Crated&limit=20');
  });

  it('when one case is read or withdrawn, then its id fills the path', async () => {
    fakeBff(new Set());

    await api.getMyCase(CASE.id);
    await api.withdrawMyCase(CASE.id, '已自行解决');

    expect(urlsCalled().slice(1)).toEqual([`/api/v1/cases/${CASE.id}`, `/api/v1/cases/${CASE.id}/withdraw`]);
    expect(taro.request.mock.calls[2]?.[0].data).toEqual({ reason: '已自行解决' });
  });

  it('when categories are listed, then no sign-in happens and the items are returned', async () => {
    const items = [{ code: 'C01', name: '交通出行', aliases: [], kind: 'city_category' }];
    taro.request.mockResolvedValue({ statusCode: 200, data: { items } });

    await expect(api.listCategories()).resolves.toEqual(items);

    expect(urlsCalled()).toEqual(['/api/v1/categories']);
    expect(authorizationsSent()).toEqual([]);
  });
});
