// Magnesium Tracker service worker.
//
// This file is a template: after every Trunk build, `cargo xtask sw` writes
// the staged copy with VERSION and PRECACHE filled in from the hashed build
// output, so the list is never maintained by hand.
'use strict';

const VERSION = '%%VERSION%%';
// Each entry is [url, content hash]; the hash changes VERSION when any file does.
const PRECACHE = /*%%PRECACHE%%*/ [];
const CACHE_PREFIX = 'mgt-precache-';
const CACHE = CACHE_PREFIX + VERSION;
const PRECACHED = new Set(PRECACHE.map(([url]) => url));

self.addEventListener('install', (event) => {
  // The whole build must be cached before this version may take over, so a
  // half-cached app can never be served offline. The new worker then waits
  // until the page asks it to take over (see the message handler).
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    PRECACHE.map(async ([url]) => {
      // A file whose name carries its content hash can never be stale, so
      // the copy the page has just downloaded is reused from the HTTP cache.
      // Any other file is revalidated with the server ('no-cache': a cheap
      // 304 when unchanged), so a stale copy is never stored under a new
      // version.
      const hashed = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(url);
      const response = await fetch(new Request(url, { cache: hashed ? 'default' : 'no-cache' }));
      if (!response.ok) {
        throw new Error(`precache of ${url} failed: HTTP ${response.status}`);
      }
      await cache.put(url, response);
    }),
  );
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') {
    self.skipWaiting();
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Never touch other origins (the app makes no such requests anyway).
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate' && !PRECACHED.has(url.pathname)) {
    // Every in-app route is the same single page, so deep links open offline.
    event.respondWith(fromCache('/index.html', request));
    return;
  }
  if (PRECACHED.has(url.pathname)) {
    event.respondWith(fromCache(url.pathname, request));
  }
});

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit || fetch(request);
}
