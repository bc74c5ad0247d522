import { test, expect, holdBack } from './fixtures';
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
    // The links are plain anchors that the router follows in place: a mark
    // on the page's window survives the click, where a reload would lose it.
    await page.evaluate(() => Object.assign(window, { mgtSamePage: true }));
    await app.nav(section.link).click();
    await expect(page).toHaveURL(new RegExp(`${section.path}$`));
    await expect(app.nav(section.link)).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.heading);
    expect(await page.evaluate(() => 'mgtSamePage' in window), `${section.link} opened without a reload`).toBe(true);
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

test('links open pages in place at their top, Back returns, and the browser keeps its own links', async ({ app, page, context }) => {
  // A trailing slash, which a host or a bookmark may add, opens the page
  // and leaves the address.
  await app.goto('/foods/12061/');
  await expect(page.getByTestId('food-name')).toHaveText('Nuts, almonds');
  await expect(page).toHaveURL(/\/foods\/12061$/);
  // `/` is replaced with /today, so Back from Today does not land on `/`.
  await app.goto('/');
  await expect(page).toHaveURL(/\/today$/);
  const entries = await page.evaluate(() => history.length);
  // The skip link is a link within the page: the browser follows it and
  // moves the focus to the content.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page).toHaveURL(/\/today#main$/);
  // A page scrolled to its end opens the next page at its top.
  await page.getByRole('link', { name: 'Guide' }).click();
  const food = page.getByTestId('guide-food').first();
  await food.scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(500);
  await food.click();
  await expect(page.getByTestId('food-name')).toBeVisible();
  await expect.poll(() => page.evaluate(() => scrollY)).toBe(0);
  // A link to the page already open adds no history entry.
  await app.nav('Foods').click();
  await app.nav('Foods').click();
  expect(await page.evaluate(() => history.length)).toBe(entries + 4);
  await page.goBack();
  await expect(page.getByTestId('food-name')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/guide$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Guide');
  // A link opened with a modifier key is the browser's: a new tab, and this
  // page stays where it is.
  const [tab] = await Promise.all([context.waitForEvent('page'), app.nav('Diary').click({ modifiers: ['ControlOrMeta'] })]);
  await expect(tab).toHaveURL(/\/diary$/);
  await expect(page).toHaveURL(/\/guide$/);
  await tab.close();
});

test('an address without a first screen shows a static header and a loading line until the app has started', async ({ app, page }) => {
  // Hold the wasm back, as a slow network would.
  const release = await holdBack(page, /_bg\.wasm$/);
  // A food's page has no first screen of its own (see first-screen.spec.ts).
  await page.goto('/foods/12061', { waitUntil: 'commit' });
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
  await expect(page.getByTestId('food-name')).toBeVisible();
});

test('when the app never starts, the first screen shows its reload hint after 10 s, not before', async ({ page }) => {
  await page.route(/_bg\.wasm$/, (route) => route.abort());
  await page.goto('/foods', { waitUntil: 'commit' });
  await expect(page.locator('#boot[data-first-screen="/foods"]')).toBeVisible();
  const hint = page.getByText('Still loading? Reload the page. The app needs a browser with WebAssembly.');
  await hintAt(hint, 9_999);
  await expect(hint).toBeHidden();
  await hintAt(hint, 10_000);
  await expect(hint).toBeVisible();
  // The app never took the static screen's place.
  await expect(page.locator('#boot')).toBeVisible();
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
