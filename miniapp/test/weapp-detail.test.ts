import { API, CASE_ID, CASES_URL, SUBSCRIPTIONS_URL, fakeBff, recordedCase, submittedCase } from './fake-bff';
import { fire, renderWeappPage, textOf, waitFor, type WeappPage } from './weapp-shim';

const DETAIL_PAGE = 'pages/detail/index';

function textsOf(harness: WeappPage, selector: string): string[] {
  return harness.page.querySelectorAll(selector).map((node) => node.dom.textContent ?? '');
}

async function opened(harness: WeappPage): Promise<void> {
  await waitFor(() => textOf(harness, '.detail__status'), 'the case to render');
}

describe('weapp case detail page (real build in miniprogram-simulate)', () => {
  let harness: WeappPage | undefined;

  afterEach(() => {
    harness?.page.detach();
    harness = undefined;
  });

  it('when a dispatched, overdue case opens, then its facts and every timeline step show, oldest first', async () => {
    harness = renderWeappPage(DETAIL_PAGE, { id: CASE_ID }, fakeBff());
    await opened(harness);

    expect(harness.requests.map((request) => `${request.method} ${request.url}`)).toContain(
      `GET ${CASES_URL}/${CASE_ID}`,
    );
    expect(textOf(harness, '.detail__status')).toBe('已派单');
    expect(textOf(harness, '.detail__overdue')).toBe('已超期');
    expect(textOf(harness, '.detail__title')).toBe('沙澧河边步道的路灯坏了好几盏');
    expect(textOf(harness, '.detail-row--type .detail-row__value')).toBe('投诉 · 市容环卫');
    expect(textOf(harness, '.detail-row--ticket .detail-row__value')).toBe('LH20261127000123');
    expect(textOf(harness, '.detail-row--location .detail-row__value')).toBe('源汇区 · 沙澧河风景区西段');
    expect(textOf(harness, '.detail-row--contact .detail-row__value')).toBe('张* 138****8000');
    expect(textOf(harness, '.detail-row--due .detail-row__value')).toMatch(/^2026-11-30 \d\d:00 前办结（已超期）$/);
    expect(textsOf(harness, '.timeline-entry__label')).toEqual(['已提交', '已转交12345', '12345已受理', '已派单']);
    expect(textsOf(harness, '.timeline-entry__time')).toHaveLength(4);
    expect(textsOf(harness, '.timeline-entry__unit')).toEqual(['源汇区城市管理局']);
    expect(textsOf(harness, '.timeline-entry__note')).toEqual(['请尽快修复']);
    expect(harness.page.querySelector('.withdraw-button')).toBeUndefined();
  });

  it('when the case has replies, then each shows with its unit', async () => {
    const replied = recordedCase({
      status: 'replied',
      replies: [{ at: '2026-11-29T03:00:00.000Z', unit: '源汇区城市管理局', text: '路灯已于今日修复。' }],
    });
    harness = renderWeappPage(DETAIL_PAGE, { id: CASE_ID }, fakeBff(replied));
    await opened(harness);

    expect(textOf(harness, '.reply__text')).toBe('路灯已于今日修复。');
    expect(textOf(harness, '.reply__meta')).toContain('源汇区城市管理局');
  });

  it('when the case can still be withdrawn, then 撤回 asks first, withdraws and shows the new status', async () => {
    harness = renderWeappPage(DETAIL_PAGE, { id: CASE_ID }, fakeBff(submittedCase()));
    await opened(harness);
    expect(textOf(harness, '.detail__overdue')).toBeUndefined();
    expect(harness.page.querySelector('.detail-row--ticket')).toBeUndefined();

    await fire(harness, '.withdraw-button', 'tap');

    await waitFor(() => textOf(harness!, '.detail__status') === '已撤回', 'the withdrawn status');
    expect(harness.modals).toEqual(['撤回诉求']);
    const withdrawal = harness.requests.find((request) => request.url === `${CASES_URL}/${CASE_ID}/withdraw`);
    expect(withdrawal).toMatchObject({ method: 'POST', data: {} });
    expect(textsOf(harness, '.timeline-entry__label')).toEqual(['已提交', '已撤回']);
    expect(harness.page.querySelector('.withdraw-button')).toBeUndefined();
  });

  it('when the citizen cancels the confirmation, then nothing is withdrawn', async () => {
    harness = renderWeappPage(DETAIL_PAGE, { id: CASE_ID }, fakeBff(recordedCase({ canWithdraw: true })));
    harness.modalAnswer = { confirm: false };
    await opened(harness);

    await fire(harness, '.withdraw-button', 'tap');

    // Polled from a later task than the answer, so whatever the page does on a cancel has been done.
    await waitFor(() => harness!.modalsAnswered === 1, 'the cancelled confirmation');
    expect(harness.requests.filter((request) => request.url.endsWith('/withdraw'))).toEqual([]);
    expect(harness.page.querySelector('.withdraw-button')).toBeDefined();
  });

  it('when the case is not the citizen’s, then the BFF’s message shows with a retry button', async () => {
    harness = renderWeappPage(DETAIL_PAGE, { id: '01JDQ3ZB7Y6R2WJ4M6V1E8T9ZZ' }, fakeBff());

    const message = await waitFor(() => textOf(harness!, '.detail__error'), 'the error');
    expect(message).toBe('找不到相关内容');
    expect(harness.page.querySelector('.detail__retry')).toBeDefined();
  });

  it('when the case has photos, then each is fetched with the session and a tap previews it', async () => {
    const photo = (id: string) => ({ id, url: `/api/v1/photos/${id}`, width: 800, height: 600 });
    const withPhotos = recordedCase({
      photos: [photo('01JDQ40000000000000000PH01'), photo('01JDQ40000000000000000PH02')],
    });
    harness = renderWeappPage(DETAIL_PAGE, { id: CASE_ID }, fakeBff(withPhotos));
    await waitFor(() => harness!.page.querySelectorAll('.detail-photo').length === 2, 'the photos');

    const downloads = harness.requests.filter((request) => request.url.includes('/photos/'));
    expect(downloads.map((request) => request.header.Authorization)).toEqual([
      'Bearer token-from-bff',
      'Bearer token-from-bff',
    ]);
    await fire(harness, '.detail-photo', 'tap');
    expect(harness.previews).toEqual([
      `wxfile://tmp/${encodeURIComponent(`${API}/photos/01JDQ40000000000000000PH01`)}`,
    ]);
  });

  it('when the case is closed, then 评价 opens its survey and no notices are offered', async () => {
    harness = renderWeappPage(
      DETAIL_PAGE,
      { id: CASE_ID },
      fakeBff(recordedCase({ status: 'closed', overdue: false })),
    );
    await opened(harness);
    expect(textOf(harness, '.status-mark')).toBe('✓');
    expect(harness.page.querySelector('.notify-button')).toBeUndefined();

    await fire(harness, '.rate-button', 'tap');
    expect(harness.navigations).toEqual([`/pages/survey/index?caseId=${CASE_ID}`]);
  });

  it('when notices are asked for again, then WeChat’s dialog opens and the answer is reported for this case', async () => {
    harness = renderWeappPage(DETAIL_PAGE, { id: CASE_ID }, fakeBff(), {
      device: { subscribeAnswer: { 'tmpl-result': 'accept' } },
    });
    await opened(harness);
    await waitFor(() => harness!.answered.some((url) => url.endsWith('/notifications/templates')), 'templates');

    await fire(harness, '.notify-button', 'tap');

    await waitFor(() => harness!.toasts.length > 0, 'the toast');
    expect(harness.subscribeRequests).toHaveLength(1);
    expect(harness.toasts).toEqual(['已订阅办理通知']);
    const report = harness.requests.find((request) => request.url === SUBSCRIPTIONS_URL);
    expect(report?.data).toEqual({ caseId: CASE_ID, results: [{ templateId: 'tmpl-result', result: 'accept' }] });
  });
});
