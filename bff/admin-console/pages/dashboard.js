import { api, download } from '../api.js';
import { field, formValues, h, messageOf, replace } from '../dom.js';
import { FIGURE_DIMENSIONS } from '../labels.js';
import { barChart } from '../chart.js';
import { select } from './queue.js';

/** @typedef {{ numerator: number; denominator: number; rate: number | null }} Rate */

/** @param {Rate} r */
const percent = (r) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);
/** @param {number | null} hours */
const hoursText = (hours) => (hours === null ? '—' : `${hours.toFixed(1)} 小时`);

/** YYYY-MM-DD in the browser's time zone. @param {Date} d */
function day(d) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** @type {import('../app.js').Page} */
export async function renderDashboard(view, route) {
  const p = route.params;
  const today = new Date();
  const from = p.get('from') ?? day(new Date(today.getFullYear(), today.getMonth(), 1));
  const to = p.get('to') ?? day(today);
  const by = p.get('by') ?? 'type';
  const query = { from, to, by };

  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card filters', 'aria-label': '统计条件' },
      h('p', { class: 'form__error', role: 'alert' }),
      field('开始日期', h('input', { name: 'from', type: 'date', value: from, required: true })),
      field('结束日期', h('input', { name: 'to', type: 'date', value: to, required: true })),
      field('分组维度', select('by', FIGURE_DIMENSIONS, by, '')),
      h(
        'div',
        { class: 'filters__actions' },
        h('button', { type: 'submit', class: 'button button--primary' }, '查询'),
        h('button', { type: 'button', class: 'button export', onclick: exportExcel }, '导出Excel'),
      ),
    )
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    route.go(`#/dashboard?${new URLSearchParams(formValues(form))}`);
  });
  const status = h('p', { class: 'dashboard__status', role: 'status' });

  async function exportExcel() {
    status.textContent = '正在导出…';
    try {
      await download('/figures/export', query, `诉求统计_${from}_${to}.xlsx`);
      status.textContent = '已导出';
    } catch (error) {
      status.textContent = messageOf(error);
    }
  }

  const body = h('div', { class: 'dashboard__body' }, h('p', { class: 'loading' }, '正在加载…'));
  replace(view, h('h1', { tabindex: '-1' }, '统计看板'), form, status, body);
  try {
    const figures = await api('GET', '/figures', { query });
    replace(body, figureCards(figures.total), charts(figures), table(figures));
  } catch (error) {
    replace(body, h('p', { class: 'notice notice--error', role: 'alert' }, messageOf(error)));
  }
}

/** @param {any} t the total row */
function figureCards(t) {
  /** @param {string} name @param {string} value @param {string} [detail] */
  const card = (name, value, detail) =>
    h(
      'div',
      { class: 'figure' },
      h('p', { class: 'figure__name' }, name),
      h('p', { class: 'figure__value' }, value),
      detail ? h('p', { class: 'figure__detail muted' }, detail) : null,
    );
  /** @param {Rate} r */
  const of = (r) => `${r.numerator} / ${r.denominator}`;
  return h(
    'div',
    { class: 'figures' },
    card('按时办结率', percent(t.onTimeClosure), of(t.onTimeClosure)),
    card('满意率', percent(t.satisfaction), `${of(t.satisfaction)}（满意+基本满意 / 已评价）`),
    card('及时签收率', percent(t.timelySigning), of(t.timelySigning)),
    card('诉求量', `受理 ${t.received} · 办结 ${t.closed}`, `平均办理时长 ${hoursText(t.avgHandlingHours)}`),
  );
}

/** @param {any} figures */
function charts(figures) {
  const rows = /** @type {any[]} */ (figures.rows);
  /** @param {string} key */
  const rate = (key) => rows.map((r) => ({ label: r.label, value: r[key].rate, text: percent(r[key]) }));
  return h(
    'div',
    { class: 'charts' },
    h(
      'figure',
      { class: 'card' },
      h('figcaption', null, '受理量'),
      barChart({
        title: '受理量',
        rows: rows.map((r) => ({ label: r.label, value: r.received, text: String(r.received) })),
      }),
    ),
    h(
      'figure',
      { class: 'card' },
      h('figcaption', null, '按时办结率'),
      barChart({ title: '按时办结率', rows: rate('onTimeClosure'), max: 1 }),
    ),
    h(
      'figure',
      { class: 'card' },
      h('figcaption', null, '满意率'),
      barChart({ title: '满意率', rows: rate('satisfaction'), max: 1 }),
    ),
    h(
      'figure',
      { class: 'card' },
      h('figcaption', null, '及时签收率'),
      barChart({ title: '及时签收率', rows: rate('timelySigning'), max: 1 }),
    ),
  );
}

/** @param {any} figures */
function table(figures) {
  const headers = [
    FIGURE_DIMENSIONS[/** @type {keyof typeof FIGURE_DIMENSIONS} */ (figures.by)] ?? '范围',
    '受理量',
    '办结量',
    '按时办结率',
    '满意率',
    '及时签收率',
    '平均办理时长',
  ];
  /** @param {any} r @param {boolean} total */
  const row = (r, total) =>
    h(
      'tr',
      { class: total ? 'table__total' : '' },
      h('th', { scope: 'row' }, total ? '合计' : r.label),
      [
        String(r.received),
        String(r.closed),
        percent(r.onTimeClosure),
        percent(r.satisfaction),
        percent(r.timelySigning),
        hoursText(r.avgHandlingHours),
      ].map((v) => h('td', null, v)),
    );
  return h(
    'div',
    { class: 'card table-wrap' },
    h(
      'table',
      { class: 'table figures-table' },
      h('caption', null, `${figures.from} 至 ${figures.to}`),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        null,
        figures.rows.map((/** @type {any} */ r) => row(r, false)),
        row(figures.total, true),
      ),
    ),
  );
}
