// Transfer sizes computed from the build's files, as serve.mjs sends them:
// gzip (the `.gz` copy the release build wrote with zopfli, where there is
// one, else level 9) and brotli at quality 11 (what a host that supports it
// would send: the `.br` copy, where there is one).
// The app's code is the HTML, the scripts, the wasm module and the CSS; the
// food data, the service worker and the rest are counted apart.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { COMPRESSIBLE, gzipBody } from '../serve.mjs';

function listFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      // The `.br` and `.gz` copies are other encodings of a file already
      // listed, and counting them would count that file twice.
      else if (!/\.(br|gz)$/.test(entry.name)) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

/** What kind of asset a build file is, for the size table. */
export function kindOf(rel) {
  if (/^foods-[0-9a-f]{16}\.bin$/.test(rel)) return 'food data';
  if (rel === 'sw.js') return 'service worker';
  if (rel === 'index.html') return 'app code';
  if (/\.(js|wasm|css)$/.test(rel)) return 'app code';
  return 'other';
}

/**
 * Sizes of every file in `dist`: `{ files: {rel: {kind, raw, gzip, brotli}}, totals: {kind: {...}} }`.
 * The brotli size is that of the file's `.br` copy, which is exactly what a
 * host with precompressed files sends. Builds without the copies fall back to
 * compressing here; brotli at quality 11 is slow for the wasm on a busy
 * machine, so those results are kept in `cacheFile` by content hash.
 */
export function distSizes(dist, cacheFile) {
  let cache = {};
  try {
    cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
  } catch {
    cache = {};
  }
  const used = {};
  const files = {};
  const totals = {};
  for (const full of listFiles(dist)) {
    const rel = path.relative(dist, full).split(path.sep).join('/');
    const body = fs.readFileSync(full);
    const compressible = COMPRESSIBLE.has(path.extname(rel));
    const gzip = compressible ? gzipBody(full).length : body.length;
    const hash = crypto.createHash('sha256').update(body).digest('hex');
    const copy = `${full}.br`;
    let brotli = compressible && fs.existsSync(copy) ? fs.statSync(copy).size : cache[hash];
    if (typeof brotli !== 'number') {
      brotli = compressible
        ? zlib.brotliCompressSync(body, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }).length
        : body.length;
    }
    used[hash] = brotli;
    const kind = kindOf(rel);
    files[rel] = { kind, raw: body.length, gzip, brotli };
    const t = (totals[kind] ??= { raw: 0, gzip: 0, brotli: 0 });
    t.raw += body.length;
    t.gzip += gzip;
    t.brotli += brotli;
  }
  if (cacheFile) {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    fs.writeFileSync(cacheFile, JSON.stringify(used));
  }
  return { files, totals };
}
