"""Pixels as a check on a text-layer table: ink in a cell the layer says is blank.

The layer reader knows ticks as glyphs, vector paths and images it can place in a cell. A mark
drawn some other way (a path wider than its cell, a form field's appearance, a shape the
browser flattened into something else) would leave its row with no tick, read as surely
empty. So a row that has no tick in the layer is looked at as printed: the page is rendered
and its blank cells measured as the scan path measures status cells (``grid.mark_ink``). A
blank cell holding a tick's worth of ink becomes a doubtful tick, which the status parser
reads at low confidence and the record carries flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from saraban.ingest.extract.grid import TICK_MIN_INK, mark_ink
from saraban.parsers.model import BBox, Block, Cell, Mark, MarkState, Table

INK_CHECK_DPI = 100  # enough for a tick's strokes; a page renders in a few tens of ms
DARK = 128  # grey level under which a rendered pixel is ink
UNEXPLAINED_INK_CONFIDENCE = 0.6  # a mark the layer does not show: there, but not read


def rows_without_a_tick(table: Table) -> list[int]:
    """Indices of the rows in which no cell holds a tick."""
    return [
        index for index, row in enumerate(table.rows)
        if not any(cell.mark is not None and cell.mark.state is MarkState.TICKED for cell in row)
    ]


def needs_ink_check(table: Table) -> bool:
    """Whether some tick-less row has a blank, unmarked cell (worth rendering the page for)."""
    return any(
        _blank(cell) for index in rows_without_a_tick(table) for cell in table.rows[index]
    )


def _blank(cell: Cell) -> bool:
    return not cell.text.strip() and cell.mark is None and cell.bbox is not None


def with_unexplained_ink(blocks: Sequence[Block], render: Callable[[int], np.ndarray], points_per_inch: float) -> tuple[Block, ...]:
    """The page's ``blocks`` (text-layer tables in PDF points) with each blank, unmarked cell of
    a tick-less row marked a doubtful tick where the page as printed shows a tick's worth of
    ink. ``render(dpi)`` gives the page in grey; it is called once, and only when some table
    has such a cell."""
    if not any(isinstance(block, Table) and needs_ink_check(block) for block in blocks):
        return tuple(blocks)
    binary = np.where(render(INK_CHECK_DPI) < DARK, 255, 0).astype(np.uint8)
    scale = INK_CHECK_DPI / points_per_inch
    return tuple(_checked_table(block, binary, scale) if isinstance(block, Table) else block for block in blocks)


def _checked_table(table: Table, binary: np.ndarray, scale: float) -> Table:
    rows = list(table.rows)
    for index in rows_without_a_tick(table):
        rows[index] = tuple(_checked(cell, binary, scale) for cell in rows[index])
    return replace(table, rows=tuple(rows))


def _checked(cell: Cell, binary: np.ndarray, scale: float) -> Cell:
    if not _blank(cell) or cell.bbox is None:
        return cell
    box = BBox(cell.bbox.x0 * scale, cell.bbox.top * scale, cell.bbox.x1 * scale, cell.bbox.bottom * scale)
    if mark_ink(binary, box, INK_CHECK_DPI) < TICK_MIN_INK:
        return cell
    return replace(cell, mark=Mark(MarkState.TICKED, UNEXPLAINED_INK_CONFIDENCE, "pixels: ink the text layer does not explain"))
