import { test, expect, type Page, type Locator } from './fixtures';

// Every page, with the last part of it to render (deferred sections, data
// loaded after start-up), so the width is measured on the finished page.
const PAGES: { path: string; ready: (page: Page) => Locator }[] = [
  { path: '/foods', ready: (page) => page.getByTestId('food-results') },
  { path: '/foods/12014', ready: (page) => page.getByTestId('add-food') },
  { path: '/today', ready: (page) => page.getByRole('heading', { name: 'Add', exact: true }) },
  { path: '/list', ready: (page) => page.getByTestId('basket-total') },
  { path: '/diary', ready: (page) => page.getByRole('heading', { name: 'History' }) },
  { path: '/diary/report', ready: (page) => page.getByRole('heading', { name: 'Notes by date' }) },
  { path: '/guide', ready: (page) => page.getByTestId('food-examples') },
  { path: '/settings', ready: (page) => page.getByRole('heading', { name: 'Your data' }) },
  { path: '/compare?items=12061,11457', ready: (page) => page.getByTestId('cost-100mg').first() },
];

/** How far the document is wider than the window, in CSS pixels (0 when it fits). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const width of [320, 390, 1280]) {
  test.describe(`${width} px`, () => {
    const desktop = width >= 900;
    test.use({ viewport: { width, height: 800 }, isMobile: !desktop });

    const name = `at ${width} px no page scrolls sideways, numbers keep to one line, Today's cards keep their spacing${desktop ? ', the side navigation sits at the top' : ''}`;
    test(name, async ({ app, page }) => {
      for (const { path, ready } of PAGES) {
        await app.goto(path);
        await expect(ready(page)).toBeVisible();
        expect.soft(await sidewaysOverflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);

        if (path.startsWith('/foods/')) {
          // Each table fits its card, and no number breaks from its unit.
          const tables = await page.getByTestId('page-food').locator('table').evaluateAll((ts) =>
            ts.map((t) => ({ id: t.getAttribute('data-testid'), over: t.parentElement!.scrollWidth - t.parentElement!.clientWidth })),
          );
          for (const t of tables) expect.soft(t.over, `table ${t.id} is wider than its card`).toBeLessThanOrEqual(0);
          const wrapped = await page.getByTestId('page-food').locator('td.num').evaluateAll((cells) =>
            cells
              .filter((cell) => {
                const range = document.createRange();
                range.selectNodeContents(cell);
                const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                return tops.size > 1;
              })
              .map((cell) => cell.textContent),
          );
          expect.soft(wrapped, 'numbers on the food page that wrap').toEqual([]);
        }

        if (path.startsWith('/compare')) {
          // Two foods fit the table's card without scrolling it sideways.
          const over = await page.getByTestId('compare-wrap').evaluate((el) => el.scrollWidth - el.clientWidth);
          expect.soft(over, 'the comparison of two foods scrolls sideways').toBeLessThanOrEqual(0);
        }

        if (path === '/today') {
          // The summary keeps its distance from the day picker, and the Add
          // card has no empty band above its heading.
          const picker = (await page.getByRole('navigation', { name: 'Choose a day' }).boundingBox())!;
          const summary = (await page.getByTestId('day-summary').boundingBox())!;
          expect.soft(summary.y - (picker.y + picker.height), 'space between day picker and summary').toBeGreaterThanOrEqual(8);
          const add = (await page.getByTestId('add-panel').boundingBox())!;
          const heading = (await ready(page).boundingBox())!;
          expect.soft(heading.y - add.y, 'space above the Add heading').toBeLessThan(24);
        }
      }

      if (desktop) {
        // The side navigation keeps its four links together at its top.
        const nav = (await page.getByRole('navigation', { name: 'Sections' }).boundingBox())!;
        const links = [];
        for (const name of ['Foods', 'Today', 'List', 'Diary'] as const) links.push((await app.nav(name).boundingBox())!);
        expect(links[0].y - nav.y, 'space above the first link').toBeLessThan(32);
        for (let i = 1; i < links.length; i++) {
          expect(links[i].y - (links[i - 1].y + links[i - 1].height), `gap above link ${i + 1}`).toBeLessThan(24);
        }
      }
    });
  });
}
