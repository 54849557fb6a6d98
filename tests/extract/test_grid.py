"""Ruled-grid detection and ink ticks on drawn tables with known structure."""

from __future__ import annotations

import cv2
import numpy as np

from ingest.extract.grid import GridSettings, find_grids, read_ink, ruling_masks

COLS = [100, 250, 1000, 1100, 1350, 1600, 1750, 1900, 2050, 2200, 2400]
ROWS = [100, 200, 300, 400, 500, 600]


def e_plan_table() -> np.ndarray:
    """Two header rows: ลำดับ … เบิกจ่าย and หมายเหตุ span both; สถานะ spans four sub-columns."""
    img = np.zeros((3508, 2480), np.uint8)  # A4 at 300 dpi
    cv2.line(img, (100, 100), (2400, 100), 255, 3)
    cv2.line(img, (1600, 200), (2200, 200), 255, 3)
    for y in ROWS[2:]:
        cv2.line(img, (100, y), (2400, y), 255, 3)
    for x in COLS:
        top = 200 if x in (1750, 1900, 2050) else 100
        cv2.line(img, (x, top), (x, 600), 255, 3)
    return img


def test_grid_with_merged_header_cells():
    (grid,) = find_grids(e_plan_table())
    assert len(grid.rows) == len(ROWS) and len(grid.cols) == len(COLS)
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in grid.cells}
    assert spans[(0, 0)] == (2, 1)  # ลำดับ over both header rows
    assert spans[(0, 5)] == (1, 4)  # สถานะ over its four sub-columns
    assert all(spans[(1, col)] == (1, 1) for col in (5, 6, 7, 8))
    assert spans[(0, 9)] == (2, 1)  # หมายเหตุ
    assert len(grid.cells) == 5 + 1 + 1 + 4 + 3 * 10


def test_a_steep_pen_stroke_is_not_a_column():
    img = e_plan_table()
    cv2.putText(img, "X", (1930, 480), cv2.FONT_HERSHEY_SIMPLEX, 2, 255, 4)
    (grid,) = find_grids(img)
    assert len(grid.cols) == len(COLS)


def test_ink_finds_each_tick_style_and_leaves_empty_cells_empty():
    img = e_plan_table()
    rng = np.random.default_rng(7)
    noise = (rng.random(img.shape) > 0.9995).astype(np.uint8) * 255  # scanner specks
    img |= noise
    cv2.line(img, (1620, 350), (1660, 380), 255, 4)  # hand tick, row 2 col 5
    cv2.line(img, (1660, 380), (1720, 320), 255, 4)
    cv2.putText(img, "X", (1930, 480), cv2.FONT_HERSHEY_SIMPLEX, 2, 255, 4)  # row 3 col 7
    cv2.circle(img, (2125, 550), 14, 255, -1)  # a filled dot, row 4 col 8
    (grid,) = find_grids(img)
    horizontal, vertical = ruling_masks(img, GridSettings())
    clean = img & ~(horizontal | vertical)
    ticked = {
        (c.row, c.col)
        for c in grid.cells
        if c.row >= 2 and 5 <= c.col <= 8 and read_ink(clean, c.bbox).ticked
    }
    assert ticked == {(2, 5), (3, 7), (4, 8)}
