"""A document's own digits: its ลำดับ column, proven by counting up, teaches the glyphs of its
typeface, and integer cells an earlier page left doubtful are read again with them at the end
of the file. Drawn in TH Kodchasan, a SIPA face the stock templates never saw."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from saraban.ingest.ocr.digit_glyphs import ARABIC_DIGITS, THAI_DIGITS, LearnedDigits, learn_digits, load_digit_templates
from saraban.ingest.extract.own_digits import OWN_AMOUNT_AGREED, OwnDigits, amount_cells, integer_cells, proven_numbers
from saraban.ingest.extract.table_reader import CellPlan
from saraban.ingest.ocr.engine import OcrSettings, TesseractEngine
from saraban.parsers.model import BBox, Cell, Page, PageSource, Table
from saraban.reconcile.build_report import BuildSettings
from tests.extract.engines import tesseract_or_skip
from tests.extract.test_glyph_reading import kodchasan_ink, thai_number

SEQ, DIMENSION = 0, 1
CELL_W, CELL_H = 320, 128


def page_of(numbers: list[tuple[str, str, float]], page: int) -> tuple[np.ndarray, Page]:
    """A binary page with one table: per row a ลำดับ and a มิติ cell as (seq text, dimension
    text, dimension confidence), the readings the table reader is supposed to have made (the
    OCR's, unless a test says otherwise)."""
    binary = np.zeros((CELL_H * len(numbers) + 20, 2 * CELL_W + 20), np.uint8)
    rows = []
    for r, (seq, dimension, dimension_confidence) in enumerate(numbers):
        cells = []
        for col, text, confidence in ((SEQ, seq, 0.95), (DIMENSION, dimension, dimension_confidence)):
            truth = thai_number(r + 1) if col == SEQ else "๓"
            ink = kodchasan_ink(truth, 64)
            top, left = 10 + r * CELL_H, 10 + col * CELL_W
            binary[top : top + ink.shape[0], left : left + ink.shape[1]] = ink
            cells.append(Cell(r, col, text, BBox(left, top, left + CELL_W, top + CELL_H), confidence))
        rows.append(tuple(cells))
    table = Table(tuple(rows), page, BBox(0, 0, binary.shape[1], binary.shape[0]), ruled=True, header_rows=0)
    return binary, Page(page, (table,), PageSource.OCR)


PLAN = CellPlan(frozenset({SEQ, DIMENSION}), frozenset(), frozenset({SEQ, DIMENSION}), SEQ)


def as_read(page: Page) -> dict[tuple[int, int], tuple[str, float | None]]:
    """The page's integer cells as the OCR read them: their texts as they stand."""
    return {(cell.row, cell.col): (cell.text, cell.confidence) for row in page.blocks[0].rows for cell in row}


def test_a_dimension_an_earlier_page_misread_is_read_by_the_glyphs_the_report_taught():
    stock = load_digit_templates(digits=THAI_DIGITS + ARABIC_DIGITS)
    first_binary, first = page_of([(thai_number(1), "๘", 0.5), (thai_number(2), "๓", 0.9)], page=2)
    rest_binary, rest = page_of([(thai_number(n), "๓", 0.9) for n in range(1, 13)], page=3)
    own = OwnDigits()
    own.add(integer_cells(first_binary, first.blocks[0], PLAN, as_read(first)))
    own.add(integer_cells(rest_binary, rest.blocks[0], PLAN, as_read(rest)))
    assert set(own.learned.labels) >= set("๑๒๓")

    revised = own.revised([first, rest], stock)

    cell = revised[0].blocks[0].rows[0][DIMENSION]
    assert (cell.text, cell.confidence) == ("๓", 0.8)  # taken over Tesseract's ๘, not as certain
    agreeing = revised[0].blocks[0].rows[1][DIMENSION]
    assert agreeing.text == "๓" and agreeing.confidence >= 0.9  # agreeing readings: the surer


def test_a_cell_its_page_took_from_the_own_glyphs_is_not_made_surer_by_agreeing_with_itself():
    stock = load_digit_templates(digits=THAI_DIGITS + ARABIC_DIGITS)
    rest_binary, rest = page_of([(thai_number(n), "๓", 0.9) for n in range(1, 13)], page=2)
    later_binary, later = page_of([(thai_number(1), "๓", 0.8)], page=3)  # the page overruled ๘
    own = OwnDigits()
    own.add(integer_cells(rest_binary, rest.blocks[0], PLAN, as_read(rest)))
    ocr = as_read(later) | {(0, DIMENSION): ("๘", 0.5)}
    own.add(integer_cells(later_binary, later.blocks[0], PLAN, ocr))

    revised = own.revised([rest, later], stock)

    cell = revised[1].blocks[0].rows[0][DIMENSION]
    assert (cell.text, cell.confidence) == ("๓", 0.8)


BUDGET = 2
MONEY_PLAN = CellPlan(frozenset({SEQ, DIMENSION, BUDGET}), frozenset(), frozenset({SEQ, DIMENSION}), SEQ)


def amounts_page(amounts: list[tuple[str, str]], page: int, confidence: float = 0.92) -> tuple[np.ndarray, Page]:
    """A binary page with one budget cell per row: (the amount printed, the amount read), read
    with ``confidence``."""
    inks = [kodchasan_ink(printed, 64) for printed, _ in amounts]  # the ลำดับ's size: one table's face
    width = max(ink.shape[1] for ink in inks)
    binary = np.zeros((CELL_H * len(amounts) + 20, BUDGET * CELL_W + width + 20), np.uint8)
    rows = []
    for r, ((_, read), ink) in enumerate(zip(amounts, inks)):
        top, left = 10 + r * CELL_H, 10 + BUDGET * CELL_W
        binary[top : top + ink.shape[0], left : left + ink.shape[1]] = ink
        rows.append((Cell(r, BUDGET, read, BBox(left, top, left + width, top + CELL_H), confidence),))
    table = Table(tuple(rows), page, BBox(0, 0, binary.shape[1], binary.shape[0]), ruled=True, header_rows=0)
    return binary, Page(page, (table,), PageSource.OCR)


def revised_amounts(binary: np.ndarray, page: Page) -> tuple[tuple[Cell, ...], ...]:
    """The rows of ``page``'s amounts as revised at the end of a file whose ลำดับ ๑–๑๒ (an
    earlier page) taught TH Kodchasan's digits."""
    stock = load_digit_templates(digits=THAI_DIGITS + ARABIC_DIGITS)
    seq_binary, seq_page = page_of([(thai_number(n), "๓", 0.9) for n in range(1, 13)], page=2)
    own = OwnDigits()
    own.add(integer_cells(seq_binary, seq_page.blocks[0], PLAN, as_read(seq_page)))
    own.add([], amount_cells(binary, page.blocks[0], MONEY_PLAN))
    return own.revised([seq_page, page], stock)[1].blocks[0].rows


def test_an_amount_whose_digits_the_own_glyphs_read_otherwise_takes_them_and_is_doubtful():
    # Tesseract, sure, gives ๕ for the face's ๓ (as it gave 585,800.00 for TH Niramit AS's
    # 385,800.00): the document's own glyphs tell, and two readers disagreeing is a doubt.
    binary, page = amounts_page([("๓๘๕,๒๐๐.๐๐", "๕๘๕,๒๐๐.๐๐"), ("๓๘๕,๒๐๐.๐๐", "๓๘๕,๒๐๐.๐๐"),
                                 ("๓๘๕,๒๐๐.๐๐", "๓๘๕,๒๐๐")], page=3)

    revised = revised_amounts(binary, page)

    assert (revised[0][0].text, revised[0][0].confidence) == ("๓๘๕,๒๐๐.๐๐", 0.5)
    assert (revised[1][0].text, revised[1][0].confidence) == ("๓๘๕,๒๐๐.๐๐", 0.92)  # they agree: as read
    # Not one glyph per digit read (a digit dropped): nothing to compare digit by digit.
    assert (revised[2][0].text, revised[2][0].confidence) == ("๓๘๕,๒๐๐", 0.92)


def digit_boxes(binary: np.ndarray, row: int) -> list[tuple[int, int, int, int]]:
    """(left, top, right, bottom) of each digit's ink in row ``row`` of an amounts_page, left
    to right (the comma and point are lower than any digit)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    top, bottom = 10 + row * CELL_H, 10 + (row + 1) * CELL_H
    return sorted((x, y, x + w, y + h) for x, y, w, h, _ in stats[1:count]
                  if top <= y < bottom and h > 15)


def test_touching_digits_leave_the_leading_glyphs_to_tell_a_misread_digit():
    # TH Baijam's ๐๐ print touching, so ๔๑,๗๐๐.๐๐ (its ๕ read ๔ at 0.88) cuts into fewer glyphs
    # than digits; up to the first that is no digit, each glyph stands where its digit does.
    binary, page = amounts_page([("๓๘๕,๒๐๐.๐๐", "๕๘๕,๒๐๐.๐๐"), ("๓๘๕,๒๐๐.๐๐", "๓๘๕,๒๐๐.๐๐")], page=3)
    for row in range(2):  # a bar through each amount's ๐๐.๐๐ makes them one blob
        zeros = digit_boxes(binary, row)[4:]
        middle = (zeros[0][1] + zeros[0][3]) // 2
        binary[middle - 2 : middle + 2, zeros[0][0] : zeros[-1][2]] = 255

    revised = revised_amounts(binary, page)

    assert (revised[0][0].text, revised[0][0].confidence) == ("๓๘๕,๒๐๐.๐๐", 0.5)
    assert (revised[1][0].text, revised[1][0].confidence) == ("๓๘๕,๒๐๐.๐๐", 0.92)  # they agree: as read


def test_a_digit_unlike_its_taught_glyph_leaves_the_glyphs_before_it_to_tell_a_misread():
    # TH Niramit AS's 567,400.00 for 367,400.00 at 0.89: its 4 is 0.83 like the 4 the ลำดับ
    # taught, too little to read the whole amount, yet its 3 was read plainly before it.
    binary, page = amounts_page([("๓๘๕,๒๐๐.๐๐", "๕๘๕,๒๐๐.๐๐")], page=3)
    left, top, right, bottom = digit_boxes(binary, 0)[-1]
    binary[top : (top + bottom) // 2, left:right] = 255  # the last ๐ blotted: one glyph, like no digit

    (cell,) = revised_amounts(binary, page)[0]

    assert (cell.text, cell.confidence) == ("๓๘๕,๒๐๐.๐๐", 0.5)


def test_an_amount_read_at_next_to_no_confidence_that_the_own_glyphs_read_alike_is_read_by_both():
    # Tesseract gave TH Baijam's 85,020.00 right at 0.00, in the strip and alone. Its own glyphs,
    # read plainly the same digit for digit, make two readers that agree: not a value to review.
    binary, page = amounts_page([("๓๘๕,๒๐๐.๐๐", "๓๘๕,๒๐๐.๐๐")], page=3, confidence=0.0)

    (cell,) = revised_amounts(binary, page)[0]

    assert (cell.text, cell.confidence) == ("๓๘๕,๒๐๐.๐๐", OWN_AMOUNT_AGREED)
    assert OWN_AMOUNT_AGREED >= BuildSettings().ocr_confidence_threshold


def test_nothing_is_revised_when_no_run_of_numbers_proves_a_glyph():
    stock = load_digit_templates(digits=THAI_DIGITS + ARABIC_DIGITS)
    binary, page = page_of([(thai_number(1), "๘", 0.5), ("๗", "๓", 0.9), (thai_number(3), "๓", 0.9)], page=2)
    own = OwnDigits()
    own.add(integer_cells(binary, page.blocks[0], PLAN, as_read(page)))
    assert own.learned.labels == ()
    assert own.revised([page], stock) == [page]


def test_a_seq_is_proven_by_a_run_counting_up():
    assert proven_numbers([1, 2, 3, 51, 5, 6, None, 8, 9, 10]) == [1, 2, 3, None, None, None, None, 8, 9, 10]
    assert proven_numbers([7, 7, 8]) == [None] * 3


def test_a_misread_seq_between_proven_neighbours_holds_the_number_they_leave_out():
    # ๒๔ read as ๒๘ in a face whose ๔ Tesseract takes for ๘: the run proves it 24.
    assert proven_numbers([21, 22, 23, 28, 25, 26, 27]) == [21, 22, 23, 24, 25, 26, 27]
    # A seq the document itself skips leaves nothing out between its neighbours.
    assert proven_numbers([21, 22, 23, 25, 26, 27]) == [21, 22, 23, 25, 26, 27]
    assert proven_numbers([21, 22, 23, None, None, 26, 27, 28]) == [21, 22, 23, None, None, 26, 27, 28]
    # ... nor one it prints twice (๕๙ ๕๙ for ๕๙ ๖๐): those glyphs are a ๕ and a ๙.
    assert proven_numbers([57, 58, 59, 59, 61, 62, 63]) == [57, 58, 59, None, 61, 62, 63]
    # But a ๕ read as ๔ in TH Baijam lands on the number before it, one digit off: a misread.
    assert proven_numbers([2, 3, 4, 4, 6, 7, 8]) == [2, 3, 4, 5, 6, 7, 8]
    assert proven_numbers([22, 23, 24, 24, 26, 27, 28]) == [22, 23, 24, 25, 26, 27, 28]


@pytest.fixture(scope="module")
def engine() -> TesseractEngine:
    return tesseract_or_skip(OcrSettings())


def test_the_text_of_a_page_reads_the_digits_the_table_taught(engine):
    # A summary's date in TH Kodchasan: Tesseract cannot emit ๖ or ๔, and the stock templates
    # do not know this face, so the year stays unconfirmed (๒๕๒๕); the glyphs the report's
    # ลำดับ column taught read it.
    taught = learn_digits(LearnedDigits(), [(kodchasan_ink(thai_number(n), 64), thai_number(n)) for n in range(1, 13)])
    ink = kodchasan_ink("ณ วันที่ ๒๖ กุมภาพันธ์ ๒๕๖๔", 64)
    page = np.full((ink.shape[0] + 80, ink.shape[1] + 80), 255, np.uint8)
    page[40:-40, 40:-40] = 255 - ink

    def digits(words) -> str:
        return "".join(w.text for w in words if w.text and all(ch in THAI_DIGITS for ch in w.text))

    assert "๒๕๖๔" not in digits(engine.image_to_data(page, psm=7))
    taught_words = engine.image_to_data(page, psm=7, learned=taught)
    assert digits(taught_words).endswith("๒๕๖๔")
    # Its glyphs match the templates cut from the same drawing exactly; still not certain.
    assert max(w.confidence for w in taught_words if digits([w])) <= 0.99
