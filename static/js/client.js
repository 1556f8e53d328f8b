// Client pages: keep keyboard and screen-reader focus in place when htmx swaps a card.
// Everything works without this file; it only moves focus to where the change happened.
(function () {
  "use strict";

  var last = null; // the control that sent the request: {name, value, form class}

  document.addEventListener("htmx:beforeRequest", function (event) {
    var active = document.activeElement;
    last = active && active.name ? { name: active.name, value: active.value } : null;
  });

  function focusInside(root) {
    var target = null;
    if (last && last.name !== "key") {
      target = root.querySelector('[name="' + last.name + '"][value="' + last.value + '"]');
    }
    target = target || root.querySelector(".alert, .done-badge, .flash, .button-done");
    if (!target) { return; }
    if (!target.hasAttribute("tabindex") && !/^(BUTTON|A|INPUT)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var el = event.detail.elt;
    if (!el || !el.id || !/^(card|goal)-/.test(el.id)) { return; }
    var fresh = document.getElementById(el.id);
    if (fresh && !fresh.contains(document.activeElement)) {
      focusInside(fresh);
    }
  });
})();
