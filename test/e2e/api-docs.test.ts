import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startProduct } from './support/product';

let product: Awaited<ReturnType<typeof startProduct>>;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  product = await startProduct({ h5: false });
  chromium = await launchChromium();
  browser = chromium.browser;
}, 60000);

afterAll(async () => {
  await chromium?.close();
  await product?.stop();
});

describe('the API documentation in Chromium', () => {
  test('when /api/docs opens, then Swagger UI shows every group and the sign-in guide, under its CSP, nothing from outside', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    const refused: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(product.url)) outside.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${product.url}/api/docs`);
    await page.locator('.swagger-ui .info .title').filter({ hasText: '12345 微信通道 API' }).waitFor();
    await page.locator('.swagger-ui .info').filter({ hasText: '/api/v1/admin/auth/login' }).waitFor();
    await page.locator('.opblock-summary-description', { hasText: '提交诉求' }).first().waitFor();
    await page.locator('button.authorize').waitFor();
    expect({ outside, refused }).toEqual({ outside: [], refused: [] });
    await page.close();
  });
});
