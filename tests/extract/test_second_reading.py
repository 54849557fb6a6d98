"""Doubtful numbers in table cells are read a second time, alone; which reading is kept.

The OCR here is a stand-in for the strip reader's callable: these tests are about the decision;
its effect on real scans is measured by benchmarks/scans.py (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import numpy as np

from ingest.extract.grid import GridCell
from ingest.extract.table_reader import SECOND_READING_ACCEPT, SECOND_READING_BELOW, _second_reading
from parsers.model import BBox
from parsers.ocr_data import OcrWord

PAGE = np.full((300, 300), 255, np.uint8)


def cell(row: int) -> GridCell:
    return GridCell(row, 0, 1, 1, BBox(10, 10 + 60 * row, 110, 60 + 60 * row))


def alone(answer: str, confidence: float):
    calls = []

    def ocr(image, numeric, single_line):
        calls.append((numeric, single_line))
        return [OcrWord(answer, BBox(0, 0, 20, 20), confidence, (1, 1, 1))]

    return ocr, calls


def test_a_sure_second_reading_replaces_a_doubtful_first():
    ocr, calls = alone("47", 0.95)
    assert _second_reading(PAGE, {cell(0): ("7", 0.3)}, ocr) == {cell(0): ("47", 0.95)}
    assert calls == [(True, True)]


def test_an_unsure_second_reading_changes_nothing():
    ocr, _ = alone("9", SECOND_READING_ACCEPT - 0.1)
    assert _second_reading(PAGE, {cell(0): ("19", 0.1)}, ocr) == {cell(0): ("19", 0.1)}


def test_agreement_does_not_make_a_doubtful_number_sure():
    ocr, _ = alone("322,100.00", 0.93)
    assert _second_reading(PAGE, {cell(0): ("322,100.00", 0.78)}, ocr) == {cell(0): ("322,100.00", 0.78)}
    ocr, _ = alone("0.00", 0.93)  # the same value in the other script
    assert _second_reading(PAGE, {cell(1): ("๐.๐๐", 0.6)}, ocr) == {cell(1): ("๐.๐๐", 0.6)}


def test_sure_numbers_are_not_read_again():
    ocr, calls = alone("1", 0.99)
    numbers = {cell(0): ("12", SECOND_READING_BELOW)}
    assert _second_reading(PAGE, numbers, ocr) == numbers and calls == []
