import { Router } from '@koa/router';
import { buildOpenApiDocument } from './openapi';
import type { AppState } from './state';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>API 文档</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328}
h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.op{border:1px solid #d0d7de;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
.m{font-weight:700;display:inline-block;min-width:4rem}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:13px}
summary{cursor:pointer}
</style></head><body>
<h1>12345 微信通道 HTTP API</h1>
<p>机器可读文档：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>（OpenAPI 3）。</p>
<div id="ops">加载中…</div>
<script src="/api/docs/app.js"></script>
</body></html>`;

/** Renders the OpenAPI document in the browser without any outside asset. */
const SCRIPT = `fetch('/api/v1/openapi.json').then(r=>r.json()).then(doc=>{
const root=document.getElementById('ops');root.textContent='';
const esc=s=>String(s).replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
const groups={};
for(const [path,ops] of Object.entries(doc.paths))for(const [method,op] of Object.entries(ops))
(groups[op.tags[0]]=groups[op.tags[0]]||[]).push({path,method,op});
for(const [tag,list] of Object.entries(groups)){
const h=document.createElement('h2');h.textContent=tag;root.appendChild(h);
for(const {path,method,op} of list){const d=document.createElement('div');d.className='op';
d.innerHTML='<span class="m">'+esc(method.toUpperCase())+'</span><code>'+esc(path)+'</code> — '+esc(op.summary)+
(op.security?' <em>(需要登录)</em>':'')+
(op.parameters?'<details><summary>查询参数</summary><pre>'+esc(JSON.stringify(op.parameters,null,2))+'</pre></details>':'')+
(op.requestBody?'<details><summary>请求体</summary><pre>'+esc(JSON.stringify(op.requestBody.content['application/json'].schema,null,2))+'</pre></details>':'')+
Object.entries(op.responses).map(([s,r])=>'<details><summary>响应 '+esc(s)+'</summary><pre>'+esc(JSON.stringify(r.content['application/json'].schema,null,2))+'</pre></details>').join('');
root.appendChild(d);}}});`;

export function docsRoutes(): Router<AppState> {
  const router = new Router<AppState>();
  const document = buildOpenApiDocument({ title: '12345 WeChat channel API', version: '1' });
  router.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = document;
  });
  router.get('/api/docs', (ctx) => {
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', "default-src 'self'; style-src 'unsafe-inline'");
    ctx.body = PAGE;
  });
  router.get('/api/docs/app.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = SCRIPT;
  });
  return router;
}
