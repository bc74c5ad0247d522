// A CouchDB for the sync tests: pouchdb-server (end2end/package.json) on a
// free 127.0.0.1 port, in its own temp dir, with real authentication (one
// admin, every database readable by that admin only), and helpers that read
// the server over its HTTP API and drive the Settings → Sync form as a
// person would.
//
// pouchdb-server 4.2.0 notes, measured: it writes config.json and log.txt
// into its working directory (so it runs in a temp dir); CORS is open (it
// echoes the Origin and allows the authorization header); it crashes when a
// client without credentials creates a database once an admin exists, so
// every test's database is created by the admin first; `--dir` keeps the
// databases on disk (leveldown), so a restart keeps them.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'pouchdb-server');

export const ADMIN = { user: 'admin', password: 'secret' };
const AUTH = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;

/** A free port on 127.0.0.1, as the OS hands one out. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type CouchDoc = { _id: string; _rev: string; _conflicts?: string[]; _deleted?: boolean; [k: string]: unknown };

export class Couch {
  private proc: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private dbCount = 0;

  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly inMemory: boolean,
  ) {}

  /** The server's origin, which is also the address typed into the app. */
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts a server with an admin; `inMemory` loses the data on restart. */
  static async start({ inMemory = false }: { inMemory?: boolean } = {}): Promise<Couch> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgt-couch-'));
    fs.mkdirSync(path.join(dir, 'data'));
    const couch = new Couch(await freePort(), dir, inMemory);
    await couch.launch();
    // The admin makes authentication real: wrong passwords get 401 from now on.
    const res = await fetch(`${couch.url}/_config/admins/${ADMIN.user}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
    if (!res.ok) throw new Error(`pouchdb-server: setting the admin failed: ${res.status} ${await res.text()}`);
    return couch;
  }

  private async launch() {
    const args = ['--host', '127.0.0.1', '--port', String(this.port), '--no-stdout-logs'];
    args.push(...(this.inMemory ? ['--in-memory'] : ['--dir', path.join(this.dir, 'data')]));
    const out = fs.openSync(path.join(this.dir, 'stdio.txt'), 'a');
    // Its own process group, so stop() ends the node process and anything it started.
    const proc = spawn(BIN, args, { cwd: this.dir, detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    this.proc = proc;
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    let gone = false;
    proc.once('exit', () => (gone = true));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (gone) throw new Error(`pouchdb-server exited at start: ${this.log()}`);
      try {
        const res = await fetch(`${this.url}/`);
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`pouchdb-server did not answer on ${this.url} within 30 s: ${this.log()}`);
      await sleep(50);
    }
  }

  /** The end of the server's own output, for error messages. */
  log(): string {
    try {
      return fs.readFileSync(path.join(this.dir, 'stdio.txt'), 'utf8').slice(-2000);
    } catch {
      return '';
    }
  }

  get running() {
    return this.proc !== null;
  }

  /** Kills the server's process group and waits until it has exited. */
  async stop() {
    const proc = this.proc;
    if (!proc) return;
    this.proc = null;
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await this.exited;
  }

  /** Starts it again on the same port (the address the app has). */
  async restart() {
    await this.stop();
    await this.launch();
    if (this.inMemory) {
      const res = await fetch(`${this.url}/_config/admins/${ADMIN.user}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
      if (!res.ok) throw new Error(`pouchdb-server: setting the admin failed: ${res.status}`);
    }
  }

  /** Stops the server and removes its directory. */
  async close() {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** An admin request; throws on an HTTP error unless `ok` allows it. */
  async admin(method: string, p: string, body?: unknown): Promise<any> {
    const res = await fetch(`${this.url}${p}`, {
      method,
      headers: { authorization: AUTH, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
    return JSON.parse(text);
  }

  /**
   * A new database that only the admin may read or write. The name is
   * unique on this server, so each test starts empty.
   */
  async createDb(prefix = 'mgt'): Promise<Db> {
    const name = `${prefix}-${process.pid}-${++this.dbCount}-${Date.now().toString(36)}`;
    await this.admin('PUT', `/${name}`);
    await this.admin('PUT', `/${name}/_security`, {
      admins: { names: [], roles: [] },
      members: { names: [ADMIN.user], roles: [] },
    });
    const anonymous = await fetch(`${this.url}/${name}/_all_docs`);
    if (anonymous.status !== 401 && anonymous.status !== 403) {
      throw new Error(`pouchdb-server let an unauthenticated client read ${name} (${anonymous.status})`);
    }
    return new Db(this, name);
  }
}

export class Db {
  constructor(
    readonly couch: Couch,
    readonly name: string,
  ) {}

  /** What the app's form takes: the server address and the database. */
  get server() {
    return this.couch.url;
  }

  /** The database's address, as the app names it in "Syncing with …". */
  get url() {
    return `${this.couch.url}/${this.name}`;
  }

  /** Every document with its body and its open conflicts. */
  async allDocs(): Promise<CouchDoc[]> {
    const r = await this.couch.admin('GET', `/${this.name}/_all_docs?include_docs=true&conflicts=true`);
    return r.rows.map((row: { doc: CouchDoc }) => row.doc);
  }

  /** The raw JSON the server sends for all documents, for searching plaintext. */
  async rawAllDocs(): Promise<string> {
    const res = await fetch(`${this.couch.url}/${this.name}/_all_docs?include_docs=true&conflicts=true`, {
      headers: { authorization: AUTH },
    });
    return res.text();
  }

  /** The record documents: not the key document, not design documents. */
  async records(): Promise<CouchDoc[]> {
    return (await this.allDocs()).filter((d) => d._id !== 'mgt-keys' && !d._id.startsWith('_'));
  }

  /** How many documents have open conflicts, and which. */
  async conflicts(): Promise<string[]> {
    return (await this.allDocs()).filter((d) => (d._conflicts?.length ?? 0) > 0).map((d) => d._id);
  }

  /** The database info (doc_count, update_seq). */
  async info(): Promise<{ doc_count: number; update_seq: unknown }> {
    return this.couch.admin('GET', `/${this.name}`);
  }
}

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
 * pass through "syncing" after the press (a MutationObserver sees it however
 * short it is) and then settle. Returns the phase it settled in.
 */
export async function syncNow(page: Page, timeout = 15_000): Promise<string> {
  await openSettings(page);
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="sync-status"]')!;
    const w = window as unknown as { __syncPhases: string[]; __syncObserver?: MutationObserver };
    w.__syncObserver?.disconnect();
    w.__syncPhases = [];
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
