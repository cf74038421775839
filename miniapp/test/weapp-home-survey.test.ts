import { API, fakeBff } from './fake-bff';
import { fire, renderWeappPage, textOf, waitFor, type FakeBff, type WeappPage } from './weapp-shim';

const SURVEY_URL = `${API}/surveys/tok-1`;

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

  it('when the entries are tapped, then they open submit, my cases and 政务公开', async () => {
    harness = renderWeappPage('pages/index/index', {}, fakeBff());
    await fire(harness, '.case-type-entry--consultation', 'tap');
    await fire(harness, '.my-cases-entry', 'tap');
    await fire(harness, '.catalog-entry', 'tap');
    expect(harness.navigations).toEqual([
      '/pages/submit/index?type=consultation',
      '/pages/cases/index',
      '/pages/catalog/index',
    ]);
  });
});

describe('weapp survey page (subpackage, opened from the subscription message link)', () => {
  let harness: WeappPage | undefined;

  afterEach(() => {
    harness?.page.detach();
    harness = undefined;
  });

  /** The survey endpoints as this client expects them from the notify work (services/notify.ts). */
  function surveyBff(): FakeBff {
    const bff = fakeBff();
    let state = 'open';
    return (request) => {
      if (request.url !== SURVEY_URL) return bff(request);
      if (request.method === 'POST') state = 'answered';
      return { statusCode: 200, data: { token: 'tok-1', caseId: 'c1', caseTitle: '路灯坏了', state } };
    };
  }

  it('when opened with its token, then the answers are sent and the thanks show', async () => {
    harness = renderWeappPage('pages/survey/index', { token: 'tok-1' }, surveyBff());
    await waitFor(() => textOf(harness!, '.survey__case') === '路灯坏了', 'the survey');

    await fire(harness, '.survey-submit', 'tap');
    await waitFor(() => textOf(harness!, '.form-error') === '请选择满意程度和问题是否解决', 'the missing answers');

    await fire(harness, '.survey-choice--satisfied', 'tap');
    await fire(harness, '.survey-choice--resolved', 'tap');
    await fire(harness, '.survey__comment', 'input', { value: '处理很快' });
    await waitFor(() => harness!.page.querySelectorAll('.survey-choice--chosen').length === 2, 'both choices');
    await fire(harness, '.survey-submit', 'tap');

    await waitFor(() => textOf(harness!, '.survey__done') === '感谢您的评价！', 'the thanks');
    const sent = harness.requests.find((request) => request.url === SURVEY_URL && request.method === 'POST');
    expect(sent?.data).toEqual({ satisfaction: 'satisfied', resolved: true, comment: '处理很快' });
  });

  it('when the BFF has no survey endpoint yet, then the page says the survey is not open', async () => {
    harness = renderWeappPage('pages/survey/index', { token: 'tok-1' }, fakeBff());
    const message = await waitFor(() => textOf(harness!, '.survey__error'), 'the message');
    expect(message).toBe('该问卷暂未开放，请稍后再试');
  });

  it('when the link has no token, then the page says so without asking the BFF', async () => {
    harness = renderWeappPage('pages/survey/index', {}, fakeBff());
    const message = await waitFor(() => textOf(harness!, '.survey__error'), 'the message');
    expect(message).toBe('问卷链接不完整，请从通知重新打开');
  });
});
