import { api, ApiError } from '../api.js';
import { clearFormErrors, field, formatTime, formValues, h, messageOf, replace, showFormError } from '../dom.js';
import {
  CASE_ACTIONS,
  CASE_FLAGS,
  CASE_STATUSES,
  CASE_TYPES,
  CONTENT_CHECKS,
  EXTENSION_STATES,
  FORWARDING_STATES,
  RATINGS,
  TIMELINE_SOURCES,
  can,
  label,
} from '../labels.js';

/**
 * The fields of each action's form, in the order the BFF's caseActionRequestSchema names them. Extension
 * decisions are made beside each pending request instead.
 * @type {Record<string, { name: string; label: string; kind: 'text' | 'unit' | 'datetime'; max?: number }[]>}
 */
const ACTION_FIELDS = {
  reply: [{ name: 'text', label: '答复内容', kind: 'text', max: 2000 }],
  transfer: [
    { name: 'unit', label: '转办至单位', kind: 'unit' },
    { name: 'reason', label: '转办原因', kind: 'text', max: 200 },
  ],
  request_extension: [
    { name: 'dueAt', label: '新的办理期限', kind: 'datetime' },
    { name: 'reason', label: '延期原因', kind: 'text', max: 200 },
  ],
  approve_content: [],
  reject_content: [{ name: 'reason', label: '不予受理原因', kind: 'text', max: 200 }],
  close: [{ name: 'result', label: '办结结果', kind: 'text', max: 2000 }],
  follow_up: [{ name: 'note', label: '回访记录', kind: 'text', max: 500 }],
};

export const STALE_MESSAGE = '该诉求已被他人更新，请刷新后重试';

/** @type {import('../app.js').Page} */
export async function renderCase(view, route, staff) {
  const id = route.params.get('id') ?? '';
  replace(view, h('p', { class: 'loading' }, '正在加载…'));
  let detail;
  try {
    detail = await api('GET', `/cases/${encodeURIComponent(id)}`);
  } catch (error) {
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 403);
    replace(
      view,
      h('h1', { tabindex: '-1' }, missing ? '找不到该诉求' : '加载失败'),
      h('p', { class: 'notice notice--error', role: 'alert' }, messageOf(error)),
      h('p', null, h('a', { href: '#/cases' }, '返回诉求队列')),
    );
    return;
  }
  const units = detail.allowedActions.includes('transfer') ? await unitNames() : [];
  showCase(view, detail, { staff, units, reload: () => renderCase(view, route, staff) });
}

async function unitNames() {
  try {
    const { items } = await api('GET', '/units');
    return items.map((/** @type {{ name: string }} */ u) => u.name);
  } catch {
    return [];
  }
}

/**
 * @typedef {{ staff: import('../api.js').StaffProfile; units: string[]; reload: () => void }} Context
 * @param {HTMLElement} view
 * @param {any} c the admin case detail
 * @param {Context} ctx
 */
function showCase(view, c, ctx) {
  const conflict = h('div', { class: 'conflict', role: 'alert', hidden: true });
  /** Sends one action with the version this page showed; the answer is the case as it is now. */
  const act = async (/** @type {Record<string, unknown>} */ body, /** @type {HTMLFormElement} */ form) => {
    clearFormErrors(form);
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => b.setAttribute('disabled', ''));
    try {
      const updated = await api('POST', `/cases/${encodeURIComponent(c.id)}/actions`, {
        body: { ...body, version: c.version },
      });
      showCase(view, updated, ctx);
      view.querySelector('.case__notice')?.replaceChildren(`已${label(CASE_ACTIONS, String(body.action))}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        replace(
          conflict,
          h('p', null, error.code === 'STALE_VERSION' ? STALE_MESSAGE : error.message),
          h('button', { type: 'button', class: 'button button--primary', onclick: ctx.reload }, '刷新'),
        );
        conflict.hidden = false;
        conflict.scrollIntoView({ block: 'center' });
        /** @type {HTMLElement} */ (conflict.querySelector('button')).focus();
      } else {
        showFormError(form, error);
      }
    } finally {
      buttons.forEach((b) => b.removeAttribute('disabled'));
    }
  };

  replace(
    view,
    h(
      'div',
      { class: 'case__head' },
      h('p', null, h('a', { href: '#/cases' }, '← 返回诉求队列')),
      h('h1', { tabindex: '-1', class: 'case__title' }, c.title),
      h(
        'p',
        { class: 'case__meta' },
        h('span', { class: `badge badge--${c.status} case__status` }, label(CASE_STATUSES, c.status)),
        c.overdue ? h('span', { class: 'badge badge--danger' }, '超期') : null,
        c.flags.map((/** @type {string} */ f) => h('span', { class: 'badge badge--flag' }, label(CASE_FLAGS, f))),
        h('span', { class: 'muted' }, `诉求编号 ${c.id} · 版本 ${c.version}`),
      ),
      h('p', { class: 'case__notice notice', role: 'status' }),
      conflict,
    ),
    h(
      'div',
      { class: 'case__grid' },
      h(
        'div',
        { class: 'case__main' },
        summary(c),
        section('诉求内容', h('p', { class: 'case__content' }, c.content), location(c)),
        photos(c),
        section('处理记录', timeline(c)),
      ),
      h(
        'div',
        { class: 'case__side' },
        contact(c, ctx),
        forwarding(c),
        notifications(c),
        extensions(c, act),
        actions(c, ctx, act),
      ),
    ),
  );
}

/** @param {string} title @param {...(Node | null)} children */
function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}

/** @param {[string, string | null | undefined][]} rows */
function dl(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([term, value]) => [h('dt', null, term), h('dd', null, value === null || value === '' ? '—' : value)]),
  );
}

/** @param {any} c */
function summary(c) {
  return section(
    '基本信息',
    dl([
      ['类型', `${label(CASE_TYPES, c.type)} · ${c.categoryName}（${c.category}）`],
      ['状态', label(CASE_STATUSES, c.status)],
      ['工单号', c.ticketNo],
      ['承办单位', c.handlingUnit],
      ['区域', c.regionName ? `${c.regionName}（${c.regionCode}）` : null],
      ['办理期限', `${formatTime(c.dueAt)}${c.overdue ? '（已超期）' : ''}`],
      ['督办 / 催办', `${c.supervised ? '已督办' : '未督办'} / ${c.urged ? '已催办' : '未催办'}`],
      ['内容审核', label(CONTENT_CHECKS, c.contentCheck)],
      ['群众评价', c.rating ? label(RATINGS, c.rating) : '未评价'],
      ['提交时间', formatTime(c.createdAt)],
      ['最近更新', formatTime(c.updatedAt)],
    ]),
  );
}

/** @param {any} c */
function location(c) {
  if (!c.location) return null;
  const { address, latitude, longitude } = c.location;
  const coords = latitude !== null && longitude !== null ? `（${latitude}, ${longitude}）` : '';
  return h('p', { class: 'case__location' }, `地点：${address ?? ''}${coords}`);
}

/** @param {any} c */
function photos(c) {
  if (c.photos.length === 0) return null;
  return section(
    `照片（${c.photos.length}）`,
    h(
      'div',
      { class: 'photos' },
      c.photos.map((/** @type {{ url: string; width: number; height: number }} */ p, /** @type {number} */ i) =>
        h(
          'a',
          { href: p.url, target: '_blank', rel: 'noopener noreferrer' },
          h('img', {
            src: p.url,
            alt: `诉求照片 ${i + 1}`,
            width: '160',
            height: String(Math.round((160 * p.height) / p.width) || 120),
            loading: 'lazy',
          }),
        ),
      ),
    ),
  );
}

/** @param {any} e a timeline entry */
function timelineMeta(e) {
  // Only a staff entry's actor names a person; the hotline's is its event id.
  const parts = [formatTime(e.at), label(TIMELINE_SOURCES, e.source), e.source === 'staff' ? e.actor : null, e.unit];
  return parts.filter(Boolean).join(' · ');
}

/** @param {any} c */
function timeline(c) {
  return h(
    'ol',
    { class: 'timeline' },
    c.timeline.map((/** @type {any} */ e) =>
      h(
        'li',
        { class: `timeline__entry timeline__entry--${e.source}` },
        h(
          'p',
          { class: 'timeline__head' },
          h('strong', { class: 'timeline__label' }, e.label),
          ' ',
          h('span', { class: 'muted' }, timelineMeta(e)),
        ),
        e.note ? h('p', { class: 'timeline__note' }, e.note) : null,
      ),
    ),
  );
}

/** @param {any} c @param {Context} ctx */
function contact(c, ctx) {
  if (c.anonymous) return section('联系方式', h('p', null, '群众选择匿名提交，无联系方式。'));
  const shown = h(
    'div',
    null,
    dl([
      ['姓名', c.contact?.name ?? null],
      ['电话', c.contact?.phone ?? null],
    ]),
  );
  const box = section(
    '联系方式',
    c.confidential ? h('p', { class: 'notice' }, '群众要求保密，请勿向被反映方透露。') : null,
    shown,
  );
  if (!c.contact || !can(ctx.staff.role, 'cases.reveal')) return box;

  const reveal = h('button', { type: 'button', class: 'button reveal__open' }, '查看完整号码');
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'form reveal', hidden: true, novalidate: true },
      h('p', { class: 'form__error', role: 'alert' }),
      field('查看原因', h('input', { name: 'reason', maxlength: '200', required: true }), '至少4个字，将记入审计日志'),
      h(
        'div',
        { class: 'form__actions' },
        h('button', { type: 'submit', class: 'button button--primary' }, '确认查看'),
        h(
          'button',
          {
            type: 'button',
            class: 'button button--quiet',
            onclick: () => {
              form.hidden = true;
              reveal.hidden = false;
            },
          },
          '取消',
        ),
      ),
    )
  );
  reveal.addEventListener('click', () => {
    reveal.hidden = true;
    form.hidden = false;
    /** @type {HTMLInputElement} */ (form.querySelector('input')).focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    try {
      const full = await api('POST', `/cases/${encodeURIComponent(c.id)}/contact`, {
        body: { reason: formValues(form).reason ?? '' },
      });
      replace(
        shown,
        dl([
          ['姓名', full.name],
          ['电话', full.phone],
        ]),
        h('p', { class: 'muted' }, '已显示完整联系方式（已记录）'),
      );
      form.remove();
    } catch (error) {
      showFormError(form, error);
    }
  });
  box.append(reveal, form);
  return box;
}

/** @param {any} c */
function forwarding(c) {
  const f = c.forwarding;
  return section(
    '转交12345',
    f.stuck ? h('p', { class: 'notice notice--error' }, '转交受阻，请关注') : null,
    dl([
      ['状态', label(FORWARDING_STATES, f.state)],
      ['尝试次数', String(f.attempts)],
      ['失败原因', f.lastError],
      ['下次重试', f.nextAttemptAt ? formatTime(f.nextAttemptAt) : null],
    ]),
  );
}

const NOTICE_PURPOSES = { accepted: '受理通知', result: '办理结果通知', survey: '满意度评价提醒' };
const NOTICE_STATES = {
  pending: '待发送',
  sent: '已发送',
  skipped: '未发送',
  refused: '微信拒收（无订阅）',
  failed: '发送失败',
};

/** The citizen's subscription messages, with WeChat's reason when one was refused. @param {any} c */
function notifications(c) {
  if (!c.notifications || c.notifications.length === 0) return null;
  return section(
    '消息通知',
    h(
      'ul',
      { class: 'notifications' },
      c.notifications.map((/** @type {any} */ n) =>
        h(
          'li',
          { class: 'notification' },
          dl([
            ['消息', label(NOTICE_PURPOSES, n.purpose)],
            ['状态', label(NOTICE_STATES, n.state)],
            ['原因', n.lastError],
            ['时间', formatTime(n.updatedAt)],
          ]),
        ),
      ),
    ),
  );
}

/**
 * @param {any} c
 * @param {(body: Record<string, unknown>, form: HTMLFormElement) => Promise<void>} act
 */
function extensions(c, act) {
  if (c.extensions.length === 0) return null;
  const canDecide = c.allowedActions.includes('decide_extension');
  return section(
    '延期申请',
    h(
      'ul',
      { class: 'extensions' },
      c.extensions.map((/** @type {any} */ x) =>
        h(
          'li',
          { class: 'extension' },
          dl([
            ['状态', label(EXTENSION_STATES, x.state)],
            ['申请期限', formatTime(x.requestedDueAt)],
            ['原因', x.reason],
            ['申请人', `${x.requestedBy}（${formatTime(x.requestedAt)}）`],
            [
              '审批',
              x.decidedBy
                ? `${x.decidedBy}（${formatTime(x.decidedAt)}）${x.decisionNote ? `：${x.decisionNote}` : ''}`
                : null,
            ],
          ]),
          canDecide && x.state === 'pending' ? decideForm(x, act) : null,
        ),
      ),
    ),
  );
}

/** @param {any} x @param {(body: Record<string, unknown>, form: HTMLFormElement) => Promise<void>} act */
function decideForm(x, act) {
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'form action action--decide_extension', novalidate: true },
      h('p', { class: 'form__error', role: 'alert' }),
      field('审批意见（可选）', h('textarea', { name: 'note', maxlength: '200', rows: '2' })),
      h(
        'div',
        { class: 'form__actions' },
        h('button', { type: 'submit', name: 'approve', value: 'true', class: 'button button--primary' }, '批准延期'),
        h('button', { type: 'submit', name: 'approve', value: 'false', class: 'button' }, '驳回'),
      ),
    )
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const submitter = /** @type {SubmitEvent} */ (event).submitter;
    const { note } = formValues(form);
    void act(
      {
        action: 'decide_extension',
        extensionId: x.id,
        approve: submitter?.getAttribute('value') === 'true',
        ...(note ? { note } : {}),
      },
      form,
    );
  });
  return form;
}

/**
 * @param {any} c
 * @param {Context} ctx
 * @param {(body: Record<string, unknown>, form: HTMLFormElement) => Promise<void>} act
 */
function actions(c, ctx, act) {
  const forms = c.allowedActions
    .filter((/** @type {string} */ a) => a in ACTION_FIELDS)
    .map((/** @type {string} */ a) => actionForm(a, ctx, act));
  if (forms.length === 0) return section('办理', h('p', { class: 'muted' }, '当前状态下您没有可进行的操作。'));
  return section('办理', ...forms);
}

/**
 * @param {string} action
 * @param {Context} ctx
 * @param {(body: Record<string, unknown>, form: HTMLFormElement) => Promise<void>} act
 */
function actionForm(action, ctx, act) {
  const specs = ACTION_FIELDS[action] ?? [];
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: `form action action--${action}`, novalidate: true },
      h('h3', null, label(CASE_ACTIONS, action)),
      h('p', { class: 'form__error', role: 'alert' }),
      specs.map((s) => field(s.label, control(s, ctx))),
      h('button', { type: 'submit', class: 'button button--primary' }, label(CASE_ACTIONS, action)),
    )
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = formValues(form);
    /** @type {Record<string, unknown>} */
    const body = { action };
    for (const s of specs) {
      const value = values[s.name] ?? '';
      body[s.name] = s.kind === 'datetime' ? isoOf(value) : value;
    }
    void act(body, form);
  });
  return form;
}

/** @param {{ name: string; kind: string; max?: number }} spec @param {Context} ctx */
function control(spec, ctx) {
  if (spec.kind === 'unit') {
    return h(
      'select',
      { name: spec.name, required: true },
      h('option', { value: '' }, '请选择单位'),
      ctx.units.map((u) => h('option', { value: u }, u)),
    );
  }
  if (spec.kind === 'datetime') return h('input', { name: spec.name, type: 'datetime-local', required: true });
  return h('textarea', {
    name: spec.name,
    rows: spec.max && spec.max > 500 ? '4' : '2',
    maxlength: String(spec.max ?? 200),
    required: true,
  });
}

/** A datetime-local value (the browser's time zone) as an ISO instant; left as typed when it is not a date. */
function isoOf(/** @type {string} */ value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
