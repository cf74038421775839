import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadCity } from '@hotline/config';
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

/** The H5 app signs in as `h5-demo-<device id>`, the id kept in storage (Taro's H5 storage wraps values). */
async function openPhoneAs(device: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  context.setDefaultTimeout(10000);
  // A string, not a function: this project's types have no DOM.
  const stored = JSON.stringify(JSON.stringify({ data: device }));
  await context.addInitScript({ content: `localStorage.setItem('h5-demo-device-id', ${stored});` });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('response', (res) => {
    if (res.url().includes('/api/') && res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems };
}

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${product.url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A case filed by the same citizen the browser signs in as, over the real API. */
async function fileCaseAs(device: string, title: string): Promise<void> {
  const { token } = await call<{ token: string }>('POST', '/auth/wechat-login', { code: `h5-demo-${device}` });
  const { items } = await call<{ items: { code: string; kind: string }[] }>('GET', '/categories');
  const category = items.find((item) => item.kind === 'city_category')?.code;
  await call(
    'POST',
    '/cases',
    {
      type: 'complaint',
      category,
      title,
      content: '小区门口的井盖缺了一块，晚上路过很危险，请尽快处理。',
      contact: { name: '王女士', phone: '0395-3123456' },
      privacyConsent: true,
    },
    { authorization: `Bearer ${token}`, 'idempotency-key': `e2e-me-${device}-0001` },
  );
}

const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`);

describe('我的 in Chromium against the real BFF', () => {
  test('when a citizen exports their data, then their cases show; when they delete it, then my cases is empty', async () => {
    const device = `me${Date.now().toString(36)}`;
    await fileCaseAs(device, '井盖缺失');
    const { page, problems } = await openPhoneAs(device);

    await page.goto(`${product.url}/`);
    await page.locator('.me-entry').click();
    await visible(page, '.export-button').click();
    await visible(page, '.export-case__title').filter({ hasText: '井盖缺失' }).waitFor();
    await expect(visible(page, '.export-summary').textContent()).resolves.toContain('共 1 件诉求');
    await expect(visible(page, '.export-result').textContent()).resolves.toContain('电话：0395-3123456');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'me-export.png'), fullPage: true });

    await visible(page, '.delete-start').click();
    await expect(visible(page, '.delete-confirm').textContent()).resolves.toContain('将立即删除');
    await visible(page, '.delete-confirm-input input').fill('注销');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'me-delete.png'), fullPage: true });
    await visible(page, '.delete-confirm-button').click();
    await visible(page, '.delete-done').waitFor();

    const rows: { content: string; contact_phone_enc: unknown }[] = await product.bff.dataSource.query(
      'SELECT content, contact_phone_enc FROM cases',
    );
    expect(rows).toEqual([{ content: '（用户已注销，内容已删除）', contact_phone_enc: null }]);

    await page.goto(`${product.url}/#/pages/cases/index`);
    await visible(page, '.cases__empty').filter({ hasText: '暂无诉求' }).waitFor();
    expect(await page.locator('.case-row:visible').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60000);

  test('when the privacy guide opens from 我的, then it names the city’s operator, recipients, retention and rights', async () => {
    const { citizenService } = loadCity('luohe');
    const { page, problems } = await openPhoneAs(`guide${Date.now().toString(36)}`);
    await page.goto(`${product.url}/#/pages/me/index`);
    await visible(page, '.privacy-guide-link').click();
    await visible(page, '.privacy__title').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'privacy-guide.png'), fullPage: true });

    const text = (await visible(page, '.privacy').textContent()) ?? '';
    expect(text).toContain(citizenService.operator.name);
    for (const recipient of citizenService.recipients) expect(text).toContain(recipient.name);
    expect(text).toContain(citizenService.retention);
    expect(text).toContain(citizenService.privacyContact);
    expect(text).toContain('导出我的数据');
    expect(text).toContain('注销并删除我的数据');
    expect(await visible(page, '.privacy-data-kind').count()).toBeGreaterThanOrEqual(6);
    await expect(visible(page, '.call-hotline').textContent()).resolves.toBe(`拨打${citizenService.hotline}热线`);
    expect(problems).toEqual([]);
  });
});
