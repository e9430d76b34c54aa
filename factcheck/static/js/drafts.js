// factcheck: the verdict draft on the claim page is never lost. It is autosaved as it is
// typed, kept in this browser until a save succeeds, saved before any other form on the page
// posts (a post reloads the page, which would drop it), and put back after a sign-in.
// Progressive enhancement only: without this file the forms post as before.
(function () {
  "use strict";

  var PREFIX = "factcheck.draft.";
  var DELAY = 1500; // ms after typing stops

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  // Signing out on a shared computer leaves no draft behind in this browser.
  function forgetAll() {
    var s = store();
    if (!s) return;
    for (var i = s.length - 1; i >= 0; i--) {
      var k = s.key(i);
      if (k && k.indexOf(PREFIX) === 0) s.removeItem(k);
    }
  }

  var form = document.querySelector("form[data-draft-url]");
  var signOut = document.querySelector("form[action$='/logout']");
  if (!form) {
    if (signOut) signOut.addEventListener("submit", forgetAll);
    return;
  }

  var key = PREFIX + form.dataset.user + "." + form.dataset.claim;
  var status = form.querySelector("[data-draft-status]");
  var version = form.elements.verdict_version;
  var token = form.elements.csrf_token ? form.elements.csrf_token.value : "";
  var autosave = form.hasAttribute("data-autosave");
  var timer = null, inflight = null, halted = false, conflict = false;
  var leaving = false, passing = null;
  // The verdict version the typed text was written on: a copy restored later is saved against
  // it, so a save someone made meanwhile shows as a conflict instead of being overwritten.
  var base = version.value;

  function text() {
    return {
      rating_id: form.elements.rating_id.value,
      summary: form.elements.summary.value,
      rationale: form.elements.rationale.value
    };
  }

  function same(a, b) {
    function t(v) { return String(v || "").trim(); }
    return String(a.rating_id || "0") === String(b.rating_id || "0") &&
      t(a.summary) === t(b.summary) && t(a.rationale) === t(b.rationale);
  }

  // The text the server has, as far as this page knows; null when the page was sent back
  // with text the server does not have (a refused or conflicting save).
  var saved = form.hasAttribute("data-unsaved") ? null : text();

  function dirty() {
    return saved === null || !same(text(), saved);
  }

  function backup() {
    var s = store();
    if (!s) return;
    if (dirty()) {
      s.setItem(key, JSON.stringify({ text: text(), base: base, at: Date.now() }));
    } else {
      s.removeItem(key);
    }
  }

  function say(message) {
    status.textContent = message;
  }

  function clock(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function showConflict(other) {
    var box = document.querySelector("[data-draft-conflict]");
    box.querySelectorAll("[data-their]").forEach(function (el) {
      var field = el.dataset.their, value = other[field];
      if (field === "saved_at") value = new Date(value).toLocaleString();
      el.textContent = value === null || value === undefined ? "none" : value;
    });
    box.hidden = false;
  }

  // What the server answered, as a status line; true when the text is saved.
  function answered(code, body, sent) {
    if (code === 200) {
      version.value = base = String(body.version);
      saved = sent;
      backup();
      say((dirty() ? "Unsaved changes · last saved at " : "Saved at ") + clock(body.saved_at));
      var pending = document.querySelector("[data-draft-restored-note]");
      if (pending) pending.textContent = pending.textContent.replace("it is being saved now", "it is saved");
      return true;
    }
    if (code === 401) {
      halted = true;
      document.querySelector("[data-draft-expired]").hidden = false;
      say("Not saved: your session expired.");
    } else if (code === 409 && body.conflict) {
      halted = conflict = true;
      version.value = body.conflict.version; // saving by hand now replaces theirs knowingly
      showConflict(body.conflict);
      say("Not saved: " + body.error + " Autosave is paused until you save.");
    } else {
      say("Not saved: " + (body.error || "the server answered " + code + "."));
    }
    return false;
  }

  // Save the draft now; resolves true when the server has the text as it is.
  function save() {
    clearTimeout(timer);
    if (inflight) return inflight.then(function () { return dirty() ? save() : true; });
    if (!dirty()) return Promise.resolve(true);
    if (halted || !autosave) return Promise.resolve(false);
    var sent = text();
    var body = new FormData(form);
    say("Saving…");
    inflight = fetch(form.dataset.draftUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Accept": "application/json" }
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (json) {
        return answered(r.status, json, sent);
      });
    }, function () {
      say("Not saved: the server could not be reached. Your text is kept in this browser.");
      return false;
    }).then(function (ok) {
      inflight = null;
      return ok;
    });
    return inflight;
  }

  function later(ms) {
    clearTimeout(timer);
    if (autosave && !halted) timer = setTimeout(save, ms);
  }

  form.addEventListener("input", function () {
    backup();
    if (dirty() && !halted) say(autosave ? "Unsaved changes" : "Not saved yet");
    later(DELAY);
  });
  form.addEventListener("change", function () { backup(); later(DELAY); });
  form.addEventListener("focusout", function () { if (dirty()) later(0); });

  // Before any form on the page posts, the draft is saved (the post reloads the page); if the
  // save fails the form posts anyway and this browser's copy brings the text back. The verdict
  // form itself carries the text, so it only waits for a save under way (whose new version
  // it must send). Capture phase: this runs before any other submit handler.
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (f === passing || e.defaultPrevented) return;
    if (f === form) clearTimeout(timer);
    if (f === form ? !inflight : !dirty() && !inflight) {
      leaving = true;
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    var submitter = e.submitter;
    (f === form ? inflight : save()).then(function () {
      if (f === form && conflict) return; // a conflict appeared meanwhile: read it first
      leaving = true;
      passing = f;
      f.requestSubmit(submitter && submitter.form === f ? submitter : undefined);
      passing = null;
    });
  }, true);

  if (signOut) {
    signOut.addEventListener("submit", function (e) {
      if (dirty() && !window.confirm("Your verdict text is not saved. Sign out and remove it " +
          "from this browser?")) {
        e.preventDefault();
        leaving = false;
        return;
      }
      forgetAll();
    });
  }

  window.addEventListener("beforeunload", function (e) {
    if (leaving || !dirty()) return;
    e.preventDefault();
    e.returnValue = "";
  });
  document.querySelectorAll("[data-draft-login]").forEach(function (a) {
    a.addEventListener("click", function () { leaving = true; });
  });

  // A copy left in this browser (a session that expired, a post that never arrived) that
  // differs from what the server has goes back in the form and is saved again, against the
  // version it was written on: if someone saved since, that is a conflict, shown as such.
  var kept = null;
  try { kept = JSON.parse((store() && store().getItem(key)) || "null"); } catch (e) { kept = null; }
  if (kept && kept.text && !same(kept.text, text())) {
    form.elements.rating_id.value = kept.text.rating_id;
    if (form.elements.rating_id.value !== String(kept.text.rating_id)) {
      form.elements.rating_id.value = "0";
    }
    form.elements.summary.value = kept.text.summary || "";
    form.elements.rationale.value = kept.text.rationale || "";
    if (kept.base !== undefined && kept.base !== null && kept.base !== "") {
      version.value = base = String(kept.base);
    }
    var note = document.querySelector("[data-draft-restored]");
    note.querySelector("[data-draft-restored-note]").textContent = kept.at
      ? "It was typed at " + new Date(kept.at).toLocaleString() + (autosave ? "; it is being saved now." : ".")
      : "";
    note.hidden = false;
    backup();
    say(autosave ? "Unsaved changes" : "Not saved yet");
    later(0);
  } else if (kept && !form.hasAttribute("data-unsaved")) {
    store().removeItem(key); // the server has this text
  }
  if (document.querySelector(".conflict:not([data-draft-conflict])")) halted = conflict = true;
})();
