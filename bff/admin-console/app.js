import { api, session, whenUnauthenticated } from './api.js';
import { h, replace } from './dom.js';
import { can, label, STAFF_ROLES } from './labels.js';
import { renderAudit } from './pages/audit.js';
import { renderCompliance } from './pages/compliance.js';
import { renderCase } from './pages/case.js';
import { renderDashboard } from './pages/dashboard.js';
import { renderLogin } from './pages/login.js';
import { renderPassword } from './pages/password.js';
import { renderQueue } from './pages/queue.js';
import { renderStaff } from './pages/staff.js';

/**
 * @typedef {{ path: string; params: URLSearchParams; go(hash: string): void }} Route
 * @typedef {(view: HTMLElement, route: Route, staff: import('./api.js').StaffProfile) => void | Promise<void>} Page
 */

/** Pages behind the login, each with the permission it needs and the navigation entry it shows. */
const PAGES = /** @type {const} */ ([
  { pattern: /^\/cases$/, page: renderQueue, permission: 'cases.read', nav: ['#/cases', '诉求队列'] },
  { pattern: /^\/cases\/([^/]+)$/, page: renderCase, permission: 'cases.read', nav: null },
  { pattern: /^\/dashboard$/, page: renderDashboard, permission: 'figures.read', nav: ['#/dashboard', '统计看板'] },
  { pattern: /^\/audit$/, page: renderAudit, permission: 'audit.read', nav: ['#/audit', '审计日志'] },
  {
    pattern: /^\/compliance$/,
    page: renderCompliance,
    permission: 'catalog.edit',
    nav: ['#/compliance', '公开合规报告'],
  },
  { pattern: /^\/staff$/, page: renderStaff, permission: 'staff.manage', nav: ['#/staff', '账号管理'] },
]);

/** @param {string} hash */
function go(hash) {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?');
  return { path, params: new URLSearchParams(query) };
}

/** @param {import('./api.js').StaffProfile | null} staff */
function renderTopbar(staff) {
  const topbar = /** @type {HTMLElement} */ (document.getElementById('topbar'));
  const current = parseHash().path;
  const links = staff
    ? PAGES.filter((p) => p.nav && can(staff.role, p.permission)).map((p) => {
        const [href, text] = /** @type {[string, string]} */ (p.nav);
        const active = current === href.slice(1) || current.startsWith(`${href.slice(1)}/`);
        return h('a', { href, class: 'nav__link', 'aria-current': active ? 'page' : false }, text);
      })
    : [];
  replace(
    topbar,
    h('span', { class: 'topbar__title' }, '12345 工作台'),
    staff ? h('nav', { class: 'nav', 'aria-label': '主导航' }, links) : null,
    staff
      ? h(
          'div',
          { class: 'topbar__user' },
          h('span', { class: 'topbar__name' }, `${staff.displayName}（${label(STAFF_ROLES, staff.role)}）`),
          h('a', { href: '#/password', class: 'nav__link' }, '修改密码'),
          h('button', { type: 'button', class: 'button button--quiet', onclick: logout }, '退出登录'),
        )
      : null,
  );
}

async function logout() {
  try {
    await api('POST', '/auth/logout');
  } catch {
    // The session ends here either way.
  }
  session.clear();
  go('#/login');
}

/** The first page the role may open; a role with none here (the catalog editor) gets a welcome page. */
function homeFor(/** @type {string} */ role) {
  const first = PAGES.find((p) => p.nav && can(role, p.permission));
  return first?.nav ? first.nav[0] : '#/welcome';
}

async function route() {
  const { path, params } = parseHash();
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  // A fresh view per navigation: answers that arrive for a page already left land in a detached element.
  const view = h('div', { class: 'view' });
  replace(main, view);
  const staff = session.token ? session.staff : null;
  renderTopbar(staff);
  const routeInfo = { path, params, go };

  if (!staff) {
    if (path !== '/login') return go('#/login');
    const reason = signInReason;
    signInReason = '';
    return renderLogin(view, reason, (s) => go(s.staff.mustChangePassword ? '#/password' : homeFor(s.staff.role)));
  }
  if (path === '/login' || path === '/') return go(homeFor(staff.role));
  if (path === '/password' || staff.mustChangePassword) {
    if (path !== '/password') return go('#/password');
    return renderPassword(view, routeInfo, staff, () => go(homeFor(staff.role)));
  }
  if (path === '/welcome') {
    replace(view, h('h1', { tabindex: '-1' }, '欢迎'), h('p', null, '您的角色在工作台中暂无可用页面。'));
    return;
  }
  for (const entry of PAGES) {
    const match = entry.pattern.exec(path);
    if (!match) continue;
    if (!can(staff.role, entry.permission)) break;
    if (match[1]) params.set('id', decodeURIComponent(match[1]));
    await entry.page(view, routeInfo, staff);
    view.querySelector('h1')?.focus({ preventScroll: true });
    return;
  }
  replace(
    view,
    h('h1', { tabindex: '-1' }, '页面不存在'),
    h('p', null, h('a', { href: homeFor(staff.role) }, '返回首页')),
  );
}

/** Why the login page is shown (an expired session), told once on it. */
let signInReason = '';
whenUnauthenticated((error) => {
  signInReason = error.message;
  go('#/login');
});
window.addEventListener('hashchange', () => void route());
void route();
