// Reference pages for the typing budgets: what the same keystrokes cost in
// this browser, on this machine, without the app.
//
// - "same DOM": a static copy of the Foods page (the app's own markup and
//   style sheet, no wasm) whose small script answers each key with the rows
//   the app showed for that query, exactly as the app builds them: the count,
//   the URL, the first 8 rows at once, then 8 more after each painted frame.
// - "bare page": a search box and a list of 8 one-line items, no style sheet.
//
// Both are typed into and timed by the same probe as the app, so the
// difference between the app and "same DOM" is what Leptos and the search
// cost, and "bare page" is the floor of the browser itself.
import { installProbe } from './probe.mjs';
import { expectCount, lastKeyPaint, longestTask, searchReady, typeAndMeasure } from './typing.mjs';

const FLOOR_PATH = '/__bench-floor';
// Rows built per frame; the same as ROWS_PER_FRAME in src/pages/foods.rs.
const ROWS_PER_FRAME = 8;

/**
 * Loads the app at 1x, searches every prefix of `text` and records, for each,
 * the result count and the outer HTML of every row the app rendered; then
 * takes the Foods page's document (without scripts) for the "same DOM" page.
 */
export async function captureRows(browser, { origin, phone, text, foodsTotal }) {
  const context = await browser.newContext({ ...phone, serviceWorkers: 'block', baseURL: origin });
  try {
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    await page.goto('/foods');
    await expectCount(page, foodsTotal, 30_000);
    await searchReady(page);
    const pool = {};
    for (let i = text.length; i >= 0; i--) {
      const q = text.slice(0, i);
      await page.evaluate((v) => window.__bench.search(v), q);
      // Rows arrive a batch per frame: wait until the page of 50 is complete.
      await page.waitForFunction(() => {
        const n = Number((document.querySelector('[data-testid="result-count"]')?.textContent ?? '').replace(/[^0-9]/g, '')) || 0;
        return document.querySelectorAll('[data-testid="food-results"] > li').length === Math.min(50, n);
      }, null, { timeout: 10_000 });
      pool[q] = await page.evaluate(() => ({
        count: document.querySelector('[data-testid="result-count"]').textContent,
        rows: [...document.querySelectorAll('[data-testid="food-results"] > li')].map((li) => li.outerHTML),
      }));
    }
    const html = await page.evaluate(() => {
      const doc = document.documentElement.cloneNode(true);
      // No app: no scripts, no preloads, and no CSP (it would block the
      // reference page's own inline script).
      doc.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"], meta[http-equiv]').forEach((n) => n.remove());
      return '<!doctype html>' + doc.outerHTML;
    });
    return { html, pool };
  } finally {
    await context.close();
  }
}

/** The two reference pages' HTML, by name. */
export function floorPages({ html, pool }) {
  const bare = Object.fromEntries(
    Object.entries(pool).map(([q, p]) => [q, { count: p.count, rows: p.rows.slice(0, ROWS_PER_FRAME).map((_, i) => `<li>${q || 'all'} ${i + 1}</li>`) }]),
  );
  const script = (rows) => `<script>
const POOL = ${JSON.stringify(rows).replace(/</g, '\\u003c')};
const input = document.getElementById('food-search');
const list = document.querySelector('[data-testid="food-results"]');
const count = document.querySelector('[data-testid="result-count"]');
let generation = 0;
input.addEventListener('input', () => {
  const q = input.value;
  const p = POOL[q];
  if (!p) return;
  const g = ++generation;
  history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
  count.textContent = p.count;
  let n = ${ROWS_PER_FRAME};
  list.innerHTML = p.rows.slice(0, n).join('');
  const more = () => requestAnimationFrame(() => setTimeout(() => {
    if (g !== generation || n >= p.rows.length) return;
    list.insertAdjacentHTML('beforeend', p.rows.slice(n, n + ${ROWS_PER_FRAME}).join(''));
    n += ${ROWS_PER_FRAME};
    more();
  }, 0));
  more();
});
</script>`;
  const start = (p) => p.rows.slice(0, ROWS_PER_FRAME).join('');
  return {
    'same DOM': html.replace('</body>', script(pool) + '</body>'),
    'bare page':
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Reference</title></head><body>' +
      `<label for="food-search">Search</label><input id="food-search" type="search"><p data-testid="result-count">${bare[''].count}</p>` +
      `<ul data-testid="food-results">${start(bare[''])}</ul>` +
      script(bare) +
      '</body></html>',
  };
}

/**
 * A fresh context whose page shows the reference page `html` at the app's
 * origin (so its style sheet loads), with the probe installed if `probe`.
 * The caller closes the context.
 */
async function openFloor(browser, { origin, phone, html, probe }) {
  const context = await browser.newContext({ ...phone, serviceWorkers: 'block', baseURL: origin });
  try {
    if (probe) await context.addInitScript(installProbe);
    await context.route(`**${FLOOR_PATH}*`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    const page = await context.newPage();
    await page.goto(FLOOR_PATH);
    return { context, page };
  } catch (e) {
    await context.close();
    throw e;
  }
}

/**
 * Types `text` on the reference page `html` in a fresh context with the CPU
 * slowed by `rate`, and returns the last key's paint time and the longest task.
 */
export async function typeOnFloor(browser, { origin, phone, html, rate, text, delayMs }) {
  const { context, page } = await openFloor(browser, { origin, phone, html, probe: true });
  try {
    await page.waitForLoadState('load');
    // Let the first paint and the style sheet settle, as the app's run does
    // by searching before it types.
    await page.waitForTimeout(300);
    const cdp = await context.newCDPSession(page);
    if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const typing = await typeAndMeasure(page, text, delayMs);
    return { lastKeyPaint: lastKeyPaint(typing, text), longestTask: longestTask(typing) };
  } finally {
    await context.close();
  }
}

/**
 * A fixed amount of JavaScript work, calibrated to take about as long as a
 * search call (0.2 ms) without slowdown, timed 20 times 100 ms apart at
 * `rate`, on the bare page: the p50 and p95 that the CPU slowdown alone
 * gives a call of that size.
 */
export async function workFloor(browser, { origin, phone, html, rate }) {
  const { context, page } = await openFloor(browser, { origin, phone, html, probe: false });
  try {
    // Calibrate before any slowdown: the loop count that takes 0.2 ms.
    const loops = await page.evaluate(() => {
      const spin = (n) => {
        let x = 0;
        for (let i = 0; i < n; i++) x = (x * 31 + i) % 1000003;
        return x;
      };
      window.__spin = spin;
      let n = 1000;
      for (let round = 0; round < 8; round++) {
        const times = [];
        for (let k = 0; k < 15; k++) {
          const t = performance.now();
          spin(n);
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        n = Math.max(100, Math.round((n * 0.2) / Math.max(times[7], 0.005)));
      }
      return n;
    });
    const cdp = await context.newCDPSession(page);
    if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const samples = await page.evaluate(async (n) => {
      const out = [];
      for (let k = 0; k < 20; k++) {
        await new Promise((r) => setTimeout(r, 100));
        const t = performance.now();
        window.__spin(n);
        out.push(performance.now() - t);
      }
      return out;
    }, loops);
    return { loops, samples };
  } finally {
    await context.close();
  }
}
