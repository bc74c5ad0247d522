// Keystrokes against a long history: three years of records (a day log and a
// diary entry for each of 1,095 days, 2,190 records) seeded into
// localStorage, then one key at a time typed into the diary note (each key
// saves the day's entry) and into Today's food search, each key timed from
// its keydown to the next animation frame after the app has handled it.
// This is the measure for "state that scales with the work, not the
// history": a keystroke should cost the same with three years as with one
// day.
//
// Run alone with `node bench/history.mjs` (MGT_DIST, MGT_BENCH_RUNS as in
// bench.mjs) or as part of `make bench`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../serve.mjs';
import { runAlone } from './chromium.mjs';
import { summary } from './stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(HERE, '..', '..', 'tests', 'fixtures', 'schema-v1');
export const HISTORY_DAYS = 1095;
const NOTE_KEYS = 'slept badly again';
const SEARCH_KEYS = 'almonds';
const KEY_DELAY_MS = 120;

/** The storage records of `days` days ending yesterday, built from the schema fixtures. */
export function seedRecords(days) {
  const day = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'day-2025-03-01.json'), 'utf8'));
  const diary = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'diary-2025-03-01.json'), 'utf8'));
  const records = {};
  const now = Date.now();
  for (let back = 1; back <= days; back++) {
    const d = new Date(now - back * 86_400_000);
    const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const ms = now - back * 86_400_000;
    records[`mgt/v1/day/${iso}`] = JSON.stringify({ ...day, updated_at_ms: ms, data: { ...day.data, date: iso } });
    records[`mgt/v1/diary/${iso}`] = JSON.stringify({
      ...diary,
      updated_at_ms: ms,
      data: { ...diary.data, date: iso, updated_at_ms: ms, ratings: { cramps: back % 11, sleep: (back * 7) % 11 } },
    });
  }
  return records;
}

/** Types `keys` into `selector`, returning each key's keydown-to-next-frame time in ms. */
async function timedKeys(page, selector, keys) {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    window.__keyTimes = [];
    el.addEventListener('keydown', (ev) => {
      const start = ev.timeStamp;
      // The input handler runs after keydown; the frame after the one that
      // follows it is the first that can show what the key changed.
      requestAnimationFrame(() => requestAnimationFrame(() => window.__keyTimes.push(performance.now() - start)));
    });
  }, selector);
  await page.locator(selector).pressSequentially(keys, { delay: KEY_DELAY_MS });
  await page.waitForFunction((n) => window.__keyTimes.length >= n, keys.length, { timeout: 30_000 });
  return page.evaluate(() => window.__keyTimes);
}

/** One fresh context with the seeded history, at CPU slowdown `rate`. */
async function oneRun(browser, origin, records, rate) {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    await context.addInitScript((recs) => {
      if (localStorage.getItem('mgt/v1/bench-seeded')) return;
      for (const [k, v] of Object.entries(recs)) localStorage.setItem(k, v);
      localStorage.setItem('mgt/v1/bench-seeded', '1');
    }, records);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto('/diary');
    await page.waitForSelector('#diary-note', { timeout: 60_000 });
    if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const note = await timedKeys(page, '#diary-note', NOTE_KEYS);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await page.goto('/today');
    await page.waitForSelector('#today-food-search', { timeout: 60_000 });
    if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const today = await timedKeys(page, '#today-food-search', SEARCH_KEYS);
    return { note, today };
  } finally {
    await context.close();
  }
}

/** Median and worst keystroke times for the diary note and Today's search, per profile. */
export async function historyRuns(browser, { dist, runs, profiles, log = () => {} }) {
  const server = await startServer({ root: dist, port: 0, gzip: true });
  const records = seedRecords(HISTORY_DAYS);
  const out = {
    definition: `keydown to the second animation frame after it, with ${Object.keys(records).length} records (a day log and a diary entry for each of ${HISTORY_DAYS} days)`,
    profiles: {},
  };
  try {
    for (const profile of profiles) {
      const note = [];
      const today = [];
      for (let i = 0; i < runs; i++) {
        log(`history run ${i + 1}/${runs} ${profile.name}`);
        const r = await oneRun(browser, server.url, records, profile.rate);
        note.push(...r.note);
        today.push(...r.today);
      }
      out.profiles[profile.key] = { diaryNote: summary(note), todaySearch: summary(today) };
    }
  } finally {
    await server.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAlone('history', historyRuns);
