// Size budgets are deterministic, so unlike timing budgets they are tests.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test, expect, DIST } from './fixtures';

const KB = 1024;
// What a gzip host sends: the release build's `.gz` copy (the last test
// checks that it is the file's own bytes).
const gz = (file: string) => fs.statSync(`${file}.gz`).size;

// Everything the first visit downloads and the service worker precaches,
// apart from the food data and the icons: the HTML, the style sheet, the
// scripts (the service worker included) and the one wasm module. Sync (the
// replication client, WebCrypto, its settings), the routines (regimen,
// calendar file, meals, recipes) and the shop (list, Fill my week,
// comparison, prices, label entry) are all in it; this spec prints the
// current size. The first-visit issue's target of 650 KB is not met yet,
// and this limit is what it has to come down from: the measured 650.4 KB,
// with room for under 4 KB. (The food table's crate is optimised for speed,
// 9 KB that answer a first query about 30 ms sooner, see Cargo.toml; typed
// decimals are read by serde_json's parser, 14 KB less, see
// `amounts::plain_decimal`; the app's own router is 42 KB less than
// leptos_router, see `src/router.rs`; Settings without LocalResource 10 KB
// less; ordered maps and sets as sorted vectors 35 KB less, see
// `domain::sorted`; the inlining limits 11 KB less, see .cargo/config.toml
// and index.html.)
const APP_LIMIT_KB = 654;

test(`the app's code (HTML, JS, WASM, CSS) stays under ${APP_LIMIT_KB} KB gzip`, () => {
  const files = fs.readdirSync(DIST).filter((f) => /\.(html|js|wasm|css)$/.test(f));
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  // The start script names the module it compiles (Trunk.toml).
  const main = /const wasmUrl = '\/([^']+\.wasm)';/.exec(html)?.[1];
  expect(main, 'index.html starts a wasm module').toBeTruthy();
  // One module: the build does not split the app, so nothing else loads later.
  expect(files.filter((f) => f.endsWith('.wasm'))).toEqual([main]);
  const size = files.reduce((sum, f) => sum + gz(path.join(DIST, f)), 0);
  console.log(`app: ${(size / KB).toFixed(1)} KB gzip (${files.join(', ')})`);
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

test('every shell file and the food data has .br and .gz copies that decompress to the same bytes', () => {
  // The release build writes these for hosts that serve precompressed files
  // (see `xtask sw`); a copy that is missing or stale would have such a host
  // send a bigger file, or the wrong bytes.
  const files = fs.readdirSync(DIST).filter((f) => /\.(html|js|wasm|css|bin)$/.test(f));
  expect(files).toContain('index.html');
  const decoders = { br: zlib.brotliDecompressSync, gz: zlib.gunzipSync };
  for (const f of files) {
    const original = fs.readFileSync(path.join(DIST, f));
    for (const [suffix, decode] of Object.entries(decoders)) {
      const copy = path.join(DIST, `${f}.${suffix}`);
      expect(fs.existsSync(copy), `${f}.${suffix} exists`).toBe(true);
      expect(decode(fs.readFileSync(copy)).equals(original), `${f}.${suffix} decompresses to ${f}`).toBe(true);
    }
  }
});
