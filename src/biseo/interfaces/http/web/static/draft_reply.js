// 보낼 문안 follows the editor as the official types (the page works without this file: export and
// save convert the text on the server, and the 보낼 문안 새로 고침 button shows it).
(function () {
  "use strict";
  var editor = document.getElementById("final-text");
  var outgoing = document.getElementById("outgoing");
  var unfilled = document.getElementById("unfilled");
  if (!editor || !outgoing || !window.fetch) { return; }
  var form = editor.form;
  var timer = null;

  function show(data) {
    outgoing.value = data.text;
    if (!unfilled) { return; }
    unfilled.hidden = data.unfilled.length === 0;
    unfilled.textContent = data.unfilled.length ? "보내기 전에 채울 곳: " + data.unfilled.join(", ") : "";
  }

  function refresh() {
    var body = new URLSearchParams();
    body.set("text", editor.value);
    body.set("audit_id", form.elements.audit_id.value);
    body.set("csrf_token", form.elements.csrf_token.value);
    fetch("/drafts/outgoing", { method: "POST", headers: { "Accept": "application/json" }, body: body })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { show(data); } })
      .catch(function () { /* the server-side conversion on export still applies */ });
  }

  editor.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 300);
  });
})();
