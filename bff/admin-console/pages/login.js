import { api, session } from '../api.js';
import { clearFormErrors, field, formValues, h, replace, showFormError } from '../dom.js';

/**
 * @param {HTMLElement} view
 * @param {string} reason why the person is asked to sign in again, or ''
 * @param {(s: { token: string; staff: import('../api.js').StaffProfile }) => void} onSignedIn
 */
export function renderLogin(view, reason, onSignedIn) {
  const submit = h('button', { type: 'submit', class: 'button button--primary' }, '登录');
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card form login', novalidate: true },
      h('h1', { tabindex: '-1' }, '工作人员登录'),
      h('p', { class: 'notice login__reason', role: 'status' }, reason),
      h('p', { class: 'form__error', role: 'alert' }),
      field('用户名', h('input', { name: 'username', autocomplete: 'username', required: true, maxlength: '32' })),
      field(
        '密码',
        h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
      ),
      submit,
    )
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const { username = '', password = '' } = formValues(form);
    submit.setAttribute('disabled', '');
    try {
      const signedIn = await api('POST', '/auth/login', { body: { username, password } });
      session.save(signedIn);
      onSignedIn(signedIn);
    } catch (error) {
      showFormError(form, error);
    } finally {
      submit.removeAttribute('disabled');
    }
  });
  replace(view, form);
  /** @type {HTMLInputElement} */ (form.querySelector('input[name="username"]')).focus();
}
