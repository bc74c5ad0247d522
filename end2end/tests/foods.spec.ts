import { test, expect, holdBack, mgNumber, type App } from './fixtures';
import type { Page } from '@playwright/test';
import { description, firstFoodWithoutMagnesium, measures, nutrient } from './sr28';

async function search(app: App, text: string) {
  const box = app.page.getByLabel('Search foods');
  await box.fill(text);
  await expect(app.page.getByTestId('food-row').first()).toBeVisible();
}

function firstRow(app: App) {
  return app.page.getByTestId('food-results').getByTestId('food-row').first();
}

/**
 * The magnesium figures of a full first page of results (50 rows), once
 * every row is there: the list adds its rows a few per frame, so reading at
 * once could see only the first batch.
 */
const mgNumbers = async (app: App) => {
  const mg = app.page.getByTestId('food-results').getByTestId('row-mg');
  await expect(mg).toHaveCount(50);
  return (await mg.allTextContents()).map((t) => (t === 'no data' ? -1 : parseFloat(t)));
};

test('search works offline and ranks the food a person means first', async ({ app, page, context, server }) => {
  await app.goto('/foods');
  await app.controlledByServiceWorker();
  await server.close();
  await context.setOffline(true);
  await page.reload();
  await app.ready();
  const cases: [string, string][] = [
    ['pumpkin seeds', '12014'],
    ['almond', '12061'],
    ['spinach raw', '11457'],
    ['raw spinach', '11457'],
    ['spinnach raw', '11457'],
  ];
  for (const [text, ndb] of cases) {
    await search(app, text);
    await expect(firstRow(app), text).toHaveAttribute('data-ndb', ndb);
  }
});

/**
 * Records every text the result count and the loading line take, from the
 * first paint on, and the first rows of the running app's full list while
 * search is not ready, also while the app is still built behind the static
 * first screen (which has rows and a search box of its own).
 */
async function watchLoading(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __seen: string[]; __browseRows: string[] | null };
    w.__seen = [];
    w.__browseRows = null;
    new MutationObserver(() => {
      for (const id of ['result-count', 'foods-loading']) {
        const text = document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
        if (text && w.__seen[w.__seen.length - 1] !== text) w.__seen.push(text);
      }
      const app = document.querySelector('div.app:not(#boot)');
      if (!app) return;
      const count = app.querySelector('[data-testid="result-count"]')?.textContent?.trim();
      const searchable = app.querySelector('#food-search')?.getAttribute('data-searchable');
      const rows = [...app.querySelectorAll('[data-testid="food-row"]')].slice(0, 5).map((r) => r.getAttribute('data-ndb') ?? '');
      if (w.__browseRows === null && count === '8,789 foods' && searchable === 'false' && rows.length === 5) w.__browseRows = rows;
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

// The food data is held back until the app has mounted: started together,
// the words may be indexed before the app takes the static screen's place,
// and then it shows the searchable list at once. Held back, the app shows
// each stage the data goes through. The hold is on the whole context, so
// it also covers what the page's workers fetch.
const holdFoodData = (page: Page) => holdBack(page.context(), /\/foods-[0-9a-f]{16}\.bin$/);

test('a query opened before the search is ready waits for it instead of finding nothing', async ({ app, page }) => {
  await watchLoading(page);
  const release = await holdFoodData(page);
  await app.goto('/foods?q=almonds');
  release();
  await expect(firstRow(app)).toHaveAttribute('data-ndb', '12061');
  await expect(page.getByLabel('Search foods')).toHaveAttribute('data-searchable', 'true');
  const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
  expect(seen).toContain('Preparing search…');
  expect(seen, 'the query was answered before its words were indexed').not.toContain('No food matches.');
});

test('the full list shows before the search is ready, in the order it keeps once it is', async ({ app, page }) => {
  await watchLoading(page);
  const release = await holdFoodData(page);
  await app.goto('/foods');
  release();
  await expect(page.getByLabel('Search foods')).toHaveAttribute('data-searchable', 'true');
  await expect(page.getByTestId('result-count')).toHaveText('8,789 foods');
  const browseRows = await page.evaluate(() => (window as unknown as { __browseRows: string[] | null }).__browseRows);
  expect(browseRows, 'no full list was built before search was ready').not.toBeNull();
  const rows = await page.getByTestId('food-results').getByTestId('food-row').evaluateAll((els) =>
    els.slice(0, 5).map((e) => e.getAttribute('data-ndb') ?? ''),
  );
  expect(rows).toEqual(browseRows);
});

test('the URL keeps the query, group and sort through reload and history', async ({ app, page }) => {
  await app.goto('/foods');
  await search(app, 'almonds');
  await expect(page).toHaveURL(/[?&]q=almonds/);
  await page.getByLabel('Sort by').selectOption({ label: 'Mg per 100 g' });
  await expect(page).toHaveURL(/sort=100g/);
  await page.reload();
  await app.ready();
  await expect(page.getByLabel('Search foods')).toHaveValue('almonds');
  await expect(page.getByLabel('Sort by')).toHaveValue('100g');
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(page.getByLabel('Sort by')).toHaveValue('best');
  await expect(page.getByLabel('Search foods')).toHaveValue('almonds');
  await page.goForward();
  await expect(page.getByLabel('Sort by')).toHaveValue('100g');
});

test('sorting and the group filter change the order as expected', async ({ app, page }) => {
  await app.goto('/foods');
  await expect(page.getByTestId('result-count')).toHaveText('8,789 foods');
  await search(app, 'seeds');
  await page.getByLabel('Sort by').selectOption({ label: 'Mg per 100 g' });
  await expect(page).toHaveURL(/sort=100g/);
  const per100 = await mgNumbers(app);
  expect(per100.length).toBeGreaterThan(10);
  expect([...per100].sort((a, b) => b - a)).toEqual(per100);

  await page.getByLabel('Sort by').selectOption({ label: 'Mg per portion' });
  await expect(page).toHaveURL(/sort=portion/);
  const perPortion = await mgNumbers(app);
  expect([...perPortion].sort((a, b) => b - a)).toEqual(perPortion);
  expect(perPortion).not.toEqual(per100);

  await page.getByLabel('Food group').selectOption({ label: 'Spices and Herbs' });
  await expect(page).toHaveURL(/group=0200/);
  const metas = await page.getByTestId('food-results').locator('.meta').allTextContents();
  expect(metas.length).toBeGreaterThan(0);
  for (const meta of metas.filter((m) => m.includes(' · '))) expect(meta).toContain('Spices and Herbs');

  // Only a page of rows is in the DOM, however many foods match.
  await page.getByLabel('Food group').selectOption({ label: 'All groups' });
  await page.getByLabel('Search foods').fill('');
  await expect(page.getByTestId('result-count')).toHaveText('8,789 foods');
  // The first rows paint at once and the rest of the page follows frame by
  // frame, never beyond the page.
  await expect(page.getByTestId('food-row')).toHaveCount(50);
  // Once the list says every batch is built, no frame adds more rows.
  await expect(page.getByTestId('food-results')).toHaveAttribute('data-building', 'false');
  await expect(page.getByTestId('food-row')).toHaveCount(50);
  // A keyboard press, not a pointer click: rows scrolled into view for the
  // first time take their real height (content-visibility), which can move
  // the button between Playwright's pointer down and up.
  await page.getByRole('button', { name: 'Show 50 more' }).press('Enter');
  await expect(page.getByTestId('food-row')).toHaveCount(100);
});

for (const ndb of ['12061', '11457', '12014']) {
  test(`the page of food ${ndb} shows the values exactly as SR28 has them`, async ({ app, page }) => {
    await app.goto(`/foods/${ndb}`);
    await expect(page.getByTestId('food-name')).toHaveText(description(ndb));
    await expect(page.getByTestId('mg-per-100g')).toHaveText(`${Number(nutrient(ndb, '304'))} mg`);
    await expect(page.getByTestId('calcium')).toHaveText(`${Number(nutrient(ndb, '301'))} mg`);
    const rows = page.getByTestId('measure-row');
    const expected = measures(ndb);
    await expect(rows).toHaveCount(expected.length);
    for (const [i, m] of expected.entries()) {
      await expect(rows.nth(i)).toContainText(m.desc);
      await expect(rows.nth(i)).toContainText(`${Number(m.grams)} g`);
      const mg = (Number(nutrient(ndb, '304')) * Number(m.grams)) / 100;
      await expect(rows.nth(i)).toContainText(`${mgNumber(mg)} mg`);
    }
    await page.getByLabel('Grams', { exact: true }).fill('50');
    await expect(page.getByTestId('grams-mg')).toHaveText(`${Math.round(Number(nutrient(ndb, '304')) / 2)} mg`);
    await expect(page.getByTestId('food-source')).toContainText(`Release 28, NDB ${ndb}`);
  });
}

test('a food without a magnesium value says "no data", never 0', async ({ app, page }) => {
  const ndb = firstFoodWithoutMagnesium();
  await app.goto(`/foods/${ndb}`);
  await expect(page.getByTestId('mg-per-100g')).toHaveText('no data');
  await expect(page.getByTestId('no-mg-data')).toBeVisible();
});

test('an unknown NDB number gets a not-found page', async ({ app, page }) => {
  await app.goto('/foods/99999');
  await expect(page.getByTestId('food-not-found')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Food not found');
});

test('top sources come from the data for every group that matters', async ({ app, page }) => {
  await app.goto('/foods?view=top');
  const categories = page.getByTestId('top-category');
  await expect(categories).toHaveCount(8);
  for (let i = 0; i < 8; i++) {
    const values = (await categories.nth(i).getByTestId('row-mg').allTextContents()).map(parseFloat);
    expect(values.length).toBeGreaterThan(0);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  }
  await expect(page.getByTestId('top-sources')).toContainText('Mineral waters vary');
});
