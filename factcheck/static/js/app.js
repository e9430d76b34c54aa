// factcheck: progressive enhancement only; every page works without this file.
(function () {
  "use strict";

  // Offset of (node, offset) in the article body, from the data-start of its segment.
  function bodyOffset(container, node, offset) {
    if (node === container) {
      var child = container.childNodes[offset];
      if (child && child.dataset) return Number(child.dataset.start);
      return Number(container.dataset.length);
    }
    var el = node.nodeType === 3 ? node.parentElement : node;
    var seg = el && el.closest("[data-start]");
    if (!seg || !container.contains(seg)) return null;
    var range = document.createRange();
    range.selectNodeContents(seg);
    range.setEnd(node, offset);
    return Number(seg.dataset.start) + range.toString().length;
  }

  function selectionIn(container) {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    var r = sel.getRangeAt(0);
    if (!container.contains(r.startContainer) || !container.contains(r.endContainer)) return null;
    var start = bodyOffset(container, r.startContainer, r.startOffset);
    var end = bodyOffset(container, r.endContainer, r.endOffset);
    if (start === null || end === null || end <= start) return null;
    return { start: start, end: end, text: sel.toString() };
  }

  // Article view: select text to add it as a claim.
  var article = document.getElementById("article-text");
  var bar = document.getElementById("selection-bar");
  if (article && bar) {
    var form = bar.querySelector("form");
    var preview = bar.querySelector("q");
    var button = bar.querySelector("button");
    var update = function () {
      var s = selectionIn(article);
      if (!s) return;
      form.elements.start.value = s.start;
      form.elements.end.value = s.end;
      preview.textContent = s.text.replace(/\s+/g, " ").trim();
      button.disabled = false;
      bar.hidden = false;
    };
    article.addEventListener("mouseup", update);
    article.addEventListener("keyup", update);
    document.addEventListener("selectionchange", function () {
      if (selectionIn(article)) update();
    });
  }

  // Claim page: pick the split point by placing the cursor in the claim's text.
  var splitText = document.getElementById("split-text");
  var splitAt = document.getElementById("at");
  if (splitText && splitAt) {
    var pick = function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0) return;
      var r = sel.getRangeAt(0);
      if (!splitText.contains(r.startContainer)) return;
      var pre = document.createRange();
      pre.selectNodeContents(splitText);
      pre.setEnd(r.startContainer, r.startOffset);
      splitAt.value = pre.toString().length;
    };
    splitText.addEventListener("mouseup", pick);
    splitText.addEventListener("keyup", pick);
  }

  // "Select all" boxes tick every checkbox with the named name.
  document.querySelectorAll("input[data-check-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll('input[type=checkbox][name="' + box.dataset.checkAll + '"]')
        .forEach(function (b) { b.checked = box.checked; });
    });
  });

  // Forms that undo published work ask first.
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.dataset.confirm)) e.preventDefault();
    });
  });

  // "/" jumps to the search box, as in most tools people already use.
  var search = document.querySelector("[data-search]");
  if (search) {
    document.addEventListener("keydown", function (e) {
      var tag = (e.target.tagName || "").toLowerCase();
      if (e.key === "/" && tag !== "input" && tag !== "textarea" && tag !== "select") {
        e.preventDefault();
        search.focus();
      }
    });
  }

  // Typing is activity: while someone writes (a rationale can take an hour without a click),
  // the session is kept from its idle timeout by a ping at most every KEEPALIVE_SECONDS.
  var alive = document.body.dataset.alive;
  if (alive) {
    var every = 1000 * Number(document.body.dataset.aliveEvery || 300), last = Date.now();
    document.addEventListener("input", function () {
      if (Date.now() - last < every) return;
      last = Date.now();
      fetch(alive, { credentials: "same-origin", cache: "no-store", redirect: "manual" });
    });
  }

  // Ctrl/Cmd+Enter submits the form being typed in.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.target.form) {
      e.preventDefault();
      e.target.form.requestSubmit();
    }
  });
})();
