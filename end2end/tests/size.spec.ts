// Size budgets are deterministic, so unlike timing budgets they are tests.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test, expect, DIST } from './fixtures';

const KB = 1024;
const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

// The shell is what the page needs before it can start: the HTML, the
// style sheet, the scripts (the service worker included) and the main wasm
// module, which the start script in index.html names. The build (`xtask
// wasm`) splits every page into the content module, which the page preloads
// but the shell does not wait for.
const SHELL_LIMIT_KB = 160;
// Everything the first visit downloads and the service worker precaches,
// shell and content together, apart from the food data and the icons.
// Sync (the replication client, WebCrypto, its settings) added about 80 KB,
// the routines (regimen, calendar file, meals, recipes, their cards on
// Today) about 75 KB, and the shop (the shopping list, Fill my week, the
// "Add to the list" buttons, the comparison page, package prices and label
// entry, the list's link and the card that opens it) more; this spec prints
// the current size. The first-visit issue's
// target of 650 KB for everything is not met yet, and this limit is what it
// has to come down from.
const APP_LIMIT_KB = 874;

function builtFiles() {
  const files = fs.readdirSync(DIST).filter((f) => /\.(html|js|wasm|css)$/.test(f));
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const main = /module_or_path: '\/([^']+\.wasm)'/.exec(html)?.[1];
  expect(main, 'index.html starts a wasm module').toBeTruthy();
  const content = files.filter((f) => f.endsWith('.wasm') && f !== main);
  return { files, main: main!, content };
}

const total = (files: string[]) => files.reduce((sum, f) => sum + gz(path.join(DIST, f)), 0);

test(`the shell (HTML, JS, WASM, CSS) stays under ${SHELL_LIMIT_KB} KB gzip`, () => {
  const { files, main, content } = builtFiles();
  expect(files).toContain(main);
  const shell = files.filter((f) => !content.includes(f));
  const size = total(shell);
  console.log(`shell: ${(size / KB).toFixed(1)} KB gzip (${shell.join(', ')})`);
  expect(size).toBeLessThan(SHELL_LIMIT_KB * KB);
});

test(`the shell and the content module together stay under ${APP_LIMIT_KB} KB gzip`, () => {
  const { files, content } = builtFiles();
  // The pages live in a module of their own; without one the shell test
  // above would be measuring a different thing.
  expect(content).toHaveLength(1);
  const size = total(files);
  console.log(`app: ${(size / KB).toFixed(1)} KB gzip, of which content ${(total(content) / KB).toFixed(1)} KB`);
  expect(size).toBeLessThan(APP_LIMIT_KB * KB);
});

test('the food data stays within 400 KB gzip', () => {
  // The build names the food data by its content hash (see `xtask sw`).
  const data = fs.readdirSync(DIST).filter((f) => /^foods-[0-9a-f]{16}\.bin$/.test(f));
  expect(data).toHaveLength(1);
  const size = gz(path.join(DIST, data[0]));
  console.log(`food data: ${(size / KB).toFixed(1)} KB gzip`);
  expect(size).toBeLessThanOrEqual(400 * KB);
});

test('every shell file and the food data has a .br copy that decompresses to the same bytes', () => {
  // The release build writes these for hosts that serve precompressed files
  // (see `xtask sw`); a copy that is missing or stale would have such a host
  // send nothing better than gzip, or the wrong bytes.
  const files = fs.readdirSync(DIST).filter((f) => /\.(html|js|wasm|css|bin)$/.test(f));
  expect(files).toContain('index.html');
  for (const f of files) {
    const copy = path.join(DIST, `${f}.br`);
    expect(fs.existsSync(copy), `${f}.br exists`).toBe(true);
    const same = zlib.brotliDecompressSync(fs.readFileSync(copy)).equals(fs.readFileSync(path.join(DIST, f)));
    expect(same, `${f}.br decompresses to ${f}`).toBe(true);
  }
});
