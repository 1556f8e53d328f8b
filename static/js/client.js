// Client pages: keep keyboard and screen-reader focus in place when htmx swaps a card.
// Everything works without this file; it only moves focus to where the change happened.
(function () {
  "use strict";

  var last = null; // the control that sent the request: {name, value, form class}

  document.addEventListener("htmx:beforeRequest", function (event) {
    var active = document.activeElement;
    last = active && active.name ? { name: active.name, value: active.value } : null;
  });

  function tryFocus(target) {
    if (!target) { return false; }
    if (!target.hasAttribute("tabindex") && !/^(BUTTON|A|INPUT)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
    return document.activeElement === target;
  }

  function focusInside(root) {
    // The control that was used, if it is still shown (both ratings given folds the scales
    // away), else the message or the done badge.
    if (last && last.name !== "key" &&
        tryFocus(root.querySelector('[name="' + last.name + '"][value="' + last.value + '"]'))) {
      return;
    }
    tryFocus(root.querySelector(".alert, .done-badge, .flash, .button-done"));
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var el = event.detail.elt || event.target;
    var id = el && el.id;
    if (!id || !/^(card|goal)-/.test(id)) { return; }
    // After htmx has finished its own focus handling for this swap.
    setTimeout(function () {
      var fresh = document.getElementById(id);
      if (fresh && !fresh.contains(document.activeElement)) {
        focusInside(fresh);
      }
    }, 0);
  });
})();
