// The shopping list offline: a phone with a warm service worker and the
// server stopped, a list of 30 items seeded into localStorage. Measures, each
// from the tap's event time to the second animation frame after the page
// shows the result (as typing.mjs does for keys):
// - opening /list from the navigation to the list painted,
// - checking an item to its row painted as checked.
// The budget for both is one frame (16.7 ms) at 1x.
//
// Run alone with `node bench/list.mjs` (MGT_DIST, MGT_BENCH_RUNS as in
// bench.mjs) or as part of `make bench`.
import { startServer } from '../serve.mjs';
import { runAlone } from './chromium.mjs';
import { summary } from './stats.mjs';

export const LIST_ITEMS = 30;
const CHECKS = 6;

/** A stored list of `n` items: foods by the portion and by the package, and free text. */
export function seedList(n) {
  const groups = ['Nut and Seed Products', 'Vegetables and Vegetable Products', 'Legumes and Legume Products', null];
  const items = [];
  for (let i = 1; i <= n; i++) {
    const group = groups[i % groups.length];
    items.push({
      id: i,
      name: group ? `Food number ${i}, raw` : `Free text item ${i}`,
      ndb: group ? 10000 + i : null,
      group,
      amount: group ? (i % 2 ? { portions: { count: 3, portion_label: '1 oz (28 g)', grams_each: 28.35 } } : { grams: 500.0 }) : 'text',
      mg: group ? 100.0 + i : null,
      note: i % 5 === 0 ? 'for the soup' : '',
      checked: false,
    });
  }
  const data = { items, next_id: n + 1, order: 'by_group' };
  return { 'mgt/v1/list': JSON.stringify({ schema: 1, updated_at_ms: Date.now(), data }) };
}

/**
 * Arms a measure of the next click: `work`, from the click's event time to
 * the DOM change after which `ready()` holds, and `paint`, to just after the
 * frame that shows it (a message posted from that frame's animation-frame
 * callback runs after its paint), as probe.mjs times keys.
 */
function armClick(page, readyJs) {
  return page.evaluate((src) => {
    const ready = new Function(`return (${src})`);
    window.__tap = new Promise((resolve) => {
      document.addEventListener(
        'click',
        (ev) => {
          const start = ev.timeStamp;
          let work = ready() ? performance.now() - start : null;
          const observer = new MutationObserver(() => {
            if (work == null && ready()) work = performance.now() - start;
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          const frame = () =>
            requestAnimationFrame(() => {
              if (work == null) return frame();
              observer.disconnect();
              const ch = new MessageChannel();
              ch.port1.onmessage = () => resolve({ work, paint: performance.now() - start });
              ch.port2.postMessage(0);
            });
          frame();
        },
        { capture: true, once: true },
      );
    });
  }, readyJs);
}

async function oneRun(browser, server, records, rate) {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'allow' });
  try {
    await context.addInitScript((recs) => {
      if (localStorage.getItem('mgt/v1/bench-seeded')) return;
      for (const [k, v] of Object.entries(recs)) localStorage.setItem(k, v);
      localStorage.setItem('mgt/v1/bench-seeded', '1');
    }, records);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto('/today');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
      }
    });
    // Stopped as well as offline, as the offline specs do.
    await server.close();
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-testid="day-total"]', { timeout: 60_000 });
    if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await armClick(page, `document.querySelectorAll('[data-testid="list-item"]').length === ${LIST_ITEMS}`);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'List' }).click();
    const open = await page.evaluate(() => window.__tap);
    const checks = [];
    for (let i = 0; i < CHECKS; i++) {
      const id = await page.locator('[data-testid="list-item"]').nth(i).getAttribute('data-id');
      await armClick(page, `document.querySelector('[data-testid="list-item"][data-id="${id}"]')?.getAttribute('data-checked') === 'true'`);
      await page.locator(`[data-testid="list-item"][data-id="${id}"] input[type="checkbox"]`).click();
      checks.push(await page.evaluate(() => window.__tap));
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return { open, checks };
  } finally {
    await context.close();
  }
}

/** Opening /list and checking items, per profile. */
export async function listRuns(browser, { dist, runs, profiles, log = () => {} }) {
  const records = seedList(LIST_ITEMS);
  const out = {
    definition: `tap event time to just after the frame that shows the result (paint) and to the DOM change (work), offline with a warm service worker, ${LIST_ITEMS} items`,
    profiles: {},
  };
  for (const profile of profiles) {
    const open = [];
    const check = [];
    const openWork = [];
    const checkWork = [];
    for (let i = 0; i < runs; i++) {
      log(`list run ${i + 1}/${runs} ${profile.name}`);
      // A server per run, which the run stops once the service worker is warm.
      const started = await startServer({ root: dist, port: 0, gzip: true });
      let closed = false;
      const server = {
        url: started.url,
        close: async () => {
          if (!closed) {
            closed = true;
            await started.close();
          }
        },
      };
      try {
        const r = await oneRun(browser, server, records, profile.rate);
        open.push(r.open.paint);
        openWork.push(r.open.work);
        check.push(...r.checks.map((c) => c.paint));
        checkWork.push(...r.checks.map((c) => c.work));
      } finally {
        await server.close();
      }
    }
    out.profiles[profile.key] = { open: summary(open), openWork: summary(openWork), check: summary(check), checkWork: summary(checkWork) };
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAlone('list', listRuns);
