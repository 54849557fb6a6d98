"""A line whose Thai digits the glyphs could not confirm is read again alone.

The engine is a stand-in (the OcrEngine protocol): these tests are about which lines are read
again and which reading is kept; the real OCR of memo lines is measured by benchmarks/scans.py.
"""

from __future__ import annotations

import numpy as np

from ingest.extract.digit_lines import reread_doubtful_digit_lines
from ingest.thai_digits import UNCONFIRMED_CONFIDENCE
from parsers.model import BBox
from parsers.ocr_data import OcrWord

LINE, OTHER = (1, 1, 3), (1, 1, 4)
PAGE = np.full((400, 1200), 255, np.uint8)


def word(text: str, x0: float, x1: float, confidence: float = 0.9, line=LINE) -> OcrWord:
    return OcrWord(text, BBox(x0, 100, x1, 140), confidence, line)


class LineEngine:
    """Answers a line crop with fixed (text, confidence) words, and counts the calls."""

    def __init__(self, answer: list[tuple[str, float]]) -> None:
        self.answer, self.calls = answer, 0

    def image_to_data(self, image, *, psm=None, dpi=None, whitelist=None, lang=None):
        self.calls += 1
        step = image.shape[1] / max(len(self.answer), 1)
        return [OcrWord(t, BBox(i * step, 0, (i + 1) * step, image.shape[0]), c, (9, 9, 9))
                for i, (t, c) in enumerate(self.answer)]


def test_a_surer_reading_with_all_the_digits_replaces_the_line():
    doubtful = [word("ที่", 50, 90), word("ขก", 100, 160), word("๕๒๗๐๒/๕๑", 170, 400, UNCONFIRMED_CONFIDENCE)]
    other = [word("เรื่อง", 50, 150, line=OTHER)]
    engine = LineEngine([("ที่", 0.9), ("ขก", 0.9), ("๕๒๗๐๒/๘๑๗", 0.88)])
    out = reread_doubtful_digit_lines(doubtful + other, PAGE, engine, 300)
    assert [w.text for w in out] == ["ที่", "ขก", "๕๒๗๐๒/๘๑๗", "เรื่อง"]
    assert all(w.line_key == LINE and w.bbox.top >= 100 and w.bbox.bottom <= 140 for w in out[:3])
    assert engine.calls == 1  # the confirmed line is not read again


def test_a_reading_with_fewer_digits_or_no_surer_is_refused():
    doubtful = [word("ที่", 50, 90), word("๕๒๗๐๒/๘๑๗", 170, 400, UNCONFIRMED_CONFIDENCE)]
    fewer = LineEngine([("ที่", 0.9), ("๕๒๗๐๒/๘๑", 0.95)])
    assert reread_doubtful_digit_lines(doubtful, PAGE, fewer, 300) == doubtful
    unsure = LineEngine([("ที่", 0.9), ("๕๒๗๐๒/๘๑๗", 0.5)])
    assert reread_doubtful_digit_lines(doubtful, PAGE, unsure, 300) == doubtful


def test_lines_with_confirmed_digits_are_left_alone():
    sure = [word("วันที่", 50, 120), word("๑๔", 130, 170, 0.93)]
    engine = LineEngine([("x", 1.0)])
    assert reread_doubtful_digit_lines(sure, PAGE, engine, 300) == sure and engine.calls == 0
