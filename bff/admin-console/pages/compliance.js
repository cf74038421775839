import { api } from '../api.js';
import { field, formValues, h, messageOf, replace } from '../dom.js';

const PROBLEMS = { no_document: '没有公开文件', outdated: '文件超过公开时限', broken_link: '链接失效' };
const COUNT_COLUMNS = ['事项数', '无文件', '超时限', '链接失效', '未评估'];

/** @param {any} c */
const counts = (c) => [c.items, c.noDocument, c.outdated, c.brokenLinks, c.notAssessed].map(String);

/** @param {string} caption @param {string[]} head @param {string[][]} rows */
function table(caption, head, rows) {
  return h(
    'div',
    { class: 'card table-wrap' },
    h(
      'table',
      { class: 'table' },
      h('caption', null, caption),
      h('thead', null, h('tr', null, ...head.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, ...rows.map((r) => h('tr', { class: 'compliance__row' }, ...r.map((v) => h('td', null, v))))),
    ),
  );
}

/**
 * The disclosure office's compliance report for one region: items with no published document, documents older
 * than their 公开时限 allows, and links the checker found broken — by area, by responsible body, and item by item.
 * @type {import('../app.js').Page}
 */
export async function renderCompliance(view, route) {
  const p = route.params;
  const region = p.get('region') || '411100';
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card filters', 'aria-label': '选择地区' },
      field('区划代码', h('input', { name: 'region', value: region, maxlength: '12', inputmode: 'numeric' })),
      field('公开主体', h('input', { name: 'body', value: p.get('body') ?? '', maxlength: '100' })),
      h('div', { class: 'filters__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, '查看')),
    )
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = formValues(form);
    const query = new URLSearchParams(['region', 'body'].filter((k) => values[k]).map((k) => [k, values[k] ?? '']));
    route.go(`#/compliance?${query}`);
  });
  const status = h('p', { role: 'status' }, '正在加载…');
  const body = h('div');
  replace(view, h('h1', { tabindex: '-1' }, '公开合规报告'), form, status, body);
  try {
    const report = await api('GET', `/catalog/regions/${encodeURIComponent(region)}/compliance`, {
      query: { body: p.get('body') || undefined },
    });
    status.textContent = `${report.region.name} · 统计日期 ${report.date} · 有问题的事项 ${report.items.length} 项`;
    replace(
      body,
      table('合计', COUNT_COLUMNS, [counts(report.totals)]),
      table(
        '按领域',
        ['领域', ...COUNT_COLUMNS],
        report.byArea.map((/** @type {any} */ a) => [a.areaName, ...counts(a)]),
      ),
      table(
        '按公开主体',
        ['公开主体', ...COUNT_COLUMNS],
        report.byBody.map((/** @type {any} */ b) => [b.body, ...counts(b)]),
      ),
      table(
        '有问题的事项',
        ['事项', '公开主体', '公开时限', '最新文件', '问题'],
        report.items.map((/** @type {any} */ i) => [
          i.name,
          i.body,
          i.deadline,
          i.newestDocumentOn ?? '—',
          i.problems.map((/** @type {keyof typeof PROBLEMS} */ k) => PROBLEMS[k] ?? k).join('、'),
        ]),
      ),
    );
  } catch (error) {
    status.textContent = messageOf(error);
  }
}
