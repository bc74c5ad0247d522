// Sync between a person's devices through their own CouchDB (pouchdb-server
// here, see couch.ts): a phone and a desktop, each its own browser context,
// edit offline and converge; a server that goes away mid-sync; what the
// server sees with encryption; a wrong passphrase; three years restored into
// a new device; and which origins the app talks to.
//
// One pouchdb-server per worker and a fresh database per test keep it fast.
// Every device context is checked as the default one is in fixtures.ts: no
// request to any origin but the app's and the sync server's, and no
// Content-Security-Policy violation.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test as base, expect, foreignRequests, App } from './fixtures';
import {
  Couch,
  Db,
  fillSyncForm,
  localRecords,
  openSettings,
  syncNow,
  syncSection,
  syncStatus,
  turnOnSync,
  waitSynced,
} from './couch';
import { seedRecords, HISTORY_DAYS } from '../bench/history.mjs';

const PASSPHRASE = 'plum kettle harbour 42';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };

type Device = {
  context: BrowserContext;
  page: Page;
  app: App;
  /** Every URL the context requested (pages and service worker), in order. */
  requests: string[];
};

const test = base.extend<{ db: Db; device: (kind: 'phone' | 'desktop') => Promise<Device> }, { couch: Couch }>({
  couch: [
    async ({}, use) => {
      const couch = await Couch.start();
      await use(couch);
      await couch.close();
    },
    { scope: 'worker' },
  ],
  db: async ({ couch }, use) => {
    // A test that failed while the server was stopped leaves it stopped.
    if (!couch.running) await couch.restart();
    await use(await couch.createDb());
  },
  device: async ({ browser, server, couch }, use) => {
    const devices: Device[] = [];
    await use(async (kind) => {
      const d = await openDevice(browser, server.url, kind);
      devices.push(d);
      return d;
    });
    for (const d of devices) {
      const violations = [];
      for (const p of d.context.pages()) {
        violations.push(...(await p.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []).catch(() => [])));
      }
      await d.context.close();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
      expect(foreignRequests([server.url, couch.url], d.requests), 'requests to neither the app nor the sync server').toEqual([]);
    }
  },
});

async function openDevice(browser: Browser, baseURL: string, kind: 'phone' | 'desktop'): Promise<Device> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'allow', ...(kind === 'phone' ? PHONE : DESKTOP) });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  return { context, page, app: new App(page), requests };
}

/** A local date `back` days before today, as the app names days. */
async function dayBefore(page: Page, back: number): Promise<string> {
  return page.evaluate((back) => {
    const d = new Date();
    d.setDate(d.getDate() - back);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, back);
}

/** Adds a topical entry on the Today page that is open, as a person would. */
async function addTopical(page: Page, text: string) {
  await page.getByRole('tab', { name: 'Topical' }).click();
  await page.getByLabel('What you used').fill(text);
  await page.getByRole('button', { name: 'Add topical' }).click();
  await expect(page.getByTestId('entry').filter({ hasText: text })).toHaveCount(1);
}

/** The Today page of `date` lists exactly these topical texts. */
async function expectDay(d: Device, date: string, texts: string[]) {
  await d.app.goto(`/today?date=${date}`);
  await expect(d.page.getByTestId('entry')).toHaveText(texts.map((t) => new RegExp(escape(t))));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a day logged on the phone shows on the desktop; edits made offline on both reach both', async ({ db, device }) => {
  const phone = await device('phone');
  const desktop = await device('desktop');
  await phone.app.goto('/today');
  const [today, yesterday, before] = [await dayBefore(phone.page, 0), await dayBefore(phone.page, 1), await dayBefore(phone.page, 2)];

  await turnOnSync(phone.page, { db, passphrase: PASSPHRASE });
  await phone.app.goto(`/today?date=${today}`);
  await addTopical(phone.page, 'Phone: magnesium oil');
  // Synced about 2 s after the change, without pressing anything.
  await openSettings(phone.page);
  await waitSynced(phone.page);

  await desktop.app.goto('/settings');
  await turnOnSync(desktop.page, { db, passphrase: PASSPHRASE });
  await expectDay(desktop, today, ['Phone: magnesium oil']);

  // Both offline, each edits another day; the changes wait here.
  await phone.app.goto(`/today?date=${yesterday}`);
  await desktop.app.goto(`/today?date=${before}`);
  await phone.context.setOffline(true);
  await desktop.context.setOffline(true);
  await addTopical(phone.page, 'Phone offline: foot soak');
  await addTopical(desktop.page, 'Desktop offline: bath');
  await openSettings(phone.page);
  await expect(syncStatus(phone.page)).toHaveAttribute('data-waiting', '1');
  await openSettings(desktop.page);
  await expect(syncStatus(desktop.page)).toHaveAttribute('data-waiting', '1');

  // Back online: the `online` event syncs each; the one that synced first
  // gets the other's change with its next sync.
  await phone.context.setOffline(false);
  await waitSynced(phone.page);
  await desktop.context.setOffline(false);
  await waitSynced(desktop.page);
  expect(await syncNow(phone.page)).toBe('synced');
  await waitSynced(phone.page);

  for (const d of [phone, desktop]) {
    await expectDay(d, today, ['Phone: magnesium oil']);
    await expectDay(d, yesterday, ['Phone offline: foot soak']);
    await expectDay(d, before, ['Desktop offline: bath']);
  }
  expect(await db.conflicts()).toEqual([]);
});

test('the same diary day edited offline on both devices ends as the newer version everywhere, with no conflict left', async ({
  db,
  device,
}) => {
  const phone = await device('phone');
  const desktop = await device('desktop');
  await phone.app.goto('/settings');
  await desktop.app.goto('/settings');
  const today = await dayBefore(phone.page, 0);
  // Without encryption, so the server's document can be read here.
  await turnOnSync(phone.page, { db, passphrase: null });
  await turnOnSync(desktop.page, { db, passphrase: null });

  await phone.context.setOffline(true);
  await desktop.context.setOffline(true);
  for (const [d, note] of [
    [phone, 'Phone: slept badly'],
    [desktop, 'Desktop: slept well after all'],
  ] as const) {
    await d.app.nav('Diary').click();
    await expect(d.page.getByLabel('Day', { exact: true })).toHaveValue(today);
    await d.page.getByLabel('Note', { exact: true }).fill(note);
    await expect(d.page.getByTestId('diary-entry').getByTestId('saved')).toBeVisible();
  }
  // The desktop's note is the newer one (written after the phone's).
  for (const d of [phone, desktop]) {
    await openSettings(d.page);
    await d.context.setOffline(false);
    await waitSynced(d.page);
  }
  expect(await syncNow(phone.page)).toBe('synced');
  await waitSynced(phone.page);

  for (const d of [phone, desktop]) {
    await d.app.goto(`/diary?date=${today}`);
    await expect(d.page.getByLabel('Note', { exact: true })).toHaveValue('Desktop: slept well after all');
  }
  const doc = (await db.allDocs()).find((x) => x._id === `mgt/v1/diary/${today}`);
  expect(doc, 'the diary document on the server').toBeTruthy();
  expect(doc!._conflicts ?? []).toEqual([]);
  expect(JSON.stringify(doc)).toContain('Desktop: slept well after all');
  expect(await db.conflicts()).toEqual([]);
});

test('the server stopping mid-sync leaves the app working; after its restart one sync completes without duplicates', async ({
  db,
  device,
  couch,
}) => {
  const phone = await device('phone');
  // 150 days (300 records): more than one push batch of 250.
  const seeded = seedRecords(150);
  await phone.app.goto('/settings');
  await phone.page.evaluate((recs) => Object.entries(recs).forEach(([k, v]) => localStorage.setItem(k, v)), seeded);
  await phone.page.reload();
  await phone.app.ready();

  // The second `_bulk_docs` is held until the server is gone, then sent.
  let pushes = 0;
  let heldWhenStopped = -1;
  let stopped: () => void;
  const serverStopped = new Promise<void>((r) => (stopped = r));
  await phone.context.route(/\/_bulk_docs$/, async (route) => {
    if (route.request().method() !== 'POST' || ++pushes !== 2) return route.continue();
    heldWhenStopped = (await db.records()).length;
    await couch.stop();
    stopped();
    await route.continue().catch(() => {});
  });
  await fillSyncForm(phone.page, { db, passphrase: PASSPHRASE });
  await serverStopped;
  // Stopped mid-sync: the server held some records, not all.
  expect(heldWhenStopped).toBeLessThan(300);
  const status = syncStatus(phone.page);
  await expect(status).toHaveAttribute('data-phase', 'failed');
  await expect(status).toContainText('Server unreachable — changes are kept here');
  await phone.context.unroute(/\/_bulk_docs$/);

  // Still usable: a change is stored and shown while the server is down.
  await phone.app.nav('Today').click();
  await addTopical(phone.page, 'Logged while the server was down');
  await openSettings(phone.page);
  await expect(status).toContainText('Server unreachable');
  expect(Number(await status.getAttribute('data-waiting'))).toBeGreaterThan(0);

  await couch.restart();
  expect(await syncNow(phone.page)).toBe('synced');
  await waitSynced(phone.page);

  // Exactly one document per record, none in conflict.
  const local = await localRecords(phone.page);
  const records = await db.records();
  expect(records.filter((d) => !d._deleted)).toHaveLength(Object.keys(local).length);
  expect(Object.keys(local).length).toBeGreaterThanOrEqual(301);
  expect(await db.conflicts()).toEqual([]);
});

test('with encryption the server sees no note, food or rating; a wrong passphrase changes nothing anywhere', async ({ db, device }) => {
  const phone = await device('phone');
  // A food found on Today, a rating, a note and a tag, three days ago.
  await phone.app.goto('/today');
  const today = await dayBefore(phone.page, 3);
  await phone.app.goto(`/today?date=${today}`);
  await phone.page.locator('#today-food-search').fill('almonds');
  await phone.page.getByTestId('today-food-results').getByRole('button', { name: /^Nuts, almonds —/ }).click();
  await phone.page.getByTestId('add-food').getByRole('button', { name: 'Add', exact: true }).click();
  await expect(phone.page.getByTestId('entry')).toContainText('Nuts, almonds');
  await phone.app.goto(`/diary?date=${today}`);
  const entry = phone.page.getByTestId('diary-entry');
  await entry.getByLabel('Muscle or leg cramps', { exact: true }).selectOption('7');
  await phone.page.getByLabel('Note', { exact: true }).fill('Quokka marmalade dreams');
  await phone.page.getByLabel('Tags', { exact: true }).fill('zeppelin');
  await phone.page.getByLabel('Tags', { exact: true }).press('Tab');
  await expect(entry.getByTestId('saved')).toBeVisible();

  await turnOnSync(phone.page, { db, passphrase: PASSPHRASE });
  const raw = await db.rawAllDocs();
  for (const secret of ['almonds', 'Almonds', 'Quokka', 'marmalade', 'zeppelin', 'cramps', '12061', 'ratings', 'mgt/v1', today]) {
    expect(raw, `"${secret}" in the server's documents`).not.toContain(secret);
  }
  const docs = await db.allDocs();
  const key = docs.find((d) => d._id === 'mgt-keys');
  expect(key).toMatchObject({ encrypted: true, salt: expect.any(String), iterations: expect.any(Number), check: expect.anything() });
  const records = docs.filter((d) => d._id !== 'mgt-keys');
  expect(records.length).toBeGreaterThanOrEqual(2);
  for (const d of records) {
    expect(d._id).toMatch(/^r[0-9a-f]{32}$/);
    expect(d).toMatchObject({ mgt: 1, iv: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/), ct: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) });
  }

  // Another device with a day of its own and the wrong passphrase.
  const other = await device('desktop');
  await other.app.goto('/today');
  await addTopical(other.page, 'Desktop only');
  const localBefore = await localRecords(other.page);
  const infoBefore = await db.info();
  await fillSyncForm(other.page, { db, passphrase: 'plum kettle harbour 43' });
  await expect(syncStatus(other.page)).toHaveText(/^Wrong passphrase — nothing was changed/);
  await expect(syncSection(other.page).getByRole('button', { name: 'Turn on sync' })).toBeVisible();
  await expect(syncSection(other.page).getByTestId('sync-target')).toHaveCount(0);
  expect(await localRecords(other.page)).toEqual(localBefore);
  expect(await other.page.evaluate(() => localStorage.getItem('mgt/v1/sync/setup'))).toBeNull();
  expect(await db.rawAllDocs()).toBe(raw);
  expect((await db.info()).update_seq).toEqual(infoBefore.update_seq);
});

test('a new device restores three years of records from the server', async ({ db, device }) => {
  test.setTimeout(240_000);
  const phone = await device('phone');
  const seeded = seedRecords(HISTORY_DAYS);
  expect(Object.keys(seeded)).toHaveLength(2 * HISTORY_DAYS);
  await phone.app.goto('/settings');
  await phone.page.evaluate((recs) => Object.entries(recs).forEach(([k, v]) => localStorage.setItem(k, v)), seeded);
  await phone.page.reload();
  await phone.app.ready();
  await turnOnSync(phone.page, { db, passphrase: PASSPHRASE }, 100_000);

  const fresh = await device('desktop');
  await fresh.app.goto('/settings');
  await turnOnSync(fresh.page, { db, passphrase: PASSPHRASE }, 100_000);
  const restored = await localRecords(fresh.page);
  const perDay = Object.keys(restored).filter((k) => k.startsWith('mgt/v1/day/') || k.startsWith('mgt/v1/diary/'));
  expect(perDay).toHaveLength(2 * HISTORY_DAYS);
  const sample = Object.keys(seeded).filter((k) => k.startsWith('mgt/v1/diary/'))[400];
  expect(JSON.parse(restored[sample])).toEqual(JSON.parse(seeded[sample]));
  await fresh.app.goto(`/diary?date=${sample.slice('mgt/v1/diary/'.length)}`);
  await expect(fresh.page.getByLabel('Note', { exact: true })).toHaveValue(JSON.parse(seeded[sample]).data.note);
});

test('with sync off nothing leaves the app origin; with it on only the sync server is added; turned off it stops', async ({
  db,
  device,
  server,
  couch,
}) => {
  const phone = await device('phone');
  await phone.app.goto('/today');
  await addTopical(phone.page, 'Before sync');
  await openSettings(phone.page);
  await expect(syncStatus(phone.page)).toHaveAttribute('data-phase', 'off');
  // An address the app may not use in the clear is refused at its field, before any request.
  const sync = syncSection(phone.page);
  await sync.getByLabel('Server address').fill('http://couch.example.org');
  await sync.getByRole('button', { name: 'Turn on sync' }).click();
  await expect(sync.locator('.field').filter({ has: phone.page.getByLabel('Server address') }).getByRole('alert')).toContainText('https://');
  expect(foreignRequests(server.url, phone.requests), 'requests off the app origin with sync off').toEqual([]);

  await turnOnSync(phone.page, { db, passphrase: null });
  const origins = new Set(phone.requests.filter((u) => /^https?:/.test(u)).map((u) => new URL(u).origin));
  expect([...origins].sort()).toEqual([server.url, couch.url].sort());

  // Turned off: a change, a reload and the browser's `online` event (which
  // starts a sync while sync is on) send nothing.
  await syncSection(phone.page).getByRole('button', { name: 'Turn off sync' }).click();
  await expect(syncStatus(phone.page)).toHaveAttribute('data-phase', 'off');
  const sent = phone.requests.length;
  await phone.app.nav('Today').click();
  await addTopical(phone.page, 'After sync');
  await phone.page.reload();
  await phone.app.ready();
  await openSettings(phone.page);
  await expect(syncSection(phone.page).getByRole('button', { name: 'Turn on sync' })).toBeVisible();
  await phone.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(syncStatus(phone.page)).toHaveAttribute('data-phase', 'off');
  await expect(syncStatus(phone.page)).toHaveAttribute('data-waiting', '0');
  expect(foreignRequests(server.url, phone.requests.slice(sent)), 'requests after sync was turned off').toEqual([]);
});
