"""The status-column reading and its confidence model (see parsers/status.py)."""

from __future__ import annotations

from saraban.parsers.model import Cell, Mark, MarkState
from saraban.parsers.status import COUNTED_CONFIDENCE, STATUSES, read_counted, read_ruled

CHECKED = '<input checked="" type="checkbox"/>'
BOX = '<input type="checkbox"/>'


def cells(*texts: str) -> list[Cell]:
    return [Cell(0, i, t) for i, t in enumerate(texts)]


def test_four_explicit_boxes_under_a_full_header_are_certain():
    reading = read_counted(cells(BOX, BOX, CHECKED, BOX), STATUSES)
    assert (reading.status, reading.confidence, reading.candidates) == ("completed", 1.0, ("completed",))


def test_a_tick_counted_past_blank_cells_is_likely_not_certain():
    reading = read_counted(cells("", "✓", "", ""), STATUSES)
    assert reading.status == "in_progress" and reading.confidence == COUNTED_CONFIDENCE


def test_a_dropped_cell_makes_the_tick_ambiguous_between_neighbours():
    reading = read_counted(cells("", "✓", ""), STATUSES)
    assert reading.candidates == ("in_progress", "completed") and reading.confidence == 0.5


def test_a_header_that_lost_a_column_widens_the_candidates():
    header = ("awaiting_report", "in_progress", "completed")  # ไม่สามารถ… lost
    reading = read_counted(cells("", "", CHECKED), header)
    assert reading.candidates == ("completed", "unable_to_proceed")


def test_a_garbled_tick_glyph_lowers_confidence():
    clean = read_counted(cells("✓", "", "", ""), STATUSES)
    garbled = read_counted(cells("๔", "", "", ""), STATUSES)
    assert garbled.status == "awaiting_report" and garbled.confidence < clean.confidence


def test_no_tick_and_two_ticks():
    none = read_counted(cells(BOX, BOX, BOX, BOX), STATUSES)
    assert none.status == "empty" and none.ticks == 0
    two = read_counted(cells(CHECKED, BOX, CHECKED, BOX), STATUSES)
    assert two.status == "empty" and two.ticks == 2
    assert two.candidates == ("awaiting_report", "completed")


def test_ruled_cells_take_the_ink_confidence():
    ink = Mark(MarkState.TICKED, 0.93, "ink:0.05")
    empty = Mark(MarkState.UNTICKED, 0.9, "ink:0.000")
    row = [Cell(0, i, "", mark=ink if i == 3 else empty) for i in range(4)]
    reading = read_ruled(row, STATUSES)
    assert reading.status == "unable_to_proceed" and reading.confidence == 0.93



def test_a_faint_tick_just_under_the_threshold_is_its_column_at_low_confidence():
    # Ratios 0.0229 beside 0.0137–0.0178 in ☐ boxes (seed 2000's row 29): no cell over the
    # threshold, the inkiest only 0.546 sure it is empty.
    faint = Mark(MarkState.UNTICKED, 0.546, "ink:0.0229")
    empty = Mark(MarkState.UNTICKED, 0.99, "ink:0.0137")
    reading = read_ruled([Cell(0, i, "", mark=faint if i == 0 else empty) for i in range(4)], STATUSES)
    assert reading.status == "awaiting_report" and reading.ticks == 1
    assert reading.confidence == 0.454  # under the STATUS_AMBIGUOUS threshold: flagged, not sure


def test_a_row_whose_cells_are_all_surely_empty_has_no_status():
    empty = Mark(MarkState.UNTICKED, 0.84, "ink:0.0110")
    reading = read_ruled([Cell(0, i, "", mark=empty) for i in range(4)], STATUSES)
    assert reading.status == "empty" and reading.ticks == 0
    # No more sure of the row than of its least sure cell: never 1.0 from ink.
    assert reading.confidence == 0.84


def test_an_empty_row_is_certain_only_when_every_status_cell_is_surely_empty():
    empty = Mark(MarkState.UNTICKED, 0.99, "ink:0.0010")
    doubtful = Mark(MarkState.UNTICKED, 0.62, "ink:0.0160")
    marks = [empty, doubtful, empty, empty]
    reading = read_ruled([Cell(0, i, "", mark=m) for i, m in enumerate(marks)], STATUSES)
    assert reading.status == "empty" and reading.confidence == 0.62
    assert "column 2" in reading.evidence


def test_an_empty_row_with_a_cell_missing_or_holding_text_is_not_sure():
    empty = Mark(MarkState.UNTICKED, 0.99, "ink:0.0010")
    missing = read_ruled([Cell(0, 0, "", mark=empty), None, Cell(0, 2, "", mark=empty), Cell(0, 3, "", mark=empty)], STATUSES)
    assert missing.status == "empty" and missing.confidence == 0.0
    texts = [Cell(0, i, "โอนงบประมาณ" if i == 1 else "", mark=None if i == 1 else empty) for i in range(4)]
    assert read_ruled(texts, STATUSES).confidence == 0.0


def test_an_empty_row_under_a_header_that_lost_a_status_column_is_at_most_half_sure():
    blank = [Cell(0, i, "") for i in range(3)]  # a text layer's empty cells: blank, certain
    reading = read_ruled(blank, ("awaiting_report", "in_progress", "completed"))
    assert reading.status == "empty" and reading.confidence == 0.5
    assert read_ruled([Cell(0, i, "") for i in range(4)], STATUSES).confidence == 1.0
