import { api } from '../api.js';
import { field, formatTime, formValues, h, messageOf, replace } from '../dom.js';
import { ACTOR_TYPES, label } from '../labels.js';
import { select } from './queue.js';

const FILTERS = ['actorType', 'actorId', 'action', 'subjectId'];

/** @type {import('../app.js').Page} */
export async function renderAudit(view, route) {
  const p = route.params;
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card filters', role: 'search', 'aria-label': '筛选审计日志' },
      field('操作者类型', select('actorType', ACTOR_TYPES, p.get('actorType'))),
      field('操作者编号', h('input', { name: 'actorId', value: p.get('actorId') ?? '', maxlength: '64' })),
      field(
        '操作',
        h('input', { name: 'action', value: p.get('action') ?? '', maxlength: '48' }),
        '例如 staff.login、case.contact_revealed',
      ),
      field('对象编号', h('input', { name: 'subjectId', value: p.get('subjectId') ?? '', maxlength: '64' })),
      h(
        'div',
        { class: 'filters__actions' },
        h('button', { type: 'submit', class: 'button button--primary' }, '筛选'),
        h('a', { href: '#/audit', class: 'button' }, '重置'),
      ),
    )
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = formValues(form);
    const query = new URLSearchParams(FILTERS.filter((k) => values[k]).map((k) => [k, values[k] ?? '']));
    route.go(`#/audit${query.size ? `?${query}` : ''}`);
  });

  const rows = h('tbody');
  const status = h('p', { role: 'status' });
  const more = h('button', { type: 'button', class: 'button', hidden: true }, '加载更多');
  const query = Object.fromEntries(FILTERS.map((k) => [k, p.get(k) ?? undefined]));

  /** @param {string | undefined} cursor */
  async function load(cursor) {
    status.textContent = '正在加载…';
    try {
      const page = await api('GET', '/audit', { query: { ...query, cursor } });
      rows.append(
        ...page.items.map((/** @type {any} */ e) =>
          h(
            'tr',
            { class: 'audit__row' },
            [
              formatTime(e.at),
              `${label(ACTOR_TYPES, e.actorType)} ${e.actorId}`,
              e.action,
              `${e.subjectType} ${e.subjectId}`,
              e.reason ?? '—',
              e.requestId ?? '—',
            ].map((v) => h('td', null, v)),
          ),
        ),
      );
      status.textContent = rows.childElementCount === 0 ? '没有记录' : `已显示 ${rows.childElementCount} 条`;
      more.hidden = !page.nextCursor;
      more.onclick = () => void load(page.nextCursor);
    } catch (error) {
      status.textContent = messageOf(error);
    }
  }

  replace(
    view,
    h('h1', { tabindex: '-1' }, '审计日志'),
    form,
    h(
      'div',
      { class: 'card table-wrap' },
      h(
        'table',
        { class: 'table audit' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['时间', '操作者', '操作', '对象', '原因', '请求编号'].map((t) => h('th', { scope: 'col' }, t)),
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
