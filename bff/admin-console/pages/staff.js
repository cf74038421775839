import { api } from '../api.js';
import { clearFormErrors, field, formatTime, formValues, h, messageOf, replace, showFormError } from '../dom.js';
import { STAFF_ROLES, label } from '../labels.js';
import { select } from './queue.js';

/** Staff accounts (admin only): list, create, disable or enable, set a new initial password. */
/** @type {import('../app.js').Page} */
export async function renderStaff(view, _route, me) {
  const rows = h('tbody');
  const status = h('p', { role: 'status', class: 'staff__status' });
  const units = await api('GET', '/units').then(
    (r) => r.items,
    () => [],
  );

  async function load() {
    try {
      const { items } = await api('GET', '/staff');
      replace(
        rows,
        items.map((/** @type {any} */ s) => staffRow(s, me.id, update)),
      );
    } catch (error) {
      status.textContent = messageOf(error);
    }
  }

  /** @param {any} s @param {Record<string, unknown>} changes @param {string} done @param {HTMLFormElement} [form] */
  async function update(s, changes, done, form) {
    try {
      await api('PATCH', `/staff/${encodeURIComponent(s.id)}`, { body: changes });
      status.textContent = `${s.username}：${done}`;
      await load();
    } catch (error) {
      if (form) showFormError(form, error);
      else status.textContent = messageOf(error);
    }
  }

  replace(
    view,
    h('h1', { tabindex: '-1' }, '账号管理'),
    createForm(units, async () => load()),
    h(
      'div',
      { class: 'card table-wrap' },
      h('h2', null, '工作人员'),
      status,
      h(
        'table',
        { class: 'table staff' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['用户名', '姓名', '角色', '承办单位', '区划代码', '状态', '创建时间', '操作'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        rows,
      ),
    ),
  );
  await load();
}

/**
 * @param {any} s
 * @param {string} myId
 * @param {(s: any, changes: Record<string, unknown>, done: string, form?: HTMLFormElement) => Promise<void>} update
 */
function staffRow(s, myId, update) {
  const reset = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'form staff__reset', hidden: true, novalidate: true },
      h('p', { class: 'form__error', role: 'alert' }),
      field(
        '新的初始密码',
        h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true }),
        '对方下次登录时须修改',
      ),
      h('button', { type: 'submit', class: 'button button--primary' }, '确认重置'),
    )
  );
  reset.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFormErrors(reset);
    void update(s, { password: formValues(reset).password ?? '' }, '密码已重置', reset);
  });
  const state = s.disabled ? '已停用' : s.mustChangePassword ? '待修改初始密码' : '正常';
  return h(
    'tr',
    { class: 'staff__row', 'data-username': s.username },
    [
      s.username,
      s.displayName,
      label(STAFF_ROLES, s.role),
      s.unit ?? '—',
      s.regionCode ?? '—',
      state,
      formatTime(s.createdAt),
    ].map((v) => h('td', null, v)),
    h(
      'td',
      { class: 'staff__actions' },
      s.id === myId
        ? h('span', { class: 'muted' }, '当前账号')
        : [
            h(
              'button',
              {
                type: 'button',
                class: 'button',
                onclick: () => update(s, { disabled: !s.disabled }, s.disabled ? '已启用' : '已停用'),
              },
              s.disabled ? '启用' : '停用',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'button',
                onclick: () => {
                  reset.hidden = !reset.hidden;
                },
              },
              '重置密码',
            ),
            reset,
          ],
    ),
  );
}

/** @param {{ name: string }[]} units @param {() => Promise<void>} onCreated */
function createForm(units, onCreated) {
  const unitList = h(
    'datalist',
    { id: 'unit-names' },
    units.map((u) => h('option', { value: u.name })),
  );
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card form staff__create', novalidate: true },
      h('h2', null, '新建账号'),
      h('p', { class: 'form__error', role: 'alert' }),
      h(
        'div',
        { class: 'form__grid' },
        field(
          '用户名',
          h('input', { name: 'username', autocomplete: 'off', required: true, maxlength: '32' }),
          '3–32位小写字母、数字、点、横线或下划线',
        ),
        field('姓名', h('input', { name: 'displayName', required: true, maxlength: '30' })),
        field('角色', select('role', STAFF_ROLES, 'handler', '')),
        field('承办单位', h('input', { name: 'unit', list: 'unit-names', maxlength: '100' }), '承办人员必填'),
        field('区划代码', h('input', { name: 'regionCode', inputmode: 'numeric', maxlength: '12' })),
        field(
          '初始密码',
          h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true }),
          '至少12位，含字母和数字；对方首次登录须修改',
        ),
      ),
      unitList,
      h('button', { type: 'submit', class: 'button button--primary' }, '创建账号'),
      h('p', { class: 'notice staff__created', role: 'status' }),
    )
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const values = formValues(form);
    try {
      const created = await api('POST', '/staff', { body: values });
      form.reset();
      replace(/** @type {HTMLElement} */ (form.querySelector('.staff__created')), `已创建账号 ${created.username}`);
      await onCreated();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return form;
}
