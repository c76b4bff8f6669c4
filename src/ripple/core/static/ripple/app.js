// Ripple's small behaviours. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  function copyText(text, button) {
    var done = function () {
      var old = button.textContent;
      button.textContent = "Copied";
      button.classList.add("is-done");
      setTimeout(function () { button.textContent = old; button.classList.remove("is-done"); }, 1600);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var target = document.querySelector(button.getAttribute("data-copy-target"));
    if (!target) return;
    var text = "value" in target && target.tagName !== "CODE" ? target.value : target.textContent;
    button.setAttribute("data-copied", text);
    copyText(text, button);
  });

  // Avatars get their colour from a data attribute (no inline styles under the CSP).
  function paintAvatars(root) {
    root.querySelectorAll("[data-hue]").forEach(function (el) {
      el.style.setProperty("--hue", el.getAttribute("data-hue"));
    });
  }
  document.addEventListener("DOMContentLoaded", function () { paintAvatars(document); });
  document.addEventListener("htmx:afterSwap", function (event) { paintAvatars(event.target); });

  // Close the account menu when clicking elsewhere.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.usermenu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });

  // The narrow-screen menu: a button with aria-expanded showing and hiding the panel it controls.
  // Without JavaScript, nojs.css shows the panel as a plain list below the bar instead.
  function menuParts() {
    var button = document.querySelector(".menu-toggle");
    var panel = button && document.getElementById(button.getAttribute("aria-controls"));
    return panel ? { button: button, panel: panel } : null;
  }
  function setMenu(open, focusButton) {
    var m = menuParts();
    if (!m) return;
    m.button.setAttribute("aria-expanded", open ? "true" : "false");
    m.panel.hidden = !open;
    if (open) {
      var first = m.panel.querySelector("a, button");
      if (first) first.focus();
    } else if (focusButton) {
      m.button.focus();
    }
  }
  document.addEventListener("click", function (event) {
    var m = menuParts();
    if (!m) return;
    if (m.button.contains(event.target)) {
      setMenu(m.button.getAttribute("aria-expanded") !== "true", false);
    } else if (!m.panel.hidden && !m.panel.contains(event.target)) {
      setMenu(false, false);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var m = menuParts();
    if (m && !m.panel.hidden) { setMenu(false, true); return; }
    document.querySelectorAll("details.usermenu[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    });
  });
  // Tabbing out of the open menu closes it, so it never hides the page behind it.
  document.addEventListener("focusin", function (event) {
    var m = menuParts();
    if (m && !m.panel.hidden && !m.panel.contains(event.target) && !m.button.contains(event.target)) {
      setMenu(false, false);
    }
  });
})();
