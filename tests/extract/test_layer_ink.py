"""A text-layer table's tick-less rows checked against the rendered page (ingest/extract/layer_ink.py),
and drawings bigger than their cell still given to it (ingest/extract/layer_tables.py)."""

from __future__ import annotations

import cv2
import numpy as np

from saraban.ingest.extract.layer_ink import needs_ink_check, with_unexplained_ink
from saraban.ingest.extract.layer_tables import _overflowing_mark
from saraban.parsers.model import BBox, Cell, Mark, MarkState, Table

DPI = 100  # saraban.ingest.extract.layer_ink.INK_CHECK_DPI
SCALE = DPI / 72


def row(r: int, marks: dict[int, Mark] | None = None) -> tuple[Cell, ...]:
    """Six cells 40 pt wide and 30 pt tall: seq, name, then four status cells."""
    marks = marks or {}
    texts = {0: str(r), 1: "โครงการ"}
    return tuple(
        Cell(r, c, texts.get(c, ""), BBox(40.0 * c, 30.0 * r, 40.0 * (c + 1), 30.0 * (r + 1)), 1.0, mark=marks.get(c))
        for c in range(6)
    )


def page_with_tick_in(cells: list[tuple[int, int]]) -> np.ndarray:
    gray = np.full((int(120 * SCALE), int(240 * SCALE)), 255, np.uint8)
    for r, c in cells:  # a pen tick, about 12 pt, in the middle of the cell
        x, y = (40 * c + 14) * SCALE, (30 * r + 10) * SCALE
        points = np.array([[x, y + 6 * SCALE], [x + 4 * SCALE, y + 11 * SCALE], [x + 12 * SCALE, y]], np.int32)
        cv2.polylines(gray, [points], False, 0, 2)
    return gray


def test_a_tickless_row_whose_cell_shows_a_tick_becomes_a_doubtful_tick():
    ticked = Mark(MarkState.TICKED, 1.0, "glyph:✓")
    table = Table((row(0, {3: ticked}), row(1), row(2)), page=1)
    assert needs_ink_check(table)
    # Row 1's tick is on the page but not in the layer; row 0's tick is in both.
    gray = page_with_tick_in([(0, 3), (1, 4)])
    (checked,) = with_unexplained_ink((table,), lambda dpi: gray if dpi == DPI else None, 72)
    assert checked.rows[0] == table.rows[0]
    mark = checked.rows[1][4].mark
    assert mark is not None and mark.state is MarkState.TICKED and mark.confidence < 0.8
    assert [c.mark for c in checked.rows[1] if c.col != 4] == [None] * 5
    assert all(c.mark is None for c in checked.rows[2])  # blank on the page too: left as read


def test_rows_with_a_tick_need_no_rendering():
    ticked = Mark(MarkState.TICKED, 1.0, "glyph:✓")
    table = Table((row(0, {2: ticked}), row(1, {5: ticked})), page=1)
    assert not needs_ink_check(table)

    def render(dpi: int) -> np.ndarray:
        raise AssertionError("rendered a page no row of which needs it")

    assert with_unexplained_ink((table,), render, 72) == (table,)


def test_a_pen_tick_over_its_cells_wall_is_the_cells_and_shading_or_rules_are_not():
    cell = BBox(100, 100, 130, 160)  # a narrow status cell
    # Seed 9000, born-digital: a pen tick scaled 1.3-1.7x past its box crossed the wall and
    # belonged to no cell, so its row read `empty` at 1.0.
    assert _overflowing_mark(BBox(104, 115, 132, 140), cell)
    assert not _overflowing_mark(BBox(100.5, 100.5, 129.5, 159.5), cell)  # the cell's shading
    assert not _overflowing_mark(BBox(100, 129.6, 130, 130.4), cell)  # a rule across it
    assert not _overflowing_mark(BBox(125, 115, 160, 140), cell)  # centred in the next cell
