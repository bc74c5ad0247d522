import AxeBuilder from '@axe-core/playwright';
import { test, expect, mgNumber } from './fixtures';
import { nutrient } from './sr28';

// Meals, recipes and repeat-a-day on a phone with no network at all.
test('meals, recipes and repeating a day work offline', async ({ app, page, context, server }) => {
  await app.goto('/today');
  await app.controlledByServiceWorker();
  // Stop the server as well as going offline (see offline.spec.ts).
  await server.close();
  await context.setOffline(true);
  await page.reload();
  await app.ready();

  const entries = page.getByTestId('entry');
  const total = page.getByTestId('day-total');
  const previous = page.getByRole('button', { name: 'Previous day' });
  const next = page.getByRole('button', { name: 'Next day' });

  await test.step('save a meal and add it to another day', async () => {
    await page.locator('#today-food-search').fill('almonds');
    await page.getByTestId('today-food-results').getByRole('button', { name: /^Nuts, almonds —/ }).click();
    await page.getByTestId('add-food').getByRole('button', { name: 'Add', exact: true }).click();
    await expect(entries).toHaveCount(1);
    const breakfast = (await total.textContent())!;

    const meals = page.getByTestId('meals');
    await meals.getByLabel('Meal name').fill('My breakfast');
    await meals.getByRole('button', { name: 'Save as meal' }).click();
    await expect(page.getByTestId('meal-message')).toContainText('Saved “My breakfast”');

    await previous.click();
    await previous.click();
    await expect(page.getByTestId('no-entries')).toBeVisible();
    await meals.getByRole('button', { name: 'Add My breakfast to this day' }).click();
    await expect(meals.getByTestId('meal-added')).toContainText(breakfast);
    await expect(entries).toHaveCount(1);
    await expect(entries).toContainText('Nuts, almonds');
    await expect(total).toHaveText(breakfast);
  });

  await test.step('a recipe of 4 servings adds one serving exactly', async () => {
    await previous.click();
    await expect(page.getByTestId('no-entries')).toBeVisible();
    const recipes = page.getByTestId('recipes');
    // Clear messages before anything is saved.
    await recipes.getByLabel('Recipe name').fill('Green smoothie');
    await recipes.getByLabel('Servings', { exact: true }).fill('0');
    await recipes.getByRole('button', { name: 'Save recipe' }).click();
    await expect(recipes.getByRole('alert')).toHaveText('A recipe makes at least 1 serving.');
    await recipes.getByLabel('Servings', { exact: true }).fill('4');
    await recipes.getByRole('button', { name: 'Save recipe' }).click();
    await expect(recipes.getByRole('alert')).toHaveText('Add at least one ingredient.');
    await recipes.getByLabel('Recipe name').fill('Green smoothie');
    await recipes.getByLabel('Servings', { exact: true }).fill('4');
    for (const [query, name] of [
      ['almonds', 'Nuts, almonds'],
      ['spinach raw', 'Spinach, raw'],
    ]) {
      await recipes.getByLabel('Find an ingredient').fill(query);
      await recipes.getByTestId('recipe-food-results').getByRole('button', { name, exact: true }).click();
      const ingredient = recipes.getByTestId('recipe-ingredient');
      await ingredient.getByLabel('Measure').selectOption({ label: 'grams' });
      await expect(ingredient.getByLabel('Grams')).toHaveValue('100');
      await ingredient.getByRole('button', { name: 'Add ingredient' }).click();
    }
    await expect(recipes.getByTestId('draft-ingredients').getByRole('listitem')).toHaveCount(2);
    await recipes.getByRole('button', { name: 'Save recipe' }).click();

    // 100 g of each, from SR28's values per 100 g, over 4 servings.
    const perServing = `${mgNumber((Number(nutrient('12061', '304')) + Number(nutrient('11457', '304'))) / 4)} mg`;
    const recipe = recipes.getByTestId('recipe');
    await expect(recipe.getByTestId('recipe-per-serving')).toHaveText(perServing);
    await recipe.getByRole('button', { name: 'Add 1 serving of Green smoothie' }).click();
    await expect(entries).toHaveCount(2);
    await expect(total).toHaveText(perServing);

    // The Today picker finds the recipe by name, above the foods.
    await page.locator('#today-food-search').fill('smoothie');
    await expect(
      page.getByTestId('recipe-matches').getByRole('button', { name: 'Add 1 serving of Green smoothie' }),
    ).toBeVisible();
    await page.locator('#today-food-search').fill('');
  });

  await test.step('copy yesterday, then undo exactly what it added', async () => {
    await next.click();
    await next.click();
    // Yesterday: two items again from the recent ones.
    await page.getByRole('button', { name: 'Add Nuts, almonds again' }).click();
    await expect(entries).toHaveCount(1);
    await page.getByRole('button', { name: 'Add Spinach, raw again' }).click();
    await expect(entries).toHaveCount(2);
    await next.click();
    await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
    await expect(entries).toHaveCount(1);
    const before = (await total.textContent())!;

    await page.getByRole('button', { name: 'Copy from yesterday' }).click();
    await expect(entries).toHaveCount(3);
    await expect(entries.nth(2)).toContainText('Spinach, raw');
    const undo = page.getByTestId('copy-undo');
    await expect(undo).toContainText('Copied 2 items');
    // With a meal, a recipe and the copy's undo on screen, axe finds nothing.
    const found = (await new AxeBuilder({ page }).analyze()).violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`),
    );
    expect(found, 'axe violations on Today').toEqual([]);
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect(entries).toHaveCount(1);
    await expect(entries).toContainText('Nuts, almonds');
    await expect(total).toHaveText(before);
  });
});

test('on a 320 px screen the cards fit, and a day in Recent days copies onto the shown day', async ({ app, page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await app.goto('/today');
  // Yesterday: almonds, saved as a meal with a long name.
  await page.getByRole('button', { name: 'Previous day' }).click();
  await page.locator('#today-food-search').fill('almonds');
  await page.getByTestId('today-food-results').getByRole('button', { name: /^Nuts, almonds —/ }).click();
  await page.getByTestId('add-food').getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('Meal name').fill('Breakfast before the long walk to work on Mondays');
  await page.getByRole('button', { name: 'Save as meal' }).click();
  await expect(page.getByTestId('meal')).toHaveCount(1);
  const yesterday = (await page.locator('#day-picker').inputValue())!;
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.getByTestId('no-entries')).toBeVisible();

  await page.getByTestId('recent-days').getByRole('button', { name: new RegExp(`^Copy ${yesterday} to `) }).click();
  await expect(page.getByTestId('entry')).toHaveCount(1);
  await expect(page.getByTestId('copy-undo')).toContainText(`Copied 1 item from ${yesterday}`);
  await expect(page.getByTestId('recipes')).toBeVisible();

  // A recipe from a backup whose food number this food table lacks says so,
  // and still adds with its saved value.
  const recipe = {
    id: 1,
    name: 'Old porridge',
    servings: 2,
    ingredients: [{ food: { ndb: 99999, name: 'Retired oats', measure: 'g', quantity: 100, measure_grams: 1, mg_per_100g: 40 } }],
  };
  await page.evaluate(
    (data) => localStorage.setItem('mgt/v1/recipes', JSON.stringify({ schema: 1, updated_at_ms: Date.now(), data })),
    [recipe],
  );
  await page.reload();
  await app.ready();
  const old = page.getByTestId('recipe');
  await expect(old.getByRole('alert')).toContainText('“Retired oats” (food number 99999) is not in this app');
  await expect(old.getByTestId('recipe-per-serving')).toHaveText('20 mg');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
