import { test, expect, type App } from './fixtures';
import { nutrient } from './sr28';

async function setProfile(app: App, age: string, sex: 'Female' | 'Male') {
  await app.goto('/settings');
  await app.page.getByLabel('Age', { exact: true }).fill(age);
  await app.page.getByRole('radio', { name: sex, exact: true }).check();
  await app.page.getByRole('button', { name: 'Save profile' }).click();
  await expect(app.page.getByTestId('profile-message')).toContainText('Saved');
}

test('a day adds up foods and supplements against the target and the supplement limit, offline too', async ({
  app,
  page,
  context,
  server,
}) => {
  await setProfile(app, '35', 'Female');
  await expect(page.getByTestId('reference-in-use')).toContainText('320 mg a day');
  await expect(page.getByTestId('reference-in-use')).toContainText('350 mg a day');

  // Two ounces of almonds from the food's own page.
  await app.goto('/foods/12061');
  const add = page.getByTestId('add-food');
  await add.getByLabel('Measure', { exact: true }).selectOption({ label: '1 oz (23 whole kernels) (28.35 g)' });
  await add.getByRole('button', { name: '2 of the measure' }).click();
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('added')).toContainText('Added 2 × 1 oz (23 whole kernels)');
  const almondsMg = Math.round((Number(nutrient('12061', '304')) * 28.35 * 2) / 100);

  // 500 mg of magnesium L-threonate compound is only about 41 mg of magnesium.
  await app.nav('Today').click();
  await expect(page.getByTestId('food-total')).toHaveText(`${almondsMg} mg`);
  await page.getByRole('tab', { name: 'Supplement' }).click();
  await page.getByLabel('Form', { exact: true }).selectOption({ label: 'Magnesium L-threonate' });
  await page.getByRole('radio', { name: /weight of the compound/ }).check();
  await page.getByLabel('Amount per serving (mg)', { exact: true }).fill('500');
  await expect(page.getByTestId('supp-conversion')).toContainText('41');
  await page.getByRole('button', { name: 'Add supplement' }).click();
  await expect(page.getByTestId('supplement-total')).toHaveText('41 mg');
  await expect(page.getByTestId('over-limit')).toBeHidden();

  // 400 mg elemental from oxide takes supplements over the 350 mg upper level.
  await page.getByLabel('Form', { exact: true }).selectOption({ label: 'Magnesium oxide' });
  await page.getByRole('radio', { name: /Elemental magnesium/ }).check();
  await page.getByLabel('Amount per serving (mg)', { exact: true }).fill('400');
  await page.getByRole('button', { name: 'Add supplement' }).click();
  await expect(page.getByTestId('supplement-total')).toHaveText('441 mg');
  await expect(page.getByTestId('over-limit')).toBeVisible();
  const total = `${almondsMg + 441} mg`;
  await expect(page.getByTestId('day-total')).toHaveText(total);
  await expect(page.getByTestId('remaining')).toHaveText('Target reached');

  // Topical magnesium is logged but does not count.
  await page.getByRole('tab', { name: 'Topical' }).click();
  await page.getByRole('button', { name: 'Add topical' }).click();
  await expect(page.getByTestId('entry')).toHaveCount(4);
  await expect(page.getByTestId('day-total')).toHaveText(total);

  // Delete and undo.
  await page.getByRole('button', { name: 'Delete Magnesium oxide' }).click();
  await expect(page.getByTestId('supplement-total')).toHaveText('41 mg');
  await page.getByTestId('undo-banner').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('supplement-total')).toHaveText('441 mg');

  // The same day after a reload and with no network at all.
  await app.controlledByServiceWorker();
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('day-total')).toHaveText(total);
  await server.close();
  await context.setOffline(true);
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('day-total')).toHaveText(total);
  await expect(page.getByTestId('over-limit')).toBeVisible();
});

test('the European reference set is a setting and says which set is in use', async ({ app, page }) => {
  await setProfile(app, '35', 'Female');
  await page.getByRole('radio', { name: /EFSA/ }).check();
  await expect(page.getByTestId('reference-in-use')).toContainText('EFSA');
  await expect(page.getByTestId('reference-in-use')).toContainText('300 mg a day');
  await expect(page.getByTestId('reference-in-use')).toContainText('250 mg a day');
  await app.nav('Today').click();
  await expect(page.getByTestId('target-line')).toContainText('300 mg');
  await expect(page.getByTestId('target-line')).toContainText('EFSA');
});

test('without a profile a default adult target applies, and foods that close the gap are offered', async ({ app, page }) => {
  await app.goto('/today');
  await expect(page.getByTestId('target-line')).toContainText('420 mg');
  await expect(page.getByTestId('target-line')).toContainText('set your profile');
  await expect(page.getByTestId('day-total')).toHaveText('0 mg');
  // No single portion covers a whole day's target, so the richest portions are offered.
  await expect(page.getByTestId('gap-no-single')).toBeVisible();
  await expect(page.getByTestId('close-gap').getByRole('link').first()).toBeVisible();
});

test('a custom mineral water is saved for reuse and counted per millilitre', async ({ app, page }) => {
  await app.goto('/today');
  await page.getByRole('tab', { name: 'Custom item' }).click();
  await page.getByText('New custom item').click();
  await page.getByLabel('Name', { exact: true }).fill('Mineral water');
  await page.getByRole('radio', { name: /per litre/ }).check();
  await page.getByLabel('Magnesium (mg per litre)').fill('108');
  await page.getByRole('button', { name: 'Save item' }).click();
  await page.getByLabel('Amount of Mineral water (ml)').fill('500');
  await page.getByRole('button', { name: 'Add Mineral water' }).click();
  await expect(page.getByTestId('food-total')).toHaveText('54 mg');
  await page.reload();
  await app.ready();
  await page.getByRole('tab', { name: 'Custom item' }).click();
  await expect(page.getByRole('button', { name: 'Add Mineral water' })).toBeVisible();
});

test('a starred food is offered as a favourite on Today and adds in two taps', async ({ app, page }) => {
  await app.goto('/foods/12014');
  const star = page.getByTestId('favourite');
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await app.nav('Today').click();
  const favourites = page.getByTestId('favourite-foods');
  await favourites.getByRole('button', { name: /^Seeds, pumpkin and squash seed kernels/ }).click();
  await page.getByTestId('add-food').getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('entry')).toHaveCount(1);
  await expect(page.getByTestId('entry')).toContainText('Seeds, pumpkin and squash seed kernels, dried');
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('favourite-foods')).toBeVisible();
});
