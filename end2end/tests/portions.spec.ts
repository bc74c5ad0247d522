// Honest numbers, as a shopper reads them: foods ranked and added by the
// portion people eat, shares of the amount a row shows, "no energy" apart
// from "no data", and default sentences that follow the chosen reference set.
import fs from 'node:fs';
import { test, expect, mgNumber, type App } from './fixtures';
import { firstFoodWithoutMagnesium, measures, nutrient } from './sr28';

function row(app: App, ndb: string) {
  return app.page.getByTestId('food-results').locator(`[data-testid="food-row"][data-ndb="${ndb}"]`);
}

/** Grams of a food's SR28 measure whose description starts with `desc`. */
function grams(ndb: string, desc: string): number {
  return Number(measures(ndb).find((m) => m.desc.startsWith(desc))!.grams);
}

test('rows rank and read by the portion, and each share is of the amount shown', async ({ app, page }) => {
  await app.goto('/foods');
  await expect(page.getByTestId('sort-note')).toContainText('A portion is the amount people usually eat');
  await page.getByLabel('Search foods').fill('pumpkin seeds');
  const seeds = row(app, '12014');
  // An ounce of pumpkin seeds, not the cup SR28 lists first.
  const per100 = Number(nutrient('12014', '304'));
  const ounceMg = (per100 * grams('12014', 'oz')) / 100;
  await expect(seeds).toContainText('1 oz (28 g)');
  await expect(seeds.getByTestId('row-mg')).toHaveText(`${Math.round(ounceMg)} mg`);
  await expect(seeds.getByTestId('row-share')).toHaveText(`${Math.round((ounceMg / 420) * 100)} % of target`);

  // Per 100 g the share is of 100 g: 592 mg is 141 % of 420 mg.
  await page.getByLabel('Sort by').selectOption({ label: 'Mg per 100 g' });
  await expect(seeds.getByTestId('row-mg')).toHaveText(`${per100} mg`);
  await expect(seeds.getByTestId('row-share')).toHaveText('141 % of target');

  // A rate has no share, and water has no energy rather than no data.
  await page.getByLabel('Sort by').selectOption({ label: 'Mg per 100 kcal' });
  await expect(seeds.getByTestId('row-mg')).toBeVisible();
  await expect(page.getByTestId('food-results').getByTestId('row-share')).toHaveCount(0);
  await page.getByLabel('Search foods').fill('gerolsteiner');
  await expect(row(app, '14075').getByTestId('row-mg')).toHaveText('n/a (no energy)');

  // Top sources ranks the nuts by the ounce.
  await page.getByRole('tab', { name: 'Top sources' }).click();
  const nuts = page.getByTestId('top-category').filter({ has: page.getByRole('heading', { name: 'Nuts', exact: true }) });
  const nutRows = nuts.getByTestId('food-row');
  await expect(nutRows.first()).toContainText('1 oz');
  const mg = (await nuts.getByTestId('row-mg').allTextContents()).map((t) => parseFloat(t));
  expect(mg.length).toBeGreaterThan(3);
  expect([...mg].sort((a, b) => b - a)).toEqual(mg);

  // "Add" on almonds starts at one ounce.
  await app.goto('/foods/12061');
  const add = page.getByTestId('add-food');
  const measure = add.getByLabel('Measure', { exact: true });
  await expect(measure.locator('option:checked')).toHaveText('1 oz (23 whole kernels) (28.35 g)');
  await expect(add.getByLabel('How many')).toHaveValue('1');
  const almondMg = Math.round((Number(nutrient('12061', '304')) * grams('12061', 'oz')) / 100);
  await expect(add.getByTestId('add-preview')).toHaveText(`${almondMg} mg`);
});

test('amounts typed key by key are the amounts counted and logged', async ({ app, page }) => {
  // A box that was written back on every key read "12.5" as 512 and "0.25"
  // servings as 250, as a person types them, one key at a time.
  const per100 = Number(nutrient('12061', '304'));
  await app.goto('/foods/12061');
  const gramsBox = page.getByLabel('Grams', { exact: true });
  await gramsBox.fill('');
  await gramsBox.pressSequentially('12.5');
  await expect(gramsBox).toHaveValue('12.5');
  await expect(page.getByTestId('grams-mg')).toHaveText(`${mgNumber((per100 * 12.5) / 100)} mg`);
  // A minus sign is never taken for a negative amount.
  await gramsBox.fill('');
  await gramsBox.pressSequentially('-50');
  await expect(gramsBox).toHaveValue('-50');
  await expect(page.getByTestId('grams-mg')).toHaveText('0 mg');

  const add = page.getByTestId('add-food');
  const howMany = add.getByLabel('How many');
  await howMany.fill('');
  await howMany.pressSequentially('0.25');
  await expect(howMany).toHaveValue('0.25');
  const quarterOunce = (per100 * 0.25 * grams('12061', 'oz')) / 100;
  await expect(add.getByTestId('add-preview')).toHaveText(`${mgNumber(quarterOunce)} mg`);
  // The app still sets the box itself: a quick amount replaces the text.
  await add.getByRole('button', { name: '½ of the measure' }).click();
  await expect(howMany).toHaveValue('0.5');
  await howMany.fill('');
  await howMany.pressSequentially('1.5');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('added')).toContainText('Added 1.5 × 1 oz');

  // A supplement's amount, and the form cleared once it is logged.
  await app.goto('/today');
  await expect(page.getByTestId('entry-mg').first()).toHaveText(`${mgNumber((per100 * 1.5 * grams('12061', 'oz')) / 100)} mg`);
  await page.getByRole('tab', { name: 'Supplement' }).click();
  const amount = page.getByLabel('Amount per serving (mg)');
  await amount.pressSequentially('62.5');
  await expect(amount).toHaveValue('62.5');
});

test('with EFSA and no profile, every default sentence says 350 mg', async ({ app, page }) => {
  await app.goto('/settings');
  await page.getByRole('radio', { name: 'EFSA 2015 (EU)' }).check();
  await expect(page.getByTestId('reference-setting')).toContainText('350 mg');
  for (const path of ['/settings', '/today']) {
    await app.goto(path);
    const main = page.getByRole('main');
    await expect(main).toContainText('350 mg');
    await expect(main).toContainText('250 mg');
    await expect(main).not.toContainText('420 mg');
  }
});

test('a logged food without magnesium data is counted in the CSV, and its totals are lower bounds', async ({ app, page }) => {
  await app.goto(`/foods/${firstFoodWithoutMagnesium()}`);
  await page.getByTestId('add-food').getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('added')).toContainText('no magnesium data');
  await app.goto('/diary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const [header, day] = fs.readFileSync(await download.path(), 'utf8').split('\r\n');
  const columns = header.replace(/^\uFEFF/, '').split(',');
  expect(columns.slice(0, 6)).toEqual([
    'date',
    'food_mg_at_least',
    'supplement_mg',
    'total_mg_at_least',
    'target_mg',
    'items_without_mg_data',
  ]);
  expect(day.split(',')[5]).toBe('1');
});
