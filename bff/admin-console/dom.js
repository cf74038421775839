/**
 * The console builds every element with these helpers: text goes through textContent and attributes through
 * setAttribute, never through HTML parsing, so whatever a citizen or a staff member typed shows as text.
 */

/**
 * @typedef {string | number | Node | null | undefined | false} Leaf
 * @typedef {Leaf | Leaf[] | Leaf[][]} Child
 * @param {string} tag
 * @param {Record<string, unknown> | null} [attrs] `on*` functions become listeners; true/false toggle boolean
 *   attributes; `value` and `checked` set the property.
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An SVG element; attributes are set as given (presentation attributes, not inline styles, so the CSP holds).
 * @param {string} tag
 * @param {Record<string, string | number> | null} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs ?? {})) el.setAttribute(name, String(value));
  append(el, children);
  return el;
}

/** @param {Element} el @param {Record<string, unknown> | null | undefined} attrs */
function applyAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    } else if (name === 'value' || name === 'checked') {
      /** @type {any} */ (el)[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

/** @param {Node} el @param {unknown[]} children */
function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `el`. @param {Element} el @param {...Child} children */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A labelled form field with a place for its error message (found by the field's name).
 * @param {string} label
 * @param {HTMLElement} control an input, select or textarea with a `name`
 * @param {string} [hint]
 */
export function field(label, control, hint) {
  const name = control.getAttribute('name') ?? '';
  const id = control.id || `f-${name}-${Math.random().toString(36).slice(2, 8)}`;
  control.id = id;
  const error = h('p', { class: 'field__error', 'data-error-for': name, id: `${id}-error`, 'aria-live': 'polite' });
  control.setAttribute('aria-describedby', hint ? `${id}-hint ${id}-error` : `${id}-error`);
  return h(
    'div',
    { class: `field field--${name}` },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'field__hint', id: `${id}-hint` }, hint) : null,
    error,
  );
}

/**
 * Shows an API error on a form: field errors next to their fields, the message at the top.
 * @param {HTMLFormElement} form
 * @param {unknown} error
 */
export function showFormError(form, error) {
  clearFormErrors(form);
  const fields = /** @type {{ fields?: { path: string; message: string }[] }} */ (error).fields ?? [];
  let placed = 0;
  for (const issue of fields) {
    const target = form.querySelector(`[data-error-for="${CSS.escape(issue.path)}"]`);
    if (target) {
      target.textContent = issue.message;
      form.querySelector(`[name="${CSS.escape(issue.path)}"]`)?.setAttribute('aria-invalid', 'true');
      placed += 1;
    }
  }
  const banner = form.querySelector('.form__error');
  if (banner && placed < Math.max(fields.length, 1)) banner.textContent = messageOf(error);
}

/** @param {HTMLFormElement} form */
export function clearFormErrors(form) {
  for (const el of form.querySelectorAll('.field__error, .form__error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** @param {unknown} error */
export function messageOf(error) {
  return error instanceof Error ? error.message : '系统繁忙，请稍后再试';
}

/**
 * The form's fields as strings, blank ones left out. Values are not trimmed (passwords may have spaces); the
 * BFF's schemas trim the text fields.
 * @param {HTMLFormElement} form
 */
export function formValues(form) {
  /** @type {Record<string, string>} */
  const values = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim() !== '') values[name] = value;
  }
  return values;
}

/** @param {string | null | undefined} iso */
export function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
