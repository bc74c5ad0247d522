import { test, expect, mgNumber } from './fixtures';
import type { Page } from '@playwright/test';
import { nutrient } from './sr28';

// A shopper on a phone in the shop, with no network at all: the shelf
// comparison, package prices, and a product entered from its label.
test.use({ viewport: { width: 390, height: 844 } });

/** How far the document is wider than the window, in CSS pixels (0 when it fits). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The cost of 100 mg as the page shows it in the browser's locale. */
const money = (v: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);

const mgPer100g = (ndb: string) => Number(nutrient(ndb, '304'));

test('two foods are compared with package prices offline, and the comparison survives a reload', async ({ app, page, context, server }) => {
  await app.goto('/compare?items=12061,11457');
  await app.controlledByServiceWorker();
  // Stop the server as well as going offline (see offline.spec.ts).
  await server.close();
  await context.setOffline(true);
  await page.reload();
  await app.ready();

  const heads = page.getByTestId('compare-head');
  const wrap = page.getByTestId('compare-wrap');
  const costs = page.getByTestId('cost-100mg');
  const perPackage = page.getByTestId('mg-per-package');
  const almondPrice = page.getByLabel('Price of Nuts, almonds', { exact: true });
  const almondWeight = page.getByLabel('Package weight of Nuts, almonds (g)', { exact: true });
  const save = page.getByRole('button', { name: 'Save prices' });

  await test.step('two columns fit the phone without scrolling sideways', async () => {
    await expect(heads).toHaveCount(2);
    await expect(heads.nth(0)).toContainText('Nuts, almonds');
    await expect(heads.nth(1)).toContainText('Spinach, raw');
    await expect(page.getByTestId('compare-per-100g').nth(0)).toContainText(`${mgNumber(mgPer100g('12061'))} mg`);
    await expect(page.getByTestId('compare-per-100g').nth(1)).toContainText(`${mgNumber(mgPer100g('11457'))} mg`);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await expect(costs).toHaveText(['no price', 'no price']);
  });

  await test.step('a bad price is named at its field and nothing is saved', async () => {
    await almondWeight.fill('200');
    for (const [typed, message] of [
      ['0', 'A price must be more than 0.'],
      ['-1', 'A price cannot be negative.'],
      ['abc', 'Type the price as a number, such as 3.49.'],
    ]) {
      await almondPrice.fill(typed);
      await save.click();
      await expect(almondPrice).toHaveAttribute('aria-invalid', 'true');
      await expect(almondPrice).toHaveAccessibleDescription(message);
      await expect(page.getByTestId('price-message')).toHaveText('Nothing saved: check the marked fields.');
      await expect(costs.nth(0)).toHaveText('no price');
    }
    expect(await page.evaluate(() => localStorage.getItem('mgt/v1/prices'))).toBeNull();
  });

  // Almonds: 200 g for 3.49; spinach: 300 g for 2.99 (typed with a decimal comma).
  const almondMg = (mgPer100g('12061') * 200) / 100;
  const spinachMg = (mgPer100g('11457') * 300) / 100;
  const almondCost = money(3.49 / (almondMg / 100));
  const spinachCost = money(2.99 / (spinachMg / 100));

  await test.step('prices give the magnesium per package and the cost of 100 mg', async () => {
    // The issue's worked example, from SR28's 270 mg per 100 g.
    expect(almondCost).toBe('0.65');
    await almondPrice.fill('3.49');
    await page.getByLabel('Price of Spinach', { exact: true }).fill('2,99');
    await page.getByLabel('Package weight of Spinach (g)', { exact: true }).fill('300');
    await save.click();
    await expect(page.getByTestId('price-message')).toHaveText('Saved 2 prices.');
    await expect(almondPrice).not.toHaveAttribute('aria-invalid');
    await expect(perPackage).toHaveText([`${mgNumber(almondMg)} mg (most)`, `${mgNumber(spinachMg)} mg`]);
    await expect(costs).toHaveText([`${almondCost} (cheapest)`, spinachCost]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });

  await test.step('a reload keeps the foods and their prices', async () => {
    await page.reload();
    await app.ready();
    await expect(heads).toHaveCount(2);
    await expect(costs).toHaveText([`${almondCost} (cheapest)`, spinachCost]);
    await expect(almondPrice).toHaveValue('3.49');
    await expect(page.getByLabel('Price of Spinach', { exact: true })).toHaveValue('2.99');
  });

  await test.step('an unknown food number in a shared address is named, the rest compared', async () => {
    await app.goto('/compare?items=12061,99999,11457');
    await expect(page.getByTestId('compare-notes')).toHaveText('No food number 99999 in the USDA table.');
    await expect(heads).toHaveCount(2);
    await expect(costs.nth(0)).toHaveText(`${almondCost} (cheapest)`);
  });

  await test.step('four foods scroll sideways in the table with the row names in view', async () => {
    await app.goto('/compare?items=12061,11457,01123,09040');
    await expect(heads).toHaveCount(4);
    expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(0);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await wrap.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => wrap.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    const box = (await wrap.boundingBox())!;
    const name = (await page.getByRole('rowheader', { name: 'Magnesium per 100 g' }).boundingBox())!;
    expect(name.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(name.x + name.width).toBeLessThanOrEqual(box.x + box.width);
    // The last column has come into view beside the names.
    const last = (await heads.nth(3).boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(box.x + box.width + 1);
    expect(last.x).toBeGreaterThanOrEqual(name.x + name.width - 1);
  });
});

test('a product from a US label by % Daily Value is compared and logged on Today', async ({ app, page, context, server }) => {
  await app.goto('/compare?items=12061');
  await app.controlledByServiceWorker();
  await server.close();
  await context.setOffline(true);
  await page.reload();
  await app.ready();

  const entry = page.getByTestId('label-entry');
  const magnesium = entry.getByLabel('Magnesium per serving');
  await expect(page.getByTestId('compare-empty')).toHaveText('Pick two to four foods to compare.');

  await test.step('a percentage outside 0 to 1,000 % is refused at the field', async () => {
    await entry.getByLabel('Product name').fill('Oat bar');
    await entry.getByLabel('Serving size (g)').fill('40');
    await entry.getByLabel("% of the label's reference").check();
    await expect(entry.getByLabel('Reference value')).toHaveValue('0');
    for (const [typed, message] of [
      ['1000.1', 'A percentage over 1,000 % is not on any label.'],
      ['-1', 'A percentage cannot be below 0 %.'],
    ]) {
      await magnesium.fill(typed);
      await entry.getByRole('button', { name: 'Save product' }).click();
      await expect(magnesium).toHaveAttribute('aria-invalid', 'true');
      await expect(magnesium).toHaveAccessibleDescription(message);
    }
    expect(await page.evaluate(() => localStorage.getItem('mgt/v1/custom-items'))).toBeNull();
  });

  await test.step('10 % of the 2016 US Daily Value is 42 mg and joins the comparison', async () => {
    await magnesium.fill('10');
    await expect(entry.getByTestId('label-mg')).toHaveText('= 42 mg per serving');
    await entry.getByRole('button', { name: 'Save product' }).click();
    await expect(entry.getByTestId('label-message')).toHaveText('Saved Oat bar: 42 mg per serving.');
    await expect(page).toHaveURL(/\/compare\?items=12061,c1$/);
    const heads = page.getByTestId('compare-head');
    await expect(heads).toHaveCount(2);
    await expect(heads.nth(1)).toContainText('Oat bar');
    // 42 mg in 40 g; the label says nothing of calcium.
    await expect(page.getByTestId('compare-per-portion').nth(1)).toContainText('42 mg');
    await expect(page.getByTestId('compare-per-100g').nth(1)).toHaveText('105 mg');
    await expect(page.getByTestId('compare-ca-mg').nth(1)).toHaveText('not on the label');
  });

  await test.step('"Compare" on a food page adds the food to the comparison', async () => {
    await app.nav('Foods').click();
    await page.getByLabel('Search foods').fill('spinach raw');
    await page.getByTestId('food-results').locator('[data-ndb="11457"]').click();
    await page.getByRole('link', { name: 'Compare with other foods' }).click();
    await expect(page).toHaveURL(/\/compare\?items=12061,c1,11457$/);
    await expect(page.getByTestId('compare-head')).toHaveCount(3);
    // A food's column head leads back to its page.
    await page.getByTestId('compare-head').nth(2).getByRole('link', { name: 'Spinach, raw' }).click();
    await expect(page.getByTestId('food-name')).toHaveText('Spinach, raw');
  });

  await test.step('the product is a custom item on Today and counts 42 mg', async () => {
    await app.nav('Today').click();
    await page.getByRole('tab', { name: 'Custom item' }).click();
    await page.getByRole('button', { name: 'Add Oat bar' }).click();
    await expect(page.getByTestId('entry')).toHaveCount(1);
    await expect(page.getByTestId('day-total')).toHaveText('42 mg');
  });
});
