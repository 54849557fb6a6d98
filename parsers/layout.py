"""Geometry helpers shared by the parsers: gaps between lines, in units of a line's height."""

from __future__ import annotations

from saraban.parsers.model import Line

PAGE_BREAK_GAP = 1000.0


def line_gap(previous: Line, current: Line) -> float:
    """Blank space between two consecutive lines, in line heights.

    OCR-text lines are one unit tall and numbered by file line, so this is the number of
    blank lines between them; for OCR'd images it is the pixel gap over the line height.
    A page break counts as a very large gap.
    """
    if previous.page != current.page:
        return PAGE_BREAK_GAP
    if previous.bbox is None or current.bbox is None:
        return 0.0
    height = max(previous.bbox.height, current.bbox.height, 1e-6)
    return max(0.0, (current.bbox.top - previous.bbox.bottom) / height)
