// Search-as-you-type pickers (core/widgets.py Picker): a text box with role="combobox" over a JSON
// endpoint answering {"items": [{"value", "label", "hint"}]} for ?q=. Arrow keys move through the
// suggestions, Enter picks, Escape closes; chosen values become chips with a hidden input each.
// No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  var seq = 0;

  function setUp(root) {
    if (root.getAttribute("data-picker-ready")) return;
    root.setAttribute("data-picker-ready", "1");
    var input = root.querySelector("input[role=combobox]");
    var list = root.querySelector("[role=listbox]");
    var status = root.querySelector("[data-picker-status]");
    var chosen = root.querySelector(".picker-chosen");
    var multiple = root.hasAttribute("data-multiple");
    var freeText = root.hasAttribute("data-free-text");
    var name = root.getAttribute("data-name");
    var source = root.getAttribute("data-source");
    var items = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function chosenValues() {
      return chosen ? Array.prototype.map.call(chosen.querySelectorAll("input[type=hidden]"), function (i) { return i.value; }) : [];
    }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      items = [];
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function show(found) {
      var taken = chosenValues();
      items = found.filter(function (item) { return taken.indexOf(String(item.value)) < 0; });
      list.innerHTML = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!items.length) {
        var none = document.createElement("li");
        none.className = "picker-empty";
        none.textContent = "No match";
        list.appendChild(none);
      }
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.id = input.id + "_opt_" + (++seq);
        li.setAttribute("data-index", String(i));
        var label = document.createElement("span");
        label.textContent = item.label;
        li.appendChild(label);
        if (item.hint) {
          var hint = document.createElement("small");
          hint.textContent = item.hint;
          li.appendChild(hint);
        }
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = items.length ? items.length + " suggestion" + (items.length === 1 ? "" : "s") + ", use the arrow keys" : "No match";
    }

    function search() {
      var q = input.value.trim();
      if (!q && !freeText) { close(); return; }
      var mine = ++asked;
      var url = source + (source.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (data) { if (mine === asked && document.activeElement === input) show(data.items || []); })
        .catch(function () { /* offline: keep what is typed */ });
    }

    function addChip(value, label) {
      var li = document.createElement("li");
      li.className = "picker-chip";
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = name;
      hidden.value = value;
      var text = document.createElement("span");
      text.textContent = label;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "picker-remove";
      remove.setAttribute("aria-label", "Remove " + label);
      remove.title = "Remove";
      remove.textContent = "×";
      li.appendChild(hidden);
      li.appendChild(text);
      li.appendChild(remove);
      chosen.appendChild(li);
      chosen.hidden = false;
    }

    function pick(index) {
      var item = items[index];
      if (!item) return;
      if (freeText) {
        input.value = item.value;
      } else {
        if (!multiple) { chosen.innerHTML = ""; }
        addChip(String(item.value), item.label);
        input.value = "";
      }
      status.textContent = item.label + " chosen";
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.focus();
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 180);
    });
    input.addEventListener("focus", function () { if (freeText && input.value === "") search(); });
    input.addEventListener("blur", function () { setTimeout(function () { if (document.activeElement !== input) close(); }, 150); });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { search(); return; }
        highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        if (open) { event.preventDefault(); highlight(active - 1); }
      } else if (event.key === "Enter") {
        if (open) {
          event.preventDefault();
          pick(active >= 0 ? active : 0);
        } else if (!freeText) {
          event.preventDefault(); // Enter in an empty picker must not send the form half filled.
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); event.stopPropagation(); close(); }
      } else if (event.key === "Backspace" && input.value === "" && chosen && multiple) {
        var last = chosen.querySelector(".picker-chip:last-child");
        if (last) { status.textContent = last.textContent.replace("×", "").trim() + " removed"; last.remove(); chosen.hidden = !chosen.children.length; }
      }
    });
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) pick(parseInt(option.getAttribute("data-index"), 10));
    });
    if (chosen) {
      chosen.addEventListener("click", function (event) {
        var remove = event.target.closest(".picker-remove");
        if (!remove) return;
        var chip = remove.closest(".picker-chip");
        status.textContent = chip.querySelector("span").textContent + " removed";
        chip.remove();
        chosen.hidden = !chosen.children.length;
        input.focus();
      });
    }

    // The time-zone field: an untouched default becomes the browser's own zone, saying so.
    if (root.hasAttribute("data-from-browser") && freeText) {
      var zone = "";
      try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
      var note = root.querySelector("[data-picker-note]");
      if (zone && (input.value === "" || input.value === "UTC") && zone !== input.value) {
        input.value = zone;
        if (note) { note.textContent = "Filled in from your browser (" + zone + "). Save to keep it."; note.hidden = false; }
      }
    }
  }

  function setUpAll(scope) {
    (scope || document).querySelectorAll("[data-picker]").forEach(setUp);
  }
  document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { setUpAll(event.target); });
})();
