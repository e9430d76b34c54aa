// A running job's panel (templates/jobs/_panel.html) asks for the job's state every 1.5 s and
// shows it; when the job ends the page is loaded again, with what the job made. If the person
// has already ticked or typed something on the page, a reload would throw it away: the panel
// then offers the reload as a button instead.
(function () {
  "use strict";
  var panel = document.querySelector("[data-poll]");
  if (!panel) return;
  var url = panel.dataset.poll;
  var touched = false;
  function mark() { touched = true; }
  document.addEventListener("input", mark);
  document.addEventListener("change", mark);
  function ended() {
    if (!touched) { window.location.reload(); return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "small";
    button.textContent = "Show the results (reloads the page)";
    button.addEventListener("click", function () { window.location.reload(); });
    panel.appendChild(button);
  }
  function show(job) {
    panel.querySelector("[data-job-state]").textContent =
      job.state.charAt(0).toUpperCase() + job.state.slice(1);
    panel.querySelector("[data-job-message]").textContent = job.message || "";
    var bar = panel.querySelector("[data-job-progress]");
    bar.value = job.progress;
    bar.textContent = job.progress + "%";
  }
  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store", redirect: "manual" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (!job) return;
        show(job);
        if (job.finished) ended();
        else window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();

// A source whose copy is being captured (templates/archive/_capture.html, on the claim page)
// asks for its line again, more slowly as time passes, and puts the new one in its place,
// until the capture's job has ended: the page changes nowhere else, so nothing typed in it is
// lost. Without this script a reload shows the same.
(function () {
  "use strict";
  var FIRST = 2000;
  var SLOWEST = 15000;
  function follow(line, delay) {
    window.setTimeout(function () {
      fetch(line.dataset.capturePoll, { credentials: "same-origin", cache: "no-store", redirect: "manual" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null) return; // signed out, or the source was removed
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".capture");
          if (!fresh) return;
          line.replaceWith(fresh);
          if (fresh.dataset.capturePoll) follow(fresh, Math.min(delay * 1.5, SLOWEST));
        })
        .catch(function () { follow(line, SLOWEST); });
    }, delay);
  }
  document.querySelectorAll("[data-capture-poll]").forEach(function (line) { follow(line, FIRST); });
})();
