import { CASE_ID, CASES_URL, fakeBff } from './fake-bff';
import { fire, renderWeappPage, textOf, waitFor, type WeappPage } from './weapp-shim';

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
});
