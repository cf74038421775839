import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startProduct } from './support/product';

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots');
/** A real 2×2 PNG for the photo upload. */
const PHOTO = {
  name: 'street-light.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'base64',
  ),
};

let product: Awaited<ReturnType<typeof startProduct>>;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  product = await startProduct();
  chromium = await launchChromium();
  browser = chromium.browser;
}, 60000);

afterAll(async () => {
  await chromium?.close();
  await product?.stop();
});

/**
 * A phone-sized page in its own browser context (its own storage, so its own citizen), recording every API
 * answer of 400 or more and every console error: the browser asks for /favicon.ico, which the BFF does not have.
 */
async function openPhone(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  });
  // Shorter than the test's own timeout, so a missing element fails with its selector named.
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('response', (res) => {
    if (res.url().includes('/api/') && res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  page.on('console', (message) => {
    const where = message.location().url;
    if (message.type() === 'error' && !where.endsWith('/favicon.ico')) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems };
}

/** Pages earlier in the H5 stack stay in the document, hidden: only the visible copy counts. */
const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`);

/**
 * Taps the entry in the wheel once it has slid up: the wheel reads the tap's position, and a shading mask lies
 * over the entries, so the tap goes to where the entry shows rather than to the element.
 */
async function chooseCategory(page: Page, name: string): Promise<void> {
  await visible(page, '.category-picker').click();
  // A function, not a string: the H5 app's CSP forbids evaluating strings. This project's types have no DOM.
  await page.waitForFunction(() => {
    type Picker = { getAnimations(): { playState: string }[] } | null;
    const { document } = globalThis as unknown as { document: { querySelector(s: string): Picker } };
    return document
      .querySelector('.weui-picker')
      ?.getAnimations()
      .every((a) => a.playState === 'finished');
  });
  const entry = page.locator('.weui-picker__item', { hasText: name });
  const box = await entry.boundingBox();
  if (!box) throw new Error(`the picker entry ${name} is not on screen`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.weui-picker__action', { hasText: '确定' }).click();
  await visible(page, '.category-picker__value').filter({ hasText: name }).waitFor();
}

describe('H5 in Chromium against the real BFF', () => {
  test('when a citizen submits a complaint, then its detail opens with the timeline and my cases list it', async () => {
    const { page, problems } = await openPhone();
    await page.goto(`${product.url}/`);
    await page.locator('.home__title').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home.png') });

    await page.locator('.case-type-entry--complaint').click();
    await visible(page, '.content-input textarea').waitFor();
    expect(page.url()).toContain('type=complaint');
    await expect(visible(page, '.type-option--active').textContent()).resolves.toBe('投诉');

    await visible(page, '.content-input textarea').fill('太短');
    await visible(page, '.submit-button').click();
    await expect(visible(page, '.field-error--content').textContent()).resolves.toBe('诉求内容至少10个字');
    await expect(visible(page, '.field-error--category').textContent()).resolves.toBe('请选择诉求分类');
    await expect(visible(page, '.field-error--phone').textContent()).resolves.toBe('请填写联系电话，或选择匿名提交');
    await expect(visible(page, '.field-error--privacyConsent').textContent()).resolves.toBe('请阅读并同意隐私保护指引');

    await chooseCategory(page, '市容环卫');
    const content = '沙澧河边步道的路灯坏了好几盏，晚上散步很不安全😟';
    await visible(page, '.content-input textarea').fill(content);
    await visible(page, '.content-count')
      .filter({ hasText: `${Array.from(content).length}/2000` })
      .waitFor();
    await visible(page, '.phone-input input').fill('13800138000');
    const chooser = page.waitForEvent('filechooser');
    await visible(page, '.photo-add').click();
    await (await chooser).setFiles(PHOTO);
    await visible(page, '.photo--done').waitFor();
    await expect(visible(page, '.photos__count').textContent()).resolves.toBe('1/9');
    await visible(page, '.privacy-link').click();
    await visible(page, '.privacy__title').filter({ hasText: '隐私保护指引' }).waitFor();
    await page.goBack();
    await expect(visible(page, '.content-input textarea').inputValue()).resolves.toBe(content);
    await visible(page, '.consent-checkbox input').check();
    await expect(page.locator('.field-error:visible').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'submit.png'), fullPage: true });
    await visible(page, '.submit-button').click();

    await page.waitForURL(/pages\/detail\/index\?id=/);
    await visible(page, '.detail__status').filter({ hasText: '已提交' }).waitFor();
    await expect(visible(page, '.detail-row--type .detail-row__value').textContent()).resolves.toBe('投诉 · 市容环卫');
    await expect(visible(page, '.detail-row--contact .detail-row__value').textContent()).resolves.toBe('138****8000');
    await expect(visible(page, '.timeline-entry__label').allTextContents()).resolves.toEqual(['已提交']);
    await visible(page, '.withdraw-button').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'detail.png'), fullPage: true });

    const stored: { content: string; category: string }[] = await product.bff.dataSource.query(
      'SELECT content, category FROM cases',
    );
    expect(stored).toEqual([{ content, category: 'C04' }]);
    // The photo went up with the case and comes back through the citizen's session.
    await visible(page, '.detail-photo').waitFor();

    await page.goBack();
    await visible(page, '.my-cases-entry').click();
    const row = visible(page, '.case-row').filter({ hasText: '沙澧河边步道的路灯坏了好几盏' });
    await row.waitFor();
    await expect(row.locator('.case-row__type').textContent()).resolves.toBe('投诉');
    await expect(row.locator('.case-row__status').textContent()).resolves.toBe('已提交');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cases.png') });

    await row.click();
    await visible(page, '.detail__title').filter({ hasText: '沙澧河边步道的路灯坏了好几盏' }).waitFor();

    // Forwarded into the 12345 system: the ticket number comes back, then the handling unit's reply.
    const forwarded = await product.bff.jobs.forwardOnce();
    const outbox = await product.bff.dataSource.query('SELECT state, last_error AS error FROM hotline_outbox');
    expect({ forwarded, outbox }).toEqual({
      forwarded: { claimed: 1, sent: 1, retry: 0, failed: 0 },
      outbox: [{ state: 'sent', error: null }],
    });
    const [ticket] = product.outside.hotline.tickets();
    expect(product.outside.hotline.ticketCountFor(String(ticket?.caseId))).toBe(1);
    const ticketNo = String(ticket?.ticketNo);
    product.outside.hotline.advance(ticketNo, { type: 'dispatch', unit: '源汇区城市管理局' });
    product.outside.hotline.advance(ticketNo, { type: 'sign' });
    product.outside.hotline.advance(ticketNo, { type: 'reply', text: '路灯已于今日修复，感谢您的反映。' });
    await product.outside.hotline.pushesSettled();
    await page.reload();
    await visible(page, '.detail__status').filter({ hasText: '已答复' }).waitFor();
    await expect(visible(page, '.timeline-entry__label').allTextContents()).resolves.toEqual([
      '已提交',
      '已转交12345',
      '12345已受理',
      '已派单',
      '承办单位已签收',
      '已答复',
    ]);
    await visible(page, '.detail').filter({ hasText: '路灯已于今日修复，感谢您的反映。' }).waitFor();
    await visible(page, '.detail').filter({ hasText: ticketNo }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'detail-replied.png'), fullPage: true });

    // Closed by the hotline: the citizen is offered the satisfaction survey.
    product.outside.hotline.advance(ticketNo, { type: 'close', text: '已办结' });
    await product.outside.hotline.pushesSettled();
    await page.reload();
    await visible(page, '.detail__status').filter({ hasText: '已办结' }).waitFor();
    await visible(page, '.rate-button').click();
    await page.waitForURL(/pages\/survey\/index\?caseId=/);
    await visible(page, '.survey__case').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'survey.png'), fullPage: true });
    await visible(page, '.survey-choice--satisfied').click();
    await visible(page, '.survey-choice--chosen').waitFor();
    await visible(page, '.survey-submit').click();
    await visible(page, '.survey__rated, .survey__done').filter({ hasText: '满意' }).waitFor();
    const ratings: { rating: string }[] = await product.bff.dataSource.query('SELECT rating FROM cases');
    expect(ratings).toEqual([{ rating: 'satisfied' }]);

    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('when another citizen opens my cases in their own browser, then the first citizen’s case is not shown', async () => {
    const { page, problems } = await openPhone();
    await page.goto(`${product.url}/#/pages/cases/index`);
    await visible(page, '.cases__empty').filter({ hasText: '暂无诉求' }).waitFor();
    expect(await page.locator('.case-row').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('when a citizen browses and searches 政务公开, then areas, items, columns and highlighted hits show', async () => {
    const { page, problems } = await openPhone();
    await page.goto(`${product.url}/`);
    await visible(page, '.catalog-entry').click();
    await visible(page, '.area-cell').first().waitFor();
    await visible(page, '.sample-notice').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog.png'), fullPage: true });

    // A township: its not-applicable areas come with their reasons.
    await visible(page, '.region-row--county .region-option').first().click();
    await visible(page, '.region-row--township .region-option').first().click();
    await visible(page, '.area-cell--not-applicable .area-cell__reason').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-township.png'), fullPage: true });
    await visible(page, '.catalog-diff-entry').click();
    await visible(page, '.diff-group').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-diff.png'), fullPage: true });
    await page.goBack();

    await visible(page, '.area-cell:not(.area-cell--not-applicable)').first().click();
    await visible(page, '.item-row').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-items.png'), fullPage: true });
    await visible(page, '.item-row').first().click();
    await visible(page, '.item-column--body .item-column__value').waitFor();
    await expect(visible(page, '.item-column__label').count()).resolves.toBe(13);
    await visible(page, '.item-origin__summary').filter({ hasText: '来源：' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-item.png'), fullPage: true });
    const level1 = String(await visible(page, '.item-column--level1 .item-column__value').textContent());

    await page.goBack();
    await page.goBack();
    await visible(page, '.catalog-search-entry').click();
    await visible(page, '.search-input input').fill(level1);
    await visible(page, '.search-button').click();
    await visible(page, '.search-hit').first().waitFor();
    await expect(visible(page, '.search-hit .hit').first().textContent()).resolves.toMatch(/\S/);
    await expect(visible(page, '.search-total').textContent()).resolves.toMatch(/^共找到[1-9]\d*项$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-search.png'), fullPage: true });

    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('when care mode is switched on, then every page has larger text and tap targets, and it is remembered', async () => {
    const { page, problems } = await openPhone();
    await page.goto(`${product.url}/`);
    // A string, not a function: this project's types have no DOM.
    const bodySize = async (selector: string): Promise<number> =>
      page.evaluate(
        `parseFloat(getComputedStyle([...document.querySelectorAll('${selector}')].find((n) => n.offsetParent !== null)).fontSize)`,
      );

    const before = await bodySize('.home-link');
    await visible(page, '.care-mode-switch').click();
    await visible(page, '.page-root.care-mode').waitFor();
    expect(await bodySize('.home-link')).toBeGreaterThan(before);
    expect(await bodySize('.home-link')).toBeGreaterThanOrEqual(18);
    const entry = await visible(page, '.case-type-entry').first().boundingBox();
    expect(entry?.height).toBeGreaterThanOrEqual(60);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'care-home.png'), fullPage: true });

    await page.reload();
    await visible(page, '.page-root.care-mode').waitFor();

    await visible(page, '.case-type-entry--consultation').click();
    await visible(page, '.submit.care-mode').waitFor();
    expect(await bodySize('.submit__label')).toBeGreaterThanOrEqual(18);
    const submit = await visible(page, '.submit-button').boundingBox();
    expect(submit?.height).toBeGreaterThanOrEqual(60);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'care-submit.png'), fullPage: true });

    await page.goto(`${product.url}/#/pages/cases/index`);
    await visible(page, '.cases.care-mode').waitFor();
    await visible(page, '.cases__empty').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'care-cases.png'), fullPage: true });

    await page.goto(`${product.url}/#/pages/catalog/index`);
    await visible(page, '.catalog.care-mode .area-cell').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'care-catalog.png'), fullPage: true });

    expect(problems).toEqual([]);
    await page.context().close();
  });
});
