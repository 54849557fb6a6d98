"""Doubtful numbers in table cells are read a second time, alone; which reading is kept.

The OCR here is a stand-in for the strip reader's callable: these tests are about the decision;
its effect on real scans is measured by benchmarks/scans.py (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import numpy as np

from saraban.ingest.extract.grid import GridCell
from saraban.ingest.extract.table_reader import (
    SECOND_READING_ACCEPT,
    SECOND_READING_BELOW,
    _second_reading,
    _without_edge_noise,
)
from saraban.ingest.extract.cell_images import without_specks
from saraban.parsers.model import BBox
from saraban.parsers.ocr_data import OcrWord

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


def test_a_second_reading_that_keeps_only_part_of_the_digits_is_not_taken():
    ocr, _ = alone("00.00", 0.93)  # 300,100.00 alone, a speck low in its tall cell
    assert _second_reading(PAGE, {cell(0): ("300,100.00", 0.87)}, ocr) == {cell(0): ("300,100.00", 0.87)}


def test_agreement_does_not_make_a_doubtful_number_sure():
    ocr, _ = alone("322,100.00", 0.93)
    assert _second_reading(PAGE, {cell(0): ("322,100.00", 0.78)}, ocr) == {cell(0): ("322,100.00", 0.78)}
    ocr, _ = alone("0.00", 0.93)  # the same value in the other script
    assert _second_reading(PAGE, {cell(1): ("๐.๐๐", 0.6)}, ocr) == {cell(1): ("๐.๐๐", 0.6)}


def test_sure_numbers_are_not_read_again():
    ocr, calls = alone("1", 0.99)
    numbers = {cell(0): ("12", SECOND_READING_BELOW)}
    assert _second_reading(PAGE, numbers, ocr) == numbers and calls == []


def word(text: str, x0: float, confidence: float) -> OcrWord:
    return OcrWord(text, BBox(x0, 10, x0 + 12 * len(text), 30), confidence, (1, 1, 1))


def test_a_speck_read_as_a_point_away_from_the_number_does_not_make_it_doubtful():
    # A browser-printed scan: ', 0.00' with the comma a speck far left of the right-aligned amount.
    speck, number = word(",", 5, 0.0), word("0.00", 200, 0.95)
    assert _without_edge_noise([speck, number]) == [number]
    assert _without_edge_noise([number, word(".", 300, 0.0)]) == [number]
    # Marks between the digits, or close beside them (a thin 1 read as ','), are the number's.
    close = word(",", 180, 0.1)
    assert _without_edge_noise([close, number]) == [close, number]
    split = [word("12", 100, 0.9), word(".", 125, 0.2), word("50", 140, 0.9)]
    assert _without_edge_noise(split) == split


def test_a_lone_speck_in_a_number_cell_is_cleared_and_the_point_kept():
    crop = np.full((60, 220), 255, np.uint8)
    crop[20:44, 150:162] = 0  # a digit
    crop[40:44, 165:168] = 0  # its decimal point: 12 px, close by
    crop[20:44, 172:184] = 0  # a digit
    crop[30:33, 20:23] = 0  # dust far to the left: 9 px
    cleaned = without_specks(crop)
    assert (cleaned[30:33, 20:23] == 255).all()
    assert (cleaned[40:44, 165:168] == 0).all() and (cleaned[20:44, 150:162] == 0).all()
    assert without_specks(np.full((60, 220), 255, np.uint8)).min() == 255


def test_a_number_cell_keeps_a_1_at_its_side_and_loses_rule_remnants():
    from saraban.ingest.extract.cell_images import has_ink, without_edge_rules

    crop = np.full((240, 100), 255, np.uint8)
    crop[0:3, :] = 0  # a thick rule's remnant along the top
    crop[150:190, 0:1] = 0  # a hair of a side rule, one pixel wide
    assert has_ink(crop) and not has_ink(without_edge_rules(crop, short_sides=False))
    one = np.full((240, 100), 255, np.uint8)
    one[100:130, 0:5] = 0  # a 1 printed against the cell's left side
    assert has_ink(without_edge_rules(one, short_sides=False))
    assert not has_ink(without_edge_rules(one))  # in a text cell it would pass for a rule
    tall = np.full((240, 100), 255, np.uint8)
    tall[10:230, 0:4] = 0  # the whole side: a rule, however thick
    assert not has_ink(without_edge_rules(tall, short_sides=False))
