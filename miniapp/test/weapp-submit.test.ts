import { CONTENT_MIN_CHARS, idempotencyKeySchema, type CreateCaseRequest } from '@hotline/shared-types';
import {
  CASE_ID,
  CASES_URL,
  CATEGORIES_URL,
  LOGIN_URL,
  PHOTO_IDS,
  SUBSCRIPTIONS_URL,
  SUGGEST_URL,
  TEMPLATES_URL,
  UPLOAD_URL,
  errorAnswer,
  fakeBff,
} from './fake-bff';
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

describe('weapp submit page: photos, place, phone, privacy, notices and suggestions', () => {
  let harness: WeappPage | undefined;

  afterEach(() => {
    harness?.page.detach();
    harness = undefined;
  });

  const createdBody = async (page: WeappPage) => {
    const [created] = await waitFor(() => caseRequests(page).length > 0 && caseRequests(page), 'POST /cases');
    return created?.data as CreateCaseRequest;
  };

  it('when two photos are chosen, then each is compressed, uploaded with progress, and one can be removed', async () => {
    harness = open(fakeBff(), {}, { device: { chosenImages: ['wxfile://a.jpg', 'wxfile://b.jpg'] } });

    await fire(harness, '.photo-add', 'tap');
    await waitFor(() => textOf(harness!, '.photo__progress') === '上传中 50%', 'the upload progress');
    await waitFor(() => harness!.page.querySelectorAll('.photo--done').length === 2, 'two uploaded photos');
    const uploads = harness.requests.filter((request) => request.url === UPLOAD_URL);
    expect(uploads.map((upload) => upload.data)).toEqual([
      { file: 'wxfile://a.jpg.compressed.jpg' },
      { file: 'wxfile://b.jpg.compressed.jpg' },
    ]);
    expect(uploads[0]?.header).toMatchObject({ Authorization: 'Bearer token-from-bff' });
    expect(textOf(harness, '.photos__count')).toBe('2/9');

    await fire(harness, '.photo__remove', 'tap');
    await waitFor(() => textOf(harness!, '.photos__count') === '1/9', 'one photo left');
    await fillValidForm(harness);
    await tapSubmit(harness);

    expect((await createdBody(harness)).photoIds).toEqual([PHOTO_IDS[1]]);
  });

  it('when an upload is refused, then the photo says why and a tap uploads it again', async () => {
    const bff = fakeBff();
    let refuse = true;
    harness = open(
      (request) =>
        request.url === UPLOAD_URL && refuse ? errorAnswer(413, 'PAYLOAD_TOO_LARGE', '照片太大') : bff(request),
      {},
      { device: { chosenImages: ['wxfile://big.jpg'] } },
    );

    await fire(harness, '.photo-add', 'tap');
    const message = await waitFor(() => textOf(harness!, '.photo__failed'), 'the upload failure');
    expect(message).toBe('照片太大，点击重试');

    refuse = false;
    await fire(harness, '.photo__failed', 'tap');
    await waitFor(() => harness!.page.querySelector('.photo--done'), 'the uploaded photo');
  });

  it('when submit is tapped while a photo is still uploading, then it waits and says so by the photos', async () => {
    harness = open(fakeBff(), {}, { device: { chosenImages: ['wxfile://a.jpg'] } });
    await fillValidForm(harness);
    await fire(harness, '.photo-add', 'tap');
    await waitFor(() => harness!.page.querySelector('.photo--uploading'), 'the upload to start');

    await tapSubmit(harness);

    const message = await waitFor(() => textOf(harness!, '.field-error--photos'), 'the photos message');
    expect(message).toBe('照片还在上传，请稍候再提交');
    expect(caseRequests(harness)).toEqual([]);
  });

  it('when the place is picked on the map, then its address and position are sent', async () => {
    const place = { name: '沙澧河风景区', address: '河南省漯河市源汇区', latitude: 33.58, longitude: 114.01 };
    harness = open(fakeBff(), {}, { device: { location: place } });

    await fire(harness, '.location__pick', 'tap');
    await waitFor(() => textOf(harness!, '.location__pick') === '已在地图上选点，重新选择', 'the picked place');
    await fillValidForm(harness);
    await tapSubmit(harness);

    expect((await createdBody(harness)).location).toEqual({
      address: '河南省漯河市源汇区 沙澧河风景区',
      latitude: 33.58,
      longitude: 114.01,
    });
  });

  it('when WeChat’s phone button gives a code, then the code is sent instead of a typed number', async () => {
    harness = open();
    await chooseCategory(harness);
    await typeContent(harness, VALID_CONTENT);
    await tickConsent(harness);

    await fire(harness, '.phone-button', 'getphonenumber', { code: 'phone-code-1', errMsg: 'getPhoneNumber:ok' });
    await waitFor(() => textOf(harness!, '.phone-wechat__text'), 'the WeChat phone note');
    await tapSubmit(harness);

    expect((await createdBody(harness)).contact).toEqual({ phoneCode: 'phone-code-1' });
  });

  it('when the BFF says the phone code is spent, then the message shows by the phone and the input returns', async () => {
    const bff = fakeBff();
    harness = open((request) =>
      request.url === CASES_URL && request.method === 'POST'
        ? errorAnswer(400, 'PHONE_CODE_INVALID', '获取手机号失败，请重新授权或手动填写')
        : bff(request),
    );
    await chooseCategory(harness);
    await typeContent(harness, VALID_CONTENT);
    await tickConsent(harness);
    await fire(harness, '.phone-button', 'getphonenumber', { code: 'old-code' });
    await waitFor(() => textOf(harness!, '.phone-wechat__text'), 'the WeChat phone note');

    await tapSubmit(harness);

    const message = await waitFor(() => textOf(harness!, '.field-error--phone'), 'the phone error');
    expect(message).toBe('获取手机号失败，请重新授权或手动填写');
    await waitFor(() => harness!.page.querySelector('.phone-input'), 'the phone input again');
    expect(textOf(harness, '.form-error')).toBeUndefined();
  });

  it('when the content is refused as risky, then the message shows by the content', async () => {
    const bff = fakeBff();
    harness = open((request) =>
      request.url === CASES_URL && request.method === 'POST'
        ? errorAnswer(400, 'CONTENT_RISKY', '内容可能含有违规信息，请修改后再提交')
        : bff(request),
    );
    await fillValidForm(harness);
    await tapSubmit(harness);

    const message = await waitFor(() => textOf(harness!, '.field-error--content'), 'the content error');
    expect(message).toBe('内容可能含有违规信息，请修改后再提交');
  });

  it('when WeChat holds a privacy-gated call, then the page explains and 同意 lets it go on', async () => {
    harness = open();
    // A gated call comes from a tap, so after the page is on screen.
    await waitFor(() => harness!.page.querySelector('.submit-button'), 'the page');
    const listener = await waitFor(() => harness!.privacyListener, 'the privacy listener');
    const answers: unknown[] = [];

    listener((option) => answers.push(option));
    await waitFor(() => harness!.page.querySelector('.privacy-dialog'), 'the privacy dialog');
    await fire(harness, '.privacy-agree', 'agreeprivacyauthorization');

    await waitFor(() => !harness!.page.querySelector('.privacy-dialog'), 'the dialog to close');
    expect(answers).toEqual([
      { event: 'exposureAuthorization' },
      { event: 'agree', buttonId: 'agree-privacy-authorization' },
    ]);
  });

  it('when 拒绝 is tapped in the privacy dialog, then the held call is refused', async () => {
    harness = open();
    // A gated call comes from a tap, so after the page is on screen.
    await waitFor(() => harness!.page.querySelector('.submit-button'), 'the page');
    const listener = await waitFor(() => harness!.privacyListener, 'the privacy listener');
    const answers: unknown[] = [];
    listener((option) => answers.push(option));
    await fire(harness, '.privacy-disagree', 'tap');

    await waitFor(() => answers.length === 2, 'the answer');
    expect(answers[1]).toEqual({ event: 'disagree' });
  });

  it('when a valid case is submitted, then the BFF’s three notices are asked for on the tap and the answers reported', async () => {
    const answer = { 'tmpl-accepted': 'accept', 'tmpl-result': 'reject', 'tmpl-survey': 'accept' };
    harness = open(fakeBff(), {}, { device: { subscribeAnswer: answer } });
    await waitFor(() => harness!.requests.some((request) => request.url === TEMPLATES_URL), 'the templates');
    await fillValidForm(harness);

    await tapSubmit(harness);

    await waitFor(() => harness!.redirects.length > 0, 'the redirect');
    expect(harness.subscribeRequests).toEqual([['tmpl-accepted', 'tmpl-result', 'tmpl-survey']]);
    const report = await waitFor(
      () => harness!.requests.find((request) => request.url === SUBSCRIPTIONS_URL),
      'the report',
    );
    expect(report.data).toEqual({
      caseId: CASE_ID,
      results: [
        { templateId: 'tmpl-accepted', result: 'accept' },
        { templateId: 'tmpl-result', result: 'reject' },
        { templateId: 'tmpl-survey', result: 'accept' },
      ],
    });
    expect(report.header).toMatchObject({ Authorization: 'Bearer token-from-bff' });
  });

  it('when a landline with its area code is typed, then it is taken as the phone and sent as typed', async () => {
    harness = open();
    await chooseCategory(harness);
    await typeContent(harness, VALID_CONTENT);
    await typeInto(harness, '.phone-input', '0395-3123456');
    await tickConsent(harness);
    await tapSubmit(harness);

    const sent = await waitFor(
      () => harness!.requests.find((request) => request.url === CASES_URL && request.method === 'POST'),
      'the case',
    );
    expect((sent.data as { contact?: { phone?: string } }).contact?.phone).toBe('0395-3123456');
  });

  it('when 提交 is tapped, then the notices are asked for within the tap itself, before anything is awaited', async () => {
    harness = open();
    await waitFor(() => harness!.requests.some((request) => request.url === TEMPLATES_URL), 'the templates');
    await fillValidForm(harness);
    const button = await waitFor(() => harness!.page.querySelector('.submit-button'), 'the button');

    // Counted by the first timer after the tap: what the tap's own tick (its microtasks included) asked for.
    let askedWithinTheTap: number | undefined;
    setTimeout(() => {
      askedWithinTheTap = harness!.subscribeRequests.length;
    }, 0);
    button.dispatchEvent('tap');

    await waitFor(() => askedWithinTheTap !== undefined, 'the next tick');
    expect(askedWithinTheTap).toBe(1);
    await waitFor(() => harness!.redirects.length > 0, 'the redirect');
  });

  it('when the BFF’s templates cannot be loaded, then the build’s ids are asked for instead', async () => {
    const bff = fakeBff();
    harness = open((request) =>
      request.url === TEMPLATES_URL ? errorAnswer(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用') : bff(request),
    );
    await fillValidForm(harness);
    await tapSubmit(harness);
    await waitFor(() => harness!.redirects.length > 0, 'the redirect');
    expect(harness.subscribeRequests).toEqual([['demo-case-progress', 'demo-case-reply', 'demo-case-survey']]);
  });

  it('when the form is not valid, then no notices are asked for', async () => {
    harness = open();
    await tapSubmit(harness);
    await waitFor(() => textOf(harness!, '.field-error--content'), 'the content error');
    expect(harness.subscribeRequests).toEqual([]);
  });

  it('when a consultation is typed, then matching catalog items are offered and open the item', async () => {
    const bff = fakeBff();
    const suggestion = {
      region: { code: '411100', name: '漯河市' },
      key: '411100.0001',
      areaCode: 'A19',
      areaName: '社会救助',
      name: '最低生活保障 / 低保审批结果',
      score: 0.9,
    };
    harness = open(
      (request) =>
        request.url === SUGGEST_URL ? { statusCode: 200, data: { items: [suggestion], sample: true } } : bff(request),
      { type: 'consultation' },
    );

    await typeContent(harness, '请问低保怎么申请，需要什么材料');
    const title = await waitFor(() => textOf(harness!, '.suggestions__title'), 'the suggestions');
    expect(title).toBe('这些公开信息或许能解答您的问题');
    expect(textOf(harness, '.suggestion__name')).toBe('最低生活保障 / 低保审批结果');
    const asked = harness.requests.find((request) => request.url === SUGGEST_URL);
    expect(asked?.data).toEqual({ text: '请问低保怎么申请，需要什么材料', limit: 3 });

    await fire(harness, '.suggestion', 'tap');
    expect(harness.navigations).toEqual(['/pages/catalog/item?region=411100&key=411100.0001']);
  });

  it('when WeChat’s font size is large, then the page opens in care mode; a stored “off” wins', async () => {
    harness = open(fakeBff(), {}, { device: { fontSizeSetting: 20 } });
    await waitFor(() => harness!.page.querySelector('.page-root.care-mode'), 'care mode');
    harness.page.detach();

    harness = open(fakeBff(), {}, { device: { fontSizeSetting: 20 }, storage: { 'care-mode': 'off' } });
    await waitFor(() => harness!.page.querySelector('.page-root'), 'the page');
    expect(harness.page.querySelector('.care-mode')).toBeUndefined();
  });
});
