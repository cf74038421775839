import { CONTENT_MIN_CHARS, idempotencyKeySchema, type CreateCaseRequest } from '@hotline/shared-types';
import { CASE_ID, CASES_URL, CATEGORIES_URL, LOGIN_URL, errorAnswer, fakeBff } from './fake-bff';
import {
  fire,
  renderWeappPage,
  textOf,
  waitFor,
  type FakeBff,
  type RecordedRequest,
  type RenderOptions,
  type WeappPage,
} from './weapp-shim';

const SUBMIT_PAGE = 'pages/submit/index';
const DRAFT_KEY = 'case-draft';
const VALID_CONTENT = '小区门口的路灯坏了一个星期，晚上出行很危险';
const PHONE = '13800138000';

const caseRequests = (harness: WeappPage): RecordedRequest[] =>
  harness.requests.filter((request) => request.url === CASES_URL && request.method === 'POST');

async function typeInto(harness: WeappPage, selector: string, value: string): Promise<void> {
  await fire(harness, selector, 'input', { value, cursor: value.length });
}

async function typeContent(harness: WeappPage, content: string): Promise<void> {
  await typeInto(harness, '.content-input', content);
  const expected = `${Array.from(content).length}/2000`;
  await waitFor(() => textOf(harness, '.content-count') === expected, `the counter to show ${expected}`);
}

/** 市容环卫 is the second entry: the city's own categories are listed before the disclosure areas. */
async function chooseCategory(harness: WeappPage): Promise<void> {
  await fire(harness, '.category-picker', 'change', { value: 1 });
  await waitFor(() => textOf(harness, '.category-picker__value') === '市容环卫', 'the chosen category');
}

async function tickConsent(harness: WeappPage): Promise<void> {
  await fire(harness, '.consent-group', 'change', { value: ['agree'] });
}

async function fillValidForm(harness: WeappPage): Promise<void> {
  await chooseCategory(harness);
  await typeContent(harness, VALID_CONTENT);
  await typeInto(harness, '.phone-input', PHONE);
  await tickConsent(harness);
}

async function tapSubmit(harness: WeappPage): Promise<void> {
  await fire(harness, '.submit-button', 'tap');
}

function open(bff: FakeBff = fakeBff(), query: Record<string, string> = {}, options: RenderOptions = {}) {
  return renderWeappPage(SUBMIT_PAGE, query, bff, options);
}

describe('weapp submit page (real build in miniprogram-simulate)', () => {
  let harness: WeappPage | undefined;

  afterEach(() => {
    harness?.page.detach();
    harness = undefined;
  });

  it('when opened with ?type=complaint, then 投诉 is the selected type', async () => {
    harness = open(fakeBff(), { type: 'complaint' });
    const active = await waitFor(() => textOf(harness!, '.type-option--active'), 'the selected type');
    expect(active).toBe('投诉');
  });

  it('when emoji are typed, then the counter counts each one as one character', async () => {
    harness = open();
    await typeInto(harness, '.content-input', '路灯坏了👍🏮');
    await waitFor(() => textOf(harness!, '.content-count') === '6/2000', 'the counter to show 6/2000');
  });

  it('when the categories cannot be loaded, then the picker says so and a tap loads them again', async () => {
    let failing = true;
    const bff = fakeBff();
    harness = open((request) =>
      request.url === CATEGORIES_URL && failing
        ? errorAnswer(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用')
        : bff(request),
    );
    const message = await waitFor(() => textOf(harness!, '.category-picker__error'), 'the category error');
    expect(message).toBe('服务暂时不可用，点击重试');

    failing = false;
    await fire(harness, '.category-picker__failed', 'tap');

    await waitFor(() => textOf(harness!, '.category-picker__value') === '请选择诉求分类', 'the picker');
  });

  it('when a valid complaint is submitted, then the full body goes with the draft key and the case opens', async () => {
    harness = open(fakeBff(), { type: 'complaint' });
    await fillValidForm(harness);
    await typeInto(harness, '.address-input', '沙澧河风景区西段');
    await typeInto(harness, '.contact-name-input', '张三');

    await tapSubmit(harness);

    const [created] = await waitFor(() => caseRequests(harness!).length > 0 && caseRequests(harness!), 'POST /cases');
    const body: CreateCaseRequest = {
      type: 'complaint',
      category: 'C04',
      content: VALID_CONTENT,
      location: { address: '沙澧河风景区西段' },
      photoIds: [],
      contact: { name: '张三', phone: PHONE },
      anonymous: false,
      confidential: false,
      privacyConsent: true,
    };
    expect(created?.data).toEqual(body);
    expect(created?.header).toMatchObject({ Authorization: 'Bearer token-from-bff' });
    expect(idempotencyKeySchema.safeParse(created?.header['Idempotency-Key']).success).toBe(true);
    expect(harness.requests.find((request) => request.url === LOGIN_URL)?.data).toEqual({ code: 'weapp-test-code' });
    await waitFor(() => harness!.redirects.length > 0, 'the redirect to the case');
    expect(harness.redirects).toEqual([`/pages/detail/index?id=${CASE_ID}`]);
    expect(harness.toasts).toEqual(['提交成功']);
    expect(harness.storage.has(DRAFT_KEY)).toBe(false);
  });

  it('when one answer is lost, then the transport sends the draft again by itself under the same key', async () => {
    const bff = fakeBff();
    let drops = 1;
    harness = open((request) => {
      if (request.url === CASES_URL && drops > 0) {
        drops -= 1;
        return { networkError: 'timeout' };
      }
      return bff(request);
    });
    await fillValidForm(harness);

    await tapSubmit(harness);

    await waitFor(() => harness!.redirects.length > 0, 'the redirect after the automatic retry');
    const [first, retry] = caseRequests(harness);
    expect(retry?.header['Idempotency-Key']).toBe(first?.header['Idempotency-Key']);
    expect(harness.toasts).toEqual(['提交成功']);
  });

  it('when the network stays down, then the timeout is shown and the citizen’s retry sends the same key', async () => {
    const bff = fakeBff();
    let drops = 2;
    harness = open((request) => {
      if (request.url === CASES_URL && drops > 0) {
        drops -= 1;
        return { networkError: 'timeout' };
      }
      return bff(request);
    });
    await fillValidForm(harness);

    await tapSubmit(harness);
    const message = await waitFor(() => textOf(harness!, '.form-error'), 'the network error');
    expect(message).toBe('网络较慢，请求超时，请稍后重试');
    expect(harness.redirects).toEqual([]);
    await tapSubmit(harness);

    await waitFor(() => harness!.redirects.length > 0, 'the redirect after the retry');
    const keys = new Set(caseRequests(harness).map((request) => request.header['Idempotency-Key']));
    expect(caseRequests(harness)).toHaveLength(3);
    expect(keys.size).toBe(1);
  });

  it('when submit is tapped twice at once, then one request is sent', async () => {
    harness = open();
    await fillValidForm(harness);

    await tapSubmit(harness);
    await tapSubmit(harness);

    await waitFor(() => harness!.redirects.length > 0, 'the redirect');
    expect(caseRequests(harness)).toHaveLength(1);
  });

  it('when consent and phone are missing, then the schema messages show by those fields and nothing is sent', async () => {
    harness = open();
    await chooseCategory(harness);
    await typeContent(harness, VALID_CONTENT);

    await tapSubmit(harness);

    const phone = await waitFor(() => textOf(harness!, '.field-error--phone'), 'the phone error');
    expect(phone).toBe('请填写联系电话，或选择匿名提交');
    expect(textOf(harness, '.field-error--privacyConsent')).toBe('请阅读并同意隐私保护指引');
    expect(textOf(harness, '.field-error--content')).toBeUndefined();
    expect(caseRequests(harness)).toEqual([]);
    expect(harness.redirects).toEqual([]);
  });

  it('when the content is too short and no category is chosen, then both messages show and nothing is sent', async () => {
    harness = open();
    await typeContent(harness, '路灯坏了');
    await typeInto(harness, '.phone-input', PHONE);
    await tickConsent(harness);

    await tapSubmit(harness);

    const message = await waitFor(() => textOf(harness!, '.field-error--content'), 'the content error');
    expect(message).toBe(`诉求内容至少${CONTENT_MIN_CHARS}个字`);
    expect(textOf(harness, '.field-error--category')).toBe('请选择诉求分类');
    expect(caseRequests(harness)).toEqual([]);
  });

  it('when 匿名提交 is switched on, then the contact fields go away and no contact is sent', async () => {
    harness = open();
    await chooseCategory(harness);
    await typeContent(harness, VALID_CONTENT);
    await tickConsent(harness);

    await fire(harness, '.anonymous-switch', 'change', { value: true });
    await waitFor(() => !harness!.page.querySelector('.phone-input'), 'the phone input to go away');
    await fire(harness, '.confidential-switch', 'change', { value: true });
    await tapSubmit(harness);

    const [created] = await waitFor(() => caseRequests(harness!).length > 0 && caseRequests(harness!), 'POST /cases');
    expect(created?.data).toMatchObject({ anonymous: true, confidential: true, privacyConsent: true });
    expect(created?.data).not.toHaveProperty('contact');
  });

  it('when the BFF refuses a field, then its message shows by that field and the envelope message above submit', async () => {
    const bff = fakeBff();
    harness = open((request) =>
      request.url === CASES_URL
        ? errorAnswer(400, 'VALIDATION_FAILED', '提交的内容有误，请检查后重试', [
            { path: 'contact.phone', message: '该号码无法接听，请换一个' },
          ])
        : bff(request),
    );
    await fillValidForm(harness);

    await tapSubmit(harness);

    const message = await waitFor(() => textOf(harness!, '.field-error--phone'), 'the phone error');
    expect(message).toBe('该号码无法接听，请换一个');
    expect(textOf(harness, '.form-error')).toBe('提交的内容有误，请检查后重试');
    expect(harness.redirects).toEqual([]);
  });

  it('when the BFF answers RATE_LIMITED, then its envelope message shows and the page stays', async () => {
    const bff = fakeBff();
    harness = open((request) =>
      request.url === CASES_URL ? errorAnswer(429, 'RATE_LIMITED', '操作太频繁，请稍后再试') : bff(request),
    );
    await fillValidForm(harness);

    await tapSubmit(harness);

    const message = await waitFor(() => textOf(harness!, '.form-error'), 'the form error');
    expect(message).toBe('操作太频繁，请稍后再试');
    expect(harness.redirects).toEqual([]);
  });

  it('when the citizen types, then the draft and its key are kept in storage', async () => {
    harness = open();
    await chooseCategory(harness);
    await typeContent(harness, VALID_CONTENT);

    const draft = await waitFor(
      () =>
        (harness!.storage.get(DRAFT_KEY) as { content?: string } | undefined)?.content === VALID_CONTENT &&
        (harness!.storage.get(DRAFT_KEY) as Record<string, unknown>),
      'the saved draft',
    );
    expect(draft).toMatchObject({ category: 'C04', content: VALID_CONTENT, privacyConsent: false });
    expect(idempotencyKeySchema.safeParse(draft.idempotencyKey).success).toBe(true);
  });

  it('when a draft was left earlier, then the page shows it and submits it under its key', async () => {
    const draft = {
      type: 'help',
      category: 'C01',
      content: VALID_CONTENT,
      address: '',
      contactName: '',
      phone: PHONE,
      anonymous: false,
      confidential: true,
      privacyConsent: true,
      idempotencyKey: 'left-earlier-0123456789',
    };
    harness = open(fakeBff(), {}, { storage: { [DRAFT_KEY]: draft } });

    await waitFor(() => textOf(harness!, '.category-picker__value') === '交通出行', 'the restored category');
    expect(textOf(harness, '.type-option--active')).toBe('求助');
    await tapSubmit(harness);

    const [created] = await waitFor(() => caseRequests(harness!).length > 0 && caseRequests(harness!), 'POST /cases');
    expect(created?.header['Idempotency-Key']).toBe('left-earlier-0123456789');
    expect(created?.data).toMatchObject({ type: 'help', category: 'C01', content: VALID_CONTENT, confidential: true });
  });
});
