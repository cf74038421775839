import { api, session } from '../api.js';
import { clearFormErrors, field, formValues, h, replace, showFormError } from '../dom.js';

/**
 * Change my password; forced at first sign-in (`mustChangePassword`). The BFF answers a new session.
 * @param {HTMLElement} view
 * @param {import('../app.js').Route} _route
 * @param {import('../api.js').StaffProfile} staff
 * @param {() => void} onChanged
 */
export function renderPassword(view, _route, staff, onChanged) {
  const submit = h('button', { type: 'submit', class: 'button button--primary' }, '修改密码');
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card form password', novalidate: true },
      h('h1', { tabindex: '-1' }, '修改密码'),
      staff.mustChangePassword
        ? h('p', { class: 'notice', role: 'status' }, '首次登录或密码已被重置，请先设置新密码。')
        : null,
      h('p', { class: 'form__error', role: 'alert' }),
      field(
        '当前密码',
        h('input', { name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true }),
      ),
      field(
        '新密码',
        h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true }),
        '至少12位，须同时包含字母和数字',
      ),
      field(
        '再次输入新密码',
        h('input', { name: 'confirmPassword', type: 'password', autocomplete: 'new-password', required: true }),
      ),
      submit,
    )
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const { currentPassword = '', newPassword = '', confirmPassword = '' } = formValues(form);
    if (newPassword !== confirmPassword) {
      showFormError(form, { fields: [{ path: 'confirmPassword', message: '两次输入的新密码不一致' }] });
      return;
    }
    submit.setAttribute('disabled', '');
    try {
      session.save(await api('POST', '/me/password', { body: { currentPassword, newPassword } }));
      onChanged();
    } catch (error) {
      showFormError(form, error);
    } finally {
      submit.removeAttribute('disabled');
    }
  });
  replace(view, form);
}
