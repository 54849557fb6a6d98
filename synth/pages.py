"""Page geometry and the result type every page renderer returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

from synth.draw import Box

A4_INCHES = (8.27, 11.69)


@dataclass
class RowBoxes:
    """Where one report row was drawn (pixels on the undamaged page)."""

    row_index: int
    bbox: Box
    cells: dict[str, Box]
    tick_style: str


@dataclass
class RenderedPage:
    image: Image.Image
    kind: str  # "memo" | "report"
    orientation: str  # "portrait" | "landscape"
    rows: list[RowBoxes] = field(default_factory=list)


def blank_page(dpi: int, orientation: str) -> Image.Image:
    w, h = (round(i * dpi) for i in A4_INCHES)
    size = (w, h) if orientation == "portrait" else (h, w)
    return Image.new("RGB", size, (255, 255, 255))
