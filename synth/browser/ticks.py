"""Status-cell marks as HTML: glyphs, vector paths, a raster image, printed boxes, pen ticks.

Every status cell holds one box of a fixed size whatever it shows (the mark itself is positioned
absolutely inside it), so the digital, scan and marker prints of a report lay out identically
even though their cells show different marks, or none.
"""

from __future__ import annotations

import base64
import io
import random
from html import escape

from PIL import Image, ImageDraw

from synth.draw import jittered

GLYPHS = {"check": "✓", "heavy-check": "✔", "ballot-check": "☑", "x": "x", "X": "X", "slash": "/"}
SYMBOL_GLYPHS = frozenset("✓✔☑☐")  # set in DejaVu Sans: the Thai faces lack them
EMPTY_BOX, TICKED_BOX = "☐", "☑"
# A tick in a 20 x 20 box: down to the left, then the long stroke up to the right.
TICK_POINTS = ((3.0, 11.0), (8.0, 16.0), (17.0, 4.0))
INKS = ("#111111", "#1c3096")  # toner, blue ball-point


def tick_cell(kind: str, marked: bool, *, pen_on_raster: bool, rng: random.Random, png_uri: str) -> str:
    """The fixed-size box of one status cell. ``pen_on_raster``: a "hand" tick is left out here
    because it will be drawn on the scanned raster instead."""
    return f'<div class="tk">{_mark(kind, marked, pen_on_raster, rng, png_uri)}</div>'


def _mark(kind: str, marked: bool, pen_on_raster: bool, rng: random.Random, png_uri: str) -> str:
    if kind == "boxes":
        return _glyph(TICKED_BOX if marked else EMPTY_BOX)
    if not marked or (kind == "hand" and pen_on_raster):
        return ""
    if kind in GLYPHS:
        return _glyph(GLYPHS[kind])
    if kind == "svg":
        return _svg(TICK_POINTS, width=2.2, ink=INKS[0], scale=1.0)
    if kind == "svg-freehand":
        return _svg(jittered(TICK_POINTS, rng, 0.7, steps=4), width=1.8, ink=INKS[0], scale=1.0)
    if kind == "hand":  # bigger and looser than a printed tick, often in blue
        ink = INKS[1] if rng.random() < 0.6 else INKS[0]
        return _svg(jittered(TICK_POINTS, rng, 0.9, steps=6), width=2.0, ink=ink, scale=rng.uniform(1.3, 1.7))
    if kind == "png":
        return f'<img class="tv" alt="" src="{png_uri}">'
    raise ValueError(f"unknown tick style {kind!r}")


def _glyph(text: str) -> str:
    css = "tg sym" if text in SYMBOL_GLYPHS else "tg"
    return f'<span class="{css}">{escape(text)}</span>'


def _svg(points: list[tuple[float, float]] | tuple[tuple[float, float], ...], *, width: float, ink: str, scale: float) -> str:
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.2f} {y:.2f}" for i, (x, y) in enumerate(points))
    # A scaled pen tick overflows its box, as ink does; the box keeps the layout fixed.
    size = f"{100 * scale:.0f}%"
    offset = f"{-50 * (scale - 1):.0f}%"
    return (f'<svg class="tv" viewBox="0 0 20 20" style="width:{size};height:{size};left:{offset};top:{offset}">'
            f'<path d="{path}" fill="none" stroke="{ink}" stroke-width="{width}" '
            'stroke-linecap="round" stroke-linejoin="round"/></svg>')


def png_tick_uri(rng: random.Random, side: int = 48) -> str:
    """A small raster tick, drawn 4x larger and shrunk so its edges are anti-aliased, as a data: URI.
    Same rng state, same bytes."""
    big = side * 4
    image = Image.new("L", (big, big), 255)
    draw = ImageDraw.Draw(image)
    points = [(x * big / 20, y * big / 20) for x, y in jittered(TICK_POINTS, rng, 0.4, steps=3)]
    draw.line(points, fill=0, width=round(big * rng.uniform(0.08, 0.13)), joint="curve")
    buffer = io.BytesIO()
    image.resize((side, side), Image.Resampling.LANCZOS).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
