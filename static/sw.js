/* Homeward service worker: app shell cache, offline page, saved pages, push, offline ticks.
 *
 * Served from /sw.js (scope /). The server writes VERSION from a hash of this file and of
 * every /static/ file listed in SHELL, so each deploy installs a new worker whose
 * activate step deletes the caches of the old one: nobody keeps a stale app forever.
 */
"use strict";

const VERSION = "__VERSION__";
const SHELL_CACHE = "homeward-shell-" + VERSION;
const PAGES_CACHE = "homeward-pages-" + VERSION;
const SHELL = [
  "/offline",
  "/manifest.webmanifest",
  "/static/css/app.css",
  "/static/js/app.js",
  "/static/js/pwa.js",
  "/static/js/outbox.js",
  "/static/js/readaloud.js",
  "/static/vendor/htmx-2.0.11.min.js",
  "/static/icons/icon.svg",
  "/static/icons/icon-192.png"
];
// The 512 px icons are left out on purpose: the browser fetches them from the manifest when it
// installs the app, and precaching them would add 15 KB to every first visit.
importScripts("/static/js/outbox.js");

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then(function (cache) { return cache.addAll(SHELL); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.startsWith("homeward-") && name !== SHELL_CACHE && name !== PAGES_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

// Pages worth keeping for a bus ride with no signal: the last Today seen, opened guides.
function keepsPage(url) {
  return url.pathname === "/today" || /^\/guides\/[^/]+$/.test(url.pathname);
}

function pageKey(url) {
  // One copy per page: /today?day=... is not today's page, so it is not kept.
  return url.origin + url.pathname;
}

async function networkFirst(request) {
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected && keepsPage(url) && !url.search) {
      const copy = response.clone();
      caches.open(PAGES_CACHE).then(function (cache) { return cache.put(pageKey(url), copy); });
    }
    return response;
  } catch (error) {
    const cache = await caches.open(PAGES_CACHE);
    const saved = keepsPage(url) ? await cache.match(pageKey(url)) : null;
    return saved || (await caches.match("/offline")) ||
      new Response("You are offline.", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) { return cached; }
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(SHELL_CACHE).then(function (cache) { return cache.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  // Only GETs of this site: a POST (a tick, a sign-in) always goes to the network
  // and its answer is never stored.
  if (request.method !== "GET") { return; }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === "/sw.js") { return; }
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  }
});

async function forgetPages() {
  await caches.delete(PAGES_CACHE);
  await clearOutbox();
}

self.addEventListener("message", function (event) {
  const data = event.data || {};
  if (data.type === "logout") {
    event.waitUntil(forgetPages());
  } else if (data.type === "refresh" && typeof data.url === "string") {
    // The page changed (a tick was saved): fetch a fresh copy to keep offline.
    const url = new URL(data.url, self.location.origin);
    if (url.origin === self.location.origin && keepsPage(url)) {
      event.waitUntil(fetch(url.pathname, { credentials: "same-origin" }).then(function (response) {
        if (response.ok && !response.redirected) {
          return caches.open(PAGES_CACHE).then(function (cache) {
            return cache.put(pageKey(url), response);
          });
        }
      }).catch(function () {}));
    }
  } else if (data.type === "replay") {
    event.waitUntil(replayOutbox());
  }
});

/* ---- Push ---- */

self.addEventListener("push", function (event) {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = {}; }
  const title = data.title || "Homeward";
  const options = {
    body: data.body || "",
    icon: "/static/icons/icon-192.png",
    badge: "/static/icons/icon-192.png",
    tag: data.tag || "homeward",
    renotify: Boolean(data.tag),
    data: { url: "/today" }
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  const target = new URL("/today", self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true })
    .then(function (windows) {
      for (const client of windows) {
        if (new URL(client.url).origin === self.location.origin && "focus" in client) {
          return client.navigate(target).then(function (c) { return (c || client).focus(); });
        }
      }
      return self.clients.openWindow(target);
    }));
});

/* ---- Offline ticks (the page writes the outbox; both the page and this worker replay) ---- */

function clearOutbox() {
  return self.HomewardOutbox.clear();
}

async function replayOnce() {
  await self.HomewardOutbox.replay("");
  const windows = await self.clients.matchAll({ type: "window" });
  windows.forEach(function (w) { w.postMessage({ type: "outbox-replayed" }); });
}

function replayOutbox() {
  if (self.navigator && self.navigator.locks) {
    return self.navigator.locks.request("homeward-outbox", replayOnce);
  }
  return replayOnce();
}

self.addEventListener("sync", function (event) {
  if (event.tag === "homeward-outbox") {
    event.waitUntil(replayOutbox());
  }
});
