"""truth.json for browser-printed bundles: synth/truth.py's schema (built by its own
build_truth, so the two cannot drift apart), plus ``source``, ``style``, ``box_units`` and each
row's ``split``.

Boxes are pixels of the stored page for the scan (as the PIL truth) and PDF points, top-left
origin, for the born-digital PDF (``pages[].dpi`` is 72 there, so points are its pixels), each
rounded outward to whole units.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PIL import Image

from synth.browser.locate import RowPlacement
from synth.browser.scan import to_pixels
from synth.browser.style import BrowserStyle
from synth.config import SynthConfig
from synth.content import Bundle
from synth.damage import IDENTITY, Damage
from synth.inject import Injection
from synth.pages import RenderedPage, RowBoxes
from synth.truth import build_truth


def digital_truth(bundle: Bundle, injected: tuple[Injection, ...], config: SynthConfig, name: str,
                  style: BrowserStyle, placements: Sequence[RowPlacement],
                  page_sizes_pt: Sequence[tuple[float, float]], memo_pages: int) -> dict[str, Any]:
    # build_truth reads each page's kind, orientation and rows, never its pixels: the born-digital
    # PDF has none, so each page carries a one-pixel stand-in.
    pages = [RenderedPage(Image.new("1", (1, 1)), *_kind(number, memo_pages, style)) for number in range(len(page_sizes_pt))]
    _place(pages, placements, memo_pages, style, dpi=72)
    sizes = [(round(width), round(height)) for width, height in page_sizes_pt]
    damages = [Damage(0.0, IDENTITY, None)] * len(pages)
    truth = build_truth(bundle, injected, config, name, pages, damages, sizes, 72)
    return _decorate(truth, "browser-digital", "pt", style, placements)


def scan_truth(bundle: Bundle, injected: tuple[Injection, ...], config: SynthConfig, name: str,
               style: BrowserStyle, placements: Sequence[RowPlacement], upright: Sequence[Image.Image],
               damages: Sequence[Damage], stored_sizes: Sequence[tuple[int, int]], memo_pages: int) -> dict[str, Any]:
    pages = [RenderedPage(image, *_kind(number, memo_pages, style)) for number, image in enumerate(upright)]
    _place(pages, placements, memo_pages, style, dpi=style.scan_dpi)
    truth = build_truth(bundle, injected, config, name, pages, list(damages), list(stored_sizes), style.scan_dpi)
    return _decorate(truth, "browser-scan", "px", style, placements)


def _kind(number: int, memo_pages: int, style: BrowserStyle) -> tuple[str, str]:
    return ("memo", "portrait") if number < memo_pages else ("report", style.orientation)


def _place(pages: list[RenderedPage], placements: Sequence[RowPlacement], memo_pages: int, style: BrowserStyle, dpi: int) -> None:
    for placement in placements:
        cells = {key: to_pixels(box, dpi) for key, box in placement.cells.items()}
        pages[memo_pages + placement.page].rows.append(
            RowBoxes(placement.row_index, to_pixels(placement.bbox, dpi), cells, style.tick_style_of(placement.row_index)))


def _decorate(truth: dict[str, Any], source: str, units: str, style: BrowserStyle,
              placements: Sequence[RowPlacement]) -> dict[str, Any]:
    split = {p.row_index for p in placements if p.split}
    for index, row in enumerate(truth["report"]["rows"]):
        row["split"] = index in split
    head = {key: truth.pop(key) for key in ("seed", "name")}
    return {**head, "source": source, "box_units": units, "style": style.to_json(), **truth}
