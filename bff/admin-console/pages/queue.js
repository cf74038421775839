import { api } from '../api.js';
import { field, formatTime, formValues, h, messageOf, replace } from '../dom.js';
import { CASE_FLAGS, CASE_STATUSES, CASE_TYPES, QUEUE_SORTS, label } from '../labels.js';

const FILTERS = ['status', 'type', 'category', 'unit', 'region', 'overdue', 'flag', 'from', 'to', 'q', 'sort'];

/**
 * @param {string} name
 * @param {Record<string, string>} options
 * @param {string | null} selected
 * @param {string} [anyLabel]
 */
export function select(name, options, selected, anyLabel = '全部') {
  return h(
    'select',
    { name },
    anyLabel ? h('option', { value: '' }, anyLabel) : null,
    Object.entries(options).map(([value, text]) => h('option', { value, selected: value === selected }, text)),
  );
}

/** Categories and units for the filter's choices; the queue still works when they cannot be loaded. */
async function choices() {
  const [categories, units] = await Promise.all([
    api('GET', '/api/v1/categories').catch(() => ({ items: [] })),
    api('GET', '/units').catch(() => ({ items: [] })),
  ]);
  return {
    categories: Object.fromEntries(
      categories.items.map((/** @type {{ code: string; name: string }} */ c) => [c.code, `${c.code} ${c.name}`]),
    ),
    units: Object.fromEntries(units.items.map((/** @type {{ name: string }} */ u) => [u.name, u.name])),
  };
}

/** @type {import('../app.js').Page} */
export async function renderQueue(view, route) {
  const p = route.params;
  const { categories, units } = await choices();
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card filters', role: 'search', 'aria-label': '筛选诉求' },
      field('状态', select('status', CASE_STATUSES, p.get('status'))),
      field('类型', select('type', CASE_TYPES, p.get('type'))),
      field('领域/分类', select('category', categories, p.get('category'))),
      field('承办单位', select('unit', units, p.get('unit'))),
      field(
        '区划代码',
        h('input', { name: 'region', value: p.get('region') ?? '', inputmode: 'numeric', maxlength: '12' }),
      ),
      field('是否超期', select('overdue', { true: '已超期', false: '未超期' }, p.get('overdue'))),
      field('标记', select('flag', CASE_FLAGS, p.get('flag'))),
      field('提交日期从', h('input', { name: 'from', type: 'date', value: p.get('from') ?? '' })),
      field('提交日期至', h('input', { name: 'to', type: 'date', value: p.get('to') ?? '' })),
      field(
        '关键词',
        h('input', { name: 'q', type: 'search', value: p.get('q') ?? '', maxlength: '40' }),
        '工单号、诉求编号或标题',
      ),
      field('排序', select('sort', QUEUE_SORTS, p.get('sort') ?? 'created_desc', '')),
      h(
        'div',
        { class: 'filters__actions' },
        h('button', { type: 'submit', class: 'button button--primary' }, '筛选'),
        h('a', { href: '#/cases', class: 'button' }, '重置'),
      ),
    )
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = formValues(form);
    const query = new URLSearchParams(FILTERS.filter((k) => values[k]).map((k) => [k, values[k] ?? '']));
    route.go(`#/cases${query.size ? `?${query}` : ''}`);
  });

  const rows = h('tbody');
  const status = h('p', { class: 'queue__status', role: 'status' });
  const more = h('button', { type: 'button', class: 'button queue__more', hidden: true }, '加载更多');
  // `limit` (page size) is read from the address only: the default of 20 suits the form.
  /** @type {Record<string, string | undefined>} */
  const query = Object.fromEntries([...FILTERS, 'limit'].map((k) => [k, p.get(k) ?? undefined]));

  /** @param {string | undefined} cursor */
  async function load(cursor) {
    more.setAttribute('disabled', '');
    status.textContent = '正在加载…';
    try {
      const page = await api('GET', '/cases', { query: { ...query, cursor } });
      rows.append(...page.items.map(caseRow));
      status.textContent = rows.childElementCount === 0 ? '没有符合条件的诉求' : `已显示 ${rows.childElementCount} 条`;
      more.hidden = !page.nextCursor;
      more.onclick = () => void load(page.nextCursor);
    } catch (error) {
      status.textContent = messageOf(error);
    } finally {
      more.removeAttribute('disabled');
    }
  }

  replace(
    view,
    h('h1', { tabindex: '-1' }, '诉求队列'),
    form,
    h(
      'div',
      { class: 'card table-wrap' },
      h(
        'table',
        { class: 'table queue' },
        h('caption', { class: 'visually-hidden' }, '诉求列表'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['标题', '类型', '状态', '承办单位', '区域', '办理期限', '标记', '提交时间'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        rows,
      ),
      status,
      more,
    ),
  );
  await load(undefined);
}

/** @param {any} c an admin case summary */
function caseRow(c) {
  return h(
    'tr',
    { class: 'queue__row', 'data-case-id': c.id },
    h(
      'td',
      null,
      h('a', { href: `#/cases/${encodeURIComponent(c.id)}`, class: 'queue__title' }, c.title),
      h('div', { class: 'muted' }, c.ticketNo ? `工单号 ${c.ticketNo}` : c.id),
    ),
    h('td', null, `${label(CASE_TYPES, c.type)} · ${c.categoryName}`),
    h('td', null, h('span', { class: `badge badge--${c.status}` }, label(CASE_STATUSES, c.status))),
    h('td', null, c.handlingUnit ?? '—'),
    h('td', null, c.regionName ?? '—'),
    h(
      'td',
      { class: c.overdue ? 'overdue' : '' },
      formatTime(c.dueAt),
      c.overdue ? h('span', { class: 'badge badge--danger' }, '超期') : null,
    ),
    h(
      'td',
      null,
      c.flags.map((/** @type {string} */ f) => h('span', { class: 'badge badge--flag' }, label(CASE_FLAGS, f))),
    ),
    h('td', null, formatTime(c.createdAt)),
  );
}
