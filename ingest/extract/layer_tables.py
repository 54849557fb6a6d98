"""Ruled tables in a PDF page's own text layer: pdfplumber's table finder on the page's rules,
each cell's text from the characters inside it, and a status cell's tick from what is drawn
in it — a tick glyph, a vector path, or an image.

A text layer says exactly what is printed, so its cells carry confidence 1.0: what a browser
or a word processor wrote is not a guess. Its characters are those saraban.ingest.extract.layer_chars
repaired (glyph variants, writers' known defects).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pdfplumber.utils import extract_words

from saraban.normalize.text import join_wrapped
from saraban.normalize.ticks import BOX_GLYPHS, CROSS_LETTERS, TICK_GLYPHS
from saraban.parsers.model import BBox, Cell, Mark, MarkState, Table
from saraban.normalize.thai_repair import repair_lost_marks
from saraban.parsers.text_layer import lines_from_pdf_words

# Ruled tables only: the cell walls are the page's rules (browsers draw them as thin filled
# rectangles, word processors as lines). Tolerances in points; a rule drawn twice (the borders
# of two neighbouring cells) is one rule.
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}
MIN_TABLE_COLUMNS = 3
# Drawings this close to a cell's wall belong to the wall (a rule, a shaded background).
WALL_INSET = 1.5
# A drawing in no cell whole is still a cell's mark when its centre is in the cell, it covers
# at most this share of the cell, and both its sides are this long (points): not a rule.
MARK_MAX_CELL_SHARE = 0.5
MARK_MIN_SIDE = 3.0
# pdfplumber's word split: chars further apart than this (points) are two words.
WORD_GAP = 1.5
# A slash drawn as a tick is also a printable character; a lone one in a cell is a mark.
TEXT_TICKS = TICK_GLYPHS | CROSS_LETTERS | frozenset("/")
# A drawing repeated in this many cells of one row is the printed empty box of a ballot-style
# row (☐ ☐ ☑ ☐), not a tick.
PRINTED_BOX_REPEATS = 3


@dataclass(frozen=True, slots=True)
class LayerTables:
    tables: tuple[Table, ...]
    outside_chars: tuple[Mapping[str, Any], ...]  # characters in no table: the page's lines


def read_layer_tables(plumber_page: Any, chars: Sequence[Mapping[str, Any]], page_number: int) -> LayerTables:
    """The ruled tables of a pdfplumber page, read from ``chars`` (its repaired characters) and
    its drawings; the characters outside every table are handed back for the page's lines."""
    found = [t for t in plumber_page.find_tables(TABLE_SETTINGS) if _columns(t) >= MIN_TABLE_COLUMNS]
    open_ends = [y for t in found if (y := _open_bottom(plumber_page, t)) is not None]
    if open_ends:
        settings = {**TABLE_SETTINGS, "explicit_horizontal_lines": open_ends}
        found = [t for t in plumber_page.find_tables(settings) if _columns(t) >= MIN_TABLE_COLUMNS]
    if not found:
        return LayerTables((), tuple(chars))
    drawings = _drawings(plumber_page)
    tables, taken = [], set()
    for table in found:
        rows, used = _table_rows(table, chars, drawings)
        taken |= used
        tables.append(Table(rows, page_number, BBox(*table.bbox), ruled=True, header_rows=None))
    outside = tuple(c for i, c in enumerate(chars) if i not in taken and not _inside_any(c, found))
    return LayerTables(tuple(tables), outside)


def _open_bottom(plumber_page: Any, table: Any) -> float | None:
    """Where a table's last row ends when no rule closes it: a row a browser split over two
    pages is printed without its bottom rule, and the table finder would leave it out. Its
    cell walls still run down from the table's last rule: they end where the row does."""
    x0, _, x1, bottom = table.bbox
    walls = [
        float(e["bottom"]) for e in plumber_page.edges
        if e["orientation"] == "v" and x0 - 2 <= float(e["x0"]) <= x1 + 2
        and float(e["top"]) <= bottom + 2 and float(e["bottom"]) > bottom + 3
    ]
    return max(walls) if len(walls) >= MIN_TABLE_COLUMNS else None


def _columns(table: Any) -> int:
    return max((len(row.cells) for row in table.rows), default=0)


def _inside_any(char: Mapping[str, Any], tables: Sequence[Any]) -> bool:
    x, y = _centre(char)
    return any(t.bbox[0] <= x <= t.bbox[2] and t.bbox[1] <= y <= t.bbox[3] for t in tables)


def _centre(obj: Mapping[str, Any]) -> tuple[float, float]:
    return (float(obj["x0"]) + float(obj["x1"])) / 2, (float(obj["top"]) + float(obj["bottom"])) / 2


@dataclass(frozen=True, slots=True)
class _Drawing:
    bbox: BBox
    kind: str  # "box" (an empty box outline), "path" (a tick or cross), "image"
    signature: str  # equal for drawings that look the same (the printed boxes of a row)


def _drawings(plumber_page: Any) -> list[_Drawing]:
    found = []
    for obj in plumber_page.curves + plumber_page.lines + plumber_page.rects:
        box = _bbox(obj)
        if box is None:
            continue
        kind = "box" if _is_box_outline(obj) else "path"
        found.append(_Drawing(box, kind, f"{kind}:{round(box.width)}x{round(box.height)}"))
    for image in plumber_page.images:
        box = _bbox(image)
        if box is not None:
            found.append(_Drawing(box, "image", "image:" + _image_digest(image)))
    return found


def _bbox(obj: Mapping[str, Any]) -> BBox | None:
    try:
        return BBox(float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))
    except (KeyError, TypeError, ValueError):
        return None


def _is_box_outline(obj: Mapping[str, Any]) -> bool:
    """An unfilled outline whose every point lies on its own bounding box: the ☐ a form prints."""
    if obj.get("fill") or not obj.get("stroke", True):
        return False
    points = obj.get("pts") or []
    if len(points) < 4:
        return False
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    edge = 0.08 * max(x1 - x0, y1 - y0, 1.0)
    return all(min(abs(x - x0), abs(x - x1)) <= edge or min(abs(y - y0), abs(y - y1)) <= edge for x, y in points)


def _image_digest(image: Mapping[str, Any]) -> str:
    stream = image.get("stream")
    try:
        data = stream.get_rawdata() if stream is not None else b""
    except Exception:  # noqa: BLE001 — a damaged image stream only costs its signature
        data = b""
    return hashlib.sha1(data or repr(image.get("srcsize")).encode()).hexdigest()[:12]


def _table_rows(
    table: Any, chars: Sequence[Mapping[str, Any]], drawings: Sequence[_Drawing]
) -> tuple[tuple[tuple[Cell, ...], ...], set[int]]:
    """The table's rows of cells (grid column numbers, merged slots left out as the scanned
    grid does), and the indices of the characters they took."""
    boxes = [(r, c, BBox(*bbox)) for r, row in enumerate(table.rows) for c, bbox in enumerate(row.cells) if bbox]
    in_cell: dict[tuple[int, int], list[Mapping[str, Any]]] = {}
    taken: set[int] = set()
    for index, char in enumerate(chars):
        x, y = _centre(char)
        for r, c, box in boxes:
            if box.x0 <= x <= box.x1 and box.top <= y <= box.bottom:
                in_cell.setdefault((r, c), []).append(char)
                taken.add(index)
                break
    drawn: dict[tuple[int, int], list[_Drawing]] = {}
    for drawing in drawings:
        home = next(((r, c) for r, c, box in boxes if _within(drawing.bbox, box)), None) \
            or next(((r, c) for r, c, box in boxes if _overflowing_mark(drawing.bbox, box)), None)
        if home is not None:
            drawn.setdefault(home, []).append(drawing)
    xs = _boundaries([b.x0 for _, _, b in boxes] + [b.x1 for _, _, b in boxes])
    ys = _boundaries([b.top for _, _, b in boxes] + [b.bottom for _, _, b in boxes])
    rows: dict[int, list[Cell]] = {}
    for r, c, box in boxes:
        text, confidence = _cell_text(in_cell.get((r, c), []))
        rows.setdefault(r, []).append(Cell(
            r, c, text, box, confidence, row_span=_span(ys, box.top, box.bottom),
            col_span=_span(xs, box.x0, box.x1), mark=_text_mark(text),
        ))
    for r, cells in rows.items():
        rows[r] = _with_drawn_marks(cells, {c: drawn.get((r, c), []) for c in range(len(table.rows[r].cells))})
    return tuple(tuple(rows[r]) for r in sorted(rows)), taken


def _boundaries(positions: list[float], tolerance: float = 2.0) -> list[float]:
    """The distinct cell walls along one axis (walls of neighbouring cells coincide)."""
    walls: list[float] = []
    for position in sorted(positions):
        if not walls or position - walls[-1] > tolerance:
            walls.append(position)
    return walls


def _span(walls: list[float], start: float, end: float, tolerance: float = 2.0) -> int:
    """How many grid slots a cell from ``start`` to ``end`` covers: the walls strictly inside it, plus one."""
    return 1 + sum(1 for wall in walls if start + tolerance < wall < end - tolerance)


def _within(inner: BBox, cell: BBox) -> bool:
    return (inner.x0 >= cell.x0 + WALL_INSET and inner.x1 <= cell.x1 - WALL_INSET
            and inner.top >= cell.top + WALL_INSET and inner.bottom <= cell.bottom - WALL_INSET)


def _overflowing_mark(drawing: BBox, cell: BBox) -> bool:
    """A mark drawn bigger than its place (a pen tick scaled past its box and over the cell's
    wall): its centre in the cell, no wider or taller than the cell, covering well under its
    area (not the cell's shading), and not a rule (thin)."""
    x, y = (drawing.x0 + drawing.x1) / 2, (drawing.top + drawing.bottom) / 2
    return (cell.x0 + WALL_INSET <= x <= cell.x1 - WALL_INSET and cell.top + WALL_INSET <= y <= cell.bottom - WALL_INSET
            and drawing.width <= cell.width and drawing.height <= cell.height
            and drawing.width * drawing.height <= MARK_MAX_CELL_SHARE * cell.width * cell.height
            and min(drawing.width, drawing.height) >= MARK_MIN_SIDE)


def _cell_text(chars: Sequence[Mapping[str, Any]]) -> tuple[str, float | None]:
    """The cell's characters as text (words, then lines top to bottom, joined as wrapped), and
    how sure it is: 1.0 as the layer says it, less where a lost mark was put back."""
    if not chars:
        return "", None
    words = layer_words(chars)
    text = join_wrapped([line.text for line in lines_from_pdf_words(words, page=0)])
    if not text:
        return "", None
    return text, min((float(w.get("confidence", 1.0)) for w in words), default=1.0)


def layer_words(chars: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """pdfplumber's words of ``chars``, each with lost marks put back and its ``confidence``."""
    words = extract_words(list(chars), x_tolerance=WORD_GAP, keep_blank_chars=False)
    for word in words:
        repaired = repair_lost_marks(str(word["text"]))
        word["text"], word["confidence"] = repaired.text, repaired.confidence
    return [w for w in words if w["text"]]


def _text_mark(text: str) -> Mark | None:
    """A cell holding one tick glyph (✓ ✔ ☑ x X /) or one empty box (☐): a mark as exact as
    the layer. Its column decides later whether it is a status."""
    glyph = text.strip()
    if glyph in TEXT_TICKS:
        return Mark(MarkState.TICKED, 1.0, f"glyph:{glyph}")
    if glyph in BOX_GLYPHS:
        return Mark(MarkState.UNTICKED, 1.0, f"glyph:{glyph}")
    return None


def _with_drawn_marks(cells: list[Cell], drawn: dict[int, list[_Drawing]]) -> list[Cell]:
    """Marks from what is drawn inside the cells of one row: a path or an image is a tick,
    an empty box outline is not, and a drawing repeated in most cells of the row is the row's
    printed empty box (an image of ☐ in every status cell)."""
    repeats = Counter(s for drawings in drawn.values() for s in {d.signature for d in drawings})
    printed = {signature for signature, n in repeats.items() if n >= PRINTED_BOX_REPEATS}
    marked = []
    for cell in cells:
        drawings = drawn.get(cell.col, [])
        ticks = [d for d in drawings if d.kind != "box" and d.signature not in printed]
        if ticks:
            how = "vector path" if ticks[0].kind == "path" else "image"
            cell = replace(cell, mark=Mark(MarkState.TICKED, 1.0, f"drawn:{how}"))
        elif drawings and cell.mark is None:
            cell = replace(cell, mark=Mark(MarkState.UNTICKED, 1.0, "drawn:empty box"))
        marked.append(cell)
    return marked
