/**
 * The offline queue of questionnaires (issue 5), served as /survey-queue.js to pages with a
 * `form[data-survey-queue]`. Without a network, submitting keeps the posted fields in the
 * browser (localStorage) instead of losing them; when the connection returns, each is sent once
 * to the same address. The form's hidden `submissionId` makes a repeat harmless: the server
 * stores one response per id. A submission the server refuses (4xx: link used, answers no longer
 * valid) is not retried; the page says so. Sent entries are removed at once. A staff form whose
 * post did not end on the case page (the session ran out: the sign-in page) stays queued until
 * the user has signed in again.
 */
export const SURVEY_QUEUE_SOURCE = `(function () {
var KEY = "lotse-survey-queue";
function load() { try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; } }
function save(q) { try { localStorage.setItem(KEY, JSON.stringify(q)); } catch (e) {} }
function say(kind, count) {
var box = document.getElementById("survey-queue-status");
if (!box) return;
var text = box.getAttribute("data-msg-" + kind) || "";
box.textContent = text.replace("#", (count || 0).toLocaleString(document.documentElement.lang || undefined));
box.hidden = false;
box.setAttribute("data-state", kind);
}
document.addEventListener("submit", function (e) {
var form = e.target;
if (!form || !form.matches || !form.matches("form[data-survey-queue]")) return;
if (e.submitter && e.submitter.name === "_add") return;
if (navigator.onLine) return;
e.preventDefault();
// files cannot wait in localStorage: a form with a chosen file is sent online only (decision 116)
var inputs = form.querySelectorAll("input[type=file]");
for (var f = 0; f < inputs.length; f++) if (inputs[f].files && inputs[f].files.length) { say("files", 0); return; }
var idField = form.querySelector("input[name=submissionId]");
var id = idField ? idField.value : String(Date.now());
var q = load();
var body = new URLSearchParams(new FormData(form)).toString();
if (!q.some(function (x) { return x.id === id; })) q.push({ id: id, url: form.action, body: body, at: Date.now() });
save(q);
var buttons = form.querySelectorAll("button[type=submit]");
for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
say("queued", q.length);
}, true);
var busy = false;
function flush() {
if (busy || !navigator.onLine) return;
var q = load();
if (!q.length) return;
busy = true;
var item = q[0];
say("sending", q.length);
fetch(item.url, { method: "POST", body: item.body, credentials: "same-origin", redirect: "follow",
headers: { "content-type": "application/x-www-form-urlencoded", "x-lotse-queue": "1" } })
.then(function (res) {
if (res.status >= 500) return;
if (res.ok && item.url.indexOf("/staff/") >= 0 && (res.url || "").indexOf("notice=survey_") < 0) { say("signin", 0); return "wait"; }
save(load().filter(function (x) { return x.id !== item.id; }));
if (res.ok) say("sent", 1); else say("conflict", res.status);
})
.catch(function () {})
.then(function (state) { busy = false; if (state !== "wait" && load().length && navigator.onLine) setTimeout(flush, 2000); });
}
window.addEventListener("online", flush);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", flush); else flush();
setInterval(flush, 30000);
})();
`;
