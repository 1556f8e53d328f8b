// The outbox of ticks made offline, in IndexedDB. One file for both sides: the page
// (static/js/pwa.js) writes and replays it; the service worker (static/sw.js) replays it
// on Background Sync. The server stores a tick once per key, so replaying twice is safe.
(function (scope) {
  "use strict";

  var DB_NAME = "homeward";
  var OUTBOX = "outbox";

  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!("indexedDB" in scope)) { reject(new Error("no IndexedDB")); return; }
      var open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = function () {
        if (!open.result.objectStoreNames.contains(OUTBOX)) {
          open.result.createObjectStore(OUTBOX, { keyPath: "key" });
        }
      };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }

  function store(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(OUTBOX, mode);
        var request = work(tx.objectStore(OUTBOX));
        tx.oncomplete = function () { db.close(); resolve(request && request.result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all() {
    return store("readonly", function (s) { return s.getAll(); }).then(function (r) { return r || []; });
  }
  function put(tick) { return store("readwrite", function (s) { return s.put(tick); }); }
  function remove(key) { return store("readwrite", function (s) { return s.delete(key); }); }
  function clear() { return store("readwrite", function (s) { return s.clear(); }).catch(function () {}); }

  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };

  // The words of an error answer, without its markup, to show to the person.
  function plainText(html) {
    return String(html || "").replace(/<[^>]*>/g, " ")
      .replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (e) { return ENTITIES[e]; })
      .replace(/\s+/g, " ").trim().slice(0, 300);
  }

  // A CSRF token from a page fetched now: the one the tick was made with may have expired.
  function freshToken(fallback) {
    return fetch("/offline", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var m = html.match(/name="csrf-token" content="([^"]+)"/);
        return m ? m[1] : (fallback || "");
      })
      .catch(function () { return fallback || ""; });
  }

  // Send one tick. Resolves "sent" (removed from the outbox) or "refused" (kept, with the
  // server's message, to show the person); rejects when it must wait (offline, signed out,
  // server trouble), so it stays pending.
  function send(tick, token) {
    var body = new URLSearchParams(tick.fields);
    body.set("csrf_token", token);
    if (tick.made_at) { body.set("made_at", tick.made_at); }
    return fetch(tick.action, {
      method: "POST", body: body, credentials: "same-origin", redirect: "manual",
      headers: { "HX-Request": "true", "X-CSRFToken": token }
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status >= 500) {
        throw new Error("later");
      }
      if (response.ok) {
        return remove(tick.key).then(function () { return "sent"; });
      }
      return response.text().then(function (text) {
        tick.status = "refused";
        tick.error = plainText(text) || ("Error " + response.status);
        return put(tick).then(function () { return "refused"; });
      });
    });
  }

  // Send every pending tick, oldest first, one at a time; onSent(tick) after each success.
  function replay(fallbackToken, onSent) {
    return all().then(function (ticks) {
      var pending = ticks.filter(function (x) { return x.status === "pending"; });
      if (!pending.length) { return; }
      return freshToken(fallbackToken).then(function (token) {
        return pending.reduce(function (chain, tick) {
          return chain.then(function () {
            return send(tick, token).then(function (result) {
              if (result === "sent" && onSent) { onSent(tick); }
            });
          });
        }, Promise.resolve());
      });
    });
  }

  scope.HomewardOutbox = {
    all: all, put: put, remove: remove, clear: clear, plainText: plainText,
    freshToken: freshToken, send: send, replay: replay
  };
})(self);
