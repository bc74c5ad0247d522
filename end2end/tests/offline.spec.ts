import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** The paths in the page's own resource timeline; a worker's fetches are not part of it. */
const fetchedByPage = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));

test('after the first visit the app opens and navigates with no network', async ({ app, page, context, server }) => {
  await app.goto('/');
  await app.controlledByServiceWorker();
  // Stop the server as well as going offline: setOffline does not cover the
  // service worker's own requests, so only this proves the cache serves all.
  await server.close();
  await context.setOffline(true);

  await page.reload();
  await app.ready();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Today/);

  await app.goto('/diary');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Diary/);
  await app.nav('Foods').click();
  await expect(page).toHaveURL(/\/foods$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Foods/);
});

test('the first visit downloads each content-hashed file once, precache included', async ({ app, page, server }) => {
  await app.goto('/foods');
  await expect(page.getByTestId('result-count')).toHaveText(/8,789 foods/);
  // `ready` resolves once the worker is active, i.e. after its precache.
  await app.controlledByServiceWorker();
  const hashed = server.responses.filter((r) => /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(r.path));
  const paths = hashed.map((r) => r.path);
  // The wasm, its JS, the CSS and the food data all carry a content hash.
  expect(paths.some((p) => p.endsWith('.wasm'))).toBe(true);
  expect(paths.some((p) => /^\/foods-[0-9a-f]{16}\.bin$/.test(p))).toBe(true);
  expect(new Set(paths).size, `downloaded more than once: ${paths.join(', ')}`).toBe(paths.length);
  const total = server.responses.reduce((sum, r) => sum + r.bytes, 0);
  console.log(`first visit: ${(total / 1000).toFixed(0)} KB on the wire in ${server.responses.length} responses`);
  // The start worker fetched the wasm and the food data, so the page's own
  // resource timeline, which a worker's fetches are not part of, lists
  // neither: their decoding never held the page's main thread.
  const own = await fetchedByPage(page);
  expect(own.filter((p) => p.endsWith('.wasm') || p.startsWith('/foods-')), own.join(', ')).toEqual([]);
  expect(paths.some((p) => /^\/start-[0-9a-f]{16}\.js$/.test(p))).toBe(true);
});

test('where the start worker cannot start, the page fetches the wasm and the food data itself', async ({ app, page }) => {
  await page.route(/\/start-[0-9a-f]{16}\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
  await app.goto('/foods');
  await expect(page.getByTestId('result-count')).toHaveText(/8,789 foods/);
  const own = await fetchedByPage(page);
  expect(own.some((p) => p.endsWith('.wasm')), own.join(', ')).toBe(true);
  expect(own.some((p) => p.startsWith('/foods-')), own.join(', ')).toBe(true);
});
