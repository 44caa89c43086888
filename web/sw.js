// The course's service worker: the first visit stores the whole course (the page, its
// WebAssembly and every chunk, the lessons in both languages, the exercises, the icons), so the
// next visit works with no network. scripts/offline.sh writes the list and the version, a hash
// of those files, at every build: a new build is a new cache, installed beside the old one and
// used once the learner agrees to reload (web/offline.js shows the note).
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = `course-${VERSION}`;

self.addEventListener("install", (event) => {
  // Past the HTTP cache: a new version must not store an older build's files.
  const fresh = FILES.map((file) => new Request(file, { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(fresh)));
});

self.addEventListener("activate", (event) => {
  const stale = (key) => key.startsWith("course-") && key !== CACHE;
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter(stale).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// The page asks for the new version when the learner presses "reload".
self.addEventListener("message", (event) => {
  if (event.data === "update") self.skipWaiting();
});

// A stored file is served from the cache: the page, its code and its lessons always come from
// the same build; a page's address (`learn/gil/`) is its folder's index.html. Anything else
// (the demo deck) goes to the network; a page address the cache does not know, offline, gets
// the course's not-found page.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const stored = (await cache.match(request, { ignoreSearch: true }))
      ?? (url.pathname.endsWith("/") ? await cache.match(new URL("index.html", url)) : undefined);
    if (stored) return stored;
    try {
      return await fetch(request);
    } catch (offline) {
      const page = request.mode === "navigate" && (await cache.match("404.html"));
      if (page) return page;
      throw offline;
    }
  })());
});
