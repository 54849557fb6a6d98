"""The printed pages on their way to the scanner: rasterized, pen ticks and the registry's
receiving stamp added (bundle.py then applies the PIL generator's scanner damage)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw

from synth.browser.errors import LayoutError
from synth.browser.locate import PtBox, RowPlacement
from synth.content import Bundle
from synth.draw import Box, rubber_stamp, tick
from synth.fonts import FontBook
from synth.thaitext import digits
from synth.vocab import MONTHS_SHORT

MM_PER_INCH = 25.4
STAMP_LABEL_PT = (10.0, 9.0, 8.0, 7.0)  # shrunk until the stamp clears the memo's header fields


@dataclass(frozen=True)
class PenTick:
    """A hand tick to draw: the page (0-based, within the report print) and the cell in points."""

    page: int
    cell: PtBox


def rasterize(pdf: Path, dpi: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def to_pixels(box: PtBox, dpi: int) -> Box:
    """A box in points as the pixels it covers at ``dpi`` (rounded outward)."""
    scale = dpi / 72
    x0, top, x1, bottom = box
    return (int(np.floor(x0 * scale)), int(np.floor(top * scale)), int(np.ceil(x1 * scale)), int(np.ceil(bottom * scale)))


def pen_ticks(bundle: Bundle, placements: Sequence[RowPlacement], hand_rows: set[int]) -> list[PenTick]:
    """The status cells that get a pen tick after printing: the ticked cells of "hand" rows."""
    marks = []
    for placement in placements:
        if placement.row_index in hand_rows:
            for status in bundle.report.rows[placement.row_index].ticks:
                if status in placement.cells:  # a split row's tick sits in its first part
                    marks.append(PenTick(placement.page, placement.cells[status]))
    return marks


def draw_pen_ticks(pages: list[Image.Image], marks: Sequence[PenTick], dpi: int, fonts: FontBook, rng: random.Random) -> None:
    for mark in marks:
        tick(ImageDraw.Draw(pages[mark.page]), "hand", to_pixels(mark.cell, dpi), rng, dpi / 300, fonts)


def stamp_memo(page: Image.Image, bundle: Bundle, dpi: int, fonts: FontBook, rng: random.Random,
               header_fields_top_mm: float) -> None:
    """The registry clerk's blue receiving stamp, top right, above the ส่วนราชการ line, so its own
    date never sits on the memo's ที่ / วันที่ line. Drawn on a blank sheet first to measure it."""
    limit = header_fields_top_mm / MM_PER_INCH * dpi
    stamp = bundle.memo.stamp
    be = (stamp.date.year + 543) % 100
    org = bundle.organization
    abbreviation = {"เทศบาลนคร": "ทน.", "เทศบาลเมือง": "ทม.", "เทศบาลตำบล": "ทต."}.get(org.kind, "อบต.")
    lines = [(f"{abbreviation}{org.place}", ""), ("เลขรับ", digits(str(stamp.number), True)),
             ("วันที่", digits(f"{stamp.date.day} {MONTHS_SHORT[stamp.date.month - 1]} {be}", True)),
             ("เวลา", digits(stamp.time.replace(":", "."), True) + " น.")]
    state = rng.getstate()
    for size in STAMP_LABEL_PT:
        rng.setstate(state)  # every try draws the same wobble; only the size changes
        sheet = Image.new("RGB", page.size, (255, 255, 255))
        rubber_stamp(sheet, page.width - round(6 / MM_PER_INCH * dpi), round(4 / MM_PER_INCH * dpi), lines,
                     fonts.face("Laksaman", size, dpi, bold=True), fonts.face("Purisa", size * 1.1, dpi), rng, dpi / 300)
        ink_rows = np.flatnonzero((np.asarray(sheet.convert("L")) < 250).any(axis=1))
        if ink_rows.size and ink_rows[-1] < limit:
            break
    else:
        raise LayoutError(f"the receiving stamp does not fit above {header_fields_top_mm} mm")
    page.paste(ImageChops.multiply(page, sheet))
