// Edu Atlas service worker: pages and data a reader has seen open again without a network.
// Our own few lines, no library. docs/publishing.md ("Offline") describes what it does.
//
// - The app's hashed files (edu-atlas-<hash>…): cache first; a build never changes a hashed file.
// - Everything else of ours (index.html for every route, the chart bundle, the data): the
//   network first, always, so a reader online sees what is published now. Only when the network
//   fails is the copy from the last visit given, marked with the header `x-atlas-offline: <when
//   it was fetched>` so the app says it shows the last data it had, never as current.
// - A file never fetched before, offline: a 503 marked `x-atlas-offline: missing`, which the
//   app shows as "offline, not downloaded before", naming the file.
// Data files are checked by the app against the signed manifest's hashes as always: a damaged
// cached copy is refused like a damaged download, and the next answer from the network replaces it.

const CACHE = 'atlas-v1';
const HASHED = /^\/edu-atlas-[0-9a-f]{16}[._]/;
// A page whose network answer takes longer than this (a stalled connection) opens from the copy.
const PAGE_WITHIN_MS = 8000;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// A reader's first visit came before this worker: the page hands over the addresses of what it
// loaded (the page itself as `page`), and they are kept as if they had come through here.
self.addEventListener('message', (event) => {
  const { page, keep } = event.data || {};
  if (Array.isArray(keep)) event.waitUntil(keepAll(page, keep));
});

async function keepAll(page, urls) {
  const cache = await caches.open(CACHE);
  const wanted = urls.map((href) => [href, keyOf(new URL(href, self.location.href))]);
  if (page) wanted.push([page, '/index.html']);
  for (const [href, key] of wanted) {
    if (!key || (await cache.match(key))) continue;
    try {
      // The browser's HTTP cache has most of them: the reader just downloaded them.
      const response = await fetch(href, { cache: 'force-cache' });
      if (response.ok && response.status === 200) await cache.put(key, stamped(response, await response.arrayBuffer()));
    } catch (_) {
      /* offline already: nothing to keep */
    }
  }
}

// Where a same-origin address is kept: hashed files by their address, the rest by path and query.
function keyOf(url) {
  if (url.origin !== self.location.origin) return null;
  return HASHED.test(url.pathname) ? url.href : url.pathname + url.search;
}

function stamped(response, body) {
  const headers = new Headers(response.headers);
  // The body kept is the decoded one: its encoding and length no longer apply.
  headers.delete('content-encoding');
  headers.delete('content-length');
  headers.set('x-atlas-fetched', new Date().toISOString());
  return new Response(body, { status: 200, statusText: 'OK', headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, '/index.html', PAGE_WITHIN_MS));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, keyOf(url), 0));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request.url);
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200) await cache.put(request.url, response.clone());
    return response;
  } catch (error) {
    return missing(new URL(request.url).pathname);
  }
}

// The answer offline for a file never kept: the app names it as not downloaded before.
function missing(key) {
  return new Response(`offline: ${key} was not downloaded before`, {
    status: 503,
    statusText: 'Offline',
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-atlas-offline': 'missing' },
  });
}

// The network's answer (kept for later), or the kept copy when the network fails (or, for a
// page, takes longer than `ms`), or a marked 503 when there is none.
async function networkFirst(request, key, ms) {
  const cache = await caches.open(CACHE);
  const fromNetwork = (async () => {
    const response = await fetch(request);
    if (response.ok && response.status === 200) {
      await cache.put(key, stamped(response, await response.clone().arrayBuffer()));
    }
    return response;
  })();
  fromNetwork.catch(() => {}); // handled below; not an unhandled rejection when `late` wins
  const network = ms > 0 ? Promise.race([fromNetwork, late(ms)]) : fromNetwork;
  try {
    return await network;
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) return marked(kept, kept.headers.get('x-atlas-fetched') || 'unknown');
    if (ms > 0) {
      // A slow page with no copy: wait for the network after all.
      try {
        return await fromNetwork;
      } catch (_) {
        /* fall through */
      }
    }
    return missing(key);
  }
}

function late(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('late')), ms));
}

function marked(response, fetched) {
  const headers = new Headers(response.headers);
  headers.set('x-atlas-offline', fetched);
  return new Response(response.body, { status: 200, statusText: 'OK (offline copy)', headers });
}
