import { myDataSchema } from '@hotline/shared-types';
import { API, fakeBff, recordedCase } from './fake-bff';
import { fire, renderWeappPage, textOf, waitFor, type FakeBff, type WeappPage } from './weapp-shim';

const ME_PAGE = 'pages/me/index';
const EXPORT_URL = `${API}/me/data`;
const DELETE_URL = `${API}/me/delete`;

/** What GET /me/data answers: one case, with the citizen's own contact data in full. */
const EXPORTED = myDataSchema.parse({
  citizen: { id: 'citizen-1', createdAt: '2026-11-20T08:00:00.000Z', caseCount: 1 },
  cases: [{ ...recordedCase(), contact: { name: '王女士', phone: '0395-3123456' } }],
  exportedAt: '2026-12-01T09:30:00.000Z',
});

/** The fake BFF with the /me endpoints: export answers EXPORTED, delete answers as the BFF does. */
function meBff(): FakeBff {
  const bff = fakeBff();
  return (request) => {
    if (request.url === EXPORT_URL && request.method === 'GET') return { statusCode: 200, data: EXPORTED };
    if (request.url === DELETE_URL && request.method === 'POST') return { statusCode: 200, data: { deleted: true } };
    return bff(request);
  };
}

describe('weapp 我的 page (real build in miniprogram-simulate)', () => {
  let harness: WeappPage | undefined;

  afterEach(() => {
    harness?.page.detach();
    harness = undefined;
  });

  it('when 导出我的数据 is tapped, then my cases show with my full contact data and 复制 copies all of it', async () => {
    harness = renderWeappPage(ME_PAGE, {}, meBff());
    await fire(harness, '.export-button', 'tap');

    const title = await waitFor(() => textOf(harness!, '.export-case__title'), 'the exported case');
    expect(title).toBe(EXPORTED.cases[0]?.title);
    expect(textOf(harness, '.export-summary')).toContain('共 1 件诉求');
    expect(harness.page.dom.textContent).toContain('联系人：王女士，电话：0395-3123456');
    const exportCall = harness.requests.find((request) => request.url === EXPORT_URL);
    expect(exportCall?.header).toMatchObject({ Authorization: 'Bearer token-from-bff' });

    await fire(harness, '.copy-export-button', 'tap');
    await waitFor(() => harness!.clipboard.length > 0, 'the copy');
    expect(JSON.parse(harness.clipboard[0] ?? '')).toEqual(EXPORTED);
  });

  it('when the export fails, then the BFF’s message shows', async () => {
    const bff = meBff();
    harness = renderWeappPage(ME_PAGE, {}, (request) =>
      request.url === EXPORT_URL
        ? { statusCode: 503, data: { error: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' } } }
        : bff(request),
    );
    await fire(harness, '.export-button', 'tap');
    const message = await waitFor(() => textOf(harness!, '.export-error'), 'the error');
    expect(message).toBe('服务暂时不可用，请稍后再试');
  });

  it('when 注销 is confirmed by typing the word, then /me/delete is called and the session is gone', async () => {
    harness = renderWeappPage(ME_PAGE, {}, meBff(), {
      storage: { 'case-draft': { content: '草稿里的内容' } },
    });
    await fire(harness, '.delete-start', 'tap');
    const warning = await waitFor(() => harness!.page.querySelector('.delete-confirm')?.dom.textContent, 'the warning');
    expect(warning).toContain('将立即删除：您的联系人姓名和电话');
    expect(warning).toContain('将保留（不含个人信息，仅用于统计）');

    // Before the word is typed the button does nothing.
    await fire(harness, '.delete-confirm-button', 'tap');
    expect(harness.requests.filter((request) => request.url === DELETE_URL)).toEqual([]);

    await fire(harness, '.delete-confirm-input', 'input', { value: '注销' });
    await waitFor(() => textOf(harness!, '.delete-confirm-hint')?.startsWith('已输入'), 'the word to be taken');
    await fire(harness, '.delete-confirm-button', 'tap');
    await waitFor(() => harness!.requests.some((request) => request.url === DELETE_URL), 'the delete call');

    const deleteCall = harness.requests.find((request) => request.url === DELETE_URL);
    expect(deleteCall?.data).toEqual({ confirm: '注销' });
    await waitFor(() => textOf(harness!, '.delete-done'), 'the confirmation');
    expect(harness.storage.has('session')).toBe(false);
    expect(harness.storage.has('case-draft')).toBe(false);
  });

  it('when the call button is tapped, then the city’s hotline number is dialled', async () => {
    harness = renderWeappPage(ME_PAGE, {}, meBff());
    await fire(harness, '.call-hotline', 'tap');
    await waitFor(() => harness!.phoneCalls.length > 0, 'the call');
    expect(harness.phoneCalls).toEqual(['12345']);
    expect(textOf(harness, '.about-operator')).toContain('运营者：');
  });

  it('when a clipboard call is held, then this page shows the dialog, opens WeChat’s guide and 同意 lets it go on', async () => {
    harness = renderWeappPage(ME_PAGE, {}, meBff());
    // A gated call comes from a tap, so after the page is on screen.
    await waitFor(() => harness!.page.querySelector('.export-button'), 'the page');
    const listener = await waitFor(() => harness!.privacyListener, 'the privacy listener');
    const answers: unknown[] = [];
    listener((option) => answers.push(option));
    await waitFor(() => harness!.page.querySelector('.privacy-dialog'), 'the privacy dialog');
    await fire(harness, '.privacy-dialog__link', 'tap');
    await waitFor(() => harness!.privacyContractOpened === 1, 'WeChat’s privacy guide');
    await fire(harness, '.privacy-agree', 'agreeprivacyauthorization');
    await waitFor(() => answers.length === 2, 'the answer');
    expect(answers[1]).toEqual({ event: 'agree', buttonId: 'agree-privacy-authorization' });
  });

  it('when WeChat has downloaded a new version, then a restart is offered and 重启 applies it', async () => {
    harness = renderWeappPage(ME_PAGE, {}, meBff());
    await waitFor(() => harness!.page.querySelector('.export-button'), 'the page');
    // The runtime launches the app; the harness only captured its config.
    (globalThis as unknown as { getApp(): { onLaunch(options: object): void } }).getApp().onLaunch({});
    const ready = await waitFor(() => harness!.update.onReady, 'the update listener');

    ready();

    await waitFor(() => harness!.update.applied, 'the update to be applied');
    expect(harness.modals).toEqual(['发现新版本']);
  });
});
