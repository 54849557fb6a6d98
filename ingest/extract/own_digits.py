"""A document's own digit glyphs: taught by its ลำดับ column, used on its integer cells.

A report numbers its rows 1, 2, 3, …: where the readings count up by one, the sequence proves
what each ลำดับ cell holds, and the cell's glyphs are the digits of the document's own typeface
(a decorative SIPA face whose ๓ Tesseract and the stock templates read as ๘). The table reader
uses them on the pages that follow; at the end of the file, the integer cells of the pages read
before it had learned them all are read again with everything the document taught (a มิติ read
as 8, sure but impossible, included), and every amount's digits are checked against them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from pythainlp.util import arabic_digit_to_thai_digit

from saraban.ingest.ocr.digit_glyphs import (
    THAI_DIGITS, DigitTemplates, LearnedDigits, OwnFaceReader, learn_digits, own_face_reading,
)
from saraban.ingest.extract.cell_images import cell_crop
from saraban.ingest.ocr.glyph_cuts import amount_glyphs
from saraban.ingest.extract.table_reader import CellPlan
from saraban.normalize.numerals import one_digit_apart, to_arabic_digits
from saraban.parsers.model import BBox, Page, Table

_DIGITS = re.compile(r"[0-9๐-๙]+")
# An amount whose digits the document's own glyphs read as others (Tesseract sure of
# 585,800.00 where TH Niramit AS prints 385,800.00): two readers disagree, and the value must be
# looked at whichever is right. The glyphs need not be as plainly one digit as where they
# overrule a reading (OWN_FACE_MARGIN): the outcome is a doubt, not a value taken on their word
# (TH Baijam's ๕ is 0.975 like its own ๕ and 0.941 like a ๔, which Tesseract read).
OWN_AMOUNT_DISAGREES = 0.5
OWN_AMOUNT_MARGIN = 0.02
# An amount Tesseract read below OWN_AMOUNT_AGREES (TH Baijam's 85,020.00 at 0.00, in the strip
# and alone; TH Sarabun PSK's 0.00 at 0.1-0.4) that the document's own glyphs read the same,
# digit for digit and each plainly (OWN_FACE_MARGIN), is read by two readers that agree: it is
# raised to OWN_AMOUNT_AGREED, what Tesseract gives a plain amount in these faces (0.85-0.90).
# On tuning seeds 41000 and 51000 (browser-printed scans) all 20 amounts raised so were right
# (8 and 12); left at 0.5, seed 51000's 12 put 11 right rows of 826 under review.
OWN_AMOUNT_AGREES = 0.5
OWN_AMOUNT_AGREED = 0.85
# A ลำดับ counts as proven when it stands in this many readings in a row that count up by one:
# a misread digit almost never lands exactly on the number its neighbours imply.
PROVEN_RUN = 3


def proven_numbers(readings: Sequence[int | None]) -> list[int | None]:
    """For a report's ลำดับ readings in printed order, the number the sequence proves each cell
    holds, else None: a reading inside a run of PROVEN_RUN counting up by one is its own
    number; a reading between two proven numbers that leave one out (๒๓, ?, ๒๕) holds the one
    left out, whatever it was read as (a misread ๒๔ teaches how this face writes ๔), unless it
    reads as one of them two digits off (:func:`one_digit_apart`)."""
    proven: list[int | None] = [None] * len(readings)
    for start in range(len(readings) - PROVEN_RUN + 1):
        first = readings[start]
        if first is not None and all(readings[start + k] == first + k for k in range(PROVEN_RUN)):
            proven[start : start + PROVEN_RUN] = [first + k for k in range(PROVEN_RUN)]
    for i in range(1, len(readings) - 1):
        before, after = proven[i - 1], proven[i + 1]
        if proven[i] is None and before is not None and after == before + 2 \
                and (readings[i] not in (before, after) or one_digit_apart(readings[i], before + 1)):
            proven[i] = before + 1
    return proven


def written_like(number: int, text: str) -> str:
    """``number`` in the digits ``text`` is written in (Thai when it has any Thai digit)."""
    thai = any(ch in THAI_DIGITS for ch in text)
    return arabic_digit_to_thai_digit(str(number)) if thai else str(number)


@dataclass(frozen=True, slots=True)
class CellPlace:
    """Where a table cell is: what the end-of-file pass finds it again by."""

    page: int
    table: BBox | None
    row: int
    col: int


@dataclass(frozen=True, slots=True)
class IntegerCell:
    """A ลำดับ or มิติ cell as the table reader left it, with its ink and the OCR's reading
    before its glyphs were read (what the end-of-file pass decides from again)."""

    place: CellPlace
    text: str
    confidence: float | None
    ink: np.ndarray | None
    is_seq: bool
    ocr_text: str
    ocr_confidence: float | None

    @property
    def number(self) -> int | None:
        text = self.text.strip()
        return int(to_arabic_digits(text)) if _DIGITS.fullmatch(text) else None


def integer_cells(
    binary: np.ndarray, table: Table, plan: CellPlan, ocr: Mapping[tuple[int, int], tuple[str, float | None]]
) -> list[IntegerCell]:
    """The body's integer cells of a table read with ``plan``, in printed order; ``ocr`` holds
    the OCR's readings by (row, col), before the glyphs were read."""
    cells = []
    for row in table.rows[table.header_rows or 0 :]:
        for cell in row:
            if cell.col not in plan.integer_cols or cell.bbox is None:
                continue
            ink = cell_crop(binary, cell.bbox)
            ocr_text, ocr_confidence = ocr.get((cell.row, cell.col), ("", None))
            cells.append(IntegerCell(CellPlace(table.page, table.bbox, cell.row, cell.col), cell.text, cell.confidence,
                                     ink.copy() if ink is not None else None, cell.col == plan.seq_col,
                                     ocr_text, ocr_confidence))
    return cells


@dataclass(frozen=True, slots=True)
class AmountCell:
    """A money cell as the table reader left it, with its ink."""

    place: CellPlace
    text: str
    confidence: float | None
    ink: np.ndarray


def amount_cells(binary: np.ndarray, table: Table, plan: CellPlan) -> list[AmountCell]:
    """The body's money cells (numeric, not integer) that hold digits, of a table read with ``plan``."""
    money = plan.numeric_cols - plan.integer_cols
    return [AmountCell(CellPlace(table.page, table.bbox, cell.row, cell.col), cell.text, cell.confidence, ink.copy())
            for row in table.rows[table.header_rows or 0 :] for cell in row
            if cell.col in money and cell.bbox is not None and _DIGITS.search(cell.text)
            and (ink := cell_crop(binary, cell.bbox)) is not None]


def own_amount_reading(cell: AmountCell, reader: OwnFaceReader) -> tuple[str, float] | None:
    """The amount with the digits the document's own glyphs read, at most OWN_AMOUNT_DISAGREES
    sure, where they read a digit otherwise than the table reader; where they read every digit
    as it does, plainly, a reading below OWN_AMOUNT_AGREES raised to OWN_AMOUNT_AGREED. None where nothing
    changes or they cannot tell (a glyph not OWN_AMOUNT_MARGIN more like one digit they know
    than like any other; more glyphs than digits). Where some glyph is not plainly a digit,
    the ones before it are still compared (:func:`_leading_misread`)."""
    digits = [ch for ch in cell.text if ch.isdigit()]
    glyphs = amount_glyphs(cell.ink)
    if glyphs is None or len(glyphs) > len(digits):
        return None
    own = reader.read_glyphs(glyphs, OWN_AMOUNT_MARGIN) if len(glyphs) == len(digits) else None
    if own is not None and to_arabic_digits(own[0]) == to_arabic_digits("".join(digits)):
        barely = cell.confidence is not None and cell.confidence < OWN_AMOUNT_AGREES
        return (cell.text, OWN_AMOUNT_AGREED) if barely and reader.read_glyphs(glyphs) is not None else None
    if own is None and (own := _leading_misread(digits, glyphs, reader)) is None:
        return None
    read = iter(to_arabic_digits(own[0]) + to_arabic_digits("".join(digits[len(own[0]) :])))
    text = "".join(written_like(int(next(read)), ch) if ch.isdigit() else ch for ch in cell.text)
    return text, min(cell.confidence if cell.confidence is not None else 1.0, own[1], OWN_AMOUNT_DISAGREES)


def _leading_misread(digits: Sequence[str], glyphs: Sequence[np.ndarray],
                     reader: OwnFaceReader) -> tuple[str, float] | None:
    """The leading digits the document's own glyphs read, where they read one otherwise than
    the table reader, in a cell with a glyph that is not plainly a digit: two digits touching
    make one glyph like none (TH Baijam's ๐๐ in ๔๑,๗๐๐.๐๐, whose ๔ is its ๕), or a digit is
    printed unlike the one the ลำดับ column taught (TH Niramit AS's 4 at 0.83 in 567,400.00,
    whose 5 is its 3). Up to the first such glyph, each glyph is one digit and stands where its
    digit does."""
    text, confidence = reader.read_leading(glyphs, OWN_AMOUNT_MARGIN)
    if not text or len(text) == len(glyphs):  # every glyph one digit, yet too few: no alignment
        return None
    if to_arabic_digits(text) == to_arabic_digits("".join(digits[: len(text)])):
        return None
    return text, confidence


class OwnDigits:
    """What one document's integer cells taught so far, and the cells read before that."""

    def __init__(self) -> None:
        self.learned = LearnedDigits()
        self._seq_numbers: list[int | None] = []  # the ลำดับ readings so far, in order
        self._unsettled: dict[int, IntegerCell] = {}  # by position: cells a later run may yet prove
        self._read: list[IntegerCell] = []
        self._amounts: list[AmountCell] = []

    def add(self, cells: Sequence[IntegerCell], amounts: Sequence[AmountCell] = ()) -> None:
        """One page's integer cells: proven ลำดับ cells teach their glyphs, and all are kept for
        :meth:`revised` with the page's ``amounts``."""
        seq = [cell for cell in cells if cell.is_seq]
        start = len(self._seq_numbers)
        self._seq_numbers += [cell.number for cell in seq]
        self._unsettled.update((start + i, cell) for i, cell in enumerate(seq))
        proven = proven_numbers(self._seq_numbers)
        script = next((cell.text for cell in seq if _DIGITS.search(cell.text)), "")
        taught = [(cell.ink, written_like(number, cell.text if _DIGITS.search(cell.text) else script))
                  for i, cell in self._unsettled.items()
                  if (number := proven[i]) is not None and cell.ink is not None]
        self.learned = learn_digits(self.learned, taught)
        # A cell the next page's first rows may still prove (a run starting at it, or one after
        # the number it leaves out) stays; the others are settled.
        last_open = len(self._seq_numbers) - (PROVEN_RUN + 1)
        self._unsettled = {i: cell for i, cell in self._unsettled.items() if i >= last_open and proven[i] is None}
        self._read += [cell for cell in cells if cell.ink is not None]
        self._amounts += amounts

    def revised(self, pages: Sequence[Page], stock: DigitTemplates | None) -> list[Page]:
        """``pages`` with their integer cells read again by everything the document taught
        (see :func:`saraban.ingest.ocr.digit_glyphs.own_face_reading`), decided from the OCR's reading as
        the page would have with every glyph known: a cell the page already took from its own
        glyphs is not made surer by agreeing with itself. A cell its own glyphs do not read
        plainly stays as it was. Amounts are checked digit by digit (:func:`own_amount_reading`)."""
        reader = OwnFaceReader.of(stock, self.learned) if stock is not None else None
        if reader is None:
            return list(pages)
        changes: dict[CellPlace, tuple[str, float]] = {}
        for cell in self._read:
            own = reader.read(cell.ink)
            if own is not None:
                changes[cell.place] = own_face_reading(
                    cell.ocr_text, cell.ocr_confidence, *own)
        for amount in self._amounts:
            if (checked := own_amount_reading(amount, reader)) is not None:
                changes[amount.place] = checked
        if not changes:
            return list(pages)
        return [replace(page, blocks=tuple(_revised_table(block, changes) if isinstance(block, Table) else block
                                           for block in page.blocks)) for page in pages]


def _revised_table(table: Table, changes: dict[CellPlace, tuple[str, float]]) -> Table:
    rows = tuple(
        tuple(replace(cell, text=found[0], confidence=found[1])
              if (found := changes.get(CellPlace(table.page, table.bbox, cell.row, cell.col))) is not None else cell
              for cell in row)
        for row in table.rows
    )
    return replace(table, rows=rows)
