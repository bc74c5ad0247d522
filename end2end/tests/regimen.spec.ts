// The supplement regimen on Today, offline on a phone: make it, see it
// against the upper level, log it in one tap (twice, adding nothing the
// second time) and take its reminders as an iCalendar file that a real
// parser (Mozilla's ical.js) reads.
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { test, expect } from './fixtures';

test.use({ viewport: { width: 390, height: 844 } });

test('a two-dose regimen is saved, logged once in one tap and exported as daily reminders, offline', async ({
  app,
  page,
  context,
  server,
}) => {
  await app.goto('/today');
  await app.controlledByServiceWorker();
  await server.close();
  await context.setOffline(true);
  await page.reload();
  await app.ready();

  const card = page.getByTestId('regimen');
  await expect(card.getByTestId('regimen-none')).toBeVisible();
  await card.getByText('Set up my regimen').click();
  const editor = card.getByTestId('regimen-editor');

  // Saving an empty regimen is refused with the domain's sentence.
  await editor.getByRole('button', { name: 'Save regimen' }).click();
  await expect(editor.getByRole('alert')).toHaveText('Add at least one dose before saving the regimen.');

  // 200 mg of magnesium from glycinate in the morning, as the label's
  // "Magnesium 200 mg" line gives it (elemental, the form's default basis).
  await editor.getByLabel('Form', { exact: true }).selectOption({ label: 'Magnesium glycinate (bisglycinate)' });
  await editor.getByRole('radio', { name: /Elemental magnesium/ }).check();
  await editor.getByLabel('Amount per serving (mg)').fill('200');
  await editor.getByLabel('Time of day').selectOption({ label: 'Morning' });
  await editor.getByRole('button', { name: 'Add dose' }).click();

  // 144 mg of magnesium from L-threonate, entered as elemental, in the evening.
  await editor.getByLabel('Form', { exact: true }).selectOption({ label: 'Magnesium L-threonate' });
  await editor.getByRole('radio', { name: /Elemental magnesium/ }).check();
  await editor.getByLabel('Amount per serving (mg)').fill('144');
  await editor.getByLabel('Time of day').selectOption({ label: 'Evening' });
  await editor.getByRole('button', { name: 'Add dose' }).click();
  await expect(editor.getByTestId('draft-dose')).toHaveCount(2);

  // 200 + 144 = 344 mg; 344 / 350 (IOM adult upper level) = 98.3 % → 98 %.
  await expect(editor.getByTestId('regimen-upper-level')).toHaveText(
    'This regimen gives 344 mg of magnesium a day, 98 % of the 350 mg upper level for supplements ' +
      '(IOM 1997 (US/Canada), Men 31–50).',
  );
  await editor.getByRole('button', { name: 'Save regimen' }).click();
  await expect(editor.getByTestId('regimen-saved')).toHaveText('Regimen saved.');

  // A dose skipped before anything is logged stays skipped after a reload,
  // and the day still counts as not logged; tapping Skip again undoes it.
  const doses = card.getByTestId('regimen-dose');
  await expect(doses.getByTestId('dose-status')).toHaveText(['Not yet', 'Not yet']);
  await card.getByRole('button', { name: /^Skip: Magnesium glycinate/ }).click();
  await expect(doses.getByTestId('dose-status')).toHaveText(['Skipped', 'Not yet']);
  await page.reload();
  await app.ready();
  await expect(doses.getByTestId('dose-status')).toHaveText(['Skipped', 'Not yet']);
  await expect(page.getByTestId('entry')).toHaveCount(0);
  await card.getByRole('button', { name: /^Skip: Magnesium glycinate/ }).click();
  await expect(doses.getByTestId('dose-status')).toHaveText(['Not yet', 'Not yet']);
  // The reload closed the editor; the rest of the test edits the regimen.
  await card.getByText('Edit my regimen').click();

  // One tap logs both doses with their elemental magnesium.
  await card.getByRole('button', { name: 'Log my regimen' }).click();
  await expect(card.getByTestId('regimen-message')).toHaveText(
    'Added Magnesium glycinate (bisglycinate) (200 mg), Magnesium L-threonate (144 mg).',
  );
  await expect(page.getByTestId('entry-mg')).toHaveText(['200 mg', '144 mg']);
  await expect(page.getByTestId('supplement-total')).toHaveText('344 mg');
  await expect(doses.getByTestId('dose-status')).toHaveText(['Taken', 'Taken']);

  // A second tap adds nothing.
  await card.getByRole('button', { name: 'Log my regimen' }).click();
  await expect(card.getByTestId('regimen-message')).toHaveText(
    'Nothing added: every dose is already logged or skipped for this day.',
  );
  await expect(page.getByTestId('entry')).toHaveCount(2);
  await expect(page.getByTestId('supplement-total')).toHaveText('344 mg');

  // The reminders: one daily event with an alarm per time of day.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: 'Add reminders to my calendar (.ics)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('magnesium-regimen.ics');
  const text = await readFile(await download.path(), 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(2);
  for (const event of events) {
    const rule = event.getFirstPropertyValue('rrule') as { freq: string };
    expect(rule.freq).toBe('DAILY');
    expect(event.getAllSubcomponents('valarm')).toHaveLength(1);
  }
  expect(events.map((e) => e.getFirstPropertyValue('summary'))).toEqual([
    'Magnesium: 1 × Magnesium glycinate (bisglycinate) (200 mg)',
    'Magnesium: 1 × Magnesium L-threonate (144 mg)',
  ]);
  // Floating local times: the morning and evening slots' 08:00 and 18:00.
  const starts = events.map((e) => e.getFirstPropertyValue('dtstart') as { hour: number; minute: number; isDate: boolean });
  expect(starts.map((t) => [t.hour, t.minute, t.isDate])).toEqual([
    [8, 0, false],
    [18, 0, false],
  ]);

  // Skipping a logged dose takes its entry out, and the next tap leaves it skipped.
  await card.getByRole('button', { name: 'Skip: Magnesium L-threonate' }).click();
  await expect(doses.getByTestId('dose-status')).toHaveText(['Taken', 'Skipped']);
  await expect(page.getByTestId('entry-mg')).toHaveText(['200 mg']);
  await card.getByRole('button', { name: 'Log my regimen' }).click();
  await expect(page.getByTestId('entry-mg')).toHaveText(['200 mg']);

  // 100 mg more at bedtime is 444 mg, 126.9 % → 127 % of 350 mg: saving asks first.
  await editor.getByLabel('Amount per serving (mg)').fill('100');
  await editor.getByLabel('Time of day').selectOption({ label: 'Bedtime' });
  await editor.getByRole('button', { name: 'Add dose' }).click();
  const over =
    'This regimen gives 444 mg of magnesium a day, 127 % of the 350 mg upper level for supplements ' +
    '(IOM 1997 (US/Canada), Men 31–50). Above it, diarrhoea and other side effects become more likely; ' +
    'check with a doctor before saving it.';
  await expect(editor.getByTestId('regimen-upper-level')).toHaveText(over);
  await editor.getByRole('button', { name: 'Save regimen' }).click();
  await expect(editor.getByTestId('regimen-warning')).toContainText(over);
  await expect(doses).toHaveCount(2);
  await editor.getByRole('button', { name: 'Save anyway' }).click();
  await expect(editor.getByTestId('regimen-saved')).toHaveText('Regimen saved.');
  await expect(doses).toHaveCount(3);

  // Nothing scrolls sideways on a 320 px phone with the editor open.
  await page.setViewportSize({ width: 320, height: 700 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(320);

  // Deleting asks first; the day keeps what was logged.
  await editor.getByRole('button', { name: 'Delete regimen' }).click();
  await editor.getByTestId('regimen-delete-confirm').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(card.getByTestId('regimen-none')).toBeVisible();
  await expect(page.getByTestId('entry-mg')).toHaveText(['200 mg']);
  await expect(editor.getByTestId('regimen-empty')).toBeVisible();
});
