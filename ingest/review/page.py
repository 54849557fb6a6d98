"""The review page's HTML: pure functions from items and the batch summary to one static page.

Everything the page needs is in the file or beside it (the crops folder): no server, no CDN,
so it opens from a USB stick on an office PC. Items are rendered as HTML here, not built by
script in the browser: the page shows at once, and its script only filters, moves and records
decisions. Images load lazily (``loading="lazy"``): a batch of thousands of flags opens as fast
as one of ten.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape

from saraban.ingest.review.gather import STATUS_ORDER, UNFLAGGED, Batch, Item
from saraban.ingest.review.template import SCRIPT, STYLE

# Status colours of the chart (colour-blind safe: Okabe–Ito).
STATUS_COLOURS = {"awaiting_report": "#E69F00", "in_progress": "#56B4E9", "completed": "#009E73",
                  "unable_to_proceed": "#D55E00", "empty": "#999999"}
STATUS_LABELS = {"awaiting_report": "รอรายงาน awaiting report", "in_progress": "อยู่ระหว่างดำเนินการ in progress",
                 "completed": "แล้วเสร็จ completed", "unable_to_proceed": "ไม่สามารถดำเนินการได้ unable",
                 "empty": "no single tick"}


def render_page(items: Sequence[Item], batch: Batch, images: Mapping[str, str], title: str) -> str:
    """The whole page: summary, filters, the items grouped by file and document."""
    codes = Counter(i.code for i in items)
    files = list(dict.fromkeys(i.source_file for i in items))
    organizations = sorted({i.organization for i in items if i.organization})
    return "\n".join([
        "<!doctype html>",
        '<html lang="th"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f'<header><h1>{escape(title)}</h1>',
        '<p class="keys">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>a</kbd> accept the value as read, '
        '<kbd>c</kbd> correct it (<kbd>Enter</kbd> saves, <kbd>Esc</kbd> cancels), <kbd>u</kbd> mark the document '
        'unreadable. Decisions are kept in this browser until you download them.</p>',
        '<p class="actions"><label>Reviewer <input id="reviewer" autocomplete="name" placeholder="your name"></label> '
        '<button id="download" type="button">Download corrections.csv (<span id="decided">0</span>)</button></p>',
        "</header>",
        summary_html(batch),
        filters_html(codes, files, organizations),
        f'<p id="shown" aria-live="polite">{len(items)} items</p>',
        '<main id="items">',
        items_html(items, images),
        "</main>",
        f"<script>{SCRIPT}</script></body></html>",
    ])


def summary_html(batch: Batch) -> str:
    flags = "".join(f"<tr><td><code>{escape(code)}</code></td><td>{n}</td></tr>"
                    for code, n in sorted(batch.flags.items(), key=lambda kv: (-kv[1], kv[0])))
    return (
        '<section id="summary"><h2>Batch</h2><div class="cards">'
        f'<p><b id="n-files">{batch.files}</b> files</p><p><b id="n-documents">{batch.documents}</b> documents</p>'
        f'<p><b id="n-records">{batch.records}</b> records</p>'
        f'<p><b id="n-flags">{sum(batch.flags.values())}</b> flags</p></div>'
        f'<div class="summary-grid"><table class="codes"><caption>Flags by code</caption>{flags}</table>'
        f"{status_chart(batch.statuses)}</div></section>"
    )


def status_chart(statuses: Mapping[str, Counter[str]], width: int = 640, bar: int = 18) -> str:
    """Per organization, its rows by status as one stacked bar (inline SVG, no script)."""
    if not statuses:
        return ""
    label_width, gap = 230, 6
    most = max(sum(c.values()) for c in statuses.values()) or 1
    scale = (width - label_width - 50) / most
    height = len(statuses) * (bar + gap) + 34
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             'aria-label="Rows by status per organization"><title>Rows by status per organization</title>']
    for n, (organization, counts) in enumerate(statuses.items()):
        y = n * (bar + gap)
        parts.append(f'<text x="{label_width - 6}" y="{y + bar - 4}" text-anchor="end">'
                     f"{escape(_short(organization))}</text>")
        x = float(label_width)
        for status in STATUS_ORDER:
            if counts.get(status):
                w = counts[status] * scale
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                             f'fill="{STATUS_COLOURS[status]}"><title>{escape(organization)}: '
                             f"{escape(STATUS_LABELS[status])} {counts[status]}</title></rect>")
                x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar - 4}">{sum(counts.values())}</text>')
    y = len(statuses) * (bar + gap) + 8
    x = 0.0
    for status in STATUS_ORDER:
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{STATUS_COLOURS[status]}"/>'
                     f'<text x="{x + 16}" y="{y + 11}" class="legend">{escape(status)}</text>')
        x += 16 + 7.2 * len(status) + 14
    parts.append("</svg>")
    return "".join(parts)


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def filters_html(codes: Counter[str], files: Sequence[str], organizations: Sequence[str]) -> str:
    code_options = "".join(f'<option value="{escape(c)}">{escape(c)} ({n})</option>'
                           for c, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0])))
    file_options = "".join(f'<option value="{n}">{escape(_basename(f))}</option>' for n, f in enumerate(files))
    org_options = "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in organizations)
    counts = "".join(f'<li><button type="button" class="code-count" data-code="{escape(c)}">'
                     f'<code>{escape(c)}</code> <span>{n}</span></button></li>'
                     for c, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0])))
    return (
        '<nav id="filters" aria-label="Filters">'
        f'<label>Flag <select id="f-code"><option value="">all codes</option>{code_options}</select></label> '
        f'<label>File <select id="f-file"><option value="">all files</option>{file_options}</select></label> '
        f'<label>Organization <select id="f-org"><option value="">all organizations</option>{org_options}'
        "</select></label> "
        '<label><input type="checkbox" id="f-open"> open only</label>'
        f'<ul class="counts">{counts}</ul></nav>'
    )


def _basename(path: str) -> str:
    return path.rsplit("/", 1)[-1] or path


def items_html(items: Sequence[Item], images: Mapping[str, str]) -> str:
    """The items in sections per file and per document (they come sorted so)."""
    files = {f: n for n, f in enumerate(dict.fromkeys(i.source_file for i in items))}
    out: list[str] = []
    current_file = current_document = None
    for item in items:
        if item.source_file != current_file:
            if current_file is not None:
                out.append("</section></section>")
            current_file, current_document = item.source_file, None
            out.append(f'<section class="file"><h2 title="{escape(item.source_file)}">'
                       f"{escape(_basename(item.source_file))}</h2>")
        if item.document_id != current_document:
            if current_document is not None:
                out.append("</section>")
            current_document = item.document_id
            out.append(f'<section class="document"><h3>{escape(item.document_kind or "document")} '
                       f"<code>{escape(item.document_id)}</code> {escape(item.organization)}</h3>")
        out.append(item_html(item, files[item.source_file], images.get(item.key)))
    if items:
        out.append("</section></section>")
    return "\n".join(out)


def item_html(item: Item, file_number: int, image: str | None) -> str:
    data = {
        "key": item.key, "code": item.code, "file": str(file_number), "org": item.organization,
        "sha": item.source_sha256, "doc": item.document_id, "seq": "" if item.seq is None else str(item.seq),
        "field": item.field, "value": item.value, "fields": json.dumps(item.correctable, ensure_ascii=False),
        "resolution": item.resolution,
    }
    attributes = " ".join(f'data-{k}="{escape(v)}"' for k, v in data.items())
    whole = ' class="page"' if item.place is not None and item.place.bbox is None else ""
    picture = (f'<img{whole} loading="lazy" decoding="async" src="{escape(image)}" alt="the place on page '
               f'{item.place.page if item.place else ""}">' if image else '<p class="noimage">no picture (text input, '
               "or the file has moved)</p>")
    where = f"page {item.place.page}" if item.place else ""
    seq = f"row {item.seq}" if item.seq is not None else "the document"
    row = "".join(f"<tr><th>{escape(c)}</th><td>{escape(v)}</td></tr>" for c, v in item.row)
    decided = f'<span class="badge done">resolved: {escape(item.decided)}</span>' if item.decided else ""
    severity = "info" if item.code == UNFLAGGED else item.severity
    return (
        f'<article class="item {escape(severity)}" tabindex="-1" {attributes}>'
        f'<div class="crop">{picture}</div><div class="about">'
        f'<p class="head"><code class="code">{escape(item.code)}</code> {escape(seq)}, '
        f"<span class=\"field\">{escape(item.field)}</span> <span class=\"where\">{escape(where)}</span> "
        f'{decided}<span class="badge decision"></span></p>'
        f'<p class="value">Read: <b>{escape(item.value) or "—"}</b></p>'
        f'<p class="message">{escape(item.message)}</p>'
        f'<p class="ef">expected <q>{escape(item.expected)}</q> · found <q>{escape(item.found)}</q></p>'
        + (f'<details><summary>the row</summary><table class="row">{row}</table></details>' if row else "")
        + "</div></article>"
    )
