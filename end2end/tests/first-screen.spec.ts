// The static first screens in index.html (public/first-screens.json, written
// by `make first-screens`): shown before the wasm has started, the same as
// what the app then shows, and never a stale copy of stored data.
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, holdBack } from './fixtures';
import { ROUTES, FIRST_SCREENS, settled, takeInPage } from '../first-screens.mjs';

type Route = { path: string; testid: string; userData: boolean };
type Screen = { title: string; userData: boolean; html: string };

const screens: Record<string, Screen> = JSON.parse(fs.readFileSync(FIRST_SCREENS, 'utf8'));

// A service worker would answer from its cache where the tests hold the
// wasm back; these tests are about the network's first visit.
test.use({ serviceWorkers: 'block' });

/** Holds the wasm back until `release` is called, as a slow network would. */
const holdWasm = (page: Page) => holdBack(page, /_bg\.wasm$/);

/** Records, from the start, when the app started and each paint and shift. */
async function observe(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { started?: number; lcp: number[]; shift: number };
    w.lcp = [];
    w.shift = 0;
    addEventListener('TrunkApplicationStarted', () => (w.started = performance.now()));
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.lcp.push(e.startTime))).observe({
      type: 'largest-contentful-paint',
      buffered: true,
    });
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => (w.shift += (e as unknown as { value: number }).value)),
    ).observe({ type: 'layout-shift', buffered: true });
  });
}

/**
 * The copy with the text of its hidden dates taken out. The copy keeps the
 * date of the day it was taken, hidden (`first-screen-blank`), so that it
 * holds the date's place; on any other day the app shows another date there.
 */
function withoutBlankedText(html: string): string {
  return html.replace(/(<[^>]*\bclass="[^"]*\bfirst-screen-blank\b[^"]*"[^>]*>)[^<]*/g, '$1');
}

for (const route of ROUTES as Route[]) {
  test(`${route.path}: the first screen paints before the wasm, and the app shows the same`, async ({ app, page }) => {
    await observe(page);
    const release = await holdWasm(page);
    await page.goto(route.path, { waitUntil: 'commit' });
    const boot = page.locator(`#boot[data-first-screen="${route.path}"]`);
    await expect(boot.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(boot.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    await expect(page).toHaveTitle(screens[route.path].title);
    if (route.path === '/foods') {
      // The first rows are there, as links a person can already follow.
      await expect(boot.getByTestId('food-row').first().getByRole('link')).toBeVisible();
    }
    release();
    await app.ready();
    await settled(page, route);
    const now = await page.evaluate(takeInPage);
    expect(
      withoutBlankedText(now.html),
      'public/first-screens.json is out of date: run `make first-screens`',
    ).toBe(withoutBlankedText(screens[route.path].html));
    // The largest paint came from the static copy: the app, drawing the
    // same page, painted nothing larger, and nothing moved.
    const { started, lcp, shift } = await page.evaluate(() => {
      const w = window as unknown as { started: number; lcp: number[]; shift: number };
      return { started: w.started, lcp: w.lcp, shift: w.shift };
    });
    expect(lcp.length).toBeGreaterThan(0);
    expect(Math.max(...lcp)).toBeLessThan(started);
    expect(shift).toBe(0);
  });
}

test('with stored records or a query, a first screen shows only the heading, never stale data', async ({ app, page }) => {
  // The key layout the app writes on start is not the person's data: a
  // visit that stored nothing still gets the whole first screen.
  await app.goto('/today');
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['mgt/meta']);
  const first = await holdWasm(page);
  await page.goto('/today', { waitUntil: 'commit' });
  await expect(page.getByTestId('no-entries')).toBeVisible();
  first();
  await app.ready();
  // A setting is stored data, so from now on this is a returning visit.
  await app.goto('/settings');
  await page.getByLabel('EFSA 2015 (EU)').check();
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).length)).toBeGreaterThan(1);
  const release = await holdWasm(page);
  for (const p of ['/today', '/diary', '/list']) {
    await page.goto(p, { waitUntil: 'commit' });
    const main = page.locator(`#boot[data-first-screen="${p}"] main`);
    await expect(main.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(main.locator('> *')).toHaveCount(1);
  }
  // The guide shows nothing stored, so it keeps its whole first screen.
  await page.goto('/guide', { waitUntil: 'commit' });
  await expect(page.locator('#boot[data-first-screen="/guide"] main p').first()).toBeVisible();
  release();
  await app.ready();

  await page.evaluate(() => localStorage.clear());
  const hold = await holdWasm(page);
  await page.goto('/foods?q=almonds', { waitUntil: 'commit' });
  await expect(page.locator('#boot[data-first-screen="/foods"] main > *')).toHaveCount(1);
  hold();
});
