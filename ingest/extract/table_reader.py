"""Read a ruled table cell by cell: text by OCR on each cell, status ticks by ink.

Tesseract is started once per batch of cells, not once per cell: the cell crops are stacked
on one white strip with gaps between them, OCR'd in a single call, and the words are given back
to the cells by their vertical position. Numeric cells go in their own strip so that the
recogniser can be restricted to digits, Thai digits, comma and dot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ingest.extract.grid import Grid, GridCell, read_ink
from parsers.model import BBox, Cell, Mark, MarkState, Table, Word

# ocr(strip_image, numeric) -> words with boxes in the strip's pixels
StripOcr = Callable[[np.ndarray, bool], list[Word]]

STRIP_GAP = 40  # white pixels between stacked cells: words never straddle two cells
CELL_MARGIN = 4  # pixels shaved off each side of a cell so rule remnants stay out


@dataclass(frozen=True, slots=True)
class CellPlan:
    """Which cells are read how: by the column roles found in the header."""

    numeric_cols: frozenset[int]  # seq, dimension, budget, disbursed
    mark_cols: frozenset[int]  # status sub-columns: read by ink, not OCR


def read_table(
    gray: np.ndarray,
    clean_binary: np.ndarray,
    grid: Grid,
    page: int,
    ocr: StripOcr,
    plan: CellPlan | None = None,
) -> Table:
    """Cells of ``grid`` with text (and marks for status cells).

    ``gray`` is the deskewed page for OCR; ``clean_binary`` the same page binarized with the
    rules removed, for ink. Without a ``plan`` every cell is OCR'd as text (used for the
    header rows, whose labels decide the plan for the body).
    """
    plan = plan or CellPlan(frozenset(), frozenset())
    text_cells = [c for c in grid.cells if c.col not in plan.numeric_cols | plan.mark_cols]
    numeric_cells = [c for c in grid.cells if c.col in plan.numeric_cols]
    texts: dict[GridCell, tuple[str, float | None]] = {}
    texts.update(_ocr_cells(gray, text_cells, ocr, numeric=False))
    texts.update(_ocr_cells(gray, numeric_cells, ocr, numeric=True))
    rows: dict[int, list[Cell]] = {}
    for cell in grid.cells:
        mark = None
        text, confidence = texts.get(cell, ("", None))
        if cell.col in plan.mark_cols:
            ink = read_ink(clean_binary, cell.bbox)
            state = MarkState.TICKED if ink.ticked else MarkState.UNTICKED
            mark = Mark(state, ink.confidence, f"ink:{ink.ink_ratio:.3f}")
            confidence = ink.confidence
        rows.setdefault(cell.row, []).append(
            Cell(cell.row, cell.col, text, cell.bbox, confidence, cell.row_span, cell.col_span, mark)
        )
    ordered = tuple(tuple(sorted(rows[r], key=lambda c: c.col)) for r in sorted(rows))
    return Table(ordered, page, grid.bbox, ruled=True)


def _ocr_cells(
    gray: np.ndarray, cells: Sequence[GridCell], ocr: StripOcr, numeric: bool
) -> dict[GridCell, tuple[str, float | None]]:
    crops = [(cell, _crop(gray, cell.bbox)) for cell in cells]
    crops = [(cell, crop) for cell, crop in crops if crop is not None and _has_ink(crop)]
    if not crops:
        return {}
    width = max(crop.shape[1] for _, crop in crops) + 2 * STRIP_GAP
    height = sum(crop.shape[0] + STRIP_GAP for _, crop in crops) + STRIP_GAP
    strip = np.full((height, width), 255, dtype=np.uint8)
    slots: list[tuple[GridCell, float, float]] = []
    y = STRIP_GAP
    for cell, crop in crops:
        h, w = crop.shape
        strip[y : y + h, STRIP_GAP : STRIP_GAP + w] = crop
        slots.append((cell, y - STRIP_GAP / 2, y + h + STRIP_GAP / 2))
        y += h + STRIP_GAP
    words = ocr(strip, numeric)
    found: dict[GridCell, list[Word]] = {}
    for word in words:
        if word.bbox is None or not word.text.strip():
            continue
        centre = (word.bbox.top + word.bbox.bottom) / 2
        for cell, top, bottom in slots:
            if top <= centre < bottom:
                found.setdefault(cell, []).append(word)
                break
    return {cell: _join(words) for cell, words in found.items()}


def _crop(gray: np.ndarray, bbox: BBox) -> np.ndarray | None:
    x0, y0 = int(bbox.x0) + CELL_MARGIN, int(bbox.top) + CELL_MARGIN
    x1, y1 = int(bbox.x1) - CELL_MARGIN, int(bbox.bottom) - CELL_MARGIN
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    return gray[y0:y1, x0:x1]


def _has_ink(crop: np.ndarray) -> bool:
    return bool((crop < 128).mean() > 0.002)


def _join(words: list[Word]) -> tuple[str, float | None]:
    """Words of one cell in reading order: lines by vertical position, then left to right.

    Tesseract splits Thai into per-character 'words'; a space is kept only where the gap is
    wide relative to the text height (a real word break), and wrapped lines are joined.
    """
    words = sorted(words, key=lambda w: (w.bbox.top if w.bbox else 0))
    lines: list[list[Word]] = []
    for word in words:
        assert word.bbox is not None
        if lines and word.bbox.top < _line_bottom(lines[-1]) - 0.5 * word.bbox.height:
            lines[-1].append(word)
        else:
            lines.append([word])
    texts = []
    for line in lines:
        line.sort(key=lambda w: w.bbox.x0 if w.bbox else 0)
        text = line[0].text
        for previous, word in zip(line, line[1:]):
            assert previous.bbox is not None and word.bbox is not None
            gap = word.bbox.x0 - previous.bbox.x1
            text += (" " if gap > 0.35 * max(word.bbox.height, previous.bbox.height) else "") + word.text
        texts.append(text)
    confidences = [w.confidence for w in words if w.confidence is not None]
    return " ".join(texts), (min(confidences) if confidences else None)


def _line_bottom(line: list[Word]) -> float:
    return max(w.bbox.bottom for w in line if w.bbox is not None)
