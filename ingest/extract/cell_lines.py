"""A text cell's lines, found by where its ink is, and laid side by side for one OCR call.

Tesseract's block layout takes the row of tone marks above a Thai line for a line of its own
when the face sets its marks high (TH Sarabun New's ข้อมูลข่าวสารด้าน...จัดซื้อ): it reads
them as junk ('iv 1 * ey a a') and the line below without them (จดจาง). Read as single lines,
the same lines come out right. So each cell is cut into its lines here — a band of marks above
or of tails below a line belongs to that line — and the lines of many cells are put side by
side, far apart, into long single-line strips: one call per strip, as many as before.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

INK_LEVEL = 160  # grey below this is ink
# Heights in units of the text's typical letter height: a component at least this tall is a
# letter; a letter whose centre is this close to a line's is on it; a mark this close to a
# line's centre belongs to it (marks sit above and tails below, within about a letter).
LETTER_HEIGHT = 0.6
SAME_LINE = 0.7
MARK_REACH = 1.5
FEW_LETTERS = 2  # a group of at most this many letters ...
STRAY_LETTERS = 1.3  # ... this close to a line of many is part of it
LINE_PAD = 3  # pixels kept above and below each line
MIN_PART_INK = 8  # a component with fewer ink pixels is a speck, not a letter or a mark
STRIP_HEIGHT_PAD = 30
MAX_STRIP_WIDTH = 6000  # pixels: wider lines cost Tesseract more than the calls they save


@dataclass(frozen=True, slots=True)
class LinePiece:
    key: Hashable  # whose line this is (a cell)
    index: int  # its place among that cell's lines, top to bottom
    image: np.ndarray


@dataclass(frozen=True, slots=True)
class LineStrip:
    image: np.ndarray
    slots: tuple[tuple[LinePiece, float, float], ...]  # (piece, x from, x to) in the strip


def text_lines(crop: np.ndarray) -> list[tuple[int, int]]:
    """The (top, bottom) rows of each text line of a cell crop, top to bottom.

    Lines are found as OCR engines find them: the letters (ink components about as tall as the
    text) are grouped by their height on the page, and each mark or tail (a small component)
    joins the line whose letters are nearest.
    """
    count, _, stats, _ = cv2.connectedComponentsWithStats((crop < INK_LEVEL).astype(np.uint8), connectivity=8)
    parts = [tuple(int(v) for v in stats[i]) for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= MIN_PART_INK]
    if not parts:
        return []
    areas = sorted(p[4] for p in parts)
    typical = float(np.median([p[3] for p in parts if p[4] >= areas[len(areas) // 2]]))
    letters = sorted((p for p in parts if p[3] >= LETTER_HEIGHT * typical), key=lambda p: p[1] + p[3] / 2)
    groups: list[list[tuple[int, ...]]] = []
    for letter in letters:
        centre = letter[1] + letter[3] / 2
        if groups and centre - _centre(groups[-1]) <= SAME_LINE * typical:
            groups[-1].append(letter)
        else:
            groups.append([letter])
    # Two stacked marks touching (ี่) stand as tall as a small letter: a "line" of a letter
    # or two close above or below a line of many is that line's marks, not a line.
    full = [g for g in groups if len(g) > FEW_LETTERS or all(
        abs(_centre(g) - _centre(other)) > STRAY_LETTERS * typical for other in groups if len(other) > FEW_LETTERS)]
    if not full:
        full = groups
    lines = [[_centre(g), min(p[1] for p in g), max(p[1] + p[3] for p in g)] for g in full]
    kept = {id(p) for g in full for p in g}
    for part in parts:
        if id(part) in kept:
            continue
        _, top, _, height, _ = part
        centre = top + height / 2
        line = min(lines, key=lambda entry: abs(entry[0] - centre))
        if abs(line[0] - centre) <= MARK_REACH * typical:  # farther off: dust, not a mark
            line[1], line[2] = min(line[1], top), max(line[2], top + height)
    edge = crop.shape[0]
    return [(max(0, int(top) - LINE_PAD), min(edge, int(bottom) + LINE_PAD)) for _, top, bottom in lines]


def _centre(letters: Sequence[tuple[int, ...]]) -> float:
    return float(np.median([p[1] + p[3] / 2 for p in letters]))


def line_strips(pieces: Sequence[LinePiece]) -> list[LineStrip]:
    """The pieces side by side, apart, in strips of lines of about one height (Tesseract scales
    a line to one height: a short header label beside a tall name would be read too small)."""
    ordered = sorted(pieces, key=lambda p: p.image.shape[0])
    strips: list[LineStrip] = []
    group: list[LinePiece] = []
    for piece in ordered:
        if group and _width(group + [piece]) > MAX_STRIP_WIDTH:
            strips.append(_strip(group))
            group = []
        group.append(piece)
    if group:
        strips.append(_strip(group))
    return strips


def _spacing(pieces: Sequence[LinePiece]) -> int:
    return max(60, 2 * max(p.image.shape[0] for p in pieces))


def _width(pieces: Sequence[LinePiece]) -> int:
    return sum(p.image.shape[1] for p in pieces) + _spacing(pieces) * (len(pieces) + 1)


def _strip(pieces: Sequence[LinePiece]) -> LineStrip:
    gap = _spacing(pieces)
    height = max(p.image.shape[0] for p in pieces) + 2 * STRIP_HEIGHT_PAD
    image = np.full((height, _width(pieces)), 255, dtype=np.uint8)
    slots = []
    x = gap
    for piece in pieces:
        h, w = piece.image.shape
        top = (height - h) // 2
        image[top : top + h, x : x + w] = piece.image
        slots.append((piece, x - gap / 2, x + w + gap / 2))
        x += w + gap
    return LineStrip(image, tuple(slots))
