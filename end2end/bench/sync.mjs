// Sync with three years of records (history.mjs's 2,190 records) through a
// local pouchdb-server (couch.mjs), encrypted as the app recommends:
// - first sync: a phone holding the history presses "Turn on sync" on an
//   empty database, until the status line says synced with nothing waiting;
// - restore: a fresh context turns on sync with the same server, database
//   and passphrase, until synced with all 2,190 records stored;
// - incremental: on the phone, one change (the profile saved) and "Sync
//   now", until synced with nothing waiting.
// Each time is taken in the page, from the click's event time stamp to the
// DOM update that shows the synced status. Targets: first sync < 30 s,
// incremental < 1 s; they are reported by bench.mjs, never asserted in tests.
//
// Run alone with `node bench/sync.mjs` (MGT_DIST, MGT_BENCH_RUNS as in
// bench.mjs) or as part of `make bench`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from '../serve.mjs';
import { Couch, ADMIN } from '../couch.mjs';
import { chromiumFromConfig } from './chromium.mjs';
import { HISTORY_DAYS, seedRecords } from './history.mjs';
import { summary } from './stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PASSPHRASE = 'bench passphrase, not a secret';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const INCREMENTAL_RUNS = 5;
const SYNC_TIMEOUT_MS = 180_000;

/**
 * Arms a watch on the sync section: the next click on the button named
 * `button` starts the clock, and the first DOM update after it that shows
 * the status synced with nothing waiting stops it (window.__syncMs).
 */
async function armTimer(page, button) {
  await page.evaluate((button) => {
    const section = document.querySelector('[data-testid="sync"]');
    window.__syncMs = null;
    window.__syncError = null;
    let start = null;
    const onClick = (ev) => {
      const b = ev.target.closest('button');
      if (b && b.textContent.trim() === button && start === null) start = ev.timeStamp;
    };
    section.addEventListener('click', onClick, true);
    const observer = new MutationObserver(() => {
      if (start === null) return;
      const status = document.querySelector('[data-testid="sync-status"]');
      const phase = status?.getAttribute('data-phase');
      if (phase === 'synced' && status.getAttribute('data-waiting') === '0') {
        window.__syncMs = performance.now() - start;
      } else if (phase === 'failed') {
        window.__syncError = status.textContent;
      } else return;
      observer.disconnect();
      section.removeEventListener('click', onClick, true);
    });
    observer.observe(section, { subtree: true, childList: true, attributes: true, characterData: true });
  }, button);
}

async function timed(page) {
  const handle = await page.waitForFunction(() => window.__syncMs ?? window.__syncError, undefined, { timeout: SYNC_TIMEOUT_MS });
  const value = await handle.jsonValue();
  if (typeof value === 'string') throw new Error(`sync failed: ${value}`);
  return value;
}

async function fillForm(page, db) {
  const sync = page.getByTestId('sync');
  await sync.getByLabel('Server address').fill(db.server);
  await sync.getByLabel('Database').fill(db.name);
  await sync.getByLabel('User name').fill(ADMIN.user);
  await sync.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await sync.getByLabel('Encryption passphrase').fill(PASSPHRASE);
}

async function newPhone(browser, origin) {
  const context = await browser.newContext({ baseURL: origin, ...PHONE });
  const page = await context.newPage();
  await page.goto('/settings');
  await page.getByTestId('sync').waitFor({ timeout: 60_000 });
  return { context, page };
}

/** One run: first sync, restore into a fresh context, then incremental syncs. */
async function oneRun(browser, origin, couch, records, log) {
  const db = await couch.createDb('bench');
  const phone = await newPhone(browser, origin);
  let fresh = null;
  try {
    await phone.page.evaluate((recs) => Object.entries(recs).forEach(([k, v]) => localStorage.setItem(k, v)), records);
    await phone.page.reload();
    await phone.page.getByTestId('sync').waitFor({ timeout: 60_000 });
    await fillForm(phone.page, db);
    await armTimer(phone.page, 'Turn on sync');
    await phone.page.getByTestId('sync').getByRole('button', { name: 'Turn on sync' }).click();
    const firstSync = await timed(phone.page);
    log(`first sync ${(firstSync / 1000).toFixed(1)} s`);

    fresh = await newPhone(browser, origin);
    await fillForm(fresh.page, db);
    await armTimer(fresh.page, 'Turn on sync');
    await fresh.page.getByTestId('sync').getByRole('button', { name: 'Turn on sync' }).click();
    const restore = await timed(fresh.page);
    const restored = await fresh.page.evaluate(
      () => Object.keys(localStorage).filter((k) => k.startsWith('mgt/v1/day/') || k.startsWith('mgt/v1/diary/')).length,
    );
    log(`restore ${(restore / 1000).toFixed(1)} s, ${restored} records`);

    const incremental = [];
    for (let i = 0; i < INCREMENTAL_RUNS; i++) {
      // One changed record: the profile, saved on the same page.
      await phone.page.getByLabel('Age', { exact: true }).fill(String(30 + i));
      await phone.page.getByRole('radio', { name: 'Female', exact: true }).check();
      await phone.page.getByRole('button', { name: 'Save profile' }).click();
      await phone.page.getByTestId('profile-message').getByText('Saved').waitFor();
      await armTimer(phone.page, 'Sync now');
      await phone.page.getByTestId('sync').getByRole('button', { name: 'Sync now' }).click();
      incremental.push(await timed(phone.page));
    }
    log(`incremental ${incremental.map((t) => t.toFixed(0)).join(', ')} ms`);
    const serverDocs = (await db.records()).length;
    return { firstSync, restore, restored, incremental, serverDocs };
  } finally {
    await phone.context.close();
    await fresh?.context.close();
  }
}

/** First sync, restore and incremental sync times over `runs` runs, each with a fresh database. */
export async function syncRuns(browser, { dist, runs, log = () => {} }) {
  const server = await startServer({ root: dist, port: 0, gzip: true });
  const couch = await Couch.start();
  const records = seedRecords(HISTORY_DAYS);
  const first = [];
  const restore = [];
  const incremental = [];
  const out = {
    definition: `click ("Turn on sync" or "Sync now") to the DOM update showing the status synced with 0 changes waiting; ${Object.keys(records).length} records, encrypted, pouchdb-server on 127.0.0.1`,
    runs: [],
  };
  try {
    for (let i = 0; i < runs; i++) {
      log(`sync run ${i + 1}/${runs}`);
      const r = await oneRun(browser, server.url, couch, records, log);
      out.runs.push({ ...r, expectedRecords: Object.keys(records).length });
      first.push(r.firstSync);
      restore.push(r.restore);
      incremental.push(...r.incremental);
    }
  } finally {
    await couch.close();
    await server.close();
  }
  out.firstSync = summary(first);
  out.restore = summary(restore);
  out.incremental = summary(incremental);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const spec = chromiumFromConfig();
  const browser = await chromium.launch({ executablePath: spec.executablePath, args: spec.args, headless: true });
  try {
    const dist = path.resolve(process.env.MGT_DIST || path.join(HERE, '..', '..', 'dist'));
    const runs = Math.max(1, Number(process.env.MGT_BENCH_RUNS || 1));
    const r = await syncRuns(browser, { dist, runs, log: (m) => process.stderr.write(`[sync] ${m}\n`) });
    console.log(JSON.stringify(r, null, 2));
    const s = (x) => (x.median == null ? 'n/a' : `${(x.median / 1000).toFixed(2)} s (${(x.min / 1000).toFixed(2)}–${(x.max / 1000).toFixed(2)})`);
    console.log(`first sync   ${s(r.firstSync)}  target < 30 s  ${r.firstSync.median < 30_000 ? 'PASS' : 'FAIL'}`);
    console.log(`restore      ${s(r.restore)}`);
    console.log(`incremental  ${s(r.incremental)}  target < 1 s  ${r.incremental.median < 1000 ? 'PASS' : 'FAIL'}`);
  } finally {
    await browser.close();
  }
}
