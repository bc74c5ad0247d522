import fs from 'node:fs';
import { test, expect, type App } from './fixtures';

async function addTopical(app: App, text: string) {
  await app.page.getByRole('tab', { name: 'Topical' }).click();
  await app.page.getByLabel('What you used').fill(text);
  await app.page.getByRole('button', { name: 'Add topical' }).click();
}

test('the page runs under a strict Content-Security-Policy', async ({ app, page }) => {
  await app.goto('/today');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("connect-src 'self'");
});

test('a damaged stored value is set aside, reported and downloadable, and the rest still loads', async ({ app, page }) => {
  await app.goto('/today');
  await addTopical(app, 'Kept spray');
  const raw = '{"schema":1,"updated_at_ms":5,"data":{"date":"2026-03-02","entr';
  await page.evaluate((raw) => localStorage.setItem('mgt/v1/day/2026-03-02', raw), raw);
  await page.reload();
  await app.ready();
  const banner = page.getByTestId('quarantine-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('mgt/v1/day/2026-03-02');
  await expect(page.getByTestId('entry')).toContainText('Kept spray');
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys.some((k) => k.startsWith('mgt/quarantine/mgt/v1/day/2026-03-02/'))).toBe(true);
  expect(keys).not.toContain('mgt/v1/day/2026-03-02');

  const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Download raw text' }).click()]);
  expect(fs.readFileSync((await download.path())!, 'utf8')).toBe(raw);
  await banner.getByRole('button', { name: 'Delete it' }).click();
  await expect(banner).toBeHidden();
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('quarantine-banner')).toBeHidden();
});

test('data from a newer app version is never overwritten', async ({ app, page }) => {
  await app.goto('/settings');
  const newer = '{"schema":99,"updated_at_ms":1,"data":{"age":{"years":40},"sex":"female","status":"none","future":1}}';
  await page.evaluate((v) => localStorage.setItem('mgt/v1/profile', v), newer);
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('newer-version-banner')).toBeVisible();
  await page.getByLabel('Age', { exact: true }).fill('50');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByTestId('save-error')).toContainText('Not saved');
  expect(await page.evaluate(() => localStorage.getItem('mgt/v1/profile'))).toBe(newer);
});

test('a failed write says "Not saved" and leaves the screen and what was stored as they were', async ({ app, page }) => {
  await app.goto('/today');
  await addTopical(app, 'Saved before');
  // Really fill the browser's storage for this origin.
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let i = 0;
    while (chunk.length > 0) {
      try {
        localStorage.setItem(`filler/${i++}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
  });
  const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('mgt/'))));
  await addTopical(app, 'This one will not fit because storage is full '.repeat(20));
  await expect(page.getByTestId('save-error')).toContainText('Not saved — the browser');
  await expect(page.getByTestId('save-error')).toContainText('full');
  // Memory takes a change only once it is stored, so the unsaved entry is
  // not shown as if it were kept.
  await expect(page.getByTestId('entry')).toHaveCount(1);
  await expect(page.getByTestId('entry')).toContainText('Saved before');
  const after = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('mgt/'))));
  expect(after).toBe(before);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler/')).forEach((k) => localStorage.removeItem(k)));
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('entry')).toHaveCount(1);
  await expect(page.getByTestId('entry')).toContainText('Saved before');
});

test('a change in one tab shows up in the other and neither overwrites the other', async ({ app, page, context }) => {
  await app.goto('/today');
  const other = await context.newPage();
  await other.goto('/today');
  await expect(other.getByRole('navigation', { name: 'Sections' })).toBeVisible();

  await addTopical(app, 'From tab one');
  await expect(other.getByTestId('entry')).toHaveCount(1);
  await expect(other.getByTestId('entry')).toContainText('From tab one');

  await other.getByRole('tab', { name: 'Topical' }).click();
  await other.getByLabel('What you used').fill('From tab two');
  await other.getByRole('button', { name: 'Add topical' }).click();
  await expect(page.getByTestId('entry')).toHaveCount(2);

  await page.reload();
  await app.ready();
  await expect(page.getByTestId('entry')).toHaveCount(2);
  await other.close();
});

test('a week of entries without a backup brings a reminder; exporting one clears it', async ({ app, page }) => {
  await app.goto('/settings');
  await expect(page.getByTestId('last-backup')).toContainText('No backup exported yet');
  // The browser's answer replaces "Checking…"; Chromium promises nothing
  // to a site a person has not engaged with.
  await expect(page.getByTestId('persistence')).toContainText('The browser may clear this data');
  const eightDaysAgo = Date.now() - 8 * 24 * 3600 * 1000;
  await page.evaluate((at) => {
    const data = { date: '2026-01-05', next_id: 2, entries: [{ id: 1, item: { topical: { description: 'Bath' } } }] };
    localStorage.setItem('mgt/v1/day/2026-01-05', JSON.stringify({ schema: 1, updated_at_ms: at, data }));
  }, eightDaysAgo);
  await page.reload();
  await app.ready();
  const reminder = page.getByTestId('backup-reminder');
  await expect(reminder).toBeVisible();
  await reminder.getByRole('link', { name: 'Export a backup' }).click();
  await expect(page).toHaveURL(/\/diary#backup-heading$/);
  // The backup panel is built just after the first paint; the link still
  // lands on it.
  await expect(page.locator('#backup-heading')).toBeInViewport();
  await Promise.all([page.waitForEvent('download'), page.getByTestId('export-backup').click()]);
  await expect(reminder).toBeHidden();
  await app.goto('/settings');
  await expect(page.getByTestId('last-backup')).toContainText('Last backup:');
  await expect(page.getByTestId('backup-reminder')).toBeHidden();
});
