import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startProduct } from './support/product';

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots');

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

async function openPhone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' });
  return context.newPage();
}

describe('H5 in Chromium against the real BFF', () => {
  test('when a citizen opens the app, submits a complaint and opens my cases, then the case is listed', async () => {
    const page = await openPhone();
    const failedRequests: string[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/') && res.status() >= 400) failedRequests.push(`${res.status()} ${res.url()}`);
    });
    await page.goto(`${product.url}/`);
    await page.getByText('12345 市民诉求').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home.png') });

    await page.locator('.case-type-entry--complaint').click();
    await page.locator('.content-input textarea').waitFor();
    expect(page.url()).toContain('type=complaint');

    await page.locator('.content-input textarea').fill('太短');
    await page.locator('.submit-button').click();
    await page.getByText('诉求内容至少10个字').waitFor();

    const content = '沙澧河边步道的路灯坏了好几盏，晚上散步很不安全😟';
    await page.locator('.content-input textarea').fill(content);
    await page.getByText(`${Array.from(content).length}/2000`).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'submit.png') });
    await page.locator('.submit-button').click();

    const row = page.locator('.case-row').filter({ hasText: '沙澧河边步道的路灯坏了好几盏' });
    await row.waitFor();
    await expect(row.locator('.case-row__type').textContent()).resolves.toBe('投诉');
    await expect(row.locator('.case-row__status').textContent()).resolves.toBe('已提交');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cases.png') });

    const stored: { content: string }[] = await product.bff.dataSource.query('SELECT content FROM cases');
    expect(stored.map((c) => c.content)).toEqual([content]);
    expect(failedRequests).toEqual([]);

    await page.reload();
    await row.waitFor();
    expect(await page.locator('.case-row').count()).toBe(1);
    await page.context().close();
  });

  test('when another citizen opens my cases in their own browser, then the first citizen’s case is not shown', async () => {
    const page = await openPhone();
    await page.goto(`${product.url}/#/pages/cases/index`);
    await page.getByText('暂无诉求').waitFor();
    expect(await page.locator('.case-row').count()).toBe(0);
    await page.context().close();
  });
});
