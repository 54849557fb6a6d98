"""A bundle as HTML pages for the browser to print: the cover memo and the progress report.

Pure: the bundle, the style and the font files in, a string out. The report comes in three
variants that lay out identically (marks sit in fixed-size boxes, colours do not move anything):
"digital" (every mark printed), "scan" (pen ticks left out, to be drawn on the raster) and
"marker" (as digital, with each body cell's background a colour that names its row and column,
so the cells can be found in the print without reading its text).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape
from pathlib import Path

from synth import vocab
from synth.browser.locate import marker_rgb
from synth.browser.style import BrowserStyle
from synth.browser.ticks import png_tick_uri, tick_cell
from synth.content import STATUSES, Bundle, ProjectRow
from synth.render_report import COLUMNS
from synth.thaitext import be_year, digits, money, thai_date

VARIANTS = ("digital", "scan", "marker")
MEMO_HEAD_MM = 24.0  # emblem and title band above ส่วนราชการ: where the receiving stamp may go
EMBLEM_MM = 15.0


@dataclass(frozen=True)
class Typefaces:
    """Font files the HTML points at (file:// URLs)."""

    body_regular: Path
    body_bold: Path
    memo_regular: Path
    memo_bold: Path
    symbol: Path


def report_title(bundle: Bundle) -> tuple[str, str]:
    """render_report's title, as two halves: the plan, then ของ<organization> and the round."""
    report, thai = bundle.report, bundle.report.thai_digits
    return ("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต",
            f"ของ{bundle.organization.name} พ.ศ. {digits(str(report.fiscal_year), thai)} "
            f"รอบ {digits(str(report.round_months), thai)} เดือน")


def summary_lines(bundle: Bundle) -> list[tuple[str, bool]]:
    """(text, bold) lines after the table: render_report's _summary wording, which the parser
    knows, word for word."""
    report, stated, thai = bundle.report, bundle.report.stated, bundle.report.thai_digits

    def n(value: object) -> str:
        return digits(str(value), thai)

    as_of = thai_date(stated.as_of.day, stated.as_of.month, be_year(stated.as_of.year), thai)
    lines: list[tuple[str, bool]] = []
    if report.problems:
        lines += [("ปัญหา อุปสรรค และข้อเสนอแนะ", True), (report.problems, False)]
    lines += [
        ("สรุปผลการขับเคลื่อนแผนฯ", True),
        (f"- แผนปฏิบัติการป้องกันการทุจริต มีโครงการ/กิจกรรม/มาตรการ จำนวน {n(stated.total)} โครงการ", False),
        (f"- รอการรายงาน {n(stated.awaiting_report)} โครงการ", False),
        (f"- อยู่ระหว่างดำเนินการ {n(stated.in_progress)} โครงการ", False),
        (f"- ดำเนินการแล้วเสร็จ {n(stated.completed)} โครงการ", False),
        (f"- ไม่สามารถดำเนินการได้ {n(stated.unable_to_proceed)} โครงการ", False),
        (f"- เบิกจ่ายงบประมาณ {money(stated.disbursed, thai)} บาท คิดเป็นร้อยละ {n(f'{stated.disbursed_percent:.2f}')}", False),
        (f"- มีการนำแผนฯ ไปปฏิบัติ ระดับ ({stated.implementation_level}) ร้อยละ "
         f"{n(f'{stated.implementation_percent:.2f}')}", False),
        (f"** ข้อมูล ณ วันที่ {as_of}", False),
        (f"ชื่อ - สกุล ผู้รายงาน {report.reporter.name} ตำแหน่ง {report.reporter.position}", False),
        ("คำอธิบาย", True),
    ]
    lines += [(f"มิติ {n(k)} {text}", False) for k, text in vocab.DIMENSION_LEGEND.items()]
    return lines


def _font_faces(family: str, regular: Path, bold: Path) -> str:
    return "".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); font-weight: {weight}; }}\n'
        for path, weight in ((regular, 400), (bold, 700)))


def _page_css(orientation: str, margins_mm: tuple[float, float, float, float]) -> str:
    top, right, bottom, left = margins_mm
    return (f"@page {{ size: A4 {orientation}; margin: {top}mm {right}mm {bottom}mm {left}mm; }}\n"
            # Backgrounds (shading, markers) are printed, as "Background graphics" ticked.
            "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n")


# --- the report --------------------------------------------------------------------------------

def report_html(bundle: Bundle, style: BrowserStyle, faces: Typefaces, variant: str, seed: int) -> str:
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, got {variant!r}")
    report = bundle.report
    thai = report.thai_digits
    png_uri = png_tick_uri(random.Random(f"{seed}:browser-png-tick"))
    first, second = report_title(bundle)
    title = f"{escape(first)}<br>{escape(second)}" if style.title_lines == 2 else escape(f"{first} {second}")
    body_rows = "\n".join(_row(index, row, style, variant, thai, png_uri, seed) for index, row in enumerate(report.rows))
    summary = "\n".join(f'<p class="{"sb" if bold else "s"}">{escape(text)}</p>' for text, bold in summary_lines(bundle))
    return f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>e-PlanNACC</title>
<style>
{_page_css(style.orientation, style.margins_mm)}{_font_faces("ReportBody", faces.body_regular, faces.body_bold)}\
@font-face {{ font-family: "TickSymbol"; src: url("{faces.symbol.as_uri()}"); }}
{_report_css(style)}</style></head>
<body>
<div class="title">{title}</div>
<table class="report">
<colgroup>{"".join(f'<col style="width:{100 * share:.2f}%">' for share in style.column_shares)}</colgroup>
{_head(style)}
<tbody>
{body_rows}
</tbody>
</table>
<div class="summary">
{summary}
</div>
</body></html>
"""


def _report_css(style: BrowserStyle) -> str:
    line_height = "normal" if style.line_height is None else f"{style.line_height}"
    vpad, hpad = style.cell_padding_px
    rule = f"{style.border_px}px solid {style.border_colour}"
    shading = f"background: {style.header_shading};" if style.header_shading else ""
    split = "" if style.rows_may_split else "tr { break-inside: avoid; page-break-inside: avoid; }"
    return f"""body {{ margin: 0; font-family: "ReportBody"; font-size: {style.font_size_pt}pt; line-height: {line_height}; color: #000; }}
.title {{ font-size: {style.title_size_pt}pt; font-weight: 700; text-align: center; margin: 0 0 0.6em 0; }}
table.report {{ width: 100%; border-collapse: collapse; }}
thead {{ display: table-header-group; }}
th, td {{ border: {rule}; padding: {vpad}px {hpad}px; vertical-align: {style.valign}; }}
th {{ font-weight: 700; text-align: center; vertical-align: middle; {shading} }}
{split}
td.c {{ text-align: center; white-space: nowrap; }}
td.n {{ text-align: right; white-space: nowrap; }}
.tk {{ position: relative; width: 1.1em; height: 1.1em; margin: 0 auto; }}
.tg {{ position: absolute; left: -0.5em; right: -0.5em; top: 0; line-height: 1.1em; text-align: center; }}
.sym {{ font-family: "TickSymbol"; }}
.tv {{ position: absolute; left: 0; top: 0; width: 100%; height: 100%; overflow: visible; }}
.summary {{ margin-top: 1em; }}
.summary p {{ margin: 0; }}
.summary p.sb {{ font-weight: 700; margin-top: 0.3em; }}
"""


def _head(style: BrowserStyle) -> str:
    labels = {key: "<br>".join(escape(line) for line in lines) for key, lines in zip(COLUMNS, style.header_labels)}
    spanning = "".join(f'<th rowspan="2">{labels[key]}</th>' for key in COLUMNS[:5])
    statuses = "".join(f"<th>{labels[key]}</th>" for key in STATUSES)
    return (f'<thead>\n<tr>{spanning}<th colspan="4">สถานะ</th><th rowspan="2">{labels["remarks"]}</th></tr>\n'
            f"<tr>{statuses}</tr>\n</thead>")


def _row(index: int, row: ProjectRow, style: BrowserStyle, variant: str, thai: bool, png_uri: str, seed: int) -> str:
    kind = style.tick_style_of(index)
    texts = {
        "seq": ("c", escape(digits(str(row.seq), thai))),
        "project_name": ("", escape(row.project_name)),
        "dimension": ("c", escape(digits(str(row.dimension), thai))),
        "budget": ("n", escape(money(row.budget, thai))),
        "disbursed": ("n", escape(money(row.disbursed, thai))),
        "remarks": ("", escape(row.remarks)),
    }
    cells = []
    for column, key in enumerate(COLUMNS):
        if key in STATUSES:
            # Its own stream per cell: a freehand tick is the same in every variant.
            rng = random.Random(f"{seed}:browser-tick:{index}:{key}")
            css, content = "c", tick_cell(kind, key in row.ticks, pen_on_raster=variant == "scan", rng=rng, png_uri=png_uri)
        else:
            css, content = texts[key]
        attributes = f' class="{css}"' if css else ""
        if variant == "marker":
            attributes += ' style="background: rgb({}, {}, {})"'.format(*marker_rgb(index, column))
        cells.append(f"<td{attributes}>{content}</td>")
    return f"<tr>{''.join(cells)}</tr>"


# --- the memo ----------------------------------------------------------------------------------

def memo_html(bundle: Bundle, style: BrowserStyle, faces: Typefaces, size_pt: float) -> str:
    """The cover memo in the official layout; ``size_pt`` is the body size (shrunk by the caller
    until the memo fits one page, as a clerk would)."""
    memo = bundle.memo
    dotted = "text-decoration: underline dotted; text-underline-offset: 0.3em;" if style.memo_dotted else ""
    signatures = "\n".join(_signature(i, person.name, person.position) for i, person in enumerate(memo.signatories))
    paragraphs = "\n".join(f'<p class="para">{escape(text)}</p>' for text in memo.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>บันทึกข้อความ</title>
<style>
{_page_css("portrait", style.memo_margins_mm)}{_font_faces("MemoBody", faces.memo_regular, faces.memo_bold)}\
body {{ margin: 0; font-family: "MemoBody"; font-size: {size_pt}pt; line-height: 1.25; color: #000; }}
.head {{ position: relative; height: {MEMO_HEAD_MM}mm; }}
.emblem {{ position: absolute; left: 0; top: 0; width: {EMBLEM_MM}mm; height: {EMBLEM_MM}mm; }}
.memo-title {{ position: absolute; left: 0; right: 0; top: {EMBLEM_MM * 0.25}mm; text-align: center;
  font-weight: 700; font-size: {size_pt * 1.8:.1f}pt; line-height: 1; }}
p {{ margin: 0; }}
.label {{ font-weight: 700; font-size: {size_pt + 2}pt; }}
.value {{ {dotted} }}
.same-line {{ display: flex; }}
.same-line > .number {{ width: 50%; }}
.gap {{ height: 0.6em; }}
.para {{ text-indent: 25mm; text-align: justify; }}
.closing {{ text-indent: 25mm; margin-top: 0.5em; }}
.sign {{ width: 60%; text-align: center; margin-top: 2.6em; break-inside: avoid; }}
.sign.right {{ margin-left: 40%; }}
</style></head>
<body>
<div class="head">{_emblem()}<div class="memo-title">บันทึกข้อความ</div></div>
<p><span class="label">ส่วนราชการ</span> <span class="value">{escape(memo.agency)}</span></p>
<div class="same-line"><p class="number"><span class="label">ที่</span> <span class="value">{escape(memo.doc_number_printed)}</span></p>\
<p class="date"><span class="label">วันที่</span> <span class="value">{escape(memo.date_printed)}</span></p></div>
<p><span class="label">เรื่อง</span> <span class="value">{escape(memo.subject)}</span></p>
<div class="gap"></div>
<p><span class="label">เรียน</span> {escape(memo.addressee)}</p>
{paragraphs}
<p class="closing">{escape(memo.closing)}</p>
{signatures}
</body></html>
"""


def _signature(index: int, name: str, position: str) -> str:
    # The author signs on the right; superiors' endorsements alternate left and right below.
    side = "right" if index % 2 == 0 else "left"
    return f'<div class="sign {side}"><p>({escape(name)})</p><p>{escape(position)}</p></div>'


def _emblem() -> str:
    """A stand-in for the Garuda: a dark disc with a wing-like band (no real emblem image)."""
    return ('<svg class="emblem" viewBox="0 0 100 100">'
            '<circle cx="50" cy="22" r="14" fill="#161616"/>'
            '<path d="M2 30 L50 48 L98 30 L82 70 L50 60 L18 70 Z" fill="#161616"/>'
            '<path d="M36 58 L64 58 L58 100 L42 100 Z" fill="#161616"/></svg>')
