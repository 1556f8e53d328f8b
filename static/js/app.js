// Homeward: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // htmx sends the CSRF token in a header on every request it makes.
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  // Let htmx swap in error fragments (422 and friends) so the message is shown in place.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 422 || status === 400 || status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      var target = document.getElementById("tick-message");
      if (target && event.detail.target && event.detail.target.classList.contains("card")) {
        // Keep the card; show the message above the cards instead.
        event.detail.shouldSwap = false;
        showAlert(event.detail.xhr.responseText);
      }
    }
  });

  function showAlert(html) {
    var flash = document.getElementById("flash");
    if (!flash) { return; }
    var holder = document.createElement("div");
    holder.innerHTML = html;
    flash.replaceChildren.apply(flash, Array.prototype.slice.call(holder.childNodes));
    flash.scrollIntoView({ block: "nearest" });
  }

  window.Homeward = window.Homeward || {};
  window.Homeward.csrfToken = csrfToken;
  window.Homeward.showAlert = showAlert;
})();
