"""A table cell's image made ready for reading: cut inside its rules, its paper whitened, rule
remnants and specks of dust cleared, and whether anything is printed in it at all."""

from __future__ import annotations

import cv2
import numpy as np

from saraban.parsers.model import BBox

CELL_MARGIN = 4  # pixels shaved off each side of a cell so rule remnants stay out
MIN_CELL_INK = 20  # pixels: less than a 9-pt '1' at 200 dpi ...
SPECK_PIXELS = 13  # ... not counting specks of dust (radius 2 and less)
EDGE_RULE_ASPECT = 5  # ink along a crop's edge this long for its thickness is a rule, not text


def cell_crop(gray: np.ndarray, bbox: BBox) -> np.ndarray | None:
    """A cell's image inside its rules (CELL_MARGIN shaved off each side); None when too small."""
    x0, y0 = int(bbox.x0) + CELL_MARGIN, int(bbox.top) + CELL_MARGIN
    x1, y1 = int(bbox.x1) - CELL_MARGIN, int(bbox.bottom) - CELL_MARGIN
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    return gray[y0:y1, x0:x1]


def whitened(crop: np.ndarray) -> np.ndarray:
    """The crop with its own paper made white. A cell's paper is rarely the strip's white (a
    tinted sheet, a shaded header): the edges of a grey crop on a white strip are read as
    lines of junk between the cell's lines ('a v บ บ a เส' in a browser-printed scan)."""
    paper = float(np.percentile(crop, 90))
    if paper >= 250 or paper <= 0:
        return crop
    return np.clip(crop.astype(np.float32) * (255.0 / paper), 0, 255).astype(np.uint8)


def without_edge_rules(crop: np.ndarray, short_sides: bool = True) -> np.ndarray:
    """The crop with what is left of the cell's rules along its edges made white. A rule a
    residual tilt carries into one end of a crop is no long straight run there (the rule finder
    misses it), and Tesseract reads it as a line of junk above the text ('iv 1 * ey a a');
    below a thick rule it is ink in an empty cell. ``short_sides=False`` leaves a mark along the
    left or right edge that could be a 1 (in a number cell a 1 at the side is as long and thin
    as a rule): one shorter than half the crop, out of its corners, wider than a pixel."""
    ink = (crop < 160).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = crop.shape
    cleared = crop
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        along_top_or_bottom = (y == 0 or y + h == height) and w >= EDGE_RULE_ASPECT * h
        along_a_side = (x == 0 or x + w == width) and h >= EDGE_RULE_ASPECT * w
        could_be_a_one = 2 * h < height and 0 < y < height - h and w > 1
        if along_top_or_bottom or (along_a_side and (short_sides or not could_be_a_one)):
            cleared = cleared.copy() if cleared is crop else cleared
            cleared[cv2.dilate((labels == i).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = 255
    return cleared


def without_specks(crop: np.ndarray) -> np.ndarray:
    """A number cell with its lone specks of dust made white. Tesseract gives a right '0.00' a
    confidence of 0 when a speck sits in the cell beside it, which flags a value that is fine.
    A speck is a blob of SPECK_PIXELS or less farther than a glyph's height from all other ink;
    a decimal point or comma sits within that of its digits and stays."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats((crop < 128).astype(np.uint8), connectivity=8)
    small = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] <= SPECK_PIXELS]
    large = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] > SPECK_PIXELS]
    if not small or not large:
        return crop
    reach = max(int(stats[i, cv2.CC_STAT_HEIGHT]) for i in large)
    boxes = np.array([stats[i, :4] for i in large])
    cleaned = crop
    for i in small:
        x, y, w, h = (int(v) for v in stats[i, :4])
        dx = np.maximum(0, np.maximum(boxes[:, 0] - (x + w), x - (boxes[:, 0] + boxes[:, 2])))
        dy = np.maximum(0, np.maximum(boxes[:, 1] - (y + h), y - (boxes[:, 1] + boxes[:, 3])))
        if np.min(np.maximum(dx, dy)) > reach:
            cleaned = cleaned.copy() if cleaned is crop else cleaned
            cleaned[labels == i] = 255
    return cleaned


def has_ink(crop: np.ndarray) -> bool:
    """Whether anything is printed in the cell: as much ink as the thinnest digit has. A share
    of the cell would not do: a '1' in a tall cell of a wrapped row is 0.2 % of it, and its
    row came out with no ลำดับ and no flag."""
    count, _, stats, _ = cv2.connectedComponentsWithStats((crop < 128).astype(np.uint8), connectivity=8)
    areas = stats[1:count, cv2.CC_STAT_AREA]
    return int(areas[areas > SPECK_PIXELS].sum()) >= MIN_CELL_INK
