// Size budgets are deterministic, so unlike timing budgets they are tests.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test, expect, DIST } from './fixtures';

const KB = 1024;
const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

test('the shell (HTML, JS, WASM, CSS) stays under 160 KB gzip', () => {
  const shell = fs.readdirSync(DIST).filter((f) => /\.(html|js|wasm|css)$/.test(f));
  expect(shell.some((f) => f.endsWith('.wasm'))).toBe(true);
  const total = shell.reduce((sum, f) => sum + gz(path.join(DIST, f)), 0);
  console.log(`shell: ${(total / KB).toFixed(1)} KB gzip (${shell.join(', ')})`);
  expect(total).toBeLessThan(160 * KB);
});

test('the food data stays within 400 KB gzip', () => {
  const size = gz(path.join(DIST, 'foods.bin'));
  console.log(`food data: ${(size / KB).toFixed(1)} KB gzip`);
  expect(size).toBeLessThanOrEqual(400 * KB);
});
