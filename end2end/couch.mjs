// A CouchDB for the sync tests and the sync bench: pouchdb-server
// (end2end/package.json) on a free 127.0.0.1 port, in its own temp dir, with
// real authentication (one admin, every database readable by that admin
// only), read over its HTTP API. tests/couch.ts adds the helpers that drive
// the app's Settings → Sync form.
//
// pouchdb-server 4.2.0 notes, measured: it writes config.json and log.txt
// into its working directory (so it runs in a temp dir); CORS is open (it
// echoes the Origin and allows the authorization header); it crashes when a
// client without credentials creates a database once an admin exists, so
// every test's database is created by the admin first; `--dir` keeps the
// databases on disk (leveldown), so a restart keeps them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './bench/chromium.mjs';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules', '.bin', 'pouchdb-server');

export const ADMIN = { user: 'admin', password: 'secret' };
const AUTH = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;


const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @typedef {{ _id: string, _rev: string, _conflicts?: string[], _deleted?: boolean, [k: string]: unknown }} CouchDoc */

export class Couch {
  /** Use Couch.start(). */
  constructor(port, dir, inMemory) {
    this.port = port;
    this.dir = dir;
    this.inMemory = inMemory;
    this.proc = null;
    this.exited = Promise.resolve();
    this.dbCount = 0;
  }

  /** The server's origin, which is also the address typed into the app. */
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts a server with an admin; `inMemory` loses the data on restart. */
  static async start({ inMemory = false } = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgt-couch-'));
    fs.mkdirSync(path.join(dir, 'data'));
    const couch = new Couch(await freePort(), dir, inMemory);
    await couch.launch();
    // The admin makes authentication real: wrong passwords get 401 from now on.
    const res = await fetch(`${couch.url}/_config/admins/${ADMIN.user}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
    if (!res.ok) throw new Error(`pouchdb-server: setting the admin failed: ${res.status} ${await res.text()}`);
    return couch;
  }

  async launch() {
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
  log() {
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
      process.kill(-proc.pid, 'SIGKILL');
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
  async admin(method, p, body) {
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
  async createDb(prefix = 'mgt') {
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
  constructor(couch, name) {
    this.couch = couch;
    this.name = name;
  }

  /** What the app's form takes: the server address and the database. */
  get server() {
    return this.couch.url;
  }

  /** The database's address, as the app names it in "Syncing with …". */
  get url() {
    return `${this.couch.url}/${this.name}`;
  }

  /** Every document with its body and its open conflicts. */
  /** @returns {Promise<CouchDoc[]>} */
  async allDocs() {
    const r = await this.couch.admin('GET', `/${this.name}/_all_docs?include_docs=true&conflicts=true`);
    return r.rows.map((row) => row.doc);
  }

  /** The raw JSON the server sends for all documents, for searching plaintext. */
  async rawAllDocs() {
    const res = await fetch(`${this.couch.url}/${this.name}/_all_docs?include_docs=true&conflicts=true`, {
      headers: { authorization: AUTH },
    });
    return res.text();
  }

  /** The record documents: not the key document, not design documents. */
  async records() {
    return (await this.allDocs()).filter((d) => d._id !== 'mgt-keys' && !d._id.startsWith('_'));
  }

  /** How many documents have open conflicts, and which. */
  async conflicts() {
    return (await this.allDocs()).filter((d) => (d._conflicts?.length ?? 0) > 0).map((d) => d._id);
  }

  /** The database info (doc_count, update_seq). */
  async info() {
    return this.couch.admin('GET', `/${this.name}`);
  }
}

