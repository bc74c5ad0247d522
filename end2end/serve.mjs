// A small static server for the built app, bound to 127.0.0.1 only. It
// behaves like a plain static host: files from `dist/`, gzip on the wire when
// asked (the build's precompressed `.gz` copy where there is one, or, with
// `brotli: true`, its `.br` copy),
// and index.html for in-app routes (the single-page fallback that README's
// deploy notes ask of any host).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};
/** The extensions sent compressed when the browser asks (the bench's sizes use it too). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.webmanifest', '.json', '.svg', '.bin', '.txt']);

/**
 * Reads a file with its ETag and, on first use, its gzip body: the release
 * build's zopfli copy `<file>.gz`, as nginx's `gzip_static on` sends it, or
 * else (debug builds have no copies) the file compressed at level 9. Static
 * hosts compress a file once (or ship it precompressed), not on every
 * request; compressing the 2 MB wasm at level 9 per request would cost this
 * machine's two cores over 100 ms that the browser under test needs.
 */
const files = new Map();

/** The gzip body a request for `file` gets, as `load` chooses it; the bench's sizes count it. */
export const gzipBody = (file) => load(file).gzipped();

function load(file) {
  const stat = fs.statSync(file);
  const key = `${file}:${stat.mtimeMs}:${stat.size}`;
  let entry = files.get(key);
  if (!entry) {
    const body = fs.readFileSync(file);
    let gz = null;
    entry = {
      body,
      etag: `"${crypto.createHash('sha1').update(body).digest('hex')}"`,
      gzipped: () =>
        (gz ??= fs.existsSync(`${file}.gz`) ? fs.readFileSync(`${file}.gz`) : zlib.gzipSync(body, { level: 9 })),
    };
    files.set(key, entry);
  }
  return entry;
}

/**
 * Starts a server on `port` (0 picks a free one); resolves to
 * { url, close, requests, responses }: the paths asked for, and for each a
 * `{ path, status, bytes }` with the body bytes sent (compressed when sent
 * compressed).
 *
 * With `brotli: true`, a browser that accepts `br` gets the `.br` file the
 * release build wrote beside the file it asked for, as hosts with
 * precompressed files enabled do. It is off by default so that the tests and
 * the bench keep measuring what a gzip-only host sends.
 */
export function startServer({ root, port = 0, gzip = true, brotli = false }) {
  const rootDir = path.resolve(root);
  const requests = [];
  const responses = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    let file = path.join(rootDir, decodeURIComponent(url.pathname));
    if (!file.startsWith(rootDir)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      // In-app routes have no extension; anything else is a real 404.
      if (path.extname(url.pathname) === '') file = path.join(rootDir, 'index.html');
      else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
    }
    const ext = path.extname(file);
    const { body: raw, etag: rawEtag, gzipped } = load(file);
    let body = raw;
    let etag = rawEtag;
    const accepts = req.headers['accept-encoding'] || '';
    // Only a copy that exists is sent: debug builds have none, and a request
    // for the `.br` file itself has an extension that is not compressible.
    const precompressed =
      brotli && COMPRESSIBLE.has(ext) && /\bbr\b/.test(accepts) && fs.existsSync(`${file}.br`);
    // A cache that stored one encoding must not revalidate it as the other.
    if (precompressed) etag = `${rawEtag.slice(0, -1)}-br"`;
    // Like a good static host: files named by their content hash are
    // immutable; everything else is revalidated by ETag.
    const immutable = /-[0-9a-f]{12,16}(_bg)?\.[a-z]+$/.test(file);
    const headers = {
      'content-type': TYPES[ext] || 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
    };
    if (req.headers['if-none-match'] === etag) {
      responses.push({ path: url.pathname, status: 304, bytes: 0 });
      res.writeHead(304, headers).end();
      return;
    }
    if (precompressed) {
      body = load(`${file}.br`).body;
      headers['content-encoding'] = 'br';
      headers['vary'] = 'accept-encoding';
    } else if (gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(accepts)) {
      body = gzipped();
      headers['content-encoding'] = 'gzip';
      headers['vary'] = 'accept-encoding';
    }
    headers['content-length'] = body.length;
    responses.push({ path: url.pathname, status: 200, bytes: req.method === 'HEAD' ? 0 : body.length });
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}`,
        requests,
        responses,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

// `node serve.mjs [dir] [port]` serves a build by hand.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] || path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const port = Number(process.argv[3] || 4173);
  startServer({ root, port }).then(({ url }) => console.log(`serving ${root} at ${url}`));
}
