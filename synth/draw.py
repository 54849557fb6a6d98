"""Drawing primitives shared by the memo and report pages: text, tick marks, pen strokes, stamps.

Everything is in pixels at the page's dpi; ``unit`` (dpi / 300) scales stroke widths.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from PIL import Image, ImageChops, ImageDraw

from synth.fonts import Face, FontBook

Box = tuple[int, int, int, int]  # x0, top, x1, bottom
Ink = tuple[int, int, int]
TONER: Ink = (22, 22, 24)
BLUE_PEN: Ink = (28, 48, 150)
STAMP_BLUE: Ink = (50, 80, 190)

TICK_STYLES = ("check", "ballot", "cross", "dot", "hand")


def text_line(draw: ImageDraw.ImageDraw, x: float, top: float, text: str, face: Face,
              fill: Ink = TONER, align: str = "left", width: float = 0) -> None:
    """One line whose line box starts at ``top``; ``align`` places it within ``width``."""
    if align == "center":
        x += (width - face.width(text)) / 2
    elif align == "right":
        x += width - face.width(text)
    draw.text((x, top + face.ascent), text, font=face.font, fill=fill, anchor="ls")


def text_in_box(draw: ImageDraw.ImageDraw, box: Box, lines: Sequence[str], face: Face, pad: int,
                align: str = "left", valign: str = "middle", fill: Ink = TONER) -> None:
    x0, top, x1, bottom = box
    height = len(lines) * face.line_height
    if valign == "middle":
        y = top + (bottom - top - height) / 2
    else:
        y = top + pad
    for line in lines:
        text_line(draw, x0 + pad, y, line, face, fill, align, x1 - x0 - 2 * pad)
        y += face.line_height


def jittered(points: Sequence[tuple[float, float]], rng: random.Random, amount: float, steps: int = 6) -> list[tuple[float, float]]:
    """Resample a polyline and wobble it smoothly, the way a hand draws a straight stroke."""
    out: list[tuple[float, float]] = []
    drift_x = drift_y = 0.0
    for (xa, ya), (xb, yb) in zip(points, points[1:]):
        for i in range(steps):
            t = i / steps
            drift_x = 0.6 * drift_x + rng.uniform(-amount, amount)
            drift_y = 0.6 * drift_y + rng.uniform(-amount, amount)
            out.append((xa + (xb - xa) * t + drift_x, ya + (yb - ya) * t + drift_y))
    out.append(points[-1])
    return out


def pen_stroke(draw: ImageDraw.ImageDraw, points: Sequence[tuple[float, float]], width: int, ink: Ink) -> None:
    draw.line(list(points), fill=ink, width=width, joint="curve")
    r = width / 2  # round the ends, as a ball-point does
    for x, y in (points[0], points[-1]):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=ink)


def empty_box(draw: ImageDraw.ImageDraw, cell: Box, unit: float) -> Box:
    """A ☐ centred in the cell (the e-PlanNACC check-box print); returns the box drawn."""
    x0, top, x1, bottom = cell
    # Printed boxes keep one size whatever the row height.
    side = min(0.42 * min(x1 - x0, 75 * unit), 0.8 * (bottom - top))
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    box = (round(cx - side / 2), round(cy - side / 2), round(cx + side / 2), round(cy + side / 2))
    draw.rectangle(box, outline=TONER, width=max(1, round(2 * unit)))
    return box


def tick(draw: ImageDraw.ImageDraw, style: str, cell: Box, rng: random.Random, unit: float, fonts: FontBook) -> None:
    """A status mark centred in ``cell`` in one of TICK_STYLES."""
    x0, top, x1, bottom = cell
    size = min(x1 - x0, bottom - top, 110 * unit) * rng.uniform(0.45, 0.6)
    cx = (x0 + x1) / 2 + rng.uniform(-0.08, 0.08) * (x1 - x0)
    cy = (top + bottom) / 2 + rng.uniform(-0.08, 0.08) * (bottom - top)
    width = max(1, round(rng.uniform(2.5, 4.5) * unit))
    s: float
    if style == "ballot":
        inner = empty_box(draw, cell, unit)
        bx0, btop, bx1, bbottom = inner
        s = bx1 - bx0
        pen_stroke(draw, [(bx0 + 0.18 * s, btop + 0.5 * s), (bx0 + 0.42 * s, btop + 0.78 * s),
                          (bx0 + 0.85 * s, btop + 0.15 * s)], max(2, round(s * 0.13)), TONER)
    elif style == "check":
        font = fonts.symbol(round(size * 1.3))
        if font is not None:
            draw.text((cx, cy), "✓", font=font, fill=TONER, anchor="mm")
        else:
            pen_stroke(draw, [(cx - size / 2, cy), (cx - size / 8, cy + size / 2.5), (cx + size / 2, cy - size / 2)], width, TONER)
    elif style == "cross":
        h = size / 2.4
        pen_stroke(draw, [(cx - h, cy - h), (cx + h, cy + h)], width, TONER)
        pen_stroke(draw, [(cx - h, cy + h), (cx + h, cy - h)], width, TONER)
    elif style == "dot":
        r = size / 4.5
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=TONER)
    else:  # "hand": a pen tick, larger and looser than a printed one
        ink = BLUE_PEN if rng.random() < 0.6 else TONER
        s = size * rng.uniform(1.0, 1.3)
        base = [(cx - s / 2, cy - s * 0.05), (cx - s / 8, cy + s / 2.6), (cx + s / 2, cy - s / 2)]
        pen_stroke(draw, jittered(base, rng, 0.6 * unit + s * 0.015), max(2, round(4 * unit)), ink)


def signature(draw: ImageDraw.ImageDraw, cx: float, baseline: float, width: float, rng: random.Random, unit: float) -> None:
    """A loopy pen scribble standing in for a signature."""
    ink = BLUE_PEN if rng.random() < 0.8 else TONER
    points = []
    x = cx - width / 2
    loops = rng.randint(3, 6)
    for i in range(loops * 8 + 1):
        t = i / 8
        x += width / (loops * 8) * rng.uniform(0.6, 1.4)
        y = baseline - abs(math.sin(t * math.pi)) * width * rng.uniform(0.12, 0.3)
        points.append((x + math.cos(t * math.pi * 2) * width * 0.03, y))
    pen_stroke(draw, jittered(points, rng, unit, steps=2), max(2, round(3 * unit)), ink)
    if rng.random() < 0.6:  # the flourish underneath
        pen_stroke(draw, jittered([(cx - width * 0.45, baseline + 6 * unit), (cx + width * 0.5, baseline - 4 * unit)],
                                  rng, unit), max(2, round(3 * unit)), ink)


def handwriting(page: Image.Image, x: float, y: float, text: str, face: Face, rng: random.Random, ink: Ink) -> None:
    """Text drawn glyph by glyph with wobble and slant: a hand-written figure on a stamp."""
    draw = ImageDraw.Draw(page)
    for ch in text:
        dy = rng.uniform(-0.08, 0.08) * face.px
        draw.text((x, y + face.ascent + dy), ch, font=face.font, fill=ink, anchor="ls")
        x += face.width(ch) * rng.uniform(0.95, 1.2)


def rubber_stamp(page: Image.Image, right: int, y: int, lines: Sequence[tuple[str, str]], face: Face,
                 hand: Face, rng: random.Random, unit: float) -> None:
    """A receiving stamp: a blue rectangle with printed labels and hand-written values,
    inked unevenly and slightly rotated, multiplied onto the page like real ink."""
    line_h = face.line_height
    width = round(max(face.width(label) + 1.3 * hand.width(value) for label, value in lines) + 40 * unit)
    height = round(line_h * len(lines) + 20 * unit)
    layer = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    draw.rectangle((2, 2, width - 3, height - 3), outline=STAMP_BLUE, width=max(2, round(4 * unit)))
    ty = 10 * unit
    for label, value in lines:
        text_line(draw, 12 * unit, ty, label, face, STAMP_BLUE)
        if value:
            handwriting(layer, 12 * unit + face.width(label) + 8 * unit, ty - 0.15 * line_h, value, hand, rng, BLUE_PEN)
        ty += line_h
    layer = layer.rotate(rng.uniform(-5, 5), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255))
    x = right - layer.width
    region = page.crop((x, y, x + layer.width, y + layer.height))
    # Multiply: ink darkens the paper underneath, white leaves it alone.
    page.paste(ImageChops.multiply(region, layer), (x, y))


def emblem(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """A dark stand-in for the Garuda emblem printed on official memos."""
    cx = x + size / 2
    draw.ellipse((cx - size * 0.14, y, cx + size * 0.14, y + size * 0.3), fill=TONER)
    draw.polygon([(x, y + size * 0.25), (cx, y + size * 0.45), (x + size, y + size * 0.25),
                  (x + size * 0.8, y + size * 0.7), (cx, y + size * 0.6), (x + size * 0.2, y + size * 0.7)], fill=TONER)
    draw.polygon([(cx - size * 0.2, y + size * 0.55), (cx + size * 0.2, y + size * 0.55),
                  (cx + size * 0.1, y + size), (cx - size * 0.1, y + size)], fill=TONER)
