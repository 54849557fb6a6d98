"""The Latin-read agency code before a document number is read again in Thai.

The engine here is a stand-in (the OcrEngine protocol): these tests are about which words are
re-read and how the answer is put back; the real OCR of memo pages is measured by
benchmarks/scans.py and exercised by the scanned-bundle tests.
"""

from __future__ import annotations

import numpy as np

from saraban.ingest.extract.number_prefix import reread_number_prefixes
from saraban.parsers.model import BBox
from saraban.parsers.ocr_data import OcrWord

LINE = (1, 1, 3)


def word(text: str, x0: float, x1: float, line=LINE) -> OcrWord:
    return OcrWord(text, BBox(x0, 100, x1, 140), 0.9, line)


class ThaiOnlyEngine:
    """Answers a crop with fixed words, and records what it was asked."""

    def __init__(self, answer: list[str]) -> None:
        self.answer, self.calls = answer, []

    def image_to_data(self, image, *, psm=None, dpi=None, whitelist=None, lang=None):
        self.calls.append((image.shape, lang))
        step = image.shape[1] / max(len(self.answer), 1)
        return [OcrWord(t, BBox(i * step, -50, (i + 1) * step, 500), 0.8, (1, 1, 1))
                for i, t in enumerate(self.answer)]


PAGE = np.full((400, 1200), 255, np.uint8)


def test_latin_code_before_a_number_is_read_again_in_thai():
    words = [word("ที่", 50, 90), word("WN", 110, 170), word("๕๒๗๐๒/๘๑๗", 180, 400),
             word("เรื่อง", 50, 150, line=(1, 1, 4))]
    engine = ThaiOnlyEngine(["ที่", "ขก"])
    out = reread_number_prefixes(words, PAGE, engine, 300)
    assert [w.text for w in out] == ["ที่", "ขก", "๕๒๗๐๒/๘๑๗", "เรื่อง"]
    assert engine.calls and engine.calls[0][1] == "tha"
    # The new boxes stay within the re-read part, on the line's band.
    assert all(w.bbox.top == 100 and w.bbox.bottom == 140 and 50 <= w.bbox.x0 for w in out[:2])
    assert all(w.line_key == LINE for w in out[:3])


def test_lines_that_are_not_document_numbers_are_left_alone():
    engine = ThaiOnlyEngine(["ขก"])
    plain = [word("ITA", 50, 120), word("๒๕๖๖", 130, 230)]  # no slash: not a number line
    thai = [word("ที่", 50, 90), word("ขก", 110, 170), word("๕๒๗๐๒/๘๑๗", 180, 400)]
    assert reread_number_prefixes(plain, PAGE, engine, 300) == plain
    assert reread_number_prefixes(thai, PAGE, engine, 300) == thai
    assert engine.calls == []


def test_a_thai_reading_that_is_still_latin_changes_nothing():
    words = [word("YN", 50, 120), word("52602/35", 130, 330)]
    assert reread_number_prefixes(words, PAGE, ThaiOnlyEngine(["YN"]), 300) == words


def test_a_box_found_in_the_padding_still_makes_a_valid_word():
    class Stray(ThaiOnlyEngine):
        def image_to_data(self, image, **_):
            # Tesseract placed the word wholly in the right-hand padding of the crop.
            return [OcrWord("ขก", BBox(image.shape[1] - 3, 0, image.shape[1], 10), 0.8, (1, 1, 1))]

    words = [word("WN", 110, 170), word("๕๒๗๐๒/๘๑๗", 180, 400)]
    out = reread_number_prefixes(words, PAGE, Stray([]), 300)
    assert out[0].text == "ขก" and out[0].bbox.x0 < out[0].bbox.x1 <= 170
