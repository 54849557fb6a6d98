"""How one browser-printed bundle looks: every layout choice drawn from a seeded random.Random.

The things that differ between real printouts of the same e-PlanNACC report — typeface and size,
column widths, where header labels break, rules, shading, padding, paper orientation, the
browser's own header and footer, tick marks, rows split over pages — are fields of one frozen
BrowserStyle, written into the truth so a benchmark can group its results by them.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from typing import Any

from synth.browser.fonts import FAMILIES, MEMO_FAMILIES, family
from synth.render_report import COLUMNS

# Tick marks in a status cell. "boxes" prints ☐ in every status cell and ☑ in the ticked one;
# "hand" is a pen tick: drawn on the raster after printing in the scan, a freehand vector path in
# the born-digital print.
TICK_WEIGHTS: dict[str, float] = {
    "check": 0.18,  # ✓
    "heavy-check": 0.08,  # ✔
    "ballot-check": 0.05,  # ☑ alone
    "x": 0.04,
    "X": 0.05,
    "slash": 0.04,  # /
    "svg": 0.12,  # a tick drawn as a clean vector path
    "svg-freehand": 0.08,  # a wobbly vector polyline
    "png": 0.10,  # a small raster tick as a data: URI
    "boxes": 0.14,
    "hand": 0.12,
}
TICK_STYLES = tuple(TICK_WEIGHTS)

# Where a header label may break, as e-PlanNACC's narrow columns and retyped copies break them.
# One line means the browser decides (it wraps Thai at word boundaries in a narrow column).
LABEL_CHOICES: dict[str, tuple[tuple[str, ...], ...]] = {
    "seq": (("ลำดับ",), ("ลำดับ",), ("ลำ", "ดับ")),
    "dimension": (("มิติ",),),
    "budget": (("งบประมาณ (บาท)",), ("งบประมาณ", "(บาท)"), ("งบประมาณ",)),
    "disbursed": (("เบิกจ่าย (บาท)",), ("เบิกจ่าย", "(บาท)"), ("เบิกจ่าย",)),
    "awaiting_report": (("รอรายงาน",), ("รอ", "รายงาน")),
    "in_progress": (("อยู่ระหว่างดำเนินการ",), ("อยู่", "ระหว่าง", "ดำเนินการ"), ("อยู่ระหว่าง", "ดำเนินการ")),
    "completed": (("ดำเนินการแล้วเสร็จ",), ("ดำเนินการ", "แล้วเสร็จ"), ("ดำเนิน", "การแล้ว", "เสร็จ")),
    "unable_to_proceed": (("ไม่สามารถดำเนินการได้",), ("ไม่สามารถ", "ดำเนิน", "การได้"), ("ไม่สามารถ", "ดำเนินการได้")),
    "remarks": (("หมายเหตุ",),),
}
ALTERNATIVE_NAME_HEADER = "โครงการ/กิจกรรม/มาตรการ"

# e-PlanNACC's own proportions (as render_report uses), before the name column is drawn afresh.
BASE_SHARES = dict(zip(COLUMNS, (0.05, 0.36, 0.04, 0.11, 0.11, 0.055, 0.055, 0.055, 0.055, 0.11)))
SCAN_DPIS = (200, 240, 300)


@dataclass(frozen=True)
class BrowserStyle:
    font_family: str
    font_source: str  # "sipa" | "noto" | "tlwg"
    font_is_tlwg: bool
    font_size_pt: float
    title_size_pt: float
    title_lines: int  # 1, or 2 with the organization starting the second line
    line_height: float | None  # CSS line-height; None leaves the font's own ("normal")
    orientation: str  # "portrait" | "landscape"
    margins_mm: tuple[float, float, float, float]  # top, right, bottom, left
    browser_header_footer: bool  # date, title, URL and "page x/y" printed by the browser
    column_shares: tuple[float, ...]  # per COLUMNS, summing to 1 (the browser may widen a column)
    header_labels: tuple[tuple[str, ...], ...]  # per COLUMNS, the label's lines (one: browser wraps)
    border_px: float
    border_colour: str
    header_shading: str | None  # CSS colour behind the header, or None
    cell_padding_px: tuple[float, float]  # vertical, horizontal
    valign: str  # "top" | "middle"
    tick_style: str
    other_tick_style: str
    other_tick_rows: tuple[int, ...]  # row indices printed with other_tick_style
    rows_may_split: bool  # no break-inside: avoid on rows
    memo_font_family: str
    memo_font_size_pt: float
    memo_margins_mm: tuple[float, float, float, float]
    memo_dotted: bool  # dotted leaders under the memo's header fields
    scan_dpi: int

    def tick_style_of(self, row_index: int) -> str:
        return self.other_tick_style if row_index in self.other_tick_rows else self.tick_style

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["header_labels"] = {key: list(lines) for key, lines in zip(COLUMNS, self.header_labels)}
        data["column_shares"] = {key: round(share, 4) for key, share in zip(COLUMNS, self.column_shares)}
        for key in ("margins_mm", "memo_margins_mm", "cell_padding_px", "other_tick_rows"):
            data[key] = list(data[key])
        return data


def choose_style(rng: random.Random, *, row_count: int, name_header: str, scan_dpi: int | None = None) -> BrowserStyle:
    """A style for a report of ``row_count`` rows whose name column e-PlanNACC calls ``name_header``."""
    body = rng.choices(FAMILIES, weights=[f.weight for f in FAMILIES])[0]
    size = round(rng.uniform(*body.size_pt) * 2) / 2
    orientation = "landscape" if rng.random() < 0.4 else "portrait"
    tick_style = rng.choices(TICK_STYLES, weights=list(TICK_WEIGHTS.values()))[0]
    others = [s for s in TICK_STYLES if s != tick_style]
    other_tick_style = rng.choices(others, weights=[TICK_WEIGHTS[s] for s in others])[0]
    labels = tuple(_label(rng, key, name_header) for key in COLUMNS)
    memo = family(rng.choice(MEMO_FAMILIES)) if rng.random() < 0.8 else body
    low, high = memo.size_pt
    memo_size = round(rng.uniform(max(low, high - 1.5), high) * 2) / 2  # memos are set near the top size
    drawn_dpi = rng.choice(SCAN_DPIS)  # drawn even when given, so the other fields never depend on it
    return BrowserStyle(
        font_family=body.name,
        font_source=body.source,
        font_is_tlwg=body.is_tlwg,
        font_size_pt=size,
        title_size_pt=size + rng.choice((0.0, 1.0, 2.0, 3.0)),
        title_lines=rng.choice((1, 1, 2)),
        line_height=None if rng.random() < 0.5 else round(rng.uniform(1.1, 1.45), 2),
        orientation=orientation,
        margins_mm=(_mm(rng, 8, 20), _mm(rng, 8, 20), _mm(rng, 8, 20), _mm(rng, 8, 20)),
        browser_header_footer=rng.random() < 0.5,
        column_shares=_shares(rng),
        header_labels=labels,
        border_px=rng.choice((0.5, 0.75, 1.0, 1.0, 1.5, 2.0)),
        border_colour=rng.choice(("#000000", "#000000", "#333333", "#666666", "#999999")),
        header_shading=rng.choice(("#d9d9d9", "#e6e6e6", "#f0f0f0")) if rng.random() < 0.4 else None,
        cell_padding_px=(round(rng.uniform(1.0, 6.0), 1), round(rng.uniform(2.0, 8.0), 1)),
        valign=rng.choice(("top", "middle", "middle")),
        tick_style=tick_style,
        other_tick_style=other_tick_style,
        other_tick_rows=tuple(i for i in range(row_count) if rng.random() < 0.1),
        rows_may_split=rng.random() < 0.25,
        memo_font_family=memo.name,
        memo_font_size_pt=memo_size,
        # Official memos keep a wide left margin (about 3 cm) for binding.
        memo_margins_mm=(_mm(rng, 12, 22), _mm(rng, 15, 20), _mm(rng, 12, 20), _mm(rng, 25, 30)),
        memo_dotted=rng.random() < 0.3,
        scan_dpi=scan_dpi or drawn_dpi,
    )


def _mm(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 1)


def _label(rng: random.Random, key: str, name_header: str) -> tuple[str, ...]:
    if key == "project_name":
        return (ALTERNATIVE_NAME_HEADER if rng.random() < 0.2 else name_header,)
    return rng.choice(LABEL_CHOICES[key])


def _shares(rng: random.Random) -> tuple[float, ...]:
    """The name column takes 15-45 % of the table; the others keep e-PlanNACC's proportions
    within ±30 %, scaled to fill the rest."""
    name = rng.uniform(0.15, 0.45)
    others = {key: share * rng.uniform(0.7, 1.3) for key, share in BASE_SHARES.items() if key != "project_name"}
    scale = (1.0 - name) / sum(others.values())
    return tuple(name if key == "project_name" else others[key] * scale for key in COLUMNS)
