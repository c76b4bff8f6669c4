// Sharing-space behaviours: @mention autocomplete, quoting a reply, replying in a thread.
// No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  var MENTION = /(^|[\s(])@([A-Za-z0-9._-]{1,40})$/;
  var timer = null;

  function boxFor(area) {
    return area.parentElement.querySelector("[data-mention-box]");
  }

  function currentMention(area) {
    var before = area.value.slice(0, area.selectionStart);
    var m = MENTION.exec(before);
    return m ? m[2] : null;
  }

  function closeBox(box) {
    if (box) { box.hidden = true; box.innerHTML = ""; }
  }

  document.addEventListener("input", function (event) {
    var area = event.target;
    if (!area.matches || !area.matches("textarea[data-mention-url]")) return;
    var box = boxFor(area);
    var handle = currentMention(area);
    clearTimeout(timer);
    if (!handle) { closeBox(box); return; }
    timer = setTimeout(function () {
      var url = area.getAttribute("data-mention-url") + "?q=" + encodeURIComponent(handle);
      fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) {
          if (!html) { closeBox(box); return; }
          box.innerHTML = html;
          box.hidden = false;
          box.setAttribute("data-for", area.id);
        });
    }, 200);
  });

  document.addEventListener("click", function (event) {
    var pick = event.target.closest("[data-mention]");
    if (pick) {
      var box = pick.closest("[data-mention-box]");
      var area = document.getElementById(box.getAttribute("data-for"));
      var pos = area.selectionStart;
      var before = area.value.slice(0, pos).replace(/@([A-Za-z0-9._-]{0,40})$/, "@" + pick.getAttribute("data-mention") + " ");
      area.value = before + area.value.slice(pos);
      area.focus();
      area.setSelectionRange(before.length, before.length);
      closeBox(box);
      return;
    }
    var quote = event.target.closest("[data-quote]");
    if (quote) {
      var src = document.getElementById("reply-src-" + quote.getAttribute("data-quote"));
      var target = document.getElementById("id_reply_body");
      if (src && target) {
        var text = src.content ? src.content.textContent : src.textContent;
        var quoted = text.trim().split("\n").map(function (line) { return "> " + line; }).join("\n");
        target.value = (target.value ? target.value + "\n\n" : "") + quoted + "\n\n";
        target.focus();
      }
      return;
    }
    var thread = event.target.closest("[data-thread]");
    if (thread) {
      var parent = document.getElementById("id_parent");
      if (parent) parent.value = thread.getAttribute("data-thread");
      var note = document.querySelector("[data-replying-to]");
      if (note) note.hidden = false;
      var body = document.getElementById("id_reply_body");
      if (body) body.focus();
      return;
    }
    if (event.target.closest("[data-cancel-thread]")) {
      document.getElementById("id_parent").value = "";
      document.querySelector("[data-replying-to]").hidden = true;
    }
  });

  // Choosing with the mouse keeps the caret in the text box.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest("[data-mention-box] [data-mention]")) event.preventDefault();
  });

  // The suggestions answer the keyboard while the text box keeps focus: arrows move, Enter or Tab picks.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.querySelectorAll("[data-mention-box]").forEach(closeBox);
      return;
    }
    var area = event.target;
    if (!area.matches || !area.matches("textarea[data-mention-url]")) return;
    var box = boxFor(area);
    if (!box || box.hidden) return;
    var options = box.querySelectorAll("[role=option]");
    var picks = box.querySelectorAll("[data-mention]");
    if (!picks.length) return;
    var current = -1;
    options.forEach(function (o, i) { if (o.getAttribute("aria-selected") === "true") current = i; });
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = event.key === "ArrowDown" ? current + 1 : current - 1;
      next = (next + options.length) % options.length;
      options.forEach(function (o, i) { o.setAttribute("aria-selected", i === next ? "true" : "false"); });
    } else if ((event.key === "Enter" || event.key === "Tab") && current >= 0) {
      event.preventDefault();
      options[current].click();
    }
  });
})();
