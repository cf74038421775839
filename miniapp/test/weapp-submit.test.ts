import { CONTENT_MIN_CHARS } from '@hotline/shared-types';
import { renderWeappPage, waitFor, type FakeBff, type RecordedRequest, type WeappPage } from './weapp-shim';

const SUBMIT_PAGE = 'pages/submit/index';
const CASES_URL = 'http://127.0.0.1:3000/api/v1/cases';
const LOGIN_URL = 'http://127.0.0.1:3000/api/v1/auth/wechat-login';
const VALID_CONTENT = '小区门口的路灯坏了一个星期，晚上出行很危险';

const NOW = '2026-11-27T08:00:00.000Z';

/** Answers like the BFF: a session for any login code, the created case for a POST. */
const bff: FakeBff = (request) => {
  if (request.url === LOGIN_URL) {
    return {
      statusCode: 200,
      data: { token: 'token-from-bff', expiresAt: '2099-01-01T00:00:00.000Z', citizen: { id: 'citizen-1' } },
    };
  }
  if (request.url === CASES_URL && request.method === 'POST') {
    const body = request.data as { type: string; content: string };
    return {
      statusCode: 201,
      data: {
        id: '01JDQ3ZB7Y6R2WJ4M6V1E8T9KX',
        type: body.type,
        status: 'submitted',
        title: body.content.slice(0, 20),
        content: body.content,
        createdAt: NOW,
        updatedAt: NOW,
      },
    };
  }
  return { statusCode: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', requestId: 'r' } } };
};

function textOf(harness: WeappPage, selector: string): string | undefined {
  return harness.page.querySelector(selector)?.dom.textContent ?? undefined;
}

async function typeContent(harness: WeappPage, content: string): Promise<void> {
  const textarea = await waitFor(() => harness.page.querySelector('.content-input'), 'the content textarea');
  textarea.dispatchEvent('input', { detail: { value: content, cursor: content.length } });
}

async function tapSubmit(harness: WeappPage): Promise<void> {
  const button = await waitFor(() => harness.page.querySelector('.submit-button'), 'the submit button');
  button.dispatchEvent('tap');
}

const caseRequests = (harness: WeappPage): RecordedRequest[] =>
  harness.requests.filter((request) => request.url === CASES_URL);

describe('weapp submit page (real build in miniprogram-simulate)', () => {
  let harness: WeappPage | undefined;

  afterEach(() => {
    harness?.page.detach();
    harness = undefined;
  });

  it('when opened with ?type=complaint, then 投诉 is the selected type', async () => {
    harness = renderWeappPage(SUBMIT_PAGE, { type: 'complaint' }, bff);
    const active = await waitFor(() => textOf(harness!, '.type-option--active'), 'the selected type');
    expect(active).toBe('投诉');
  });

  it('when emoji are typed, then the counter counts each one as one character', async () => {
    harness = renderWeappPage(SUBMIT_PAGE, {}, bff);
    await typeContent(harness, '路灯坏了👍🏮');
    await waitFor(() => textOf(harness!, '.content-count') === '6/2000', 'the counter to show 6/2000');
  });

  it('when a valid complaint is submitted, then it is POSTed with the Bearer token and the list page opens', async () => {
    harness = renderWeappPage(SUBMIT_PAGE, { type: 'complaint' }, bff);
    await typeContent(harness, VALID_CONTENT);
    await waitFor(() => textOf(harness!, '.content-count') === `${[...VALID_CONTENT].length}/2000`, 'the counter');

    await tapSubmit(harness);

    const [created] = await waitFor(() => caseRequests(harness!).length > 0 && caseRequests(harness!), 'POST /cases');
    expect(created).toMatchObject({
      method: 'POST',
      data: { type: 'complaint', content: VALID_CONTENT },
      header: expect.objectContaining({ Authorization: 'Bearer token-from-bff' }),
    });
    const login = harness.requests.find((request) => request.url === LOGIN_URL);
    expect(login?.data).toEqual({ code: 'weapp-test-code' });
    await waitFor(() => harness!.redirects.length > 0, 'the redirect to the list');
    expect(harness.redirects).toEqual(['/pages/cases/index']);
    expect(harness.toasts).toEqual(['提交成功']);
  });

  it('when the content is too short, then the schema message shows under the field and nothing is sent', async () => {
    harness = renderWeappPage(SUBMIT_PAGE, {}, bff);
    await typeContent(harness, '路灯坏了');
    await waitFor(() => textOf(harness!, '.content-count') === '4/2000', 'the counter');

    await tapSubmit(harness);

    const message = await waitFor(() => textOf(harness!, '.field-error--content'), 'the content error');
    expect(message).toBe(`诉求内容至少${CONTENT_MIN_CHARS}个字`);
    expect(harness.requests).toEqual([]);
    expect(harness.redirects).toEqual([]);
  });

  it('when the BFF refuses the case, then its envelope message shows and the page stays', async () => {
    const refusing: FakeBff = (request) =>
      request.url === CASES_URL
        ? {
            statusCode: 429,
            data: { error: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试', requestId: 'req-1' } },
          }
        : bff(request);
    harness = renderWeappPage(SUBMIT_PAGE, {}, refusing);
    await typeContent(harness, VALID_CONTENT);
    await waitFor(() => textOf(harness!, '.content-count') !== '0/2000', 'the counter');

    await tapSubmit(harness);

    const message = await waitFor(() => textOf(harness!, '.form-error'), 'the form error');
    expect(message).toBe('操作太频繁，请稍后再试');
    expect(harness.redirects).toEqual([]);
  });
});
