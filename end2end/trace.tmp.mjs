import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
const dist = process.argv[2]; const route = process.argv[3] || '/foods';
const server = await startServer({ root: dist });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
const page = await ctx.newPage();
await browser.startTracing(page, { categories: ['devtools.timeline','v8','v8.wasm','disabled-by-default-devtools.timeline','blink','loading'] });
const t0 = Date.now();
await page.goto(server.url + route);
await page.getByTestId('result-count').filter({ hasText: '8,789' }).waitFor({ timeout: 30000 });
console.log('wall', Date.now() - t0);
await page.waitForTimeout(200);
const buf = await browser.stopTracing();
const ev = JSON.parse(buf.toString()).traceEvents;
const main = ev.find(e => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
const tid = main.tid, pid = main.pid;
const start = ev.filter(e=>e.name==='navigationStart' && e.pid===pid).map(e=>e.ts)[0] || Math.min(...ev.filter(e=>e.pid===pid&&e.ts>0).map(e=>e.ts));
const m = ev.filter(e => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur);
// top-level tasks
const tasks = m.filter(e => e.name === 'RunTask' || e.name==='ThreadControllerImpl::RunTask').sort((a,b)=>a.ts-b.ts);
const agg = new Map();
for (const e of m) { if (e.dur < 1000) continue; agg.set(e.name, (agg.get(e.name)||0) + e.dur/1000); }
console.log([...agg.entries()].sort((a,b)=>b[1]-a[1]).slice(0,30).map(([k,v])=>v.toFixed(0).padStart(6)+' '+k).join('\n'));
console.log('long tasks:'); for (const t of tasks.filter(t=>t.dur>20000)) {
  const inner = m.filter(e => e.ts>=t.ts && e.ts+e.dur<=t.ts+t.dur && e!==t && e.dur>5000).map(e=>e.name+':'+(e.dur/1000).toFixed(0)).slice(0,8);
  console.log(((t.ts-start)/1000).toFixed(0), (t.dur/1000).toFixed(0), inner.join(' '));
}
const wasm = ev.filter(e => e.pid===pid && /wasm/i.test(e.name) && e.dur).reduce((a,e)=>{a[e.name+'@'+(e.tid===tid?'main':'bg')]=(a[e.name+'@'+(e.tid===tid?'main':'bg')]||0)+e.dur/1000;return a},{});
console.log(wasm);
await browser.close(); await server.close();
