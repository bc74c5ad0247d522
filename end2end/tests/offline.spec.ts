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
