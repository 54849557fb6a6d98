"""Where each report row landed in a print, found from coloured cell backgrounds, never the text.

The "marker" print of a report gives each body cell a background colour that encodes its row and
column. Its filled paths (Chromium paints backgrounds and table rules as filled rectangles) are
read back with PDFium's page-object API, which skips the text entirely and takes a hundredth of
the time pdfplumber needs to parse a page, and the digital and scan prints are checked to have
laid out the same: the same number of pages and the same rules and shading.
"""

from __future__ import annotations

import ctypes
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from synth.browser.errors import LayoutError
from synth.render_report import COLUMNS

PtBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin
Rgb = tuple[int, int, int]
_TOUCH_PT = 1.5  # pieces of one cell's background closer than this are one piece


def marker_rgb(row: int, column: int) -> tuple[int, int, int]:
    """A colour naming (row, column): red 128+column, green and blue the row. Never a grey
    (red < 144 <= green), so it cannot be confused with rules or header shading."""
    if not (0 <= column < 16 and 0 <= row < 64 * 256):
        raise ValueError(f"cannot encode row {row}, column {column}")
    return 128 + column, 255 - (row >> 8), row & 0xFF


def decode_marker(colour: Rgb) -> tuple[int, int] | None:
    """(row, column) of a marker colour, else None."""
    red, green, blue = colour
    if not (128 <= red < 144 and green >= 192):
        return None
    return (255 - green) * 256 + blue, red - 128


@dataclass(frozen=True)
class RowPlacement:
    row_index: int
    page: int  # 0-based page of the print where the row starts
    bbox: PtBox  # on that page
    cells: dict[str, PtBox]  # column key -> box on that page
    split: bool  # continued on the next page


def locate_rows(marker_pdf: Path, row_count: int) -> list[RowPlacement]:
    """Every row's cells, on the page where the row starts. Raises LayoutError when a cell is
    missing, a row is not in one place (or one place continued on the next pages), or a colour
    names a row that does not exist."""
    found: dict[tuple[int, int], dict[int, PtBox]] = defaultdict(dict)  # (row, column) -> page -> box
    for page_index, fills in enumerate(filled_paths(marker_pdf)):
        for box, colour in fills:
            key = decode_marker(colour)
            if key is None:
                continue
            if key[0] >= row_count or key[1] >= len(COLUMNS):
                raise LayoutError(f"marker colour names row {key[0]}, column {key[1]}: no such cell")
            found[key][page_index] = _join(found[key].get(page_index), box, key, page_index)
    placements = []
    for row in range(row_count):
        pages_by_column = {column: sorted(found.get((row, column), {})) for column in range(len(COLUMNS))}
        missing = [COLUMNS[c] for c, pages in pages_by_column.items() if not pages]
        if missing:
            raise LayoutError(f"row {row}: no cell found for {', '.join(missing)}")
        pages = sorted({p for ps in pages_by_column.values() for p in ps})
        if pages != list(range(pages[0], pages[-1] + 1)):
            raise LayoutError(f"row {row} found on pages {[p + 1 for p in pages]}, not in one place")
        start = pages[0]
        # A split row's first part may hold only some cells' pieces (a short cell can sit wholly
        # on the first page); the row starts where its first piece is.
        cells = {COLUMNS[c]: found[(row, c)][start] for c in range(len(COLUMNS)) if start in found[(row, c)]}
        if len(cells) < len(COLUMNS) and len(pages) == 1:
            raise LayoutError(f"row {row}: cells missing on page {start + 1}")
        bbox = (min(b[0] for b in cells.values()), min(b[1] for b in cells.values()),
                max(b[2] for b in cells.values()), max(b[3] for b in cells.values()))
        placements.append(RowPlacement(row, start, bbox, cells, split=len(pages) > 1))
    return placements


def _join(previous: PtBox | None, box: PtBox, key: tuple[int, int], page: int) -> PtBox:
    """One cell's background may come in pieces; pieces that touch make one box."""
    if previous is None:
        return box
    touching = (box[0] <= previous[2] + _TOUCH_PT and previous[0] <= box[2] + _TOUCH_PT
                and box[1] <= previous[3] + _TOUCH_PT and previous[1] <= box[3] + _TOUCH_PT)
    if not touching:
        raise LayoutError(f"row {key[0]}, column {COLUMNS[key[1]]} found twice on page {page + 1}")
    return (min(previous[0], box[0]), min(previous[1], box[1]), max(previous[2], box[2]), max(previous[3], box[3]))


def filled_paths(pdf_path: Path) -> list[list[tuple[PtBox, Rgb]]]:
    """Per page, each filled path's bounding box (points, top-left origin) and fill colour."""
    document = pdfium.PdfDocument(pdf_path)
    try:
        return [list(_page_fills(document[index])) for index in range(len(document))]
    finally:
        document.close()


def _page_fills(page: pdfium.PdfPage) -> Iterator[tuple[PtBox, Rgb]]:
    """Each fill's visible part: Chromium also paints the background of a row split over a page
    break into the next page's top margin, clipped away there, and that hidden copy is no place
    of the row."""
    height = page.get_height()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        if obj.level > 0:  # inside a form XObject its bounds would be in the form's space
            raise LayoutError("a path inside a form XObject: this Chromium's PDFs are not understood")
        mode, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke))
        if mode.value == pdfium_c.FPDF_FILLMODE_NONE:
            continue
        red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
        pdfium_c.FPDFPageObj_GetFillColor(obj.raw, red, green, blue, alpha)
        left, bottom, right, top = obj.get_bounds()
        clip = _clip_bounds(obj)
        if clip is not None:
            left, bottom = max(left, clip[0]), max(bottom, clip[1])
            right, top = min(right, clip[2]), min(top, clip[3])
            if right - left < _TOUCH_PT or top - bottom < _TOUCH_PT:
                continue
        yield (left, height - top, right, height - bottom), (red.value, green.value, blue.value)


def _clip_bounds(obj: pdfium.PdfObject) -> tuple[float, float, float, float] | None:
    """The bounding box (left, bottom, right, top, PDF page space) of what ``obj``'s clip path
    lets show, or None when it has none. A clip made of several paths shows their intersection."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj.raw)
    if not clip:
        return None
    bounds = None
    for path in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        for index in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, path)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, path, index)
            x, y = ctypes.c_float(), ctypes.c_float()
            if pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
        if not xs:
            continue
        box = (min(xs), min(ys), max(xs), max(ys))
        bounds = box if bounds is None else (max(bounds[0], box[0]), max(bounds[1], box[1]),
                                             min(bounds[2], box[2]), min(bounds[3], box[3]))
    return bounds


def rule_layout(pdf_path: Path) -> list[list[tuple[float, ...]]]:
    """Per page, the filled paths that are not markers (table rules, header shading), rounded to
    0.1 pt, with their colour: two prints with the same layout give the same lists."""
    return [sorted((*(round(v, 1) for v in box), *colour) for box, colour in fills if decode_marker(colour) is None)
            for fills in filled_paths(pdf_path)]


def check_same_layout(reference: Path, other: Path) -> None:
    """Raise LayoutError unless ``other`` has the pages and rules of ``reference``."""
    a, b = rule_layout(reference), rule_layout(other)
    if len(a) != len(b):
        raise LayoutError(f"{other.name} has {len(b)} pages, {reference.name} {len(a)}")
    for number, (rules_a, rules_b) in enumerate(zip(a, b), start=1):
        if rules_a != rules_b:
            raise LayoutError(f"page {number}: the rules of {other.name} differ from {reference.name}'s "
                              f"({len(rules_b)} vs {len(rules_a)} rectangles)")
