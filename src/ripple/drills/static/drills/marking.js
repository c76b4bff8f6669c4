// Marking a drill: the reader selects text in the output (<pre id="drill-output">, whose text is the raw
// output exactly: line numbers are CSS counters, not text) and presses "Mark the selection". The
// Selection API's range is mapped to character offsets of the raw text by counting the characters of
// the text nodes before it; each mark becomes hidden inputs mark_start / mark_end plus a reason field.
// Without JavaScript the quote / line-number rows below do the same on the server.
(function () {
  "use strict";
  // Characters of the raw text before (node, offset): a range from the start of the output to that
  // point, as text (a Range's text is its Text nodes' data — CSS line numbers are not in it).
  function offsetIn(root, node, offset) {
    var before = document.createRange();
    before.setStart(root, 0);
    before.setEnd(node, offset);
    return before.toString().length;
  }

  function init() {
    var form = document.getElementById("attempt-form");
    var output = document.getElementById("drill-output");
    var button = document.getElementById("mark-selection");
    var list = document.getElementById("mark-list");
    var hint = document.getElementById("mark-hint");
    if (!form || !output || !button || !list) return;
    document.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
    var fallback = document.getElementById("fallback");
    if (fallback) fallback.open = false;
    var text = output.textContent;
    var count = list.children.length;
    // Marks drawn again by the server after a refused submission keep their Remove buttons working.
    list.querySelectorAll("[data-remove-mark]").forEach(function (b) {
      b.addEventListener("click", function () { b.closest("li").remove(); hint.textContent = "Mark removed."; });
    });

    function add(start, end) {
      count += 1;
      var li = document.createElement("li");
      li.className = "mark-item";
      var quote = document.createElement("q");
      quote.textContent = text.slice(start, end).length > 120 ? text.slice(start, start + 117) + "…" : text.slice(start, end);
      var s = document.createElement("input");
      s.type = "hidden"; s.name = "mark_start"; s.value = String(start);
      var e = document.createElement("input");
      e.type = "hidden"; e.name = "mark_end"; e.value = String(end);
      var label = document.createElement("label");
      label.textContent = "Why is it wrong?";
      var reason = document.createElement("input");
      reason.type = "text"; reason.name = "mark_reason"; reason.maxLength = 2000;
      reason.id = "mark-reason-" + count;
      label.htmlFor = reason.id;
      var remove = document.createElement("button");
      remove.type = "button"; remove.className = "btn btn-small"; remove.textContent = "Remove";
      remove.setAttribute("aria-label", "Remove mark " + count);
      remove.addEventListener("click", function () { li.remove(); hint.textContent = "Mark removed."; });
      li.append(quote, s, e, label, reason, remove);
      list.appendChild(li);
      reason.focus();
    }

    // Touch screens may clear the selection when the button is tapped: remember the last one made
    // inside the output.
    var last = null;
    document.addEventListener("selectionchange", function () {
      var sel = window.getSelection();
      if (sel && sel.rangeCount && !sel.isCollapsed) {
        var r = sel.getRangeAt(0);
        if (output.contains(r.startContainer) && output.contains(r.endContainer)) last = r.cloneRange();
      }
    });

    button.addEventListener("click", function () {
      var sel = window.getSelection();
      var range = sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0) : last;
      if (!range) {
        hint.textContent = "First select some words in the output.";
        return;
      }
      if (!output.contains(range.startContainer) || !output.contains(range.endContainer)) {
        hint.textContent = "Select words inside the AI output.";
        return;
      }
      last = null;
      var start = offsetIn(output, range.startContainer, range.startOffset);
      var end = offsetIn(output, range.endContainer, range.endOffset);
      while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
      while (start < end && /\s/.test(text.charAt(start))) start += 1;
      if (start < 0 || end <= start) {
        hint.textContent = "First select some words in the output.";
        return;
      }
      add(start, end);
      if (sel) sel.removeAllRanges();
      hint.textContent = "Marked. Say why, or select more.";
    });
  }
  document.addEventListener("DOMContentLoaded", init);
})();
