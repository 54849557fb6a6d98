"""The e-PlanNACC progress report: title, a ruled two-row-header table continued over pages,
then the summary block (สรุปผลการขับเคลื่อนแผนฯ) and the legend of มิติ 1-4."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import ImageDraw

from synth import vocab
from synth.content import STATUSES, Bundle, ProjectRow
from synth.draw import TICK_STYLES, TONER, Box, empty_box, text_in_box, text_line, tick
from synth.fonts import Face, FontBook
from synth.pages import RenderedPage, RowBoxes, blank_page
from synth.thaitext import be_year, digits, money, thai_date, wrap, wrap_tokens

COLUMNS = ("seq", "project_name", "dimension", "budget", "disbursed", *STATUSES, "remarks")
# Status headers as words, since the tokenizer keeps แล้วเสร็จ whole and would break it mid-word.
STATUS_WORDS = (("รอ", "รายงาน"), ("อยู่", "ระหว่าง", "ดำเนิน", "การ"), ("ดำเนิน", "การ", "แล้ว", "เสร็จ"),
                ("ไม่", "สามารถ", "ดำเนิน", "การ", "ได้"))
FRACTIONS = {
    "portrait": (0.05, 0.36, 0.04, 0.11, 0.11, 0.055, 0.055, 0.055, 0.055, 0.11),
    "landscape": (0.04, 0.38, 0.035, 0.09, 0.09, 0.05, 0.05, 0.05, 0.05, 0.135),
}


@dataclass(frozen=True)
class ReportStyle:
    orientation: str
    family: str
    size_pt: float
    line_px: int
    repeat_header: bool
    tick_style: str
    valign: str
    browser_chrome: bool  # the date, URL and page number a browser prints in the margins
    fractions: tuple[float, ...]
    margin_in: float


def choose_style(rng: random.Random, fonts: FontBook, dpi: int) -> ReportStyle:
    orientation = "landscape" if rng.random() < 0.4 else "portrait"
    families = fonts.families()
    family = "Laksaman" if rng.random() < 0.65 or len(families) == 1 else rng.choice(families)
    fractions = [f * rng.uniform(0.9, 1.1) for f in FRACTIONS[orientation]]
    total = sum(fractions)
    return ReportStyle(
        orientation=orientation,
        family=family,
        size_pt=rng.uniform(11.5, 13.5),
        line_px=max(1, min(3, round(rng.choice((1, 2, 2, 3)) * dpi / 300))),
        repeat_header=rng.random() < 0.7,
        tick_style=rng.choice(TICK_STYLES[:4]) if rng.random() < 0.9 else "hand",
        valign=rng.choice(("middle", "middle", "top")),
        browser_chrome=rng.random() < 0.5,
        fractions=tuple(f / total for f in fractions),
        margin_in=rng.uniform(0.4, 0.7),
    )


class _Flow:
    """Pages filled top to bottom; a new page starts when the next block does not fit."""

    def __init__(self, style: ReportStyle, dpi: int):
        self.style, self.dpi = style, dpi
        self.pages: list[RenderedPage] = []
        self.margin = round(style.margin_in * dpi)
        self.y = 0
        self.new_page()

    def new_page(self) -> None:
        page = RenderedPage(blank_page(self.dpi, self.style.orientation), "report", self.style.orientation)
        self.pages.append(page)
        self.draw = ImageDraw.Draw(page.image)
        self.y = self.margin
        self.bottom = page.image.height - self.margin

    def fits(self, height: int) -> bool:
        return self.y + height <= self.bottom

    @property
    def page(self) -> RenderedPage:
        return self.pages[-1]


def render_report(bundle: Bundle, dpi: int, fonts: FontBook, rng: random.Random) -> list[RenderedPage]:
    style = choose_style(rng, fonts, dpi)
    flow = _Flow(style, dpi)
    width = flow.page.image.width - 2 * flow.margin
    size = style.size_pt
    while True:  # wide faces (Loma, Garuda) get smaller type until the name column has room
        body = fonts.face(style.family, size, dpi)
        bold = fonts.face(style.family, size, dpi, bold=True)
        widths = _column_widths(style, width, body, bold, bundle)
        if widths[COLUMNS.index("project_name")] >= 0.28 * width or size <= 7:
            break
        size -= 0.5
    title_face = fonts.face(style.family, size + 2, dpi, bold=True)
    report, thai = bundle.report, bundle.report.thai_digits
    xs = [flow.margin]
    for column_width in widths:
        xs.append(xs[-1] + column_width)
    title = (f"รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ของ{bundle.organization.name} "
             f"พ.ศ. {digits(str(report.fiscal_year), thai)} รอบ {digits(str(report.round_months), thai)} เดือน")

    def page_head(first: bool) -> None:
        if first or style.repeat_header:
            for line in wrap(title, width, title_face.width):
                text_line(flow.draw, flow.margin, flow.y, line, title_face, align="center", width=width)
                flow.y += title_face.line_height
            flow.y += body.line_height // 2
            flow.y = _header(flow.draw, xs, flow.y, bold, report.name_header, style)

    page_head(first=True)
    page_style = style.tick_style
    for index, row in enumerate(report.rows):
        cells = _row_lines(row, xs, body, thai)
        height = max(len(lines) for lines in cells) * body.line_height + 2 * _vpad(body)
        if not flow.fits(height) and flow.y > flow.margin + height:
            flow.new_page()
            page_head(first=False)
            if rng.random() < 0.25:  # a different print run on this page: another mark style
                page_style = rng.choice(TICK_STYLES[:4])
        row_style = "hand" if rng.random() < 0.06 else page_style
        flow.page.rows.append(_draw_row(flow.draw, xs, flow.y, height, cells, row, body, style, row_style, rng, fonts, index, dpi / 300))
        flow.y += height
    _summary(flow, bundle, body, bold, width)
    if style.browser_chrome:
        _chrome(flow.pages, fonts, dpi, bundle, rng)
    return flow.pages


def _column_widths(style: ReportStyle, width: int, body: Face, bold: Face, bundle: Bundle) -> list[int]:
    """Style fractions, widened where a figure or a header word would not fit (amounts never
    wrap; status headers may break inside a word, as e-PlanNACC's narrow columns do), with the
    project-name and remarks columns taking what is left."""
    thai = bundle.report.thai_digits
    pad = 2 * _hpad(body) + 2
    amounts = [money(v, thai) for r in bundle.report.rows for v in (r.budget, r.disbursed)]
    amounts.append(money(bundle.report.stated.disbursed, thai))
    need = {
        "seq": max(bold.width("ลำดับ"), body.width(digits(str(len(bundle.report.rows) + 9), thai))),
        "dimension": bold.width("มิติ"),
        "budget": max(max(map(body.width, amounts)), bold.width("งบประมาณ")),
        "disbursed": max(max(map(body.width, amounts)), bold.width("เบิกจ่าย")),
        # The widest word of the status labels, so only ดำเนินการ-like compounds break.
        **{status: max(map(bold.width, ("รายงาน", "ระหว่าง", "ดำเนิน", "สามารถ"))) for status in STATUSES},
        "remarks": bold.width("หมายเหตุ"),
    }
    widths = {key: max(round(f * width), round(need[key]) + pad) if key in need else 0
              for key, f in zip(COLUMNS, style.fractions)}
    name_share = style.fractions[COLUMNS.index("project_name")]
    remarks_share = style.fractions[COLUMNS.index("remarks")]
    spare = width - sum(v for k, v in widths.items() if k != "remarks")
    widths["remarks"] = max(round(need["remarks"]) + pad, round(spare * remarks_share / (name_share + remarks_share)))
    widths["project_name"] = width - sum(v for k, v in widths.items() if k != "project_name")
    return [widths[key] for key in COLUMNS]


def _vpad(face: Face) -> int:
    return round(face.px * 0.2)


def _hpad(face: Face) -> int:
    return round(face.px * 0.3)


def _grid(draw: ImageDraw.ImageDraw, style: ReportStyle, segments: Sequence[tuple[float, float, float, float]]) -> None:
    for segment in segments:
        draw.line(segment, fill=TONER, width=style.line_px)


def _header(draw: ImageDraw.ImageDraw, xs: list[int], top: int, face: Face, name_header: str, style: ReportStyle) -> int:
    """Two header rows: สถานะ merged over the four status columns, the others spanning both rows.
    Returns the y where the first body row starts."""
    labels = {"seq": "ลำดับ", "project_name": name_header, "dimension": "มิติ", "budget": "งบประมาณ (บาท)",
              "disbursed": "เบิกจ่าย (บาท)", "remarks": "หมายเหตุ"}
    pad, vpad, lh = _hpad(face), _vpad(face), face.line_height
    wrapped = {key: wrap(labels[key], xs[i + 1] - xs[i] - 2 * pad, face.width) for i, key in enumerate(COLUMNS)
               if key not in STATUSES}
    for status, label_words in zip(STATUSES, STATUS_WORDS):
        i = COLUMNS.index(status)
        wrapped[status] = wrap_tokens(list(label_words), xs[i + 1] - xs[i] - 2 * pad, face.width)
    first_height = lh + 2 * vpad
    second_height = max(len(wrapped[s]) for s in STATUSES) * lh + 2 * vpad
    spanning = max(len(wrapped[k]) for k in COLUMNS if k not in STATUSES) * lh + 2 * vpad
    second_height = max(second_height, spanning - first_height)
    mid, bottom = top + first_height, top + first_height + second_height
    s0, s1 = xs[COLUMNS.index(STATUSES[0])], xs[COLUMNS.index(STATUSES[-1]) + 1]
    segments = [(xs[0], top, xs[-1], top), (xs[0], bottom, xs[-1], bottom), (s0, mid, s1, mid)]
    for i, x in enumerate(xs):
        inside_status = s0 < x < s1
        segments.append((x, mid if inside_status else top, x, bottom))
    _grid(draw, style, segments)
    for i, key in enumerate(COLUMNS):
        box = (xs[i], mid if key in STATUSES else top, xs[i + 1], bottom)
        text_in_box(draw, box, wrapped[key], face, pad, align="center")
    text_in_box(draw, (s0, top, s1, mid), ["สถานะ"], face, pad, align="center")
    return bottom


def _row_lines(row: ProjectRow, xs: list[int], face: Face, thai: bool) -> list[list[str]]:
    pad = _hpad(face)

    def width(key: str) -> int:
        return xs[COLUMNS.index(key) + 1] - xs[COLUMNS.index(key)] - 2 * pad

    texts = {
        "seq": [digits(str(row.seq), thai)],
        "project_name": wrap(row.project_name, width("project_name"), face.width),
        "dimension": [digits(str(row.dimension), thai)],
        "budget": [money(row.budget, thai)],
        "disbursed": [money(row.disbursed, thai)],
        "remarks": wrap(row.remarks, width("remarks"), face.width) if row.remarks else [],
    }
    return [texts.get(key, []) for key in COLUMNS]


def _draw_row(draw: ImageDraw.ImageDraw, xs: list[int], top: int, height: int, cells: list[list[str]],
              row: ProjectRow, face: Face, style: ReportStyle, tick_style: str, rng: random.Random,
              fonts: FontBook, index: int, unit: float) -> RowBoxes:
    bottom = top + height
    _grid(draw, style, [(xs[0], top, xs[-1], top), (xs[0], bottom, xs[-1], bottom)]
          + [(x, top, x, bottom) for x in xs])
    boxes: dict[str, Box] = {}
    for i, key in enumerate(COLUMNS):
        box = (xs[i], top, xs[i + 1], bottom)
        boxes[key] = box
        align = {"seq": "center", "dimension": "center", "budget": "right", "disbursed": "right"}.get(key, "left")
        valign = "middle" if key not in ("project_name", "remarks") else style.valign
        if cells[i]:
            text_in_box(draw, box, cells[i], face, _hpad(face), align, valign)
        if key in STATUSES:
            if tick_style == "ballot":
                empty_box(draw, box, unit)
            if key in row.ticks:
                tick(draw, tick_style, box, rng, unit, fonts)
    return RowBoxes(index, (xs[0], top, xs[-1], bottom), boxes, tick_style)


def _summary(flow: _Flow, bundle: Bundle, body: Face, bold: Face, width: int) -> None:
    report, stated, thai = bundle.report, bundle.report.stated, bundle.report.thai_digits

    def n(value: object) -> str:  # a figure as this report prints it
        return digits(str(value), thai)

    as_of = thai_date(stated.as_of.day, stated.as_of.month, be_year(stated.as_of.year), thai)
    lines: list[tuple[str, Face]] = []
    if report.problems:
        lines += [("ปัญหา อุปสรรค และข้อเสนอแนะ", bold), (report.problems, body)]
    lines += [
        ("สรุปผลการขับเคลื่อนแผนฯ", bold),
        (f"- แผนปฏิบัติการป้องกันการทุจริต มีโครงการ/กิจกรรม/มาตรการ จำนวน {n(stated.total)} โครงการ", body),
        (f"- รอการรายงาน {n(stated.awaiting_report)} โครงการ", body),
        (f"- อยู่ระหว่างดำเนินการ {n(stated.in_progress)} โครงการ", body),
        (f"- ดำเนินการแล้วเสร็จ {n(stated.completed)} โครงการ", body),
        (f"- ไม่สามารถดำเนินการได้ {n(stated.unable_to_proceed)} โครงการ", body),
        (f"- เบิกจ่ายงบประมาณ {money(stated.disbursed, thai)} บาท คิดเป็นร้อยละ {n(f'{stated.disbursed_percent:.2f}')}", body),
        (f"- มีการนำแผนฯ ไปปฏิบัติ ระดับ ({stated.implementation_level}) ร้อยละ "
         f"{n(f'{stated.implementation_percent:.2f}')}", body),
        (f"** ข้อมูล ณ วันที่ {as_of}", body),
        (f"ชื่อ - สกุล ผู้รายงาน {report.reporter.name} ตำแหน่ง {report.reporter.position}", body),
        ("คำอธิบาย", bold),
    ]
    lines += [(f"มิติ {n(k)} {text}", body) for k, text in vocab.DIMENSION_LEGEND.items()]
    flow.y += body.line_height
    for text, face in lines:
        for line in wrap(text, width, face.width):
            if not flow.fits(face.line_height):
                flow.new_page()
            text_line(flow.draw, flow.margin, flow.y, line, face)
            flow.y += face.line_height
        if face is bold or text.startswith("- ไม่สามารถ"):
            flow.y += body.line_height // 4


def _chrome(pages: list[RenderedPage], fonts: FontBook, dpi: int, bundle: Bundle, rng: random.Random) -> None:
    face = fonts.face("Loma", 7.5, dpi)
    as_of = bundle.report.stated.as_of
    stamp = f"{as_of.day}/{as_of.month}/{be_year(as_of.year) % 100} {rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}"
    edge = round(0.2 * dpi)
    for number, page in enumerate(pages, start=1):
        draw, (w, h) = ImageDraw.Draw(page.image), page.image.size
        text_line(draw, edge, edge, stamp, face)
        text_line(draw, 0, edge, "e-PlanNACC", face, align="center", width=w)
        text_line(draw, edge, h - edge - face.line_height, "https://e-plan.nacc.go.th/Report/Progress", face)
        text_line(draw, 0, h - edge - face.line_height, f"{number}/{len(pages)}", face, align="right", width=w - edge)
