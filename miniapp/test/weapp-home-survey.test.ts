import { RATINGS, surveySchema, type Rating, type Survey } from '@hotline/shared-types';
import { API, CASE_ID, errorAnswer, fakeBff } from './fake-bff';
import { fire, renderWeappPage, textOf, waitFor, type FakeBff, type WeappPage } from './weapp-shim';

const SURVEY_TOKEN = 'survey-token-0123456789';
const SURVEY_URL = `${API}/surveys/${SURVEY_TOKEN}`;

describe('weapp home page (real build in miniprogram-simulate)', () => {
  let harness: WeappPage | undefined;

  afterEach(() => {
    harness?.page.detach();
    harness = undefined;
  });

  it('when 关怀模式 is switched on, then the page scales at once and the choice is remembered', async () => {
    harness = renderWeappPage('pages/index/index', {}, fakeBff());
    await waitFor(() => textOf(harness!, '.care-mode-row__state') === '未开启', 'the switch');
    expect(harness.page.querySelector('.care-mode')).toBeUndefined();

    await fire(harness, '.care-mode-switch', 'change', { value: true });

    await waitFor(() => harness!.page.querySelector('.page-root.care-mode'), 'care mode');
    expect(textOf(harness, '.care-mode-row__state')).toBe('已开启：大字体、大按钮');
    expect(harness.storage.get('care-mode')).toBe('on');
  });

  it('when the hotline button is tapped, then the city’s number is dialled', async () => {
    harness = renderWeappPage('pages/index/index', {}, fakeBff());
    await fire(harness, '.call-hotline', 'tap');
    await waitFor(() => harness!.phoneCalls.length > 0, 'the call');
    expect(harness.phoneCalls).toEqual(['12345']);
  });

  it('when a privacy-gated call is held on a page without a dialog, then it is refused at once instead of hanging', async () => {
    harness = renderWeappPage('pages/index/index', {}, fakeBff());
    await waitFor(() => harness!.page.querySelector('.call-hotline'), 'the page');
    const listener = await waitFor(() => harness!.privacyListener, 'the privacy listener');
    const answers: unknown[] = [];
    listener((option) => answers.push(option));
    expect(answers).toEqual([{ event: 'disagree' }]);
  });

  it('when the entries are tapped, then they open submit, my cases, 政务公开 and 我的', async () => {
    harness = renderWeappPage('pages/index/index', {}, fakeBff());
    await fire(harness, '.case-type-entry--consultation', 'tap');
    await fire(harness, '.my-cases-entry', 'tap');
    await fire(harness, '.catalog-entry', 'tap');
    await fire(harness, '.me-entry', 'tap');
    expect(harness.navigations).toEqual([
      '/pages/submit/index?type=consultation',
      '/pages/cases/index',
      '/pages/catalog/index',
      '/pages/me/index',
    ]);
  });
});

describe('weapp survey page (subpackage, opened from the subscription message link)', () => {
  let harness: WeappPage | undefined;

  afterEach(() => {
    harness?.page.detach();
    harness = undefined;
  });

  const survey = (overrides: Partial<Survey> = {}): Survey => ({
    caseId: CASE_ID,
    title: '路灯坏了',
    ticketNo: 'LH20261127000123',
    closedAt: '2026-11-30T09:00:00.000Z',
    result: '路灯已修复',
    choices: Object.entries(RATINGS).map(([value, label]) => ({ value: value as Rating, label })),
    reasons: ['办理速度慢', '问题未解决'],
    rating: null,
    changeableUntil: null,
    canRate: true,
    ...overrides,
  });

  /** GET and POST /surveys/:token as the BFF answers them; a rating given is returned with the survey. */
  function surveyBff(): FakeBff {
    const bff = fakeBff();
    let current = survey();
    return (request) => {
      if (request.url !== SURVEY_URL) return bff(request);
      if (request.method === 'POST') {
        const body = request.data as { rating: Rating; reasons: string[]; comment?: string };
        const rating = {
          value: body.rating,
          reasons: body.reasons,
          comment: body.comment ?? null,
          ratedAt: '2026-12-01T00:00:00.000Z',
        };
        current = survey({ rating, canRate: false });
      }
      return { statusCode: 200, data: current };
    };
  }

  it('when checked against the shared schema, then the survey fixture is a valid answer', () => {
    expect(surveySchema.safeParse(survey()).success).toBe(true);
  });

  it('when opened with its token, then the case shows, the rating is sent and the thanks show', async () => {
    harness = renderWeappPage('pages/survey/index', { token: SURVEY_TOKEN }, surveyBff());
    await waitFor(() => textOf(harness!, '.survey__case') === '路灯坏了', 'the survey');
    expect(textOf(harness, '.survey__result')).toBe('办理结果：路灯已修复');

    await fire(harness, '.survey-submit', 'tap');
    await waitFor(() => textOf(harness!, '.form-error') === '请选择满意程度', 'the missing rating');

    await fire(harness, '.survey-choice--basically_satisfied', 'tap');
    await fire(harness, '.survey-choice--reason', 'tap');
    await fire(harness, '.survey__comment', 'input', { value: '希望再快一些' });
    await waitFor(() => harness!.page.querySelectorAll('.survey-choice--chosen').length === 2, 'both choices');
    await fire(harness, '.survey-submit', 'tap');

    await waitFor(() => textOf(harness!, '.survey__done') === '感谢您的评价：基本满意', 'the thanks');
    const sent = harness.requests.find((request) => request.url === SURVEY_URL && request.method === 'POST');
    expect(sent?.data).toEqual({ rating: 'basically_satisfied', reasons: ['办理速度慢'], comment: '希望再快一些' });
  });

  it('when opened from a case, then the case’s survey is read and rated by the case id', async () => {
    const bff = fakeBff();
    const caseSurvey = `${API}/cases/${CASE_ID}/survey`;
    harness = renderWeappPage('pages/survey/index', { caseId: CASE_ID }, (request) =>
      request.url === caseSurvey ? { statusCode: 200, data: survey() } : bff(request),
    );
    await waitFor(() => textOf(harness!, '.survey__case'), 'the survey');
    await fire(harness, '.survey-choice--satisfied', 'tap');
    await waitFor(() => harness!.page.querySelector('.survey-choice--chosen'), 'the choice');
    await fire(harness, '.survey-submit', 'tap');
    await waitFor(
      () => harness!.requests.some((request) => request.url === caseSurvey && request.method === 'POST'),
      'the rating',
    );
  });

  it('when the link was used already, then the BFF’s words show', async () => {
    const bff = fakeBff();
    harness = renderWeappPage('pages/survey/index', { token: SURVEY_TOKEN }, (request) =>
      request.url === SURVEY_URL
        ? errorAnswer(409, 'SURVEY_USED', '该评价链接已使用，如需修改请在诉求详情中操作')
        : bff(request),
    );
    const message = await waitFor(() => textOf(harness!, '.survey__error'), 'the message');
    expect(message).toBe('该评价链接已使用，如需修改请在诉求详情中操作');
  });

  it('when the link has no token, then the page says so without asking the BFF', async () => {
    harness = renderWeappPage('pages/survey/index', {}, fakeBff());
    const message = await waitFor(() => textOf(harness!, '.survey__error'), 'the message');
    expect(message).toBe('评价链接不完整，请从通知重新打开');
  });
});
