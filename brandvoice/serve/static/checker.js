// The web checker: sends the draft to /v1/check, shows the score, the length against the
// channel's limit and each finding highlighted in the text; applies fixes with one click.
// Offsets from the API count code points; JavaScript strings count UTF-16 units, so the
// text is handled as an array of code points (Array.from).
"use strict";

const $ = (id) => document.getElementById(id);
const draft = $("draft");
let options = { channels: {}, defaults: {} };
let last = null; // the last check's text and result
let timer = null;
let sequence = 0;

function metadata() {
  const data = {};
  for (const name of ["channel", "department", "context"]) {
    const value = $(name).value.trim();
    if (value) data[name] = value;
  }
  const message = $("in-reply-to").value.trim();
  if (message) data.in_reply_to = message;
  return data;
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(data.message || `the service answered ${response.status}`);
  }
  return data;
}

function showConfigError(message) {
  const box = $("config-error");
  box.hidden = !message;
  box.textContent = message
    ? `The config could not be reloaded; the last good one is in use.\n${message}`
    : "";
}

async function refreshHealth() {
  try {
    showConfigError((await call("GET", "/healthz")).config_error);
  } catch (error) {
    showConfigError(String(error.message));
  }
}

function addOptions(select, values) {
  for (const value of values) {
    const option = document.createElement("option");
    option.value = option.textContent = value;
    select.append(option);
  }
}

async function loadOptions() {
  options = await call("GET", "/v1/options");
  if (options.persona) $("persona").textContent = `Checking against ${options.persona}.`;
  const channels = Object.keys(options.channels);
  addOptions($("channel"), channels);
  addOptions($("context"), options.contexts);
  for (const name of options.departments) {
    const option = document.createElement("option");
    option.value = name;
    $("departments").append(option);
  }
  const defaults = options.defaults || {};
  if (defaults.channel && channels.includes(defaults.channel.toLowerCase())) {
    $("channel").value = defaults.channel.toLowerCase();
  }
  // defaults.context is not chosen here: the server applies it when no context can be
  // read from the customer's message.
  if (defaults.department) $("department").value = defaults.department;
  updateCounter(null);
}

function updateCounter(length) {
  const counter = $("counter");
  const channel = $("channel").value;
  const profile = options.channels[channel];
  const count = length ? length.characters : Array.from(draft.value).length;
  const limit = length ? length.limit : profile && profile.limit;
  const word = count === 1 ? "character" : "characters";
  counter.textContent = limit
    ? `${count} of ${limit} ${word}${channel ? ` on ${channel}` : ""}`
    : `${count} ${word}`;
  counter.classList.toggle("over", Boolean(limit && count > limit));
}

function highlight(text, findings) {
  // Cut the text where any finding starts or ends; each piece is marked with the most
  // severe finding covering it.
  const chars = Array.from(text);
  const rank = { error: 3, warning: 2, suggestion: 1 };
  const cuts = new Set([0, chars.length]);
  findings.forEach((f) => { cuts.add(f.start); cuts.add(f.end); });
  const points = [...cuts].filter((p) => p >= 0 && p <= chars.length).sort((a, b) => a - b);
  const box = $("highlighted");
  box.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = chars.slice(start, end).join("");
    const covering = findings
      .map((f, index) => ({ f, index }))
      .filter(({ f }) => f.start <= start && end <= f.end && f.end > f.start);
    if (!covering.length) {
      box.append(piece);
      continue;
    }
    covering.sort((a, b) => rank[b.f.severity] - rank[a.f.severity]);
    const { f, index } = covering[0];
    const mark = document.createElement("mark");
    mark.className = f.severity;
    mark.textContent = piece;
    mark.title = f.message;
    mark.tabIndex = 0;
    mark.dataset.finding = String(index);
    mark.setAttribute("aria-describedby", `finding-${index}`);
    const show = () => focusFinding(index);
    mark.addEventListener("click", show);
    mark.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); show(); }
    });
    box.append(mark);
  }
  box.hidden = false;
}

function focusFinding(index) {
  document.querySelectorAll("#findings li").forEach((li) => li.classList.remove("current"));
  const item = $(`finding-${index}`);
  if (!item) return;
  item.classList.add("current");
  const button = item.querySelector("button");
  (button || item).focus();
}

function describeFix(finding) {
  const fix = finding.fix;
  return fix.replacement
    ? `Apply fix: “${finding.match}” → “${fix.replacement}”`
    : `Apply fix: remove “${finding.match}”`;
}

function applyOne(finding) {
  const chars = Array.from(last.text);
  const fix = finding.fix;
  draft.value = chars.slice(0, fix.start).join("") + fix.replacement +
    chars.slice(fix.end).join("");
  check();
  draft.focus();
}

// Errors first (the reasons a draft fails), then warnings, then suggestions; in the
// order they appear in the text within each. Each keeps its index in result.findings,
// which the highlights point to.
const SEVERITY_ORDER = { error: 0, warning: 1, suggestion: 2 };

function bySeverity(findings) {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => (SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity])
      || (a.index - b.index));
}

// Where the text goes: the service at this page's address (behind a proxy, the address
// people use), and that it keeps nothing (the service answers and forgets; docs/serve.md).
function showWhere() {
  const host = location.host;
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(location.hostname);
  $("where").textContent = host
    ? `Checked by the brandvoice service at ${host}${local ? " (this machine)" : ""}: ` +
      "what you type is sent there to be checked, and is not stored."
    : $("where").textContent;
}

function render(text, result) {
  last = { text, result };
  const verdict = $("verdict");
  verdict.textContent = result.passed ? "Passes" : "Fails";
  verdict.className = result.passed ? "passed" : "failed";
  const count = result.findings.length;
  $("score").textContent = `Score ${result.score} of 100 · ${count} finding${count === 1 ? "" : "s"}`;
  updateCounter(result.channel_length);
  const read = $("context-read");
  read.hidden = !result.context_inferred;
  read.textContent = result.context_inferred
    ? `Read as a ${result.context_inferred.context}: ${result.context_inferred.reason}.`
    : "";
  const tone = $("tone");
  tone.hidden = !result.tone;
  tone.textContent = result.tone
    ? `Politeness ${result.tone.politeness.toFixed(2)} (0 rude, 1 very polite): ` +
      `${result.tone.summary}.`
    : "";
  highlight(text, result.findings);
  const list = $("findings");
  list.replaceChildren();
  bySeverity(result.findings).forEach(({ finding, index }) => {
    const item = document.createElement("li");
    item.id = `finding-${index}`;
    item.className = finding.severity;
    item.tabIndex = -1;
    const severity = document.createElement("span");
    severity.className = "severity";
    severity.textContent = finding.severity;
    const message = document.createElement("span");
    message.textContent = ` ${finding.message} `;
    const rule = document.createElement("span");
    rule.className = "rule";
    rule.textContent = finding.rule + (finding.owner ? ` (${finding.owner})` : "") +
      (finding.also && finding.also.length ? ` (also: ${finding.also.join(", ")})` : "");
    item.append(severity, message, rule);
    if (finding.suggestions && finding.suggestions.length) {
      const tips = document.createElement("div");
      tips.textContent = `Try: ${finding.suggestions.join(", ")}`;
      item.append(tips);
    }
    if (finding.fix) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = describeFix(finding);
      button.addEventListener("click", () => applyOne(finding));
      item.append(button);
    }
    list.append(item);
  });
  $("fix-all").disabled = !result.findings.some((f) => f.fix);
}

async function check() {
  const text = draft.value;
  const mine = ++sequence;
  if (!text.trim()) {
    $("verdict").textContent = "No check yet";
    $("verdict").className = "";
    $("score").textContent = "Type or paste a reply and press Check (or Ctrl+Enter).";
    $("highlighted").hidden = true;
    $("context-read").hidden = true;
    $("findings").replaceChildren();
    $("fix-all").disabled = true;
    updateCounter(null);
    return;
  }
  $("result").setAttribute("aria-busy", "true");
  try {
    const result = await call("POST", "/v1/check", { text, ...metadata() });
    if (mine === sequence) render(text, result);
  } catch (error) {
    if (mine === sequence) {
      $("verdict").textContent = "Could not check";
      $("verdict").className = "failed";
      $("score").textContent = error.message;
    }
  } finally {
    $("result").setAttribute("aria-busy", "false");
    refreshHealth();
  }
}

async function fixAll() {
  try {
    const fixed = await call("POST", "/v1/fix", { text: draft.value, ...metadata() });
    draft.value = fixed.text;
    render(fixed.text, fixed.draft);
    draft.focus();
  } catch (error) {
    $("score").textContent = error.message;
  }
}

$("form").addEventListener("submit", (event) => { event.preventDefault(); check(); });
$("fix-all").addEventListener("click", fixAll);
draft.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    check();
  }
});
draft.addEventListener("input", () => {
  updateCounter(null);
  clearTimeout(timer);
  timer = setTimeout(check, 600);
});
for (const name of ["channel", "department", "context", "in-reply-to"]) {
  $(name).addEventListener("change", check);
}
showWhere();
loadOptions().then(refreshHealth).catch((error) => showConfigError(error.message));
