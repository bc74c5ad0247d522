import { test, expect } from './fixtures';

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
});
