"""Arabic digits of an amount checked against their glyphs (saraban.ingest.ocr.arabic_digits).

The image is a disbursed cell cut from a generated scan (seed 1004, page 2, row 1) where
Tesseract read 322,700.00 as 322,100.00 with confidence above the LOW_CONFIDENCE threshold.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from saraban.ingest.ocr.arabic_digits import CORRECTED_CONFIDENCE, confirm_arabic_numbers
from saraban.ingest.ocr.digit_glyphs import ARABIC_DIGITS, THAI_DIGITS, load_digit_templates
from saraban.parsers.model import BBox
from saraban.parsers.ocr_data import OcrWord

CELL = Path(__file__).parent / "data" / "scanned-arabic-322700.png"


@pytest.fixture(scope="module")
def templates():
    return load_digit_templates(digits=THAI_DIGITS + ARABIC_DIGITS)


@pytest.fixture(scope="module")
def ink() -> np.ndarray:
    gray = cv2.imread(str(CELL), cv2.IMREAD_GRAYSCALE)
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return binary


def word_over_ink(ink: np.ndarray, text: str, confidence: float = 0.93) -> OcrWord:
    ys, xs = np.nonzero(ink[10:-10, 10:-10])  # the number, not the cell's ruling at its edges
    return OcrWord(text, BBox(xs.min() + 10, ys.min() + 10, xs.max() + 11, ys.max() + 11), confidence, (1, 1, 1))


def test_a_seven_read_as_one_is_taken_from_the_glyph_and_marked_doubtful(ink, templates):
    [word] = confirm_arabic_numbers([word_over_ink(ink, "322,100.00")], ink, templates)
    assert word.text == "322,700.00"
    assert word.confidence == CORRECTED_CONFIDENCE


def test_digits_the_glyphs_confirm_are_left_as_read(ink, templates):
    given = word_over_ink(ink, "322,700.00")
    assert confirm_arabic_numbers([given], ink, templates) == [given]


def test_nothing_changes_when_glyphs_and_digits_do_not_pair_up(ink, templates):
    short = word_over_ink(ink, "32,100.00")  # a digit fewer than the glyphs
    thai = word_over_ink(ink, "๓๒๒,๑๐๐.๐๐")  # not an Arabic number: the Thai re-reader's
    assert confirm_arabic_numbers([short, thai], ink, templates) == [short, thai]
