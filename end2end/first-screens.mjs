// The static first screen of each main route, taken from the built app
// itself (`make first-screens`), so it has the app's own markup, data and
// styles. `xtask sw` writes these into index.html, where an inline script
// shows the one for the address until the wasm has started; the browser can
// then paint the page's largest element without waiting for the wasm.
//
// A page is taken on a phone (390 × 844) in a fresh profile, that is as a
// first visit shows it, and only what lies within the first screen is kept.
// `end2end/tests/first-screen.spec.ts` takes every page again from the
// build under test and fails when one differs from public/first-screens.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from './serve.mjs';
import { chromiumFromConfig } from './bench/chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FIRST_SCREENS = path.resolve(HERE, '..', 'public', 'first-screens.json');
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/**
 * The routes with a first screen. `userData`: the page shows what the person
 * stored, so a visit that finds stored records gets only its heading.
 */
export const ROUTES = [
  { path: '/today', testid: 'page-today', userData: true },
  { path: '/foods', testid: 'page-foods', userData: true },
  { path: '/list', testid: 'page-list', userData: true },
  { path: '/diary', testid: 'page-diary', userData: true },
  { path: '/guide', testid: 'page-guide', userData: false },
  { path: '/settings', testid: 'page-settings', userData: true },
];

/** Waits until the page shows what a first visit shows once it has settled. */
export async function settled(page, route) {
  // The static copy has the same headings; the app has started once it has
  // taken the loading screen's place.
  await page.waitForFunction(() => !document.getElementById('boot'));
  await page.locator(`[data-testid="${route.testid}"] h1`).first().waitFor();
  if (route.path === '/foods') {
    await page.locator('input[data-searchable="true"]').waitFor({ state: 'attached' });
  }
  // Deferred sections and the Foods rows are built in the frames after the
  // first paint; two more frames with no pending work see them all.
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))),
      ),
  );
}

/**
 * In the page: the app's first screen as markup. Elements that start below
 * the first screen are left out, controls are disabled (they would do
 * nothing before the app starts, and typed text would be lost), and the
 * update prompt and skip link, which belong to the running app, are dropped.
 * A date would be stale on another day, so text that holds one ("Tuesday
 * 1 December 2026" or 2026-12-01) keeps its place but is hidden
 * (`first-screen-blank`), and attributes that hold one (a link to the
 * previous day) are dropped, as are the marks by which tests and the
 * benchmark tell that the running app has data (`data-searchable`,
 * `data-building`, `elementtiming`).
 */
export function takeInPage() {
  const app = document.querySelector('.app');
  const height = window.innerHeight;
  const below = [];
  for (const el of app.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.top >= height && getComputedStyle(el).position !== 'fixed') below.push(el);
  }
  for (const el of below) el.setAttribute('data-first-screen-cut', '');
  const copy = app.cloneNode(true);
  for (const el of below) el.removeAttribute('data-first-screen-cut');
  for (const el of copy.querySelectorAll('[data-first-screen-cut], script, .skip-link, [data-testid="update-banner"]')) el.remove();
  for (const el of copy.querySelectorAll('input, button, select, textarea')) el.setAttribute('disabled', '');
  for (const el of copy.querySelectorAll('[data-searchable], [data-building], [elementtiming]')) {
    for (const name of ['data-searchable', 'data-building', 'elementtiming']) el.removeAttribute(name);
  }
  const DATE = /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b|\b\d{4}-\d{2}-\d{2}\b/;
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
  const comments = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.COMMENT_NODE) comments.push(node);
    else if (DATE.test(node.data)) node.parentElement.classList.add('first-screen-blank');
  }
  for (const c of comments) c.remove();
  for (const el of copy.querySelectorAll('*')) {
    for (const a of [...el.attributes]) if (/\d{4}-\d{2}-\d{2}/.test(a.value)) el.removeAttribute(a.name);
  }
  return { title: document.title, html: copy.innerHTML };
}

/** Every route's first screen from the build in `dist`. */
export async function takeAll(dist) {
  const server = await startServer({ root: dist, port: 0, gzip: false });
  const spec = chromiumFromConfig();
  const browser = await chromium.launch({ executablePath: spec.executablePath, args: spec.args, headless: true });
  const screens = {};
  try {
    for (const route of ROUTES) {
      const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(server.url + route.path);
      await settled(page, route);
      const { title, html } = await page.evaluate(takeInPage);
      screens[route.path] = { title, userData: route.userData, html };
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return screens;
}

// `node first-screens.mjs [dist]` writes public/first-screens.json.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] || path.join(HERE, '..', 'dist'));
  const screens = await takeAll(dist);
  fs.writeFileSync(FIRST_SCREENS, JSON.stringify(screens, null, 1) + '\n');
  for (const [p, s] of Object.entries(screens)) console.log(`${p}: ${s.html.length} characters`);
}
