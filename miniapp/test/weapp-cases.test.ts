import { CASE_ID, CASES_URL, errorAnswer, fakeBff, recordedCase } from './fake-bff';
import { callPageHook, fire, renderWeappPage, textOf, waitFor, type WeappPage } from './weapp-shim';

const CASES_PAGE = 'pages/cases/index';

const listRequests = (harness: WeappPage): string[] =>
  harness.requests.filter((request) => request.url.startsWith(`${CASES_URL}?`)).map((request) => request.url);

describe('weapp my cases page (real build in miniprogram-simulate)', () => {
  let harness: WeappPage | undefined;

  afterEach(() => {
    harness?.page.detach();
    harness = undefined;
  });

  it('when the citizen has a dispatched, overdue case, then its row says so and opens the case', async () => {
    harness = renderWeappPage(CASES_PAGE, {}, fakeBff());
    await waitFor(() => harness!.page.querySelector('.case-row'), 'the row');

    expect(textOf(harness, '.case-row__type')).toBe('投诉');
    expect(textOf(harness, '.case-row__status')).toBe('已派单');
    expect(textOf(harness, '.case-row__overdue')).toBe('已超期');
    await fire(harness, '.case-row', 'tap');

    await waitFor(() => harness!.navigations.length > 0, 'the navigation');
    expect(harness.navigations).toEqual([`/pages/detail/index?id=${CASE_ID}`]);
  });

  it('when a status chip is chosen, then the list is asked for those statuses only', async () => {
    harness = renderWeappPage(CASES_PAGE, {}, fakeBff());
    await waitFor(() => harness!.page.querySelector('.case-row'), 'the row');

    await fire(harness, '.status-chip--closed', 'tap');

    await waitFor(() => textOf(harness!, '.cases__empty'), 'the empty list');
    expect(textOf(harness, '.status-chip--active')).toBe('已办结');
    expect(listRequests(harness)).toEqual([`${CASES_URL}?limit=20`, `${CASES_URL}?status=closed%2Crated&limit=20`]);
  });

  it('when the citizen has no cases, then the empty state offers to submit one', async () => {
    const bff = fakeBff();
    harness = renderWeappPage(CASES_PAGE, {}, (request) =>
      request.url.startsWith(`${CASES_URL}?`)
        ? { statusCode: 200, data: { items: [], nextCursor: null } }
        : bff(request),
    );
    await waitFor(() => textOf(harness!, '.cases__empty'), 'the empty state');
    await fire(harness, '.cases__start', 'tap');
    expect(harness.navigations).toEqual(['/pages/submit/index']);
  });

  it('when the list fails, then the message and 重试 show, and 重试 loads it', async () => {
    let failing = true;
    const bff = fakeBff();
    harness = renderWeappPage(CASES_PAGE, {}, (request) =>
      failing && request.url.startsWith(`${CASES_URL}?`)
        ? errorAnswer(500, 'INTERNAL', '系统繁忙，请稍后再试')
        : bff(request),
    );
    const message = await waitFor(() => textOf(harness!, '.cases__error'), 'the error');
    expect(message).toBe('系统繁忙，请稍后再试');
    failing = false;
    await fire(harness, '.cases__retry', 'tap');
    await waitFor(() => harness!.page.querySelector('.case-row'), 'the row');
  });

  it('when the bottom is reached, then the next page is asked for with the cursor and appended', async () => {
    const bff = fakeBff();
    const summary = (id: string, title: string) => ({ ...recordedCase({ id, title }), timeline: undefined });
    harness = renderWeappPage(CASES_PAGE, {}, (request) => {
      if (!request.url.startsWith(`${CASES_URL}?`)) return bff(request);
      const cursor = new URL(request.url).searchParams.get('cursor');
      return cursor
        ? {
            statusCode: 200,
            data: { items: [summary('01JDQ3ZB7Y6R2WJ4M6V1E8T9K2', '第二页的诉求')], nextCursor: null },
          }
        : { statusCode: 200, data: { items: [summary(CASE_ID, '第一页的诉求')], nextCursor: 'c2' } };
    });
    await waitFor(() => textOf(harness!, '.cases__more'), 'the more hint');

    callPageHook(harness, 'onReachBottom');

    await waitFor(() => harness!.page.querySelectorAll('.case-row').length === 2, 'the second page');
    expect(harness.page.querySelectorAll('.case-row__title').map((node) => node.dom.textContent)).toEqual([
      '第一页的诉求',
      '第二页的诉求',
    ]);
    expect(listRequests(harness)).toEqual([`${CASES_URL}?limit=20`, `${CASES_URL}?limit=20&cursor=c2`]);
    expect(textOf(harness, '.cases__end')).toBe('没有更多了');
  });

  it('when pulled down, then the list is loaded again', async () => {
    harness = renderWeappPage(CASES_PAGE, {}, fakeBff());
    await waitFor(() => harness!.page.querySelector('.case-row'), 'the row');
    callPageHook(harness, 'onPullDownRefresh');
    await waitFor(() => listRequests(harness!).length === 2, 'the second load');
  });
});
