// The sync tests' side of couch.mjs: the server (re-exported) and helpers
// that drive Settings → Sync as a person would and read what the app stored.
import { expect, type Page } from '@playwright/test';
import { ADMIN, Couch, Db } from '../couch.mjs';

export { ADMIN, Couch, Db };

/** The local records this app syncs (not the device's own sync records). */
export async function localRecords(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith('mgt/v1/') && !k.startsWith('mgt/v1/sync/')) out[k] = localStorage.getItem(k)!;
    }
    return out;
  });
}

export type SyncForm = {
  db: Db;
  user?: string;
  password?: string;
  /** The encryption passphrase; null turns encryption off. */
  passphrase?: string | null;
};

/** The Settings page's sync section. */
export const syncSection = (page: Page) => page.getByTestId('sync');
export const syncStatus = (page: Page) => page.getByTestId('sync-status');

/** Opens Settings the way a person does (the header link; no reload when the app is open). */
export async function openSettings(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Sections' });
  if (!(await nav.isVisible())) {
    await page.goto('/settings');
  } else if (!new URL(page.url()).pathname.startsWith('/settings')) {
    await page.getByRole('link', { name: 'Settings and about' }).click();
  }
  await expect(syncSection(page).getByRole('heading', { name: 'Sync between devices' })).toBeVisible();
}

/** Fills the sync form and presses "Turn on sync"; does not wait for the sync. */
export async function fillSyncForm(page: Page, { db, user = ADMIN.user, password = ADMIN.password, passphrase = 'correct horse battery staple' }: SyncForm) {
  await openSettings(page);
  const sync = syncSection(page);
  await sync.getByLabel('Server address').fill(db.server);
  await sync.getByLabel('Database').fill(db.name);
  await sync.getByLabel('User name').fill(user);
  await sync.getByLabel('Password', { exact: true }).fill(password);
  const encrypt = sync.getByRole('checkbox', { name: 'Encrypt on this device (recommended)' });
  await expect(encrypt).toBeChecked();
  if (passphrase === null) await encrypt.uncheck();
  else await sync.getByLabel('Encryption passphrase').fill(passphrase);
  await sync.getByRole('button', { name: 'Turn on sync' }).click();
}

/** Turns sync on and waits for the first sync to finish with nothing waiting. */
export async function turnOnSync(page: Page, form: SyncForm, timeout = 30_000) {
  await fillSyncForm(page, form);
  await expect(syncSection(page).getByTestId('sync-target')).toContainText(`Syncing with ${form.db.url} as ${form.user ?? ADMIN.user}`);
  await waitSynced(page, timeout);
}

/** Waits until the status line says synced with no change waiting. */
export async function waitSynced(page: Page, timeout = 15_000) {
  const status = syncStatus(page);
  await expect(status, await status.textContent().catch(() => '')).toHaveAttribute('data-phase', 'synced', { timeout });
  await expect(status).toHaveAttribute('data-waiting', '0', { timeout });
  await expect(status).toHaveText(/^Synced \d/);
}

/**
 * Presses "Sync now" and waits for that sync to end: the status line must
 * be "syncing" when pressed or pass through it after the press (a
 * MutationObserver sees it however short it is) and then settle. Returns
 * the phase it settled in.
 */
export async function syncNow(page: Page, timeout = 15_000): Promise<string> {
  await openSettings(page);
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="sync-status"]')!;
    const w = window as unknown as { __syncPhases: string[]; __syncObserver?: MutationObserver };
    w.__syncObserver?.disconnect();
    // A run already under way when the button is pressed (a retry that
    // found the server back) counts: the app answers the press with one more
    // run after it, and its "syncing" was set before this observer existed.
    w.__syncPhases = [el.getAttribute('data-phase') ?? ''];
    w.__syncObserver = new MutationObserver(() => w.__syncPhases.push(el.getAttribute('data-phase') ?? ''));
    w.__syncObserver.observe(el, { attributes: true, attributeFilter: ['data-phase'] });
  });
  await syncSection(page).getByRole('button', { name: 'Sync now' }).click();
  const handle = await page.waitForFunction(
    () => {
      const w = window as unknown as { __syncPhases: string[] };
      const phase = document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-phase');
      return w.__syncPhases.includes('syncing') && (phase === 'synced' || phase === 'failed') ? phase : null;
    },
    undefined,
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}
