import { test, expect } from './fixtures';
import type { Locator } from '@playwright/test';

/**
 * Seeks the "Still loading?" hint's CSS animation (it becomes visible after a
 * delay, with no script) to `ms` and holds it there, so a test reads the page
 * at that moment of the wait instead of waiting for it.
 */
async function hintAt(hint: Locator, ms: number) {
  await hint.evaluate((el, ms) => {
    const [animation] = el.getAnimations();
    animation.pause();
    animation.currentTime = ms;
  }, ms);
}

const SECTIONS = [
  { link: 'Foods', path: '/foods', heading: /Foods/ },
  { link: 'Today', path: '/today', heading: /Today/ },
  { link: 'Diary', path: '/diary', heading: /Diary/ },
] as const;

test('the bottom navigation reaches every section and reload keeps it', async ({ app, page }) => {
  await app.goto('/');
  await expect(page).toHaveURL(/\/today$/);
  for (const section of SECTIONS) {
    await app.nav(section.link).click();
    await expect(page).toHaveURL(new RegExp(`${section.path}$`));
    await expect(app.nav(section.link)).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.heading);
    await page.reload();
    await app.ready();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.heading);
    await expect(page).toHaveTitle(new RegExp(section.link));
  }
  // On a phone the navigation is a bar along the bottom of the screen.
  const nav = await page.getByRole('navigation', { name: 'Sections' }).boundingBox();
  expect(nav!.y + nav!.height).toBeCloseTo(844, -1);
  for (const section of SECTIONS) {
    const box = await app.nav(section.link).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
  }
});

test('a static header and a loading line show until the app has started', async ({ app, page }) => {
  // Hold the wasm back, as a slow network would.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/foods', { waitUntil: 'commit' });
  await expect(page.getByTestId('boot-status')).toHaveText('Loading Magnesium Tracker…');
  await expect(page.getByRole('banner')).toContainText('Magnesium Tracker');
  await expect(page.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
  // The hint for a failed start waits 10 s before it shows.
  await expect(page.getByText('Still loading?')).toBeHidden();
  release();
  await app.ready();
  // The app takes the place of the static screen: one header, no loading line.
  await expect(page.getByTestId('boot-status')).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Foods/);
});

test('when the app never starts, the static screen shows its reload hint after 10 s, not before', async ({ page }) => {
  await page.route(/_bg\.wasm$/, (route) => route.abort());
  await page.goto('/foods', { waitUntil: 'commit' });
  await expect(page.getByTestId('boot-status')).toHaveText('Loading Magnesium Tracker…');
  const hint = page.getByText('Still loading? Reload the page. The app needs a browser with WebAssembly.');
  await hintAt(hint, 9_999);
  await expect(hint).toBeHidden();
  await hintAt(hint, 10_000);
  await expect(hint).toBeVisible();
  // The app never took the static screen's place.
  await expect(page.getByTestId('boot-status')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
});

test('while the content module never arrives, the loading line shows the reload hint after 10 s, not before', async ({ app, page }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/content-[0-9a-f]{16}\.wasm$/, async (route) => {
    await held;
    await route.abort();
  });
  await page.goto('/diary', { waitUntil: 'commit' });
  await app.ready();
  const loading = page.getByTestId('content-loading');
  await expect(loading).toContainText('Loading…');
  const hint = loading.getByText('Still loading? Reload the page.');
  await hintAt(hint, 9_999);
  await expect(hint).toBeHidden();
  await hintAt(hint, 10_000);
  await expect(hint).toBeVisible();
  release();
});

test('the shell works before the content module arrives, then the page fills in', async ({ app, page }) => {
  // The build splits the wasm: the shell (header, navigation, 404) is the
  // main module, and every page comes from the content module.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let contentRequests = 0;
  await page.route(/\/content-[0-9a-f]{16}\.wasm$/, async (route) => {
    contentRequests += 1;
    await held;
    await route.continue();
  });
  await page.goto('/diary', { waitUntil: 'commit' });
  await app.ready();
  await expect(page.getByTestId('boot-status')).toHaveCount(0);
  await expect(page.getByTestId('content-loading')).toContainText('Loading…');
  await expect(page.getByText('Still loading?')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
  // The 404 page is part of the shell, so it needs no content either.
  await page.goto('/no-such-page', { waitUntil: 'commit' });
  await app.ready();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  release();
  await app.nav('Diary').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Diary/);
  await expect(page.getByTestId('content-loading')).toHaveCount(0);
  expect(contentRequests).toBeGreaterThan(0);
});

test('if the content module cannot be loaded, the shell says so and offers to try again', async ({ app, page }) => {
  const content = /\/content-[0-9a-f]{16}\.wasm$/;
  await page.route(content, (route) => route.abort());
  await page.goto('/today', { waitUntil: 'commit' });
  await app.ready();
  const failed = page.getByTestId('content-failed');
  await expect(failed).toContainText('could not be loaded');
  await expect(page.getByTestId('content-loading')).toHaveCount(0);
  // A failed load is an error the shell shows, not a crash: it still navigates.
  await app.nav('Foods').click();
  await expect(page).toHaveURL(/\/foods$/);
  await expect(app.nav('Foods')).toHaveAttribute('aria-current', 'page');
  await page.unroute(content);
  await failed.getByRole('button', { name: 'Try again' }).click();
  await app.ready();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Foods/);
  await expect(page.getByTestId('content-failed')).toHaveCount(0);
});

test('settings and about are reachable and unknown addresses get a real 404', async ({ app, page }) => {
  await app.goto('/today');
  await page.getByRole('link', { name: 'Settings and about' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByTestId('data-source')).toContainText('Standard Reference, Release 28');
  await app.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByTestId('not-found')).toContainText('/no/such/page');
});

test('the layout works at 320 px wide without horizontal scrolling', async ({ app, page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const section of SECTIONS) {
    await app.goto(section.path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${section.path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test.describe('desktop', () => {
  test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

  test('navigation moves to the side and content keeps a readable width', async ({ app, page }) => {
    await app.goto('/foods');
    const nav = (await page.getByRole('navigation', { name: 'Sections' }).boundingBox())!;
    const main = (await page.locator('main').boundingBox())!;
    expect(nav.x).toBeLessThan(main.x);
    expect(nav.height).toBeGreaterThan(400);
    expect(main.width).toBeLessThanOrEqual(760);
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the theme follows prefers-color-scheme: ${scheme}`, async ({ app, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await app.goto('/today');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    if (scheme === 'dark') expect(luminance).toBeLessThan(0.2);
    else expect(luminance).toBeGreaterThan(0.8);
  });
}
