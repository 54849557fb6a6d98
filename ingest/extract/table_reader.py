"""Read a ruled table cell by cell: text by OCR on each cell, status ticks by ink.

Tesseract is started once per batch of cells, not once per cell: the cell crops are stacked
on one white strip with gaps between them, OCR'd in a single call, and the words are given back
to the cells by their vertical position. Numeric cells go in their own strip so that the
recogniser can be restricted to digits, Thai digits, comma and dot.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from saraban.ingest.extract.cell_lines import LinePiece, line_strips, text_lines
from saraban.ingest.ocr.digit_glyphs import own_face_reading
from saraban.ingest.extract.cell_images import cell_crop, has_ink, whitened, without_edge_rules, without_specks
from saraban.ingest.extract.grid import Grid, GridCell, mark_ink, read_row_ticks
from saraban.ingest.extract.latin_reread import reread_latin
from saraban.ingest.ocr.engine import THAI_ONLY
from saraban.normalize.look_alikes import repair_look_alikes
from saraban.normalize.ocr_noise import without_ocr_noise
from saraban.normalize.numerals import to_arabic_digits
from saraban.normalize.text import join_wrapped
from saraban.parsers.model import Cell, Mark, MarkState, Table
from saraban.parsers.ocr_data import OcrWord, lines_from_words


class StripOcr(Protocol):
    """ocr(image, numeric, single_line, lang) -> tokens with boxes in the image's pixels;
    ``lang`` None reads with the configured languages."""

    def __call__(
        self, image: np.ndarray, numeric: bool, single_line: bool, lang: str | None = None
    ) -> list[OcrWord]: ...


# glyphs(cell ink) -> (digits, confidence, read by the document's own glyphs), or None when the
# glyphs are not plain
GlyphReader = Callable[[np.ndarray], "tuple[str, float, bool] | None"]

STRIP_GAP = 40  # white pixels between stacked cells: words never straddle two cells
# Specks beside a number come back as stray dots and dashes ('.15', '17.', '0.00.'); a number
# never starts or ends with one.
NUMBER_EDGE_NOISE = ".,-'` "
_EDGE_NOISE_CHARS = frozenset(NUMBER_EDGE_NOISE)
_NUMBER = re.compile(r"[\d๐-๙][\d๐-๙.,]*")
# A number read with less confidence than this is read a second time, alone and from grey.
SECOND_READING_BELOW = 0.9
# ... and the second reading replaces the first only when it is this sure (and surer): below
# it, lone re-reads lose digits (19 read 9 at 0.30, 0.00 read 900 at 0.53 on the benchmark).
SECOND_READING_ACCEPT = 0.8
# Two readers sure of different numbers (Tesseract's '6' at 0.97 against the glyph's ๓ at 0.89,
# ๓๓๓ against ๓๓ with a speck between) leave the cell at most this sure: either may be wrong.
READERS_DISAGREE = 0.5


@dataclass(frozen=True, slots=True)
class CellPlan:
    """Which cells are read how: by the column roles found in the header."""

    numeric_cols: frozenset[int]  # seq, dimension, budget, disbursed
    mark_cols: frozenset[int]  # status sub-columns: read by ink, not OCR
    integer_cols: frozenset[int] = frozenset()  # seq, dimension: small whole numbers
    seq_col: int | None = None  # ลำดับ: its proven numbers teach the document's digit glyphs


def read_header(gray: np.ndarray, grid: Grid, ocr: StripOcr, max_rows: int = 3) -> list[list[Cell]]:
    """The first rows (where a header would be) as text cells, by grid row."""
    cells = [c for c in grid.cells if c.row < max_rows]
    texts = _ocr_cells(gray, cells, ocr, numeric=False)
    rows: list[list[Cell]] = [[] for _ in range(min(max_rows, len(grid.rows) - 1))]
    for cell in cells:
        text, confidence = texts.get(cell, ("", None))
        rows[cell.row].append(Cell(cell.row, cell.col, text, cell.bbox, confidence, cell.row_span, cell.col_span))
    return rows


def read_table(
    gray: np.ndarray,
    binary: np.ndarray,
    clean_binary: np.ndarray,
    grid: Grid,
    page: int,
    ocr: StripOcr,
    plan: CellPlan,
    header_rows: int,
    dpi: int,
    known: Sequence[Sequence[Cell]] = (),
    glyphs: GlyphReader | None = None,
) -> tuple[Table, dict[tuple[int, int], tuple[str, float | None]]]:
    """Cells of ``grid`` with text, and marks for the body's status cells; beside the table,
    the OCR's own reading of each integer cell by (row, col), before its glyphs were read.

    ``gray`` is the deskewed page for OCR of text; ``binary`` the same page binarized (ink 255),
    for OCR of numbers: on cells, Otsu's binary read 100 of 141 generated number cells right
    against 91 from grey (JPEG noise around small digits turns 13 into 1S); ``clean_binary``
    has the rules removed, for ink. The first ``header_rows`` rows are read as text whatever their
    column; below them ``plan`` says which columns are numbers and which are tick boxes.
    ``known`` are cells already read as text (the rows :func:`read_header` read): text cells
    among them are not read again. ``glyphs`` reads the integer cells OCR left doubtful from
    their glyphs (see :func:`_glyph_reading`). ``dpi`` is the page's, for the size of ticks.
    A report's body text (names, remarks) loses the marks OCR made of rule remnants and specks
    (saraban.normalize.ocr_noise) and has the letters OCR took for look-alikes put back
    (saraban.normalize.look_alikes); unsure Latin words in text cells are read again as Thai
    (saraban.ingest.extract.latin_reread).
    """
    in_body = [c for c in grid.cells if c.row >= header_rows]
    text_cells = [c for c in grid.cells if c.row < header_rows] + [
        c for c in in_body if c.col not in plan.numeric_cols | plan.mark_cols
    ]
    numeric_cells = [c for c in in_body if c.col in plan.numeric_cols]
    already = {cell.bbox: (cell.text, cell.confidence) for row in known for cell in row}
    texts: dict[GridCell, tuple[str, float | None]] = {
        c: already[c.bbox] for c in text_cells if c.bbox in already
    }
    texts.update(_ocr_cells(gray, [c for c in text_cells if c.bbox not in already], ocr, numeric=False))
    if plan.numeric_cols:  # a report's names and remarks: OCR's marks and look-alike letters
        texts.update({c: (repair_look_alikes(without_ocr_noise(texts[c][0])), texts[c][1])
                      for c in in_body if c in texts})
    numbers = {
        cell: (_number_text(text), confidence)
        for cell, (text, confidence) in _ocr_cells(255 - binary, numeric_cells, ocr, numeric=True).items()
    }
    texts.update(_second_reading(gray, numbers, ocr))
    integers = {c: texts[c] for c in numeric_cells if c.col in plan.integer_cols and c in texts}
    if glyphs is not None:
        texts.update(_glyph_reading(binary, integers, glyphs))
    marks = _marks(clean_binary, [c for c in in_body if c.col in plan.mark_cols], dpi)
    rows: dict[int, list[Cell]] = {}
    for cell in grid.cells:
        text, confidence = texts.get(cell, ("", None))
        mark = marks.get(cell)
        if mark is not None:
            confidence = mark.confidence
        rows.setdefault(cell.row, []).append(
            Cell(cell.row, cell.col, text, cell.bbox, confidence, cell.row_span, cell.col_span, mark)
        )
    ordered = tuple(tuple(sorted(rows[r], key=lambda c: c.col)) for r in sorted(rows))
    ocr_integers = {(cell.row, cell.col): reading for cell, reading in integers.items()}
    return Table(ordered, page, grid.bbox, ruled=True, header_rows=header_rows), ocr_integers


def _marks(clean_binary: np.ndarray, cells: Sequence[GridCell], dpi: int) -> dict[GridCell, Mark]:
    """Tick marks of the status cells, each row's cells judged together."""
    by_row: dict[int, list[GridCell]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
    marks = {}
    for row_cells in by_row.values():
        readings = read_row_ticks([mark_ink(clean_binary, c.bbox, dpi) for c in row_cells])
        for cell, ink in zip(row_cells, readings):
            state = MarkState.TICKED if ink.ticked else MarkState.UNTICKED
            marks[cell] = Mark(state, ink.confidence, f"ink:{ink.ink:.0f}")
    return marks


def _ocr_cells(
    gray: np.ndarray, cells: Sequence[GridCell], ocr: StripOcr, numeric: bool
) -> dict[GridCell, tuple[str, float | None]]:
    crops = [(cell, crop) for cell in cells if (crop := cell_crop(gray, cell.bbox)) is not None]
    if numeric:
        # A thick rule's remnant along a number cell's edge is ink in an empty cell: the rest
        # of a row a page break split, its ลำดับ cell so "unreadable", became a row.
        crops = [(cell, without_edge_rules(crop, short_sides=False)) for cell, crop in crops]
    crops = [(cell, crop) for cell, crop in crops if has_ink(crop)]
    if not crops:
        return {}
    if numeric:
        crops = [(cell, without_specks(crop)) for cell, crop in crops]
        texts = _read_stacked(crops, ocr)
    else:
        crops = [(cell, without_edge_rules(whitened(crop))) for cell, crop in crops]
        texts = _read_lines(crops, ocr)
    return _read_leftovers(crops, texts, ocr, numeric)


def _read_lines(crops: list[tuple[GridCell, np.ndarray]], ocr: StripOcr) -> dict[GridCell, tuple[str, float | None]]:
    """Text cells, cut into their lines and read as single lines (see cell_lines)."""
    pieces = [LinePiece(cell, index, crop[top:bottom])
              for cell, crop in crops for index, (top, bottom) in enumerate(text_lines(crop))]
    found: dict[tuple[GridCell, int], list[OcrWord]] = {}
    for strip in line_strips(pieces):
        on_strip: dict[tuple[GridCell, int], list[OcrWord]] = {}
        for word in ocr(strip.image, False, True):
            if not word.text.strip():
                continue
            centre = (word.bbox.x0 + word.bbox.x1) / 2
            piece = next((p for p, left, right in strip.slots if left <= centre < right), None)
            if piece is not None:
                on_strip.setdefault((piece.key, piece.index), []).append(word)
        # Latin words are read again within their own line: a run must not reach another cell.
        for key, words in on_strip.items():
            found[key] = reread_latin(words, strip.image, lambda image: ocr(image, False, True, THAI_ONLY))
    line_count: dict[GridCell, int] = {}
    for piece in pieces:
        line_count[piece.key] = line_count.get(piece.key, 0) + 1
    texts: dict[GridCell, tuple[str, float | None]] = {}
    for cell, _ in crops:
        lines = [_join(found[(cell, i)]) for i in range(line_count.get(cell, 0)) if (cell, i) in found]
        if lines:
            confidences = [c for _, c in lines if c is not None]
            texts[cell] = (join_wrapped([text for text, _ in lines]), min(confidences) if confidences else None)
    return texts


def _read_stacked(crops: list[tuple[GridCell, np.ndarray]], ocr: StripOcr) -> dict[GridCell, tuple[str, float | None]]:
    """Number cells, stacked on one strip and read as a block (one line each)."""
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
    words = ocr(strip, True, False)
    found: dict[GridCell, list[OcrWord]] = {}
    for word in words:
        if not word.text.strip():
            continue
        centre = (word.bbox.top + word.bbox.bottom) / 2
        for cell, top, bottom in slots:
            if top <= centre < bottom:
                found.setdefault(cell, []).append(word)
                break
    return {cell: _join(_without_edge_noise(cell_words)) for cell, cell_words in found.items()}


def _read_leftovers(
    crops: list[tuple[GridCell, np.ndarray]], texts: dict[GridCell, tuple[str, float | None]],
    ocr: StripOcr, numeric: bool,
) -> dict[GridCell, tuple[str, float | None]]:
    """Cells a strip gave nothing for, asked again alone. Tesseract's block mode skips a lone
    short token (a one-digit ลำดับ) on a strip; such a cell is read as a single line."""
    texts = dict(texts)
    for cell, crop in crops:
        if cell not in texts:
            alone = ocr(_padded(crop), numeric, True)
            alone = _without_edge_noise(alone) if numeric else alone
            if alone:
                texts[cell] = _join(alone)
            elif numeric:
                # Tesseract's LSTM with a character whitelist returns nothing for some lone
                # digits ('4' in TH Sarabun, every time); unrestricted it reads them. Kept only
                # when the answer is a number.
                free = _join(ocr(_padded(crop), False, True))
                if _NUMBER.fullmatch(free[0].strip(NUMBER_EDGE_NOISE)):
                    texts[cell] = free
        if cell not in texts:
            # Ink that no reading could turn into text: say so (confidence 0), so that an
            # empty value is not taken for an empty cell.
            texts[cell] = ("", 0.0)
    return texts


def _without_edge_noise(words: list[OcrWord]) -> list[OcrWord]:
    """A number cell's tokens without the lone points and commas beside the number: a speck
    read as '.' (confidence 0) is stripped from the value by :func:`_number_text` and must not
    make the value's confidence 0 either. Marks between digits stay."""
    digits = [w for w in words if any(ch.isdigit() for ch in w.text)]
    if not digits:
        return words
    # Only marks a digit's height or more away: a thin 1 read as ',' would sit close.
    gap = max(w.bbox.height for w in digits)
    left, right = min(w.bbox.x0 for w in digits) - gap, max(w.bbox.x1 for w in digits) + gap
    return [w for w in words
            if not (set(w.text) <= _EDGE_NOISE_CHARS and (w.bbox.x1 <= left or w.bbox.x0 >= right))]


def _number_text(text: str) -> str:
    return text.replace(" ", "").strip(NUMBER_EDGE_NOISE)


def _second_reading(
    gray: np.ndarray, numbers: dict[GridCell, tuple[str, float | None]], ocr: StripOcr
) -> dict[GridCell, tuple[str, float | None]]:
    """Numbers read with confidence under SECOND_READING_BELOW, read again alone from grey.

    In a strip Tesseract now and then drops or swaps a digit next to a wide neighbour (47 read
    7, ๑๔ read ๓๔ from the binary); alone and from grey it reads most of them right, and more
    surely. A different reading replaces the first only when it is sure and surer.
    """
    checked = dict(numbers)
    for cell, (text, confidence) in numbers.items():
        if confidence is not None and confidence >= SECOND_READING_BELOW:
            continue
        crop = cell_crop(gray, cell.bbox)
        if crop is None:
            continue
        again, again_confidence = _join(_without_edge_noise(ocr(_padded(crop), True, True)))
        again = _number_text(again)
        if again_confidence is None or not _NUMBER.fullmatch(again):
            continue
        # Two readings that agree do not make the cell surer: Tesseract misreads one glyph the
        # same way twice (322,700 as 322,100 in the strip and alone), and the doubt must stay
        # for the reconciler to weigh.
        # A reading alone that keeps only part of the strip's digits lost the others: a speck
        # low in a tall cell makes Tesseract's line cut 300,100.00 to 00.00, at 0.93.
        lost_digits = _number_value(again) in _number_value(text)
        if _number_value(again) != _number_value(text) and not lost_digits \
                and again_confidence >= SECOND_READING_ACCEPT and again_confidence > (confidence or 0.0):
            checked[cell] = (again, again_confidence)
    return checked


def _glyph_reading(
    binary: np.ndarray, numbers: dict[GridCell, tuple[str, float | None]], glyphs: GlyphReader
) -> dict[GridCell, tuple[str, float | None]]:
    """Integer cells read again from their glyphs, by templates rather than Tesseract.

    Tesseract gives nothing for some lone digits ('4' and '1' in cells on the benchmark), or
    reads a speck beside a 1 into a 4, sure of it. Template matching does not share its errors,
    so each integer cell is read both ways: when the two agree the cell takes the surer
    confidence; when they differ the surer reading is kept with the other's confidence, and
    never above READERS_DISAGREE when both read a number (the doubt one reading casts on the
    other); a glyph reading is taken only when every glyph matches a digit closely, and never
    when it finds fewer digits than the OCR (a stroke the binarization broke, not a digit too
    many). The page's binary is used, not the one with rules removed: removing vertical rules
    takes the stem of a 4 with them.
    """
    checked = dict(numbers)
    for cell, (text, confidence) in numbers.items():
        ink = cell_crop(binary, cell.bbox)
        read = glyphs(ink) if ink is not None else None
        if read is None:
            continue
        digits, glyph_confidence, own_face = read
        ocr_confidence = confidence or 0.0
        ocr_number = _NUMBER.fullmatch(text) is not None
        if own_face:
            checked[cell] = own_face_reading(text, confidence, digits, glyph_confidence)
        elif _number_value(digits) == _number_value(text):
            checked[cell] = (text, max(ocr_confidence, glyph_confidence))
        elif ocr_number and len(digits) < len(_number_value(text)):
            checked[cell] = (text, min(ocr_confidence, READERS_DISAGREE))
        elif glyph_confidence > ocr_confidence:
            checked[cell] = (digits, min(ocr_confidence, READERS_DISAGREE) if ocr_number else glyph_confidence)
        else:
            checked[cell] = (text, min(glyph_confidence, READERS_DISAGREE))
    return checked


def _number_value(text: str) -> str:
    return to_arabic_digits(text).replace(",", "")


def _padded(crop: np.ndarray) -> np.ndarray:
    canvas = np.full((crop.shape[0] + 2 * STRIP_GAP, crop.shape[1] + 2 * STRIP_GAP), 255, np.uint8)
    canvas[STRIP_GAP : STRIP_GAP + crop.shape[0], STRIP_GAP : STRIP_GAP + crop.shape[1]] = crop
    return canvas


def _join(words: list[OcrWord]) -> tuple[str, float | None]:
    """A cell's tokens as text: lines rebuilt by geometry (saraban.parsers.ocr_data), top to bottom,
    joined as a wrapped cell's lines are (saraban.normalize.text.join_wrapped)."""
    lines = sorted(lines_from_words(words, page=0), key=lambda line: line.bbox.top if line.bbox else 0)
    confidences = [w.confidence for w in words]
    return join_wrapped([line.text for line in lines]), (min(confidences) if confidences else None)
