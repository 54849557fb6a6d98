"""Which way up a page is, and how far it is tilted: measured on its ink, no OCR needed.

Used by saraban.ingest.extract.image to prepare each page image before OCR.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from saraban.ingest.extract.leaders import erase_dotted_leaders_both_ways

MAX_SKEW_DEGREES = 5.0
MIN_MARKS = 20


class OrientationReading(NamedTuple):
    rotation: int  # degrees clockwise that make the page upright
    mark_ratio: float  # marks above the letters against below, or the other way
    marks: int  # marks seen
    # The marks lean clearly one way at the quarter turn the profiles ruled out, more than at
    # the one they chose, yet not by enough to overrule them: a second opinion should decide.
    contested: bool = False


def detect_orientation(binary: np.ndarray, dpi: int = 150) -> OrientationReading:
    """How the page stands (:class:`OrientationReading`), from its ink.

    Text lines make the row profile sharp and the column profile flat; that separates
    0/180 from 90/270. Thai tone marks and upper vowels sit above the letters far more often
    than the lower vowels sit below them (Latin ascenders outnumber descenders the same way),
    which separates upright from upside down. Dotted leaders are left out: their dots sit
    under the text like lower vowels (``dpi`` is the image's, for the size of a dot).
    """
    binary = erase_dotted_leaders_both_ways(_without_long_rules(binary), dpi)
    rows, cols = _skew_search(binary)[1], _skew_search(binary.T)[1]
    turned = 0 if rows >= cols else 90
    above, below = _marks_when_turned(binary, turned)
    # All-table pages have short text in cells: profiles barely differ or even mislead
    # (0.50–1.70 on generated report pages, 6.2 on a memo). Marks decide when they
    # speak clearly: only the right quarter turn seats them consistently on one side of the
    # letters. When the profiles hardly differ (a table page: under 2x), the marks alone
    # decide the quarter turn; a dot tick in every row and right-aligned amounts made a
    # portrait report page's column profile 1.3x its row profile. How one-sided the marks are
    # is weighed against chance, not counted: a decorative face's table page held 15 marks
    # above and 2 below upright, 30 and 15 on its side — more marks off to one side sideways
    # (15 against 13), yet far less one-sided (2.2 against 3.2 standard deviations).
    # A portrait table of narrow columns (names wrapped over ten lines beside columns of
    # amounts, TH Laksaman at 16 pt, tuning seed 47014) makes the column profile 2.3–4x the row
    # profile, while its marks sit one-sided upright (4.7 standard deviations) and less so
    # sideways (3.9): such a page is contested.
    other = _marks_when_turned(binary, 90 - turned)
    mine, theirs = _one_sidedness(above, below), _one_sidedness(*other)
    needed = MARKS_DECISIVE * mine if max(rows, cols) >= PROFILE_DECISIVE * min(rows, cols) else mine
    contested = False
    if theirs >= MIN_ONE_SIDEDNESS and theirs > needed:
        turned, (above, below) = 90 - turned, other
    elif theirs >= MIN_ONE_SIDEDNESS and theirs > mine:
        contested = True
    if below > above:
        turned += 180
    return OrientationReading(turned % 360, _mark_ratio(above, below), above + below, contested)


def _one_sidedness(above: int, below: int) -> float:
    """How far the marks lean to one side of the letters, in standard deviations of a fair
    coin's count: |above − below| / √(above + below)."""
    return abs(above - below) / max(above + below, 1) ** 0.5


MIN_ONE_SIDEDNESS = 3.0  # standard deviations: a lean chance gives about once in 400 pages
MARKS_DECISIVE = 1.5
PROFILE_DECISIVE = 2.0


def _marks_when_turned(binary: np.ndarray, turned: int) -> tuple[int, int]:
    """(marks above, marks below the letters) of ``binary`` turned ``turned`` degrees clockwise."""
    upright = rotate_quarter(binary, turned)
    # Marks are matched to the letter right under them, so the lines must be level first.
    level = rotate_small(upright, _skew_search(upright)[0], fill=0)
    # Re-threshold: interpolation grey would fuse marks with their letters.
    return count_marks(cv2.threshold(level, 127, 255, cv2.THRESH_BINARY)[1])


def _mark_ratio(above: int, below: int) -> float:
    return max(above, below) / max(min(above, below), 1)


def _without_long_rules(binary: np.ndarray) -> np.ndarray:
    """The page without table rules: on a report page the vertical rules would otherwise make
    the column profile sharper than the text lines' row profile (a portrait table page was
    turned 90°). Both directions are erased alike, so no orientation is favoured. A straight
    opening finds level rules; a page tilted 1.3° has none 100 px straight, so the shapes too
    large to be a letter go too (``_without_frames``)."""
    length = max(15, min(binary.shape) // 12)
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    return _without_frames(binary & ~(horizontal | vertical))


FRAME_LETTERS = 8  # a shape this many letter heights long is no letter, nor a word of them


def _without_frames(binary: np.ndarray) -> np.ndarray:
    """``binary`` without connected shapes that are a rule at any tilt (long and thin: across it
    at most a tenth of its length, the run of a 5° tilt, and 3 px) or a frame (long both ways: a
    table's grid, a box, an emblem). A blurred word can be as long, never as thin."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    width, height = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    letter = _letter_height(width, height)
    if letter is None:
        return binary
    long_side, short_side = np.maximum(width, height), np.minimum(width, height)
    frame = (long_side >= FRAME_LETTERS * letter) & (
        (short_side <= 0.1 * long_side + 3) | (short_side >= FRAME_LETTERS * letter))
    if not frame.any():
        return binary
    keep = np.where(np.concatenate([[False], frame]), 0, 255).astype(np.uint8)[labels]
    return cv2.bitwise_and(binary, keep)


def _letter_height(width: np.ndarray, height: np.ndarray) -> float | None:
    """The usual height of a letter among shapes of these sizes (the median below the tallest
    tenth, specks left out); None when there are too few shapes to say."""
    real = (height > 2) & (width > 1)
    if real.sum() < 20:
        return None
    return float(np.median(height[real & (height < np.percentile(height[real], 90))]))


def count_marks(binary: np.ndarray) -> tuple[int, int]:
    """(marks just above a letter, marks just below one) among small connected components."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    x, y, w, h = (stats[1:, i] for i in range(4))
    real = (h > 2) & (w > 1)
    letter_h = _letter_height(w, h)
    if letter_h is None:
        return 0, 0
    letters = real & (h >= 0.7 * letter_h) & (h <= 2.5 * letter_h)
    marks = real & (h < 0.6 * letter_h) & (h >= 0.15 * letter_h)
    lx0, lx1 = x[letters], x[letters] + w[letters]
    ly0, ly1 = y[letters], y[letters] + h[letters]
    above = below = 0
    for mx, my, mw, mh in zip(x[marks], y[marks], w[marks], h[marks]):
        centre = mx + mw / 2
        under = (lx0 <= centre) & (lx1 >= centre)
        gap_down = ly0[under] - (my + mh)  # from the mark down to a letter below it
        gap_up = my - ly1[under]  # from the mark up to a letter above it
        down = gap_down[gap_down >= -1].min(initial=10**9)
        up = gap_up[gap_up >= -1].min(initial=10**9)
        if min(down, up) > 0.8 * letter_h:
            continue  # a dot of noise or punctuation, not a mark on a letter
        if down < up:
            above += 1
        else:
            below += 1
    return above, below


def estimate_skew(binary: np.ndarray, limit: float = MAX_SKEW_DEGREES) -> float:
    """The counterclockwise tilt of the text lines in degrees, within ±``limit``.

    The ink pixels are projected onto the page's vertical axis turned by each candidate
    angle; at the true angle the text lines and rules fall into the fewest rows, which makes
    the profile sharpest. Coarse 0.5° steps, then 0.05° around the best.
    """
    return _skew_search(binary, limit)[0]


def _skew_search(binary: np.ndarray, limit: float = MAX_SKEW_DEGREES) -> tuple[float, float]:
    """(best angle, profile sharpness at that angle) for :func:`estimate_skew`."""
    ys, xs = np.nonzero(binary)
    if len(ys) < 100:
        return 0.0, 0.0
    ys, xs = ys.astype(np.float64), xs.astype(np.float64)

    def sharpness(degrees: float) -> float:
        t = np.deg2rad(degrees)
        return _profile_sharpness(ys * np.cos(t) + xs * np.sin(t))

    coarse = max(np.arange(-limit, limit + 1e-9, 0.5), key=sharpness)
    best = max(np.arange(coarse - 0.5, coarse + 0.5 + 1e-9, 0.05), key=sharpness)
    return round(float(best), 2), sharpness(best)


def rotate_quarter(image: np.ndarray, clockwise: int) -> np.ndarray:
    turns = (clockwise // 90) % 4
    return np.ascontiguousarray(np.rot90(image, k=-turns)) if turns else image


def rotate_small(image: np.ndarray, ccw_tilt: float, fill: int = 255) -> np.ndarray:
    """Turn a page whose text is tilted ``ccw_tilt`` degrees counterclockwise back level.

    The canvas keeps its size: at 5° a corner moves by less than a page margin."""
    if ccw_tilt == 0:
        return image
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -ccw_tilt, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=fill)


def _profile_sharpness(positions: np.ndarray) -> float:
    counts = np.bincount(np.round(positions - positions.min()).astype(np.int64))
    return float(np.sum(np.diff(counts.astype(np.float64)) ** 2))
