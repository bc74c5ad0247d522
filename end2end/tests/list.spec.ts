import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

// The shopping list and Fill my week on a phone with no network at all.

/** The share text the page should produce, read from what the rows show. */
async function expectedShareText(page: Page) {
  const rows = await page.getByTestId('list-item').evaluateAll((items) =>
    items.map((li) => {
      const name = li.querySelector('.name')!.textContent!;
      const meta = li.querySelector('.list-check .meta')?.textContent;
      const mark = li.getAttribute('data-checked') === 'true' ? '[x] ' : '[ ] ';
      return mark + name + (meta ? ` — ${meta}` : '');
    }),
  );
  const total = (await page.getByTestId('list-total').textContent())!;
  return ['Shopping list (Magnesium Tracker)', ...rows, total].join('\n');
}

/** The link the page should share, built from the unchecked rows as shown. */
async function expectedLink(page: Page) {
  const tokens = await page.locator('[data-testid="list-item"][data-checked="false"]').evaluateAll((items) =>
    items.map((li) => {
      const ndb = li.getAttribute('data-ndb');
      const meta = li.querySelector('.list-check .meta')?.textContent ?? '';
      const portions = /^(\d+) × /.exec(meta);
      const grams = /^([\d.]+) g,/.exec(meta);
      if (ndb && portions) return `${ndb}x${portions[1]}`;
      if (ndb && grams) return `${ndb}g${grams[1]}`;
      // Every byte but RFC 3986's unreserved ones, which encodeURIComponent leaves five more of.
      const name = li.querySelector('.name')!.textContent!;
      return 't:' + encodeURIComponent(name).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
    }),
  );
  return `${new URL(page.url()).origin}/list?add=${tokens.join(',')}`;
}

test('a list made from Fill my week, a Foods row, Close the gap and free text is checked off, shared and cleared offline', async ({
  app,
  page,
  context,
  server,
}) => {
  await app.goto('/list');
  await app.controlledByServiceWorker();
  // Stop the server as well as going offline (see offline.spec.ts).
  await server.close();
  await context.setOffline(true);
  // Share and clipboard stubs that keep the text, in place from the reload on.
  await page.addInitScript(() => {
    const w = window as unknown as { __shared: string[]; __urls: string[]; __copied: string[] };
    w.__shared = [];
    w.__urls = [];
    w.__copied = [];
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: async (data: { text: string; url: string }) => {
        w.__shared.push(data.text);
        w.__urls.push(data.url);
      },
    });
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void w.__copied.push(text) },
    });
  });
  await page.reload();
  await app.ready();

  const items = page.getByTestId('list-item');
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await expect(page.getByRole('heading', { level: 1, name: 'Shopping list' })).toBeVisible();
  // The shelf comparison is one tap from the list.
  await expect(page.getByRole('link', { name: 'Compare foods at the shelf' })).toHaveAttribute('href', '/compare');
  await expect(page.getByTestId('list-empty')).toBeVisible();

  let basketCount = 0;
  await test.step('Fill my week with nothing logged proposes a basket; a swap and Add to the list', async () => {
    const fill = page.getByTestId('fill-week');
    // With no profile the target is IOM's adult 420 mg a day.
    await expect(fill.getByTestId('week-gap')).toHaveText(
      "Nothing logged in the last 7 days: the basket covers the whole week's target, 2940 mg.",
    );
    const basket = fill.getByTestId('basket-item');
    await expect(basket.first()).toBeVisible();
    basketCount = await basket.count();
    expect(basketCount).toBeGreaterThanOrEqual(3);
    await expect(fill.getByTestId('basket-total')).toHaveText(/^Basket: \d+ mg of the 2940 mg gap, /);

    const first = basket.first();
    const before = await first.getAttribute('data-ndb');
    const swap = first.getByRole('button', { name: /^Swap for / }).first();
    const substitute = (await swap.textContent())!.replace(/^Swap for /, '').replace(/…$/, '');
    await swap.click();
    await expect(first).not.toHaveAttribute('data-ndb', before!);
    await expect(first.locator('.name')).toContainText(substitute);

    await fill.getByRole('button', { name: 'Add to the list' }).click();
    await expect(fill.getByTestId('basket-added')).toHaveText(`Added ${basketCount} foods to the list.`);
    await expect(items).toHaveCount(basketCount);
    await expect(page.getByTestId('list-empty')).toBeHidden();
  });

  await test.step('free text is refused when empty, at the field, and added when typed', async () => {
    const add = page.getByTestId('list-add-text');
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByTestId('list-text-error')).toHaveText(/^Type what to buy/);
    await expect(page.getByLabel('Add an item')).toHaveAttribute('aria-describedby', 'list-text-error');
    await expect(items).toHaveCount(basketCount);
    await page.getByLabel('Add an item').fill('  Gerolsteiner, 6 bottles ');
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(items).toHaveCount(basketCount + 1);
    await expect(items.last()).toContainText('Gerolsteiner, 6 bottles');
    await expect(page.getByTestId('list-text-error')).toBeHidden();
  });

  await test.step('one tap on a Foods row and on Close the gap adds without leaving the page', async () => {
    await sections.getByRole('link', { name: 'Foods' }).click();
    await page.getByLabel('Search foods').fill('gerolsteiner');
    const row = page.getByTestId('food-results').locator('[data-testid="food-row"][data-ndb="14075"]');
    const button = row.getByRole('button', { name: /^Add .* to the list$/ });
    await button.click();
    await expect(button).toHaveText(/On the list ✓/);
    await expect(page).toHaveURL(/\/foods/);

    await sections.getByRole('link', { name: 'Today' }).click();
    const gap = page.getByTestId('close-gap').getByTestId('gap-food').first();
    const add = gap.getByRole('button', { name: /^Add .* to the list$/ });
    await add.click();
    await expect(add).toHaveText(/On the list ✓/);
    await sections.getByRole('link', { name: 'List' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Shopping list' })).toBeVisible();
    // The Close the gap food may already be in the basket; then it merges.
    expect(await items.count()).toBeGreaterThanOrEqual(basketCount + 2);
  });

  const count = await items.count();
  await test.step('two items checked with a 44 px tap stay checked through a reload', async () => {
    const label = items.first().locator('label.list-check');
    expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await items.nth(0).getByRole('checkbox').check();
    await expect(page.getByTestId('list-undo')).toBeVisible();
    await items.nth(1).locator('label.list-check .name').click();
    await expect(items.nth(1)).toHaveAttribute('data-checked', 'true');
    await page.reload();
    await app.ready();
    await expect(items).toHaveCount(count);
    await expect(items.nth(0)).toHaveAttribute('data-checked', 'true');
    await expect(items.nth(1)).toHaveAttribute('data-checked', 'true');
    await expect(page.locator('[data-testid="list-item"][data-checked="true"]')).toHaveCount(2);
  });

  await test.step('the printed page is the list alone, with its check boxes', async () => {
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Share list' })).toBeHidden();
    await expect(page.getByTestId('fill-week')).toBeHidden();
    await expect(items.first().getByRole('checkbox')).toBeVisible();
    await expect(items).toHaveCount(count);
    await page.emulateMedia({ media: null });
  });

  await test.step('Share list gives the share sheet the text and the link, or the clipboard the text without one', async () => {
    const expected = await expectedShareText(page);
    const link = await expectedLink(page);
    await page.getByRole('button', { name: 'Share list' }).click();
    await expect(page.getByTestId('share-status')).toHaveText('Shared');
    const { shared, urls } = await page.evaluate(() => {
      const w = window as unknown as { __shared: string[]; __urls: string[] };
      return { shared: w.__shared, urls: w.__urls };
    });
    expect(shared).toEqual([expected]);
    expect(expected).toContain('[x] ');
    expect(expected).toContain('[ ] Gerolsteiner, 6 bottles\n');
    expect(urls).toEqual([link]);
    expect(link).toMatch(/\/list\?add=\d{5}x\d+,.*,t:Gerolsteiner%2C%206%20bottles$/);

    await page.evaluate(() => Object.defineProperty(navigator, 'share', { configurable: true, value: undefined }));
    await page.getByRole('button', { name: 'Share list' }).click();
    await expect(page.getByTestId('share-status')).toHaveText('Copied to the clipboard');
    const copied = await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied);
    expect(copied).toEqual([expected]);

    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByTestId('share-status')).toHaveText('Link copied');
    const both = await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied);
    expect(both).toEqual([expected, link]);
  });

  await test.step('a shared link offers its items, names an unknown food number, and adds only on the tap', async () => {
    await app.goto('/list?add=12061x2,99999,t:Water');
    const card = page.getByTestId('list-import');
    await expect(card.getByRole('heading', { name: 'Add these to your list?' })).toBeVisible();
    await expect(card.getByRole('list', { name: 'Left out of the link' }).getByRole('listitem')).toHaveText([
      'No food number 99999 in the USDA table.',
    ]);
    await expect(card.getByRole('list', { name: 'Items in the link' }).locator('.name')).toHaveText([
      'Nuts, almonds',
      'Water',
    ]);
    await expect(items).toHaveCount(count);
    const found = (await new AxeBuilder({ page }).include('[data-testid="list-import"]').analyze()).violations;
    expect(found.map((v) => v.id)).toEqual([]);

    await card.getByRole('button', { name: 'Add 2 items' }).click();
    await expect(card).toBeHidden();
    await expect(page.getByTestId('list-status')).toHaveText('Added 2 items from the link.');
    await expect(page).toHaveURL(/\/list$/);
    await expect(page.locator('[data-testid="list-item"][data-ndb="12061"][data-checked="false"]')).toHaveCount(1);
    const water = page.getByRole('checkbox', { name: 'Water', exact: true });
    await expect(water).toHaveCount(1);
    await page.getByTestId('list-undo').click();
    await expect(water).toHaveCount(0);
    await expect(items).toHaveCount(count);
    await page.reload();
    await app.ready();
    await expect(page.getByRole('heading', { level: 1, name: 'Shopping list' })).toBeVisible();
    await expect(items).toHaveCount(count);
    await expect(card).toHaveCount(0);
  });

  await test.step('clear checked and undo', async () => {
    await page.getByRole('button', { name: 'Clear checked (2)' }).click();
    await expect(items).toHaveCount(count - 2);
    await expect(page.getByTestId('list-status')).toHaveText('Cleared 2 checked items.');
    await page.getByTestId('list-undo').click();
    await expect(items).toHaveCount(count);
    await expect(page.locator('[data-testid="list-item"][data-checked="true"]')).toHaveCount(2);
  });

  await test.step('a food marked Not for me on its page leaves the basket', async () => {
    const fill = page.getByTestId('fill-week');
    const top = await fill.getByTestId('basket-item').first().getAttribute('data-ndb');
    await fill.getByTestId('basket-item').first().locator('a.name').click();
    const mark = page.getByRole('button', { name: 'Not for me' });
    await expect(mark).toHaveAttribute('aria-pressed', 'false');
    await mark.click();
    await expect(mark).toHaveAttribute('aria-pressed', 'true');
    await sections.getByRole('link', { name: 'List' }).click();
    await expect(fill.getByTestId('basket-item').first()).toBeVisible();
    await expect(fill.locator(`[data-testid="basket-item"][data-ndb="${top}"]`)).toHaveCount(0);
    await expect(fill.getByRole('button', { name: new RegExp(`^Swap for `) }).first()).toBeVisible();
  });

  await test.step('no sideways scroll at 320 px, and no axe violation', async () => {
    await page.setViewportSize({ width: 320, height: 700 });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(over).toBeLessThanOrEqual(0);
    const found = (await new AxeBuilder({ page }).analyze()).violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`),
    );
    expect(found, 'axe violations on /list').toEqual([]);
  });
});
