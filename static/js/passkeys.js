// Homeward passkeys: the browser's WebAuthn API, no framework. Pages work without it
// (the password form stays); passkey buttons are shown only where passkeys can work.
(function () {
  "use strict";

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer), text = "";
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64url(value) {
    var text = atob(value.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((value.length + 3) % 4));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return bytes.buffer;
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function postJSON(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.error || "");
          error.serverMessage = data.error;
          throw error;
        }
        return data;
      });
    });
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return { type: item.type, id: fromBase64url(item.id), transports: item.transports };
    });
  }

  function creationOptions(options) {
    options.challenge = fromBase64url(options.challenge);
    options.user.id = fromBase64url(options.user.id);
    options.excludeCredentials = descriptors(options.excludeCredentials);
    return options;
  }

  function requestOptions(options) {
    options.challenge = fromBase64url(options.challenge);
    options.allowCredentials = descriptors(options.allowCredentials);
    return options;
  }

  function registrationJSON(cred) {
    var r = cred.response;
    return {
      id: cred.id, rawId: toBase64url(cred.rawId), type: cred.type,
      authenticatorAttachment: cred.authenticatorAttachment || undefined,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      response: {
        clientDataJSON: toBase64url(r.clientDataJSON),
        attestationObject: toBase64url(r.attestationObject),
        transports: r.getTransports ? r.getTransports() : []
      }
    };
  }

  function assertionJSON(cred) {
    var r = cred.response;
    return {
      id: cred.id, rawId: toBase64url(cred.rawId), type: cred.type,
      authenticatorAttachment: cred.authenticatorAttachment || undefined,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      response: {
        clientDataJSON: toBase64url(r.clientDataJSON),
        authenticatorData: toBase64url(r.authenticatorData),
        signature: toBase64url(r.signature),
        userHandle: r.userHandle ? toBase64url(r.userHandle) : null
      }
    };
  }

  function messageFor(button) {
    var box = button.closest("[data-passkey-supported]") || document;
    return box.querySelector("[data-passkey-message]");
  }

  function say(button, text) {
    var box = messageFor(button);
    if (!box) { return; }
    box.textContent = "";
    if (text) {
      var p = document.createElement("p");
      p.className = "alert";
      p.textContent = text;
      box.appendChild(p);
    }
  }

  // Messages come translated from the page (data-msg-* on the message box).
  function explain(button, error) {
    var box = messageFor(button), data = box ? box.dataset : {};
    if (error && error.name === "NotAllowedError") { return data.msgCancelled; }
    if (error && error.name === "InvalidStateError") { return data.msgExists; }
    return (error && error.serverMessage) || data.msgFailed || "Error";
  }

  function run(button, task) {
    if (button.disabled) { return; }
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    say(button, "");
    task().then(function (data) {
      window.location.assign(data.redirect || "/");
    }).catch(function (error) {
      say(button, explain(button, error));
    }).then(function () {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    });
  }

  function signIn(button) {
    var remember = document.querySelector('input[name="remember"]');
    run(button, function () {
      return postJSON(button.dataset.options).then(function (options) {
        return navigator.credentials.get({ publicKey: requestOptions(options) });
      }).then(function (cred) {
        return postJSON(button.dataset.verify, {
          credential: assertionJSON(cred), next: button.dataset.next || "",
          remember: !!(remember && remember.checked)
        });
      });
    });
  }

  function register(button) {
    var nameField = document.querySelector("[data-passkey-name]");
    run(button, function () {
      return postJSON(button.dataset.options).then(function (options) {
        return navigator.credentials.create({ publicKey: creationOptions(options) });
      }).then(function (cred) {
        return postJSON(button.dataset.verify, {
          credential: registrationJSON(cred), next: button.dataset.next || "",
          name: nameField ? nameField.value : ""
        });
      });
    });
  }

  function init() {
    if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch) { return; }
    document.querySelectorAll("[data-passkey-supported]").forEach(function (el) { el.hidden = false; });
    document.querySelectorAll("[data-passkey-unsupported]").forEach(function (el) { el.hidden = true; });
    document.querySelectorAll("[data-passkey-signin]").forEach(function (button) {
      button.addEventListener("click", function () { signIn(button); });
    });
    document.querySelectorAll("[data-passkey-register]").forEach(function (button) {
      button.addEventListener("click", function () { register(button); });
    });
  }

  if (window.__homewardPasskeys) { return; }  // loaded twice (settings sections): bind once
  window.__homewardPasskeys = true;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
