// Kept as a string so the server (bundled or run from source by the CLI and tests) can serve it
// without a bundler-specific import. Plain ES2020 for the browser; no backticks inside.
export const WORKER_SOURCE = String.raw`// Lotse service worker (served as /sw.js, scope "/"). It keeps the public directory of the
// reader's language readable offline: visited public pages are cached network-first, and
// "save for offline" fetches every URL of /{lang}/offline-manifest.json. Staff pages, the API
// and everything with personal data are never cached (only the allow-listed public paths).
const VERSION = "__LOTSE_SW_VERSION__";
const SHELL = "lotse-shell-" + VERSION;
const ASSETS = "lotse-assets";
const pagesCache = (lang) => "lotse-pages-" + lang;
const SAVED_KEY = (lang) => "/__lotse/saved-" + lang;
// {lang} is a UI language or easy German ("de-simple", decision 094).
const LANG = /^\/([a-z]{2}(?:-simple)?)(?:\/|$)/;
// /{lang}, /{lang}/offers, /{lang}/offers/{id}, /{lang}/events…, /{lang}/offices, /{lang}/offline.
const CACHEABLE = /^\/[a-z]{2}(?:-simple)?(?:\/(?:offers|events|offices|offline)(?:\/[\w-]+)?)?\/?$/;
// The welcome guide: its index and pages at any depth; opening a page keeps the index too.
const GUIDE = /^\/[a-z]{2}(?:-simple)?\/guide(?:\/[a-z0-9-]+)*\/?$/;
const SHELL_URLS = ["/pwa.js", "/icons/icon.svg", "/icons/icon-192.png"];
const RESAVE_AFTER_MS = 12 * 3600 * 1000;
const MAX_VISITED = 400;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((c) => c.addAll(SHELL_URLS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith("lotse-shell-") && k !== SHELL).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(req, ASSETS));
    return;
  }
  if (SHELL_URLS.includes(url.pathname)) {
    event.respondWith(fetch(req).catch(() => caches.match(req)));
    return;
  }
  const lang = LANG.exec(url.pathname)?.[1];
  if (!lang || req.mode !== "navigate") return;
  if (CACHEABLE.test(url.pathname) || GUIDE.test(url.pathname)) event.respondWith(networkFirst(req, lang));
  else event.respondWith(fetch(req).catch(() => offlinePage(lang)));
});

async function cacheFirst(req, name) {
  const hit = await caches.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) {
    const cache = await caches.open(name);
    await cache.put(req, res.clone());
  }
  return res;
}

async function networkFirst(req, lang) {
  const cache = await caches.open(pagesCache(lang));
  try {
    const res = await fetch(req);
    if (res.ok && res.type === "basic") {
      await cache.put(req.url, res.clone());
      trim(cache);
      const path = new URL(req.url).pathname;
      if (GUIDE.test(path)) keepGuideIndex(cache, lang, new URL(req.url).search);
    }
    return res;
  } catch {
    const hit = await cache.match(req.url);
    return hit ? markOffline(hit) : offlinePage(lang);
  }
}

async function keepGuideIndex(cache, lang, search) {
  const index = new URL("/" + lang + "/guide" + (search === "?simple=1" ? search : ""), self.location.origin).href;
  if (await cache.match(index)) return;
  try {
    const r = await fetch(index, { credentials: "omit" });
    if (r.ok) await cache.put(index, r);
  } catch {
    // Kept on the next visit.
  }
}

// A page served from the cache shows its "offline copy" note (rendered hidden, in the page's language).
async function markOffline(res) {
  if (!(res.headers.get("content-type") ?? "").includes("text/html")) return res;
  const html = (await res.text()).replace(/(<[^>]*\sdata-offline-note(?:="")?)([^>]*?)\shidden(?:="")?/, "$1$2");
  return new Response(html, { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function trim(cache) {
  const keys = await cache.keys();
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_VISITED))) await cache.delete(k);
}

async function offlinePage(lang) {
  const hit = await caches.match("/" + lang + "/offline");
  return (
    hit ?? new Response("Offline", { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } })
  );
}

self.addEventListener("message", (event) => {
  const data = event.data ?? {};
  if (data.type !== "save" || !/^[a-z]{2}$/.test(data.lang ?? "")) return;
  const port = event.ports?.[0];
  event.waitUntil(
    saveLanguage(data.lang, Boolean(data.force)).then(
      (count) => port?.postMessage({ ok: true, count }),
      () => port?.postMessage({ ok: false }),
    ),
  );
});

/** Fetches and caches every URL of the language's offline manifest; returns how many were saved. */
async function saveLanguage(lang, force) {
  const cache = await caches.open(pagesCache(lang));
  const stamp = await cache.match(SAVED_KEY(lang));
  if (!force && stamp) {
    const saved = await stamp.json();
    if (Date.now() - saved.at < RESAVE_AFTER_MS) return saved.count;
  }
  const res = await fetch("/" + lang + "/offline-manifest.json", { cache: "no-store" });
  if (!res.ok) throw new Error("offline manifest unavailable");
  const { urls } = await res.json();
  const styles = new Set();
  let count = 0;
  // A few at a time: gentle on cheap phones and on the server.
  for (let i = 0; i < urls.length; i += 4) {
    await Promise.all(
      urls.slice(i, i + 4).map(async (u) => {
        try {
          const r = await fetch(u, { credentials: "omit" });
          if (!r.ok || !(r.headers.get("content-type") ?? "").includes("text/html")) return;
          const html = await r.clone().text();
          for (const m of html.matchAll(/href="(\/assets\/[^"]+\.css)"/g)) styles.add(m[1]);
          await cache.put(new URL(u, self.location.origin).href, r);
          count++;
        } catch {
          // Skipped; the rest is still saved.
        }
      }),
    );
  }
  const assets = await caches.open(ASSETS);
  for (const href of styles) {
    if (await assets.match(href)) continue;
    try {
      const r = await fetch(href);
      if (r.ok) await assets.put(href, r);
    } catch {
      // Pages still read without their styles.
    }
  }
  // Offers no longer published leave the saved set.
  const listed = new Set(urls.map((u) => new URL(u, self.location.origin).href));
  for (const k of await cache.keys()) {
    if (/\/offers\/[\w-]+$/.test(new URL(k.url).pathname) && !listed.has(k.url)) await cache.delete(k);
  }
  await cache.put(
    SAVED_KEY(lang),
    new Response(JSON.stringify({ at: Date.now(), count }), {
      headers: { "content-type": "application/json" },
    }),
  );
  return count;
}
`;
