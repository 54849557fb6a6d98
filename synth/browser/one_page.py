"""A memo is one page: typed again smaller until its print fits (the browser's and LibreOffice's alike)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from synth.browser.errors import LayoutError


def fit_one_page(print_at: Callable[[float], Path], size: float, shrink: float, minimum: float,
                 what: str) -> tuple[Path, float]:
    """The PDF ``print_at(size)`` makes at the largest size from ``size`` down, ``shrink`` at a
    time, that is one page; LayoutError when none down to ``minimum`` is."""
    while True:
        pdf = print_at(size)
        if page_count(pdf) == 1:
            return pdf, size
        if size - shrink < minimum:
            raise LayoutError(f"{what} does not fit one page even at {size} pt")
        size -= shrink


def page_count(pdf: Path) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()
