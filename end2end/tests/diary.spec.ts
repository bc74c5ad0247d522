// The symptom diary: three logged days with intake and ratings, the chart
// and the calendar, the CSV export checked cell by cell, a full backup moved
// into a fresh browser, a damaged backup refused, and a note that looks like
// HTML shown as typed.
import fs from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, foreignRequests, mgNumber, type App } from './fixtures';
import { nutrient } from './sr28';

const SYMPTOMS = [
  'Muscle or leg cramps',
  'Sleep quality',
  'Migraine or headache',
  'Low mood',
  'Anxiety',
  'Fatigue',
  'Restlessness or poor focus',
  'Muscle twitches or tension',
  'Palpitations',
  'Loose stools',
];
const XSS = '<img src=x onerror=alert(1)>';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The two days before today and today, as local dates the way the app computes them. */
async function lastThreeDays(page: Page): Promise<[string, string, string]> {
  return page.evaluate(() => {
    const iso = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const day = (back: number) => {
      const d = new Date();
      d.setDate(d.getDate() - back);
      return iso(d);
    };
    return [day(2), day(1), day(0)] as [string, string, string];
  });
}

/** One symptom cell per default symptom, in list order. */
function ratingCells(values: Record<string, string>): string {
  return SYMPTOMS.map((s) => values[s] ?? '').join(',');
}

async function addSupplement(app: App, date: string, mg: number) {
  const page = app.page;
  await app.goto(`/today?date=${date}`);
  await page.getByRole('tab', { name: 'Supplement' }).click();
  await page.getByLabel('Form', { exact: true }).selectOption({ label: 'Magnesium oxide' });
  await page.getByRole('radio', { name: /Elemental magnesium/ }).check();
  await page.getByLabel('Amount per serving (mg)', { exact: true }).fill(String(mg));
  await page.getByRole('button', { name: 'Add supplement' }).click();
  await expect(page.getByTestId('supplement-total')).toHaveText(`${mg} mg`);
}

async function rate(page: Page, ratings: Record<string, string>) {
  const entry = page.getByTestId('diary-entry');
  for (const [name, value] of Object.entries(ratings)) {
    await entry.getByLabel(name, { exact: true }).selectOption(value);
  }
  await expect(entry.getByTestId('saved')).toBeVisible();
}

async function downloadText(page: Page, testid: string): Promise<{ name: string; text: string; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(path, 'utf8'), path };
}

/** Fails the test if `page` ever opens a dialog, which a script in a note would. */
function forbidDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', async (dialog) => {
    seen.push(dialog.message());
    await dialog.dismiss();
  });
  return seen;
}

test('three logged days: chart, calendar, exact CSV, backup into a fresh browser, damaged file refused', async ({
  app,
  page,
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const dialogs = forbidDialogs(page);
  await app.goto('/diary');
  const [d2, d1, d0] = await lastThreeDays(page);

  // Intake through the app: supplements on the two earlier days, two ounces
  // of almonds today from the food's own page.
  await addSupplement(app, d2, 200);
  await addSupplement(app, d1, 100);
  await app.goto('/foods/12061');
  const add = page.getByTestId('add-food');
  await add.getByLabel('Measure', { exact: true }).selectOption({ label: '1 oz (23 whole kernels) (28.35 g)' });
  await add.getByRole('button', { name: '2 of the measure' }).click();
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('added')).toBeVisible();
  const almondsMg = (Number(nutrient('12061', '304')) * (2 * 28.35)) / 100;

  // The diary for each day.
  await app.goto(`/diary?date=${d2}`);
  await rate(page, { 'Muscle or leg cramps': '6', 'Sleep quality': '3' });
  await page.getByLabel('Note', { exact: true }).fill('Long drive, "bad" night');
  await page.getByLabel('Tags', { exact: true }).fill('Travel');
  await page.getByLabel('Tags', { exact: true }).press('Tab');
  await expect(page.getByLabel('Tags', { exact: true })).toHaveValue('travel');
  await expect(page.getByTestId('day-magnesium').getByTestId('day-total')).toHaveText('200 mg');
  await expect(page.getByTestId('day-split')).toHaveText('Food 0 mg · supplements 200 mg');

  await page.getByRole('link', { name: 'Next day' }).click();
  await expect(page.getByLabel('Day', { exact: true })).toHaveValue(d1);
  await rate(page, { 'Muscle or leg cramps': '2', 'Sleep quality': '7' });
  await page.getByRole('group', { name: 'Quick tags' }).getByRole('button', { name: 'coffee' }).click();
  await expect(page.getByRole('button', { name: 'coffee' })).toHaveAttribute('aria-pressed', 'true');

  await app.goto(`/diary?date=${d0}`);
  await rate(page, { 'Muscle or leg cramps': '0' });
  await page.getByLabel('Note', { exact: true }).fill(XSS);
  await expect(page.getByTestId('day-magnesium').getByTestId('day-total')).toHaveText(`${Math.round(almondsMg)} mg`);

  // Saved as typed: after a reload the ratings (0 is not "not rated"), the
  // note and the recent list are all there, and the note is only text.
  await page.reload();
  await app.ready();
  const entry = page.getByTestId('diary-entry');
  await expect(entry.getByLabel('Muscle or leg cramps', { exact: true })).toHaveValue('0');
  await expect(entry.getByLabel('Sleep quality', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue(XSS);
  await expect(page.getByTestId('recent-entry')).toHaveCount(3);
  await expect(page.getByTestId('recent-note').first()).toHaveText(XSS);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  // The chart over 7 days: three bars, and one point per rating of each
  // chosen symptom.
  const chart = page.getByTestId('chart-section');
  // The sections above the chart are built just after the first paint, and
  // on a loaded machine a click can land while they still move the chart
  // down; the click is repeated until the period is chosen.
  const week = chart.getByRole('button', { name: '7 days' });
  await expect(async () => {
    await week.click();
    await expect(week).toHaveAttribute('aria-pressed', 'true', { timeout: 1_000 });
  }).toPass();
  await expect(chart.getByTestId('chart-bar')).toHaveCount(3);
  await expect(chart.getByTestId('chart-point')).toHaveCount(3);
  await chart.getByRole('checkbox', { name: 'Sleep quality' }).check();
  await expect(chart.getByTestId('chart-point')).toHaveCount(5);
  await expect(chart.getByRole('img', { name: /Chart of daily magnesium/ })).toBeVisible();
  await chart.getByText('Table of the chart data').click();
  await expect(chart.getByTestId('chart-row')).toHaveCount(3);
  // The span is a setting, so it survives a reload.
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('chart-section').getByRole('button', { name: '7 days' })).toHaveAttribute('aria-pressed', 'true');

  // The calendar names what each day holds; ?symptom= picks the chart line.
  await app.goto(`/diary?date=${d2}&symptom=sleep`);
  const label = (iso: string, what: string) => `${Number(iso.slice(8))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}, ${what}`;
  const calendar = page.getByTestId('calendar');
  await expect(calendar.getByRole('link', { name: label(d2, 'diary and intake logged, shown') })).toHaveClass(/has-data/);
  await expect(page.getByTestId('chart-section').getByRole('checkbox', { name: 'Sleep quality' })).toBeChecked();
  await expect(page.getByTestId('chart-section').getByRole('checkbox', { name: 'Muscle or leg cramps' })).not.toBeChecked();
  await app.goto(`/diary?date=${d1}`);
  await expect(calendar.getByRole('link', { name: label(d1, 'diary and intake logged, shown') })).toBeVisible();
  if (d0.slice(0, 7) !== d1.slice(0, 7)) await calendar.getByRole('button', { name: 'Next month' }).click();
  await calendar.getByRole('link', { name: label(d0, 'diary and intake logged'), exact: true }).click();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue(XSS);

  // The insights say how many days they need rather than show thin means.
  await expect(page.getByTestId('insights')).toContainText('at least 7 rated days');
  await expect(page.getByTestId('insight')).toHaveCount(0);
  await expect(page.getByTestId('insight-not-enough').first()).toContainText('not enough data');

  // The CSV, exactly.
  const csv = await downloadText(page, 'export-csv');
  expect(csv.name).toBe(`magnesium-tracker-${d0}.csv`);
  const expected =
    '\ufeff' +
    [
      `date,food_mg,supplement_mg,total_mg,target_mg,items_without_mg_data,${SYMPTOMS.join(',')},tags,note`,
      `${d2},0,200,200,420,0,${ratingCells({ 'Muscle or leg cramps': '6', 'Sleep quality': '3' })},travel,"Long drive, ""bad"" night"`,
      `${d1},0,100,100,420,0,${ratingCells({ 'Muscle or leg cramps': '2', 'Sleep quality': '7' })},coffee,`,
      `${d0},${mgNumber(almondsMg)},0,${mgNumber(almondsMg)},420,0,${ratingCells({ 'Muscle or leg cramps': '0' })},,${XSS}`,
    ].join('\r\n') +
    '\r\n';
  expect(csv.text).toBe(expected);

  // The backup, into a browser that has never seen the app.
  const backup = await downloadText(page, 'export-backup');
  expect(backup.name).toBe(`magnesium-tracker-backup-${d0}.json`);
  expect(JSON.parse(backup.text).format).toBe('magnesium-tracker-backup');

  const fresh: BrowserContext = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const seen: string[] = [];
  fresh.on('request', (r) => seen.push(r.url()));
  try {
    const page2 = await fresh.newPage();
    const dialogs2 = forbidDialogs(page2);
    const app2 = { page: page2, ready: () => expect(page2.getByRole('navigation', { name: 'Sections' })).toBeVisible() };
    await page2.goto('/diary');
    await app2.ready();
    await expect(page2.getByText('No diary entries yet.')).toBeVisible();

    // A damaged file: an error, no preview, nothing changed.
    const half = backup.text.slice(0, Math.floor(backup.text.length / 2));
    await page2.getByLabel('Backup file (JSON)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(half) });
    await expect(page2.getByTestId('import-error')).toContainText('ends too early');
    await expect(page2.getByTestId('import-confirm')).toHaveCount(0);
    await page2.getByLabel('Backup file (JSON)').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect(page2.getByTestId('import-error')).toContainText('not a Magnesium Tracker backup');
    await expect(page2.getByText('No diary entries yet.')).toBeVisible();

    // The real file: a preview first, and nothing stored before Confirm.
    await page2.getByLabel('Backup file (JSON)').setInputFiles(backup.path);
    await expect(page2.getByTestId('import-summary')).toContainText('3 day logs and 3 diary entries');
    await expect(page2.getByTestId('import-error')).toHaveCount(0);
    await expect(page2.getByText('No diary entries yet.')).toBeVisible();
    expect(await page2.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mgt/v1/diary/')).length)).toBe(0);
    await page2.getByRole('radio', { name: /Replace/ }).check();
    await page2.getByTestId('import-confirm').click();
    await expect(page2.getByTestId('import-done')).toContainText('Imported');
    await expect(page2.getByTestId('recent-entry')).toHaveCount(3);

    // The same data: the same CSV, the same day after a reload.
    await page2.reload();
    await app2.ready();
    const csv2 = await downloadText(page2, 'export-csv');
    expect(csv2.text).toBe(expected);
    await page2.goto(`/diary?date=${d2}`);
    await app2.ready();
    const entry2 = page2.getByTestId('diary-entry');
    await expect(entry2.getByLabel('Muscle or leg cramps', { exact: true })).toHaveValue('6');
    await expect(entry2.getByLabel('Sleep quality', { exact: true })).toHaveValue('3');
    await expect(page2.getByLabel('Note', { exact: true })).toHaveValue('Long drive, "bad" night');
    await expect(page2.getByTestId('day-magnesium').getByTestId('day-total')).toHaveText('200 mg');
    await expect(page2.getByTestId('chart-section').getByRole('button', { name: '7 days' })).toHaveAttribute('aria-pressed', 'true');

    // A damaged file after the import changes nothing either.
    await page2.getByLabel('Backup file (JSON)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(half) });
    await expect(page2.getByTestId('import-error')).toBeVisible();
    expect((await downloadText(page2, 'export-csv')).text).toBe(expected);
    await expect(page2.getByTestId('recent-note').first()).toHaveText(XSS);
    await expect(page2.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs2).toEqual([]);
  } finally {
    await fresh.close();
  }
  expect(foreignRequests(server.url, seen)).toEqual([]);

  // The printable report covers the last 30 days.
  await app.goto('/diary/report');
  await expect(page.getByTestId('report-logged')).toHaveText('3 of 30');
  await expect(page.getByTestId('report-at-target')).toHaveText('0 of 3');
  await expect(page.getByTestId('report-symptom')).toHaveCount(2);
  await expect(page.getByTestId('report-symptom').first()).toContainText('Muscle or leg cramps');
  await expect(page.getByTestId('report-symptom').first()).toContainText('2.7');
  await expect(page.getByTestId('report-note')).toHaveCount(3);
  await expect(page.getByTestId('report-note').last()).toContainText(XSS);
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  expect(dialogs).toEqual([]);
});

test('symptoms can be renamed, reordered, hidden and added without losing ratings; delete can be undone', async ({
  app,
  page,
}) => {
  await app.goto('/diary');
  await rate(page, { 'Muscle or leg cramps': '4', Anxiety: '2' });

  await page.getByText('Manage symptoms').click();
  const manage = page.getByTestId('manage-symptoms');
  await manage.getByLabel('Name of Muscle or leg cramps').fill('Leg cramps');
  await manage.getByLabel('Name of Muscle or leg cramps').press('Tab');
  await manage.getByRole('button', { name: 'Hide Anxiety' }).click();
  await manage.getByRole('button', { name: 'Move Sleep quality up' }).click();
  await manage.getByLabel('Name', { exact: true }).fill('Tinnitus');
  await manage.getByRole('button', { name: 'Add symptom' }).click();
  // A second symptom of the same name is refused with a reason.
  await manage.getByLabel('Name', { exact: true }).fill('tinnitus');
  await manage.getByRole('button', { name: 'Add symptom' }).click();
  await expect(manage.getByRole('alert')).toContainText('tinnitus');

  await page.reload();
  await app.ready();
  const entry = page.getByTestId('diary-entry');
  await expect(entry.getByLabel('Leg cramps', { exact: true })).toHaveValue('4');
  await expect(entry.getByLabel('Anxiety', { exact: true })).toHaveCount(0);
  await expect(entry.getByLabel('Tinnitus', { exact: true })).toHaveValue('');
  await expect(entry.getByTestId('rating').first().locator('label')).toHaveText('Sleep quality');
  await expect(page.getByTestId('recent-entry')).toContainText('Anxiety 2');

  // Delete, then undo.
  await page.getByTestId('delete-entry').click();
  await expect(page.getByText('No diary entries yet.')).toBeVisible();
  await expect(entry.getByLabel('Leg cramps', { exact: true })).toHaveValue('');
  await page.getByTestId('undo-banner').getByRole('button', { name: 'Undo' }).click();
  await expect(entry.getByLabel('Leg cramps', { exact: true })).toHaveValue('4');
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('recent-entry')).toHaveCount(1);
});
