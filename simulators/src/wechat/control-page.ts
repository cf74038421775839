import type { SubscribeMessage } from './subscribe-routes';

const escape = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function card(message: SubscribeMessage): string {
  const rows = Object.entries(message.data)
    .map(([key, value]) => `<tr><th>${escape(key)}</th><td>${escape(value)}</td></tr>`)
    .join('');
  return `<section><h2>${escape(message.title)}</h2><p class="meta">${escape(message.at.toISOString())} → ${escape(
    message.touser,
  )} · ${escape(message.miniprogramState)}</p><table>${rows}</table><p class="meta">点击打开：${escape(
    message.page ?? '（无）',
  )}</p></section>`;
}

/**
 * `/__control/`: the subscription messages the simulator accepted, newest first, as the citizen would see them
 * in WeChat's service notifications. Reload to refresh; no script, no external assets.
 */
export function messagesPage(messages: readonly SubscribeMessage[]): string {
  const cards = [...messages].reverse().slice(0, 200).map(card).join('') || '<p>还没有订阅消息。</p>';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>微信模拟器 · 订阅消息</title>
<style>body{font:14px/1.5 system-ui,"PingFang SC",sans-serif;margin:16px;color:#222}section{border:1px solid #ddd;
border-radius:8px;padding:8px 12px;margin:8px 0;max-width:480px}h2{font-size:16px;margin:0}.meta{color:#777;
font-size:12px;margin:4px 0}th{text-align:left;color:#777;font-weight:normal;padding-right:12px}</style></head>
<body><h1>订阅消息（微信模拟器）</h1>${cards}</body></html>`;
}
