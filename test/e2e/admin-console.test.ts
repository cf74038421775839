import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  CASE_ACTIONS,
  CASE_FLAGS,
  CASE_STATUSES,
  CASE_TYPES,
  PERMISSIONS,
  STAFF_ROLES,
  type CreateCaseInput,
} from '@hotline/shared-types';
import { loadCity } from '@hotline/config';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startProduct } from './support/product';
import { createStaffAccount, postJson, type StaffAccount } from './support/staff';

const SCREENSHOTS = path.resolve(__dirname, 'screenshots');
const UNIT_A = '市城市管理局';
const UNIT_B = '市住房和城乡建设局';
/** Staff replies are shown as text: if this ever runs, window.__injected is set. */
const INJECTION = '<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>路灯已修复，请查看';

let product: Awaited<ReturnType<typeof startProduct>>;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  product = await startProduct({ h5: false });
  chromium = await launchChromium();
  browser = chromium.browser;
}, 60000);

afterAll(async () => {
  await chromium?.close();
  await product?.stop();
});

/** A citizen submits through the citizen API, like the mini-program does. */
async function submitCase(content: string, overrides: Partial<CreateCaseInput> = {}): Promise<string> {
  const { token } = await postJson(product, '/api/v1/auth/wechat-login', {
    code: `e2e-${randomBytes(6).toString('hex')}`,
  });
  const created = await postJson(
    product,
    '/api/v1/cases',
    {
      type: 'complaint',
      category: 'C04',
      content,
      location: { address: '漯河市源汇区沙澧河风景区' },
      contact: { name: '张三', phone: '13812345678' },
      privacyConsent: true,
      ...overrides,
    },
    String(token),
    { 'Idempotency-Key': randomBytes(12).toString('base64url') },
  );
  return String(created.id);
}

/** Forwards the case into the 12345 simulator, which dispatches it to `unit`, where it is signed for. */
async function dispatchedAndSigned(caseId: string, unit: string): Promise<void> {
  await product.bff.jobs.forwardOnce();
  const ticket = product.outside.hotline.tickets().find((t) => t.caseId === caseId);
  if (!ticket) throw new Error(`no 12345 ticket for case ${caseId}`);
  product.outside.hotline.advance(ticket.ticketNo, { type: 'dispatch', unit });
  product.outside.hotline.advance(ticket.ticketNo, { type: 'sign' });
  await product.outside.hotline.pushesSettled();
}

/**
 * A desk in the city (its time zone: the dashboard's default period is the browser's current month), 1280×800,
 * in its own context (its own sessionStorage), recording console errors and CSP reports.
 */
async function openDesk(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: loadCity(product.outside.config.city).timezone,
  });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // Refusals the console shows (a field error, another unit's 404, a 409) are also logged by Chromium.
    if (message.type() === 'error' && !/Failed to load resource: .* status of 4\d\d/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems };
}

async function signIn(page: Page, account: StaffAccount): Promise<void> {
  await page.goto(`${product.url}/admin`);
  await page.waitForURL(/#\/login$/);
  await page.getByLabel('用户名').fill(account.username);
  await page.getByLabel('密码').fill(account.password);
  await page.getByRole('button', { name: '登录' }).click();
}

const queueRow = (page: Page, caseId: string) => page.locator(`.queue__row[data-case-id="${caseId}"]`);

describe('the staff console in Chromium against the real BFF', () => {
  test('when a dispatcher signs in the first time, finds a new case, replies with HTML and closes it, then each step shows and the reply stays text', async () => {
    const content = `沙澧河边步道的路灯坏了好几盏，晚上散步很不安全 ${randomBytes(3).toString('hex')}`;
    const caseId = await submitCase(content);
    await dispatchedAndSigned(caseId, UNIT_A);
    const dispatcher = await createStaffAccount(product, 'dispatcher', { displayName: '王派单' });
    const { page, problems } = await openDesk();

    await signIn(page, dispatcher);
    await page.waitForURL(/#\/password$/);
    await page.locator('.notice').filter({ hasText: '请先设置新密码' }).waitFor();
    await page.getByLabel('当前密码').fill(dispatcher.password);
    await page.getByLabel('新密码', { exact: true }).fill('short1');
    await page.getByLabel('再次输入新密码').fill('short1');
    await page.getByRole('button', { name: '修改密码' }).click();
    // The field's message appears when the server's answer arrives: wait for it rather than read it at once.
    await page
      .locator('[data-error-for="newPassword"]')
      .filter({ hasText: /^密码至少12位$/ })
      .waitFor();
    const chosen = `Desk-${randomBytes(6).toString('hex')}9`;
    await page.getByLabel('新密码', { exact: true }).fill(chosen);
    await page.getByLabel('再次输入新密码').fill(chosen);
    await page.getByRole('button', { name: '修改密码' }).click();

    await page.waitForURL(/#\/cases$/);
    await expect(page.locator('.topbar__name').textContent()).resolves.toBe('王派单（派单员）');
    const row = queueRow(page, caseId);
    await row.waitFor();
    await expect(row.locator('.badge').first().textContent()).resolves.toBe('已签收');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-queue.png') });
    await page.getByLabel('状态').selectOption('closed');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/status=closed/);
    await page.locator('.queue__status').filter({ hasText: '没有符合条件的诉求' }).waitFor();
    await page.getByRole('link', { name: '重置' }).click();
    await row.locator('.queue__title').click();

    await page.waitForURL(new RegExp(`#/cases/${caseId}$`));
    await page.locator('.case__status').filter({ hasText: '已签收' }).waitFor();
    await expect(page.locator('.case__content').textContent()).resolves.toBe(content);
    await page.locator('.facts dd').filter({ hasText: '138****5678' }).waitFor();
    await page.getByRole('button', { name: '查看完整号码' }).click();
    await page.getByLabel('查看原因').fill('电话核实');
    await page.getByRole('button', { name: '确认查看' }).click();
    await page.locator('.facts dd').filter({ hasText: '13812345678' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-case.png'), fullPage: true });

    await page.locator('.action--reply textarea').fill(INJECTION);
    await page.locator('.action--reply button[type=submit]').click();
    await page.locator('.case__status').filter({ hasText: '已答复' }).waitFor();
    await expect(page.locator('.case__notice').textContent()).resolves.toBe('已答复');
    const note = page.locator('.timeline__note').filter({ hasText: '路灯已修复' });
    await expect(note.textContent()).resolves.toBe(INJECTION);
    await expect(note.locator('img, script').count()).resolves.toBe(0);
    await expect(page.evaluate('window.__injected')).resolves.toBeUndefined();

    await page.locator('.action--close textarea').fill('已修复全部路灯，经回访群众确认。');
    await page.locator('.action--close button[type=submit]').click();
    await page.locator('.case__status').filter({ hasText: '已办结' }).waitFor();
    await expect(page.locator('.timeline__label').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['已答复', '已办结']),
    );
    await expect(page.locator('.action').count()).resolves.toBe(0);

    const stored: { status: string }[] = await product.bff.dataSource.query('SELECT status FROM cases WHERE id = ?', [
      caseId,
    ]);
    expect(stored).toEqual([{ status: 'closed' }]);
    // The reply and the closure reach the 12345 ticket as channel messages (one at a time, in order), the
    // reply's text unchanged.
    while ((await product.bff.jobs.forwardOnce()).claimed > 0);
    const ticket = product.outside.hotline.tickets().find((t) => t.caseId === caseId);
    expect(ticket?.messages.map((m) => [m.kind, m.text])).toEqual([
      ['reply', INJECTION],
      ['close', '已修复全部路灯，经回访群众确认。'],
    ]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('when someone else acted on the case meanwhile, then the console says so and reloads on request', async () => {
    const caseId = await submitCase('小区门口的井盖松动，车辆经过时声音很大，存在安全隐患。');
    await dispatchedAndSigned(caseId, UNIT_A);
    const dispatcher = await createStaffAccount(product, 'dispatcher', { firstLoginDone: true });
    const { page, problems } = await openDesk();
    await signIn(page, dispatcher);
    await page.waitForURL(/#\/cases$/);
    await page.goto(`${product.url}/admin#/cases/${caseId}`);
    await page.locator('.case__status').filter({ hasText: '已签收' }).waitFor();

    const token = String(await page.evaluate("sessionStorage.getItem('hotline.staff.token')"));
    const shown = (await (
      await fetch(`${product.url}/api/v1/admin/cases/${caseId}`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { version: number };
    await postJson(
      product,
      `/api/v1/admin/cases/${caseId}/actions`,
      { action: 'reply', version: shown.version, text: '已安排人员现场查看。' },
      token,
    );

    await page.locator('.action--reply textarea').fill('我们会尽快处理。');
    await page.locator('.action--reply button[type=submit]').click();
    await page.locator('.conflict').filter({ hasText: '该诉求已被他人更新，请刷新后重试' }).waitFor();
    await page.locator('.conflict').getByRole('button', { name: '刷新' }).click();
    await page.locator('.case__status').filter({ hasText: '已答复' }).waitFor();
    await page.locator('.timeline__note').filter({ hasText: '已安排人员现场查看。' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('when handlers look, then their own unit’s cases page in with 加载更多 and another unit’s case is neither listed nor openable', async () => {
    const earlier = await submitCase('桥下的排水口堵塞，下雨后积水很深，行人无法通过。');
    await dispatchedAndSigned(earlier, UNIT_A);
    const caseId = await submitCase('路口的信号灯一直是红灯，早高峰车辆排起长队，请尽快修理。');
    await dispatchedAndSigned(caseId, UNIT_A);
    const own = await createStaffAccount(product, 'handler', { unit: UNIT_A, firstLoginDone: true });
    const other = await createStaffAccount(product, 'handler', { unit: UNIT_B, firstLoginDone: true });

    const mine = await openDesk();
    await signIn(mine.page, own);
    await queueRow(mine.page, caseId).waitFor();
    await mine.page.goto(`${product.url}/admin#/cases?limit=1`);
    await mine.page.locator('.queue__status').filter({ hasText: '已显示 1 条' }).waitFor();
    await mine.page.getByRole('button', { name: '加载更多' }).click();
    await mine.page.locator('.queue__status').filter({ hasText: '已显示 2 条' }).waitFor();
    await expect(
      mine.page.locator('.queue__row').evaluateAll((rows) => rows.map((r) => r.dataset.caseId)),
    ).resolves.toEqual(expect.arrayContaining([caseId, earlier]));
    await mine.page.context().close();

    const { page, problems } = await openDesk();
    await signIn(page, other);
    await page.waitForURL(/#\/cases$/);
    await page
      .locator('.queue__status')
      .filter({ hasText: /没有符合条件的诉求|已显示/ })
      .waitFor();
    await expect(queueRow(page, caseId).count()).resolves.toBe(0);
    await page.goto(`${product.url}/admin#/cases/${caseId}`);
    await page.getByRole('heading', { name: '找不到该诉求' }).waitFor();
    await expect(page.locator('.case__title').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('when an admin opens the dashboard and the audit log, then figures, charts, the Excel export and staff accounts work', async () => {
    await dispatchedAndSigned(await submitCase('公园里的健身器材损坏了，老人使用时容易受伤，请尽快维修。'), UNIT_A);
    const admin = await createStaffAccount(product, 'admin', { firstLoginDone: true });
    const { page, problems } = await openDesk();
    await signIn(page, admin);
    await page.waitForURL(/#\/cases$/);
    await page.getByRole('link', { name: '统计看板' }).click();
    await page.locator('.figure__name').first().waitFor();
    await expect(page.locator('.figure__name').allTextContents()).resolves.toEqual([
      '按时办结率',
      '满意率',
      '及时签收率',
      '诉求量',
    ]);
    await page.getByLabel('分组维度').selectOption('unit');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/by=unit/);
    await page.locator('.figures-table th[scope=col]').filter({ hasText: '承办单位' }).waitFor();
    await expect(page.locator('svg.chart').count()).resolves.toBe(4);
    await page.locator('svg.chart .chart__label').filter({ hasText: UNIT_A }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-dashboard.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^figures-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);

    await page.getByRole('link', { name: '审计日志' }).click();
    await page.locator('.audit__row').filter({ hasText: 'case.contact_revealed' }).first().waitFor();

    await page.getByRole('link', { name: '账号管理' }).click();
    const form = page.locator('.staff__create');
    await form.getByLabel('用户名').fill('Bad Name');
    await form.getByLabel('姓名').fill('李承办');
    await form.getByLabel('承办单位').fill(UNIT_B);
    await form.getByLabel('初始密码').fill(`Start-${randomBytes(6).toString('hex')}3`);
    await form.getByRole('button', { name: '创建账号' }).click();
    await form.locator('[data-error-for="username"]').filter({ hasText: '用户名为3–32位' }).waitFor();
    await form.getByLabel('用户名').fill('li.chengban');
    await form.getByRole('button', { name: '创建账号' }).click();
    await form.locator('.staff__created').filter({ hasText: '已创建账号 li.chengban' }).waitFor();
    const created = page.locator('.staff__row[data-username="li.chengban"]');
    await expect(created.locator('td').nth(5).textContent()).resolves.toBe('待修改初始密码');
    await created.getByRole('button', { name: '停用' }).click();
    await created.locator('td').filter({ hasText: '已停用' }).waitFor();
    await created.getByRole('button', { name: '启用' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('when a handler asks for more time, then a dispatcher sees the request and approves it, and the deadline moves', async () => {
    const caseId = await submitCase('老旧小区的外墙瓷砖脱落，砸坏了停在楼下的电动车，请尽快排查。');
    await dispatchedAndSigned(caseId, UNIT_A);
    const handler = await createStaffAccount(product, 'handler', { unit: UNIT_A, firstLoginDone: true });
    const dispatcher = await createStaffAccount(product, 'dispatcher', { firstLoginDone: true });

    const desk = await openDesk();
    await signIn(desk.page, handler);
    await desk.page.waitForURL(/#\/cases$/);
    await desk.page.goto(`${product.url}/admin#/cases/${caseId}`);
    const request = desk.page.locator('.action--request_extension');
    await request.getByLabel('新的办理期限').fill('2099-01-31T18:00');
    await request.getByLabel('延期原因').fill('需协调产权单位共同排查');
    await request.getByRole('button', { name: '申请延期' }).click();
    await desk.page.locator('.case__notice').filter({ hasText: '已申请延期' }).waitFor();
    await desk.page.locator('.extension').filter({ hasText: '待审批' }).waitFor();
    await expect(desk.page.locator('.action--request_extension').count()).resolves.toBe(0);
    expect(desk.problems).toEqual([]);
    await desk.page.context().close();

    const { page, problems } = await openDesk();
    await signIn(page, dispatcher);
    await page.waitForURL(/#\/cases$/);
    await page.getByLabel('标记').selectOption('extension_requested');
    await page.getByRole('button', { name: '筛选' }).click();
    await queueRow(page, caseId).locator('.queue__title').click();
    const extension = page.locator('.extension');
    await expect(extension.locator('dd').nth(2).textContent()).resolves.toBe('需协调产权单位共同排查');
    await extension.getByLabel('审批意见（可选）').fill('同意');
    await extension.getByRole('button', { name: '批准延期' }).click();
    await page.locator('.extension').filter({ hasText: '已批准' }).waitFor();
    await page.locator('.case__main .facts dd').filter({ hasText: '2099-01-31 18:00' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('when a disclosure editor signs in, then the compliance report of the city catalog opens, by area and by body', async () => {
    const editor = await createStaffAccount(product, 'disclosure_editor', { firstLoginDone: true });
    const { page, problems } = await openDesk();
    await signIn(page, editor);
    await page.waitForURL(/#\/compliance$/);
    await page.getByRole('status').filter({ hasText: '统计日期' }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: '统计日期' }).textContent()).resolves.toMatch(
      /^漯河市 · 统计日期 \d{4}-\d{2}-\d{2} · 有问题的事项 \d+ 项$/,
    );
    const captions = await page.locator('.table caption').allTextContents();
    expect(captions).toEqual(['合计', '按领域', '按公开主体', '有问题的事项']);
    // The sample catalog has no documents linked yet: every city item is reported without one.
    const totals = await page.locator('.table').first().locator('tbody td').allTextContents();
    expect(Number(totals[0])).toBeGreaterThan(1000);
    expect(totals[1]).toBe(totals[0]);
    await expect(page.getByRole('link', { name: '诉求队列' }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  test('when the session is no longer valid, then the next request leads to the login page, which says why', async () => {
    const dispatcher = await createStaffAccount(product, 'dispatcher', { firstLoginDone: true });
    const { page, problems } = await openDesk();
    await signIn(page, dispatcher);
    await page.waitForURL(/#\/cases$/);
    // The queue's own requests must have answered first, or one of them meets the bad token before the click.
    await page
      .getByRole('status')
      .filter({ hasText: /已显示|没有符合条件/ })
      .waitFor();
    await page.evaluate("sessionStorage.setItem('hotline.staff.token', 'not-a-token')");
    await page.getByRole('link', { name: '统计看板' }).click();
    await page.waitForURL(/#\/login$/);
    await page.locator('.login__reason').filter({ hasText: '登录状态无效，请重新登录' }).waitFor();
    await expect(page.evaluate("sessionStorage.getItem('hotline.staff.token')")).resolves.toBeNull();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('when the console is loaded, then its Chinese names match shared-types and the page carries the CSP', async () => {
    const { page, problems } = await openDesk();
    const res = await page.goto(`${product.url}/admin/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    const labels = await page.evaluate(
      "import('/admin/labels.js').then((m) => ({ CASE_STATUSES: m.CASE_STATUSES, CASE_TYPES: m.CASE_TYPES, CASE_FLAGS: m.CASE_FLAGS, STAFF_ROLES: m.STAFF_ROLES, CASE_ACTIONS: m.CASE_ACTIONS, PERMISSIONS: m.PERMISSIONS }))",
    );
    expect(labels).toEqual({ CASE_STATUSES, CASE_TYPES, CASE_FLAGS, STAFF_ROLES, CASE_ACTIONS, PERMISSIONS });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
