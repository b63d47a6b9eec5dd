// Progressive enhancement only: every page works without this file.
// - the overview's figures refresh every 10 s (GET .../so-lieu.json);
// - the compose form previews the announcement as it is typed (POST .../xem-truoc);
// - an announcement's progress bar follows the delivery (GET .../tien-do.json).
"use strict";

(function () {
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      if (r.status === 401) { window.location.reload(); throw new Error("signed out"); }
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
  }

  function refreshFigures(box) {
    var url = box.getAttribute("data-refresh");
    function tick() {
      getJSON(url).then(function (data) {
        Object.keys(data.figures).forEach(function (key) {
          document.querySelectorAll('[data-figure="' + key + '"]').forEach(function (el) {
            el.textContent = data.figures[key];
          });
        });
        document.querySelectorAll('[data-figure="updated"]').forEach(function (el) {
          el.textContent = data.updated;
        });
      }).catch(function () {}).then(function () { window.setTimeout(tick, 10000); });
    }
    window.setTimeout(tick, 10000);
  }

  function livePreview(form) {
    var url = form.getAttribute("data-preview");
    var target = document.getElementById("preview");
    var counter = form.querySelector("[data-count]");
    var text = form.querySelector("textarea");
    var timer = null;
    var seq = 0;
    function update() {
      var body = new URLSearchParams(new FormData(form));
      var mine = ++seq;
      fetch(url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) { if (mine === seq) { target.innerHTML = html; } })
        .catch(function () {});
    }
    function changed() {
      if (counter) { counter.textContent = String(text.value.length); }
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 300);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.querySelector('input[name="at"]').addEventListener("focus", function () {
      form.querySelector('input[name="when"][value="at"]').checked = true;
    });
    if (text.value) { update(); }
  }

  function followProgress(box) {
    if (box.hasAttribute("data-final")) { return; }
    var url = box.getAttribute("data-progress");
    var bar = box.querySelector("progress");
    function tick() {
      getJSON(url).then(function (p) {
        bar.max = Math.max(p.total, 1);
        bar.value = p.total ? p.done : (p.status === "done" ? 1 : 0);
        box.querySelector("[data-done]").textContent = String(p.done);
        box.querySelector("[data-total]").textContent = String(p.total);
        ["sent", "skipped", "failed", "uncertain"].forEach(function (k) {
          box.querySelector('[data-count="' + k + '"]').textContent = p[k];
        });
        document.querySelectorAll("[data-status]").forEach(function (el) {
          el.textContent = p.status_label;
        });
        if (p.final) {
          // The delivery report with its reasons is on the page: load it once.
          window.location.reload();
          return;
        }
        window.setTimeout(tick, 1000);
      }).catch(function () { window.setTimeout(tick, 3000); });
    }
    window.setTimeout(tick, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-refresh]").forEach(refreshFigures);
    var compose = document.getElementById("compose");
    if (compose) { livePreview(compose); }
    document.querySelectorAll("[data-progress]").forEach(followProgress);
  });
})();
