"""The exported memo on its way to the scanner: rasterized, signed in pen above each name, and
stamped by the registry clerk (synth/browser/scan.py's stamp, above the ส่วนราชการ line).

Where things landed is read from the PDF's own text layer (pdfium's text search), not assumed
from the style: LibreOffice decides the line heights.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from synth.browser.errors import LayoutError
from synth.browser.scan import MM_PER_INCH, stamp_memo
from synth.content import Bundle
from synth.draw import signature
from synth.fonts import FontBook

PtBox = tuple[float, float, float, float]  # x0, top, x1, bottom in points, top-left origin


def text_boxes(pdf: Path, needles: Sequence[str], page_index: int = 0) -> dict[str, PtBox | None]:
    """Where each needle's first occurrence sits on the page (None when the text layer lacks it)."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[page_index]
        height = page.get_height()
        text = page.get_textpage()
        found: dict[str, PtBox | None] = {}
        for needle in needles:
            searcher = text.search(needle, match_case=True)
            hit = searcher.get_next()
            if hit is None:
                found[needle] = None
                continue
            start, count = hit
            boxes = [text.get_charbox(i) for i in range(start, start + count)]
            boxes = [b for b in boxes if b[2] > b[0]] or boxes
            left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
            right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
            found[needle] = (left, height - top, right, height - bottom)
        return found
    finally:
        document.close()


def header_fields_top_mm(pdf: Path) -> float:
    """How far below the page's top edge the ส่วนราชการ line starts."""
    box = text_boxes(pdf, ["ส่วนราชการ"])["ส่วนราชการ"]
    if box is None:
        raise LayoutError(f"{pdf.name}: ส่วนราชการ not found in the exported text layer")
    return box[1] / 72 * MM_PER_INCH


def sign_and_stamp(page: Image.Image, pdf: Path, bundle: Bundle, dpi: int, fonts: FontBook, seed: int) -> None:
    """Pen signatures above each signatory's "(name)" line, then the receiving stamp."""
    names = [f"({person.name})" for person in bundle.memo.signatories]
    boxes = text_boxes(pdf, names)
    rng = random.Random(f"{seed}:office-signatures")
    draw = ImageDraw.Draw(page)
    scale = dpi / 72
    for name in names:
        box = boxes[name]
        if box is None:
            raise LayoutError(f"{pdf.name}: {name} not found in the exported text layer")
        x0, top, x1, _ = box
        signature(draw, (x0 + x1) / 2 * scale, (top - 4) * scale, (x1 - x0) * 0.8 * scale, rng, dpi / 300)
    stamp_memo(page, bundle, dpi, fonts, random.Random(f"{seed}:office-stamp"), header_fields_top_mm(pdf))
