// Homeward as an installed app: service worker, ticks kept while offline, reminders, install.
// Every page works without this file; it only adds to them.
(function () {
  "use strict";

  var SYNC_TAG = "homeward-outbox";
  var hasSW = "serviceWorker" in navigator;

  function t(el, attr) { return el ? el.getAttribute(attr) : null; }
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function metaToken() { return t($('meta[name="csrf-token"]'), "content") || ""; }

  /* ---------- Service worker ---------- */

  if (hasSW) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "outbox-replayed") { refreshOutboxView(); }
    });
  }

  function tellWorker(message) {
    if (hasSW && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage(message);
    }
  }

  /* ---------- IndexedDB outbox (static/js/outbox.js) ---------- */

  var outbox = self.HomewardOutbox;
  function allTicks() { return outbox.all(); }
  function putTick(tick) { return outbox.put(tick); }
  function clearOutbox() { return outbox.clear(); }

  function tickFromForm(form) {
    var data = new FormData(form);
    var fields = {};
    data.forEach(function (value, name) {
      if (name !== "csrf_token" && typeof value === "string") { fields[name] = value; }
    });
    var card = form.closest(".card");
    var title = card ? $(".card-title", card) : null;
    return {
      key: fields.key, item: fields.item, slot: fields.slot, day: fields.day,
      made_at: new Date().toISOString(), csrf: data.get("csrf_token") || metaToken(),
      action: form.getAttribute("action") || form.action, fields: fields,
      title: title ? title.textContent.replace(/\s+/g, " ").trim() : "",
      card: card ? card.id : "", status: "pending", error: ""
    };
  }

  /* ---------- Ticks made offline ---------- */

  // Translated words come from #pwa-text (templates/push/_pwa_text.html); English otherwise.
  function words(name, fallback) {
    var holder = document.getElementById("pwa-text");
    return (holder && holder.getAttribute("data-" + name)) || fallback;
  }

  function markPending(card) {
    if (!card || card.classList.contains("is-pending")) { return; }
    card.classList.add("is-pending");
    var form = $("form.tick-form", card);
    var badge = document.createElement("p");
    badge.className = "done-badge pending-badge";
    badge.setAttribute("role", "status");
    badge.textContent = "✓ " + words("saved", "Saved, will sync");
    if (form) { form.replaceWith(badge); } else { card.appendChild(badge); }
    var live = document.getElementById("tick-message");
    if (live) { live.textContent = words("saved", "Saved, will sync"); }
  }

  function markSynced(cardId) {
    var card = cardId && document.getElementById(cardId);
    if (!card) { return; }
    card.classList.remove("is-pending");
    card.classList.add("is-done");
    var badge = $(".pending-badge", card);
    if (badge) { badge.textContent = "✓ " + words("synced", "Done"); }
  }

  function keepOffline(form) {
    var tick = tickFromForm(form);
    if (!tick.key) { return Promise.resolve(); }
    markPending(form.closest(".card"));
    return putTick(tick).then(function () {
      if (hasSW && "SyncManager" in window) {
        return navigator.serviceWorker.ready.then(function (reg) {
          return reg.sync.register(SYNC_TAG);
        }).catch(function () {});
      }
    }).catch(function () {
      showNotice(words("not-stored", "This tick could not be kept on this phone. Please try again when you have signal."), null);
    });
  }

  // Offline: keep the tick before htmx even tries (capture phase runs first).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.tick-form") || navigator.onLine) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    keepOffline(form);
  }, true);

  // "Online" but the request never arrived (no signal in a lift): keep it too.
  function onFailedSend(event) {
    var form = event.target && event.target.closest && event.target.closest("form.tick-form");
    if (form) { keepOffline(form); }
  }
  document.addEventListener("htmx:sendError", onFailedSend);
  document.addEventListener("htmx:timeout", onFailedSend);

  // A tick that reached the server: keep the offline copy of Today up to date.
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (event.detail.successful && elt && elt.closest && elt.closest("form.tick-form, form.undo-form")) {
      tellWorker({ type: "refresh", url: "/today" });
    }
  });

  function replayNow() {
    return outbox.replay(metaToken(), function (tick) { markSynced(tick.card); });
  }

  var replaying = null;
  function replay() {
    if (!navigator.onLine || replaying) { return replaying || Promise.resolve(); }
    var run = navigator.locks ? navigator.locks.request("homeward-outbox", replayNow) : replayNow();
    replaying = Promise.resolve(run).catch(function () {}).then(function () {
      replaying = null;
      refreshOutboxView();
    });
    return replaying;
  }

  /* ---------- Showing what is waiting or was refused ---------- */

  function noticeBox() {
    return $("[data-outbox-notice]") || document.getElementById("flash");
  }

  function showNotice(text, onDismiss) {
    var box = noticeBox();
    if (!box) { return; }
    var note = document.createElement("div");
    note.className = "alert outbox-alert";
    note.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = text;
    note.appendChild(p);
    if (onDismiss) {
      var ok = document.createElement("button");
      ok.type = "button";
      ok.className = "button-quiet";
      ok.textContent = words("ok", "OK");
      ok.addEventListener("click", function () { onDismiss().then(function () { note.remove(); }); });
      note.appendChild(ok);
    }
    box.hidden = false;
    box.appendChild(note);
  }

  function refreshOutboxView() {
    allTicks().then(function (ticks) {
      $$(".outbox-alert").forEach(function (n) { n.remove(); });
      ticks.forEach(function (tick) {
        if (tick.status === "pending") {
          var card = tick.card && document.getElementById(tick.card);
          var form = card && $("form.tick-form", card);
          var day = form ? $('input[name="day"]', form) : null;
          if (card && (!day || day.value === tick.day)) { markPending(card); }
        } else if (tick.status === "refused") {
          showNotice(words("refused", "A tick you made offline was not saved:") + " " +
            (tick.title ? tick.title + " (" + tick.day + "): " : "") + tick.error, function () { return outbox.remove(tick.key); });
        }
      });
    }).catch(function () {});
  }

  window.addEventListener("online", replay);
  document.addEventListener("DOMContentLoaded", function () {
    refreshOutboxView();
    replay();
  });

  /* ---------- Signing out forgets this person's saved pages and outbox ---------- */

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.logout") || form.dataset.leaving) { return; }
    event.preventDefault();
    form.dataset.leaving = "1";
    var timeout = new Promise(function (resolve) { setTimeout(resolve, 3000); });
    Promise.race([replay(), timeout]).then(function () {
      tellWorker({ type: "logout" });
      return clearOutbox();
    }).then(function () { form.submit(); }, function () { form.submit(); });
  });

  /* ---------- Reminders (Settings) ---------- */

  function isIos() {
    return /iphone|ipad|ipod/i.test(navigator.userAgent) ||
      (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  }
  function isStandalone() {
    return window.matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
  }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  function postJson(url, data) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": metaToken() },
      body: JSON.stringify(data || {})
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) { throw new Error(body.error || ("Error " + r.status)); }
        return body;
      });
    });
  }

  function setupReminders(box) {
    var status = $("[data-push-status]", box);
    var on = $("[data-push-on]", box);
    var off = $("[data-push-off]", box);
    var say = function (text) { status.textContent = text; };
    var show = function (subscribed) { on.hidden = subscribed; off.hidden = !subscribed; };

    if (!hasSW || !("PushManager" in window) || !("Notification" in window)) {
      if (isIos() && !isStandalone()) {
        $$("[data-ios-hint]").forEach(function (n) { n.hidden = false; });
      } else {
        $$("[data-push-unsupported]").forEach(function (n) { n.hidden = false; });
      }
      return;
    }
    box.hidden = false;
    navigator.serviceWorker.ready.then(function (reg) { return reg.pushManager.getSubscription(); })
      .then(function (sub) {
        show(Boolean(sub));
        if (Notification.permission === "denied") {
          say(words("blocked", "Notifications are blocked for Homeward."));
        } else {
          say(sub ? words("on", "Reminders are on for this phone.") : words("off", "Reminders are off for this phone."));
        }
      });

    on.addEventListener("click", function () {
      // Asked only now, after the person tapped the button.
      on.disabled = true;
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") {
          throw new Error(words("denied", "Reminders need permission to show notifications."));
        }
        return Promise.all([navigator.serviceWorker.ready, fetch("/push/key").then(function (r) { return r.json(); })]);
      }).then(function (both) {
        return both[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(both[1].publicKey) });
      }).then(function (sub) {
        return postJson("/push/subscribe", sub.toJSON());
      }).then(function () {
        show(true);
        say(words("on", "Reminders are on for this phone."));
      }).catch(function (error) {
        say(error.message || words("failed", "Reminders could not be turned on."));
      }).then(function () { on.disabled = false; });
    });

    off.addEventListener("click", function () {
      off.disabled = true;
      navigator.serviceWorker.ready.then(function (reg) { return reg.pushManager.getSubscription(); })
        .then(function (sub) {
          if (!sub) { return; }
          var endpoint = sub.endpoint;
          return sub.unsubscribe().then(function () { return postJson("/push/unsubscribe", { endpoint: endpoint }); });
        }).then(function () {
          show(false);
          say(words("off", "Reminders are off for this phone."));
        }).catch(function (error) { say(error.message); })
        .then(function () { off.disabled = false; });
    });

    var testForm = $("[data-push-test]");
    if (testForm) {
      testForm.addEventListener("submit", function (event) {
        event.preventDefault();
        postJson("/push/test", {}).then(function (result) {
          say(result.sent ? words("test-sent", "Test reminder sent.")
            : words("test-none", "No phone or computer has reminders turned on yet."));
        }).catch(function (error) { say(error.message); });
      });
    }
  }

  /* ---------- Install hint ---------- */

  var installEvent = null;
  var DISMISSED = "homeward-install-dismissed";

  function installHidden() {
    try { return localStorage.getItem(DISMISSED) === "1"; } catch (e) { return false; }
  }

  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    installEvent = event;
    if (!installHidden()) { $$("[data-install]").forEach(function (n) { n.hidden = false; }); }
  });
  window.addEventListener("appinstalled", function () {
    $$("[data-install]").forEach(function (n) { n.hidden = true; });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-install-button], [data-install-dismiss]");
    if (!button) { return; }
    if (button.hasAttribute("data-install-dismiss")) {
      try { localStorage.setItem(DISMISSED, "1"); } catch (e) { /* private mode */ }
      $$("[data-install]").forEach(function (n) { n.hidden = true; });
      return;
    }
    if (installEvent) {
      installEvent.prompt();
      installEvent.userChoice.then(function () { installEvent = null; });
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var box = $("[data-push]");
    if (box) { setupReminders(box); }
    if (isIos() && !isStandalone()) {
      $$("[data-ios-hint]").forEach(function (n) { n.hidden = false; });
      if (!installHidden()) {
        $$("[data-install]").forEach(function (n) { n.hidden = false; });
        $$("[data-install-button]").forEach(function (n) { n.hidden = true; });
        $$("[data-ios-link]").forEach(function (n) { n.hidden = false; });
      }
    }
  });

  window.Homeward = window.Homeward || {};
  window.Homeward.outbox = { all: allTicks, replay: replay, clear: clearOutbox };
})();
