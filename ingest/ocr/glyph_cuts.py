"""Cutting a number's cell into its glyphs: the connected components of its ink, specks,
marks and rule remnants at the cell's edge left out, pieces a broken stroke split joined.

Pure functions over binary images (ink > 0); saraban.ingest.ocr.digit_glyphs reads the glyphs cut here.
"""

from __future__ import annotations

import cv2
import numpy as np

PIECE_OF_A_DIGIT = 0.3  # of the digits' height: ink left out of an integer that is not a speck


def component_mask(labels: np.ndarray, stats: np.ndarray, index: int) -> np.ndarray:
    """The mask of connected component ``index`` (of cv2.connectedComponentsWithStats) within its box."""
    left, top, width, height = (int(v) for v in stats[index, :4])
    return labels[top : top + height, left : left + width] == index


def integer_glyphs(ink: np.ndarray) -> list[np.ndarray] | None:
    """The glyph components of a small whole number's cell, left to right: specks (under 60 %
    of the digits' height) and marks touching the cell's edge (rule remnants) left out. None
    when nothing is left, or when a piece left out is taller than a speck (a thin stroke the
    binarization broke: the digits cannot be told)."""
    return _digit_glyphs(ink, marks=False)


# Pieces this close side by side (of the digits' height) may be one digit a thin stroke broke.
BROKEN_GAP = 0.1


def integer_pieces(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[int], int] | None:
    """As :func:`integer_glyphs` cuts them, but uncropped: (labels, stats, the glyph
    components left to right, the digits' height); None where it gives None."""
    found = _components(ink)
    if found is None or _stroke_cut(found):
        return None
    labels, stats, _, glyphs, digit_h = found
    return labels, stats, glyphs, digit_h


def touching(stats: np.ndarray, left: int, right: int, digit_h: int) -> bool:
    gap = stats[right, cv2.CC_STAT_LEFT] - (stats[left, cv2.CC_STAT_LEFT] + stats[left, cv2.CC_STAT_WIDTH])
    return gap <= BROKEN_GAP * digit_h


def joined_mask(labels: np.ndarray, stats: np.ndarray, first: int, second: int) -> np.ndarray:
    """The two components' mask within the box that holds both."""
    x0 = min(stats[first, cv2.CC_STAT_LEFT], stats[second, cv2.CC_STAT_LEFT])
    y0 = min(stats[first, cv2.CC_STAT_TOP], stats[second, cv2.CC_STAT_TOP])
    x1 = max(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] for i in (first, second))
    y1 = max(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] for i in (first, second))
    box = labels[y0:y1, x0:x1]
    return (box == first) | (box == second)


def amount_glyphs(ink: np.ndarray) -> list[np.ndarray] | None:
    """The digit components of an amount's cell (385,800.00), left to right: its commas and
    point (under 60 % of the digits' height) and marks touching the cell's edge left out. None
    when nothing is left."""
    return _digit_glyphs(ink, marks=True)


def _digit_glyphs(ink: np.ndarray, marks: bool) -> list[np.ndarray] | None:
    found = _components(ink)
    if found is None:
        return None
    if not marks and _stroke_cut(found):
        return None
    labels, stats, _, glyphs, _ = found
    return [component_mask(labels, stats, i) for i in glyphs]


def _stroke_cut(found: tuple[np.ndarray, np.ndarray, list[int], list[int], int]) -> bool:
    """Whether a piece left out of the glyphs is taller than a speck: a thin stroke the
    binarization broke, so that the digits cannot be told."""
    _, stats, parts, glyphs, digit_h = found
    return any(PIECE_OF_A_DIGIT * digit_h <= stats[i, cv2.CC_STAT_HEIGHT] for i in parts if i not in glyphs)


def _components(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[int], list[int], int] | None:
    """(labels, stats, the components clear of the cell's edge, those of them at least 60 % of
    the tallest's height left to right, that height); None when no component is clear."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats((ink > 0).astype(np.uint8), connectivity=8)
    height, width = ink.shape
    parts = [
        i for i in range(1, count)
        if stats[i, cv2.CC_STAT_LEFT] > 0 and stats[i, cv2.CC_STAT_TOP] > 0
        and stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] < width
        and stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] < height
    ]
    if not parts:
        return None
    digit_h = max(int(stats[i, cv2.CC_STAT_HEIGHT]) for i in parts)
    glyphs = sorted((i for i in parts if stats[i, cv2.CC_STAT_HEIGHT] >= 0.6 * digit_h),
                    key=lambda i: stats[i, cv2.CC_STAT_LEFT])
    return labels, stats, parts, glyphs, digit_h
