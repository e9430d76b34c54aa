// A running job's panel (templates/jobs/_panel.html) asks for the job's state every 1.5 s and
// shows it; when the job ends the page is loaded again, with what the job made.
(function () {
  "use strict";
  var panel = document.querySelector("[data-poll]");
  if (!panel) return;
  var url = panel.dataset.poll;
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
        if (job.finished) window.location.reload();
        else window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
