/**
 * The demo page at `/__control/`: the hotline's side of a ticket for a person trying the product — dispatch,
 * sign, handle, reply, close, extend — while the mini-program shows the updates arrive. One self-contained
 * document (inline style and script, no external assets) driving the control API.
 */

const style = `
body { font: 14px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 16px; color: #222; }
h1 { font-size: 20px; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ddd; padding: 6px; vertical-align: top; text-align: left; }
th { background: #f5f5f5; }
button { margin: 2px; }
input { margin: 2px; }
.status { font-weight: bold; }
.log { font-size: 12px; color: #555; margin: 0; padding-left: 16px; }
#error { color: #c00; min-height: 1.5em; }
.faults { margin: 8px 0; }
`;

/** Plain ES2017 in a string: it runs in the browser as is, so it must not use backticks or `${`. */
const script = `
var STATUS = { accepted: '已受理', dispatched: '已派单', signed: '已签收', in_progress: '办理中', replied: '已答复', closed: '已办结' };
var EVENT = { accept: '受理', dispatch: '派单', sign: '签收', transfer: '转办', send_back: '退回', start: '办理',
  extend: '延期', reply: '答复', close: '办结', reopen: '重办', supervise: '督办', urge: '催办' };
var KIND = { supplement: '补充', withdraw: '撤回', rating: '评价' };
var drafts = {};
var shown = '';

function esc(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, function (c) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
  });
}
function time(iso) { return iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—'; }
function draft(no, name, fallback) { var v = drafts[no + ':' + name]; return v == null ? fallback : v; }
function input(no, name, placeholder, fallback, size) {
  return '<input data-no="' + esc(no) + '" data-name="' + name + '" placeholder="' + placeholder + '" size="' + size +
    '" value="' + esc(draft(no, name, fallback)) + '">';
}
function button(no, type, label) {
  return '<button data-no="' + esc(no) + '" data-type="' + type + '">' + label + '</button>';
}
function row(t) {
  var events = t.events.map(function (e) {
    return '<li>#' + e.sequence + ' ' + (EVENT[e.type] || e.type) + (e.unit ? ' · ' + esc(e.unit) : '') +
      (e.text ? ' · ' + esc(e.text) : '') + ' <small>' + time(e.occurredAt) + '</small></li>';
  }).join('');
  var messages = t.messages.map(function (m) {
    return '<li>' + (KIND[m.kind] || m.kind) + ' #' + m.seq + (m.text ? ' · ' + esc(m.text) : '') + '</li>';
  }).join('');
  return '<tr><td>' + esc(t.ticketNo) + '<br><small>' + esc(t.caseId) + '</small></td>' +
    '<td><b>' + esc(t.request.title) + '</b><br>' + esc(t.request.content) + '</td>' +
    '<td class="status">' + (STATUS[t.status] || t.status) + '<br><small>' + esc(t.unit || '') + '</small></td>' +
    '<td>' + time(t.dueAt) + '</td>' +
    '<td><ol class="log">' + events + '</ol>' + (messages ? '<ul class="log">' + messages + '</ul>' : '') + '</td>' +
    '<td>' + input(t.ticketNo, 'unit', '承办单位', '郾城区城市管理局', 14) + button(t.ticketNo, 'dispatch', '派单') + '<br>' +
    button(t.ticketNo, 'sign', '签收') + button(t.ticketNo, 'start', '办理') + '<br>' +
    input(t.ticketNo, 'text', '答复/办结/延期说明', '', 20) + button(t.ticketNo, 'reply', '答复') +
    button(t.ticketNo, 'close', '办结') + '<br>' +
    input(t.ticketNo, 'days', '天数', '5', 3) + button(t.ticketNo, 'extend', '延期') + '</td></tr>';
}
function render(tickets) {
  var body = tickets.length ? tickets.slice().reverse().map(row).join('') :
    '<tr><td colspan="6">还没有工单。在小程序里提交一件诉求，它会出现在这里。</td></tr>';
  document.getElementById('tickets').innerHTML = body;
}
function refresh() {
  fetch('/__control/tickets').then(function (r) { return r.json(); }).then(function (data) {
    var json = JSON.stringify(data.tickets);
    var typing = document.activeElement && document.activeElement.tagName === 'INPUT';
    if (json !== shown && !typing) { shown = json; render(data.tickets); }
  }).catch(function () { showError('无法连接模拟器'); });
}
function showError(message) { document.getElementById('error').textContent = message; }
function post(path, body) {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (r) {
      if (r.ok) { showError(''); shown = ''; refresh(); return; }
      return r.json().then(function (data) { showError('操作失败：' + data.error.message); });
    });
}
function act(no, type) {
  var body = { type: type };
  var ticket = JSON.parse(shown || '[]').filter(function (t) { return t.ticketNo === no; })[0];
  if (type === 'dispatch') body.unit = draft(no, 'unit', '郾城区城市管理局');
  if (type === 'reply' || type === 'close' || type === 'extend') body.text = draft(no, 'text', '') || undefined;
  if (type === 'close' && !body.text) body.text = '已办结';
  if (type === 'extend') {
    var base = ticket && ticket.dueAt ? Date.parse(ticket.dueAt) : Date.now();
    body.dueAt = new Date(base + Number(draft(no, 'days', '5')) * 86400000).toISOString();
  }
  post('/__control/tickets/' + encodeURIComponent(no) + '/events', body);
}
document.addEventListener('input', function (e) {
  var el = e.target;
  if (el.dataset && el.dataset.no) drafts[el.dataset.no + ':' + el.dataset.name] = el.value;
});
document.addEventListener('click', function (e) {
  var el = e.target;
  if (el.dataset && el.dataset.type) act(el.dataset.no, el.dataset.type);
  if (el.id === 'outage') post('/__control/faults', { outage: {} });
  if (el.id === 'recover') fetch('/__control/faults', { method: 'DELETE' }).then(function () { showError(''); });
});
refresh();
setInterval(refresh, 2000);
`;

export function controlPageHtml(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>12345 工单系统模拟器</title>
<style>${style}</style>
</head>
<body>
<h1>12345 工单系统模拟器</h1>
<p>这里是热线一侧：对工单派单、签收、办理、答复、办结、延期，小程序会收到推送或在轮询时看到更新。</p>
<div class="faults">故障演示：<button id="outage">模拟停机</button><button id="recover">恢复正常</button></div>
<div id="error"></div>
<table>
<thead><tr><th>工单号</th><th>诉求</th><th>状态</th><th>办理时限</th><th>经过</th><th>操作</th></tr></thead>
<tbody id="tickets"></tbody>
</table>
<script>${script}</script>
</body>
</html>
`;
}
