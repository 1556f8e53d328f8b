// Read aloud: speaks the steps of an exercise or guide with the browser's own speech
// synthesis (no server, works offline). The buttons stay hidden where there is no speech.
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var synth = window.speechSynthesis;
  var active = null; // the .read-aloud box that is speaking now

  function textOf(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll("[aria-hidden='true']").forEach(function (el) { el.remove(); });
    var parts = copy.querySelectorAll("p");
    var texts = parts.length ? Array.prototype.map.call(parts, function (p) { return p.textContent; })
                             : [copy.textContent];
    return texts.map(function (t) { return t.replace(/\s+/g, " ").trim(); })
                .filter(Boolean).join(". ");
  }

  function show(box, speaking, paused) {
    var pause = box.querySelector(".read-pause");
    box.querySelector(".read-stop").hidden = !speaking;
    pause.hidden = !speaking;
    pause.textContent = paused ? pause.dataset.resume : pause.dataset.pause;
  }

  function stop() {
    synth.cancel();
    if (active) { show(active, false, false); }
    active = null;
  }

  function start(box) {
    stop();
    var holder = box.closest(".read-steps") || box.parentElement;
    var pieces = Array.prototype.map.call(holder.querySelectorAll(".read-text, .guide-safety"), textOf)
      .filter(Boolean);
    if (!pieces.length) { return; }
    active = box;
    show(box, true, false);
    var lang = document.documentElement.lang || "en";
    pieces.forEach(function (text, index) {
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.rate = 0.9; // a little slower than usual: easier to follow while moving
      if (index === pieces.length - 1) {
        utterance.onend = function () { if (active === box) { show(box, false, false); active = null; } };
      }
      synth.speak(utterance);
    });
  }

  function togglePause(box) {
    if (active !== box) { return; }
    if (synth.paused) { synth.resume(); show(box, true, false); }
    else { synth.pause(); show(box, true, true); }
  }

  function setUp(root) {
    (root || document).querySelectorAll(".read-aloud[hidden]").forEach(function (box) {
      box.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".read-aloud button");
    if (!button) { return; }
    var box = button.closest(".read-aloud");
    if (button.classList.contains("read-start")) { start(box); }
    else if (button.classList.contains("read-pause")) { togglePause(box); }
    else if (button.classList.contains("read-stop")) { stop(); box.querySelector(".read-start").focus(); }
  });
  // Leaving the page (or swapping the card) must not leave the phone talking.
  window.addEventListener("pagehide", stop);
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (active && event.detail.target && event.detail.target.contains(active)) { stop(); }
  });
  document.addEventListener("htmx:afterSettle", function () { setUp(); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(); });
  } else {
    setUp();
  }
})();
