// Accessibility: axe-core finds no violation on any page, in the light and
// the dark colour scheme, on the phone viewport the config sets. Each page
// is checked once its content is there (the food data loaded where a page
// shows foods), since axe only sees what is rendered.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

type Check = { path: string; name: string; ready: (page: Page) => Promise<void> };

const visible = (testid: string) => async (page: Page) => {
  await expect(page.getByTestId(testid).first()).toBeVisible();
};

const PAGES: Check[] = [
  {
    path: '/foods',
    name: 'Foods search',
    ready: async (page) => {
      await expect(page.getByLabel('Search foods')).toBeEnabled();
      await expect(page.getByTestId('result-count')).toHaveText('8,789 foods');
      await expect(page.getByTestId('food-row').first()).toBeVisible();
    },
  },
  { path: '/foods?view=top', name: 'Top sources', ready: visible('top-category') },
  {
    path: '/foods/12061',
    name: 'Food detail',
    ready: async (page) => {
      await expect(page.getByTestId('food-name')).toBeVisible();
      await expect(page.getByTestId('add-food').getByRole('button', { name: 'Add', exact: true })).toBeVisible();
    },
  },
  // Today and Diary build their lower sections just after the first paint;
  // axe runs once the last of them is there.
  {
    path: '/today',
    name: 'Today',
    ready: async (page) => {
      await visible('day-total')(page);
      await expect(page.getByTestId('add-panel')).toBeVisible();
      await expect(page.getByTestId('recent-days')).toBeVisible();
    },
  },
  {
    path: '/diary',
    name: 'Diary',
    ready: async (page) => {
      await visible('diary-entry')(page);
      await expect(page.getByTestId('backup')).toBeVisible();
    },
  },
  { path: '/list', name: 'Shopping list', ready: visible('basket-total') },
  { path: '/diary/report', name: 'Report', ready: visible('page-report') },
  { path: '/guide', name: 'Guide', ready: visible('food-examples') },
  {
    path: '/settings',
    name: 'Settings',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1, name: 'Settings and about' })).toBeVisible();
    },
  },
  {
    path: '/compare?items=12061,11457',
    name: 'Compare',
    ready: async (page) => {
      await visible('cost-100mg')(page);
      await expect(page.getByTestId('label-entry')).toBeVisible();
    },
  },
  { path: '/no-such-page', name: '404', ready: visible('not-found') },
];

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    for (const check of PAGES) {
      test(`${check.name} (${check.path}) has no axe violations`, async ({ app, page }) => {
        await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
        await app.goto(check.path);
        await check.ready(page);
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');

        const results = await new AxeBuilder({ page }).analyze();
        // One line per offending element says what to fix and where.
        const found = results.violations.flatMap((v) =>
          v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
        );
        expect(found, `axe violations on ${check.path} in the ${colorScheme} scheme`).toEqual([]);
      });
    }
  });
}
