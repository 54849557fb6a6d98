"""The review page's style and script, inlined into the page (plain CSS and JavaScript, no
library): the page must open offline, from a file, on whatever browser an office has.

The script keeps decisions in the browser's localStorage (keyed by the page's path) until the
reviewer downloads them as corrections.csv, whose columns are saraban.ingest.corrections.COLUMNS; a
value typed is checked as its column's kind before it is kept, as saraban.ingest.corrections checks it
again when the file is applied.
"""

from __future__ import annotations

STYLE = """
:root { --line: #d0d0d0; --ink: #1b1b1b; --muted: #5b5b5b; --now: #0b57d0; }
* { box-sizing: border-box; }
body { font-family: "Sarabun", "TH Sarabun New", "Noto Sans Thai", "Tahoma", sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1180px; padding: 0 16px 64px; line-height: 1.45; }
h1 { font-size: 1.4rem; margin: 16px 0 4px; } h2 { font-size: 1.15rem; margin: 20px 0 6px; }
h3 { font-size: 1rem; margin: 14px 0 6px; color: var(--muted); }
[hidden] { display: none !important; }
kbd { border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; font-size: .85em; }
.keys, #shown { color: var(--muted); font-size: .9rem; margin: 4px 0; }
.cards { display: flex; gap: 24px; } .cards p { margin: 0; } .cards b { font-size: 1.3rem; }
.summary-grid { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
table.codes { border-collapse: collapse; font-size: .85rem; } table.codes td { padding: 1px 8px; }
table.codes caption { text-align: left; font-weight: bold; }
svg.chart text { font-size: 11px; fill: var(--ink); } svg.chart .legend { font-size: 10px; }
#filters { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 0;
           z-index: 2; }
#filters label { margin-right: 10px; font-size: .9rem; } #filters select { max-width: 260px; }
ul.counts { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 6px; }
.code-count { border: 1px solid var(--line); background: #f7f7f7; border-radius: 12px; font-size: .8rem;
              cursor: pointer; }
article.item { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 12px;
               border: 1px solid var(--line); border-left: 5px solid #f0b400; border-radius: 4px;
               padding: 8px; margin: 8px 0; }
article.item.error { border-left-color: #c62828; } article.item.info { border-left-color: #7a7a7a; }
article.item.current { outline: 3px solid var(--now); outline-offset: 1px; }
article.item.decided { background: #f3faf4; }
.crop img.page { max-width: 340px; }
/* Items off screen are not laid out until scrolled to: a page of thousands opens at once. */
article.item { scroll-margin-top: 110px; content-visibility: auto; contain-intrinsic-size: auto 220px; }
.crop img { max-width: 100%; height: auto; border: 1px solid var(--line); background: #fafafa;
            min-height: 40px; }
.noimage { color: var(--muted); font-size: .85rem; }
.about p { margin: 2px 0; } .head .code { font-weight: bold; } .value b { font-size: 1.1rem; }
.message { font-size: .92rem; } .ef { color: var(--muted); font-size: .85rem; }
.badge { display: inline-block; font-size: .75rem; border-radius: 8px; padding: 0 6px; margin-left: 4px; }
.badge.done { background: #e0f2e9; } .badge.decision:empty { display: none; }
.badge.decision { background: #d9e7ff; }
table.row { font-size: .82rem; border-collapse: collapse; } table.row th { text-align: left; padding-right: 8px;
            color: var(--muted); font-weight: normal; }
form.correct { margin-top: 6px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
form.correct .why { color: #c62828; font-size: .85rem; width: 100%; }
"""

SCRIPT = r"""
(() => {
  "use strict";
  const COLUMNS = ["source_sha256", "document_id", "seq", "field", "value", "decision", "note", "reviewer",
                   "decided_at"];
  const STATUSES = ["awaiting_report", "in_progress", "completed", "unable_to_proceed", "empty"];
  const STORE = "saraban-review:" + location.pathname;
  const items = Array.from(document.querySelectorAll("article.item"));
  const sections = Array.from(document.querySelectorAll("section.document, section.file"));
  const $ = (id) => document.getElementById(id);
  const reviewer = $("reviewer");
  let decisions = {};
  try { decisions = JSON.parse(localStorage.getItem(STORE) || "{}"); } catch (e) { decisions = {}; }
  reviewer.value = localStorage.getItem("saraban-reviewer") || "";
  reviewer.addEventListener("input", () => localStorage.setItem("saraban-reviewer", reviewer.value));
  let current = null;

  function check(kind, typed) {
    const value = typed.trim();
    if (kind === "text") return [value, ""];
    if (kind === "integer" || kind === "dimension") {
      if (!/^[0-9]+$/.test(value)) return [null, "a whole number"];
      if (kind === "dimension" && !(+value >= 1 && +value <= 4)) return [null, "a dimension 1–4"];
      return [String(+value), ""];
    }
    if (kind === "decimal") {
      const plain = value.replace(/,/g, "");
      if (!/^-?[0-9]{1,16}(\.[0-9]{1,2})?$/.test(plain)) return [null, "an amount: digits, at most two decimals"];
      return [(+plain).toFixed(2), ""];
    }
    if (kind === "status") {
      return STATUSES.includes(value) ? [value, ""] : [null, "one of " + STATUSES.join(", ")];
    }
    if (kind === "date") {
      const day = new Date(value + "T00:00:00Z");
      if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value) || isNaN(day) || day.toISOString().slice(0, 10) !== value)
        return [null, "a date YYYY-MM-DD (Gregorian)"];
      return [value, ""];
    }
    return [null, "a value this page cannot check"];
  }

  function save() {
    localStorage.setItem(STORE, JSON.stringify(decisions));
    $("decided").textContent = Object.keys(decisions).length;
  }

  function decide(item, decision, field, value, note) {
    const d = item.dataset;
    const key = decision === "unreadable" ? "doc:" + d.doc : d.key;
    decisions[key] = {source_sha256: d.sha, document_id: d.doc, seq: decision === "unreadable" ? "" : d.seq,
                      field: field, value: value, decision: decision, note: note || "",
                      reviewer: reviewer.value.trim(), decided_at: new Date().toISOString(), item: d.key};
    save();
    show();
  }

  function show() {
    for (const item of items) {
      const d = item.dataset;
      const mine = decisions[d.key] || decisions["doc:" + d.doc];
      const badge = item.querySelector(".badge.decision");
      badge.textContent = mine ? (mine.decision === "correct" ? "corrected: " + mine.value : mine.decision) : "";
      item.classList.toggle("decided", !!mine);
    }
  }

  function visible() { return items.filter((item) => !item.hidden); }

  function filter() {
    const code = $("f-code").value, file = $("f-file").value, org = $("f-org").value, open = $("f-open").checked;
    let shown = 0;
    for (const item of items) {
      const d = item.dataset;
      const on = (!code || d.code === code) && (!file || d.file === file) && (!org || d.org === org)
        && (!open || (d.resolution !== "resolved" && !decisions[d.key] && !decisions["doc:" + d.doc]));
      item.hidden = !on;
      shown += on;
    }
    for (const section of sections) section.hidden = !section.querySelector("article.item:not([hidden])");
    $("shown").textContent = shown + (shown === 1 ? " item" : " items");
    if (current && current.hidden) setCurrent(null);
  }

  function setCurrent(item) {
    if (current) current.classList.remove("current");
    current = item;
    if (item) {
      item.classList.add("current");
      item.focus({preventScroll: true});
      item.scrollIntoView({block: "nearest"});
    }
  }

  function move(step) {
    const shown = visible();
    if (!shown.length) return;
    const at = shown.indexOf(current);
    const next = at < 0 ? (step > 0 ? 0 : shown.length - 1) : Math.min(shown.length - 1, Math.max(0, at + step));
    setCurrent(shown[next]);
  }

  function firstField(item) { return item.dataset.field.split(";")[0]; }

  function correct(item) {
    const old = item.querySelector("form.correct");
    if (old) old.remove();
    const fields = JSON.parse(item.dataset.fields || "[]");
    const form = document.createElement("form");
    form.className = "correct";
    if (!fields.length) {
      form.innerHTML = '<span class="why">This value cannot be corrected here: accept it (a), or mark the ' +
        'document unreadable (u).</span>';
      item.querySelector(".about").appendChild(form);
      return;
    }
    const select = document.createElement("select");
    select.name = "field";
    for (const [field, kind] of fields) select.add(new Option(field + " (" + kind + ")", field));
    const input = document.createElement("input");
    input.name = "value";
    input.setAttribute("aria-label", "corrected value");
    input.value = fields.length === 1 && !item.dataset.field.includes(";") ? item.dataset.value : "";
    const note = document.createElement("input");
    note.name = "note";
    note.placeholder = "note (optional)";
    const why = document.createElement("span");
    why.className = "why";
    form.append(select, input, note, why);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const kind = fields.find(([field]) => field === select.value)[1];
      const [value, wanted] = check(kind, input.value);
      if (value === null) { why.textContent = "Type " + wanted + "."; input.focus(); return; }
      decide(item, "correct", select.value, value, note.value.trim());
      form.remove();
      item.focus({preventScroll: true});
    });
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { form.remove(); item.focus({preventScroll: true}); }
      else if (event.key === "Enter") { event.preventDefault(); form.requestSubmit(); }
    });
    item.querySelector(".about").appendChild(form);
    input.focus();
    input.select();
  }

  function cell(value) {
    const text = value === undefined || value === null ? "" : String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function download() {
    const lines = [COLUMNS.join(",")];
    for (const decision of Object.values(decisions)) lines.push(COLUMNS.map((c) => cell(decision[c])).join(","));
    const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], {type: "text/csv;charset=utf-8"});
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "corrections.csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, select, textarea, form")) return;
    const key = event.key;
    if (key === "j") move(1);
    else if (key === "k") move(-1);
    else if (current && key === "a") decide(current, "accept", firstField(current), current.dataset.value, "");
    else if (current && key === "c") { event.preventDefault(); correct(current); }
    else if (current && key === "u") decide(current, "unreadable", "*", "", "");
    else return;
    event.preventDefault();
  });
  for (const id of ["f-code", "f-file", "f-org", "f-open"]) $(id).addEventListener("change", filter);
  for (const button of document.querySelectorAll(".code-count")) {
    button.addEventListener("click", () => { $("f-code").value = button.dataset.code; filter(); });
  }
  for (const item of items) item.addEventListener("click", () => setCurrent(item));
  $("download").addEventListener("click", download);
  save();
  show();
  window.sarabanReview = {ready: performance.now(), filter: filter};
})();
"""
