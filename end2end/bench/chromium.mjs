// Debian's Chromium for the benchmark, with the same flags as the Playwright
// tests. playwright.config.ts is TypeScript, which Node 20 cannot import, so
// its `chromiumArgs` and default executable are read from the file's text:
// the list then lives in one place only.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const CONFIG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'playwright.config.ts');

// Every host name but 127.0.0.1 fails to resolve, so nothing the browser
// does (a Lighthouse audit, a component update) can reach the network.
export const OFFLINE_RESOLVER = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

/** `{ executablePath, args }` as playwright.config.ts defines them, plus the resolver lock. */
export function chromiumFromConfig() {
  const text = fs.readFileSync(CONFIG, 'utf8');
  const list = text.match(/export const chromiumArgs\s*=\s*\[([\s\S]*?)\]/);
  if (!list) throw new Error(`no "export const chromiumArgs = [...]" in ${CONFIG}`);
  const args = [...list[1].matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]);
  const exe = text.match(/executablePath\s*=\s*process\.env\.CHROME_BIN\s*\|\|\s*['"]([^'"]+)['"]/);
  const executablePath = process.env.CHROME_BIN || (exe ? exe[1] : '/usr/bin/chromium');
  return { executablePath, args: [...args, OFFLINE_RESOLVER] };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Browsers this module started and that still run. If the benchmark leaves
// early (its hard time limit calls process.exit), they are ended with it.
const LIVE = new Set();
process.once('exit', () => {
  for (const child of LIVE) child.kill('SIGKILL');
});

/**
 * Starts headless Chromium with a DevTools port for Lighthouse. Resolves to
 * `{ port, version, close }`; `close` ends exactly the process it started
 * and removes its profile directory.
 */
export async function launchDebuggable({ executablePath, args }, timeoutMs = 20_000) {
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mgt-bench-chromium-'));
  const child = spawn(
    executablePath,
    [...args, '--headless=new', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  LIVE.add(child);
  child.once('exit', () => LIVE.delete(child));
  let stderr = '';
  child.stderr.on('data', (d) => {
    if (stderr.length < 4000) stderr += d;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const close = async () => {
    if (child.exitCode == null && child.signalCode == null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(profile, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode != null) break;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (res.ok) {
        const info = await res.json();
        return { port, version: info.Browser, close };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await close();
  throw new Error(`Chromium did not open its DevTools port ${port}: ${stderr.trim().slice(0, 500)}`);
}

/**
 * Runs one measurement on its own, as `node bench/<name>.mjs` does: a
 * headless Chromium, the 1x and 4x profiles, MGT_DIST and MGT_BENCH_RUNS as
 * in bench.mjs, progress on stderr and the result as JSON on stdout.
 * `measure(browser, { dist, runs, profiles, log })` is what bench.mjs calls.
 */
export async function runAlone(tag, measure) {
  const spec = chromiumFromConfig();
  const browser = await chromium.launch({ executablePath: spec.executablePath, args: spec.args, headless: true });
  try {
    const dist = path.resolve(process.env.MGT_DIST || path.join(path.dirname(CONFIG), '..', 'dist'));
    const runs = Math.max(1, Number(process.env.MGT_BENCH_RUNS || 3));
    const result = await measure(browser, {
      dist,
      runs,
      profiles: [
        { key: '1x', name: 'no slowdown', rate: 1 },
        { key: '4x', name: '4x CPU slowdown', rate: 4 },
      ],
      log: (m) => process.stderr.write(`[${tag}] ${m}\n`),
    });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
  }
}
