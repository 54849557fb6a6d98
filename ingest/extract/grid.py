"""Ruled tables in a page image: find the rules, build the cell grid (merged cells included).

Whole-page OCR over a ruled table returns garbage, so the table is read by its geometry: the
horizontal and vertical rules are isolated by morphology, clustered into row and column
boundaries, and neighbouring grid slots are merged where no rule separates them (the สถานะ
header spanning its four sub-columns, a ลำดับ header spanning two header rows).

Images here are binary ``uint8`` arrays with ink = 255, already deskewed.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from saraban.parsers.model import BBox


@dataclass(frozen=True, slots=True)
class GridSettings:
    horizontal_kernel_frac: float = 1 / 35  # of page width: shorter runs are text, not rules
    vertical_kernel_frac: float = 1 / 70  # of page height
    cluster_px: int = 8  # rule positions closer than this are one rule
    border_coverage: float = 0.6  # a rule must cover this share of a slot edge to separate it
    min_table_rows: int = 1  # a report's last row alone on its last page is a table too
    min_table_cols: int = 3
    # A rule is also a line this much darker (grey levels) than what lies either side of it
    # within this many px across, this many times a rule's shortest length: a 1 px grey border
    # scanned lies right at the page's ink threshold and Otsu's binary keeps it only in dashes,
    # but the halo of a stack of marks (ซื้อ under ข้อมูล) is a thin dark line too, 65 px long.
    faint_rule_contrast: int = 32
    faint_rule_across: int = 9
    faint_rule_length: int = 4


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox  # pixels, outer edges on the rules


@dataclass(frozen=True, slots=True)
class Grid:
    bbox: BBox
    rows: tuple[float, ...]  # y of each horizontal boundary, top to bottom
    cols: tuple[float, ...]  # x of each vertical boundary, left to right
    cells: tuple[GridCell, ...]


def ruling_masks(
    binary: np.ndarray, settings: GridSettings, gray: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal rules, vertical rules) as binary masks; with the page's ``gray``, faint
    rules too (see GridSettings.faint_rule_contrast)."""
    height, width = binary.shape
    h_len = max(15, int(width * settings.horizontal_kernel_frac))
    v_len = max(15, int(height * settings.vertical_kernel_frac))
    horizontal = _opened(binary, (h_len, 1))
    vertical = _opened(binary, (1, v_len))
    if gray is not None:
        across, contrast, longer = settings.faint_rule_across, settings.faint_rule_contrast, settings.faint_rule_length
        # Both directions at once: where a faint rule crosses another, it is not thin across.
        thin = binary | _thin_dark_lines(gray, (1, across), contrast) | _thin_dark_lines(gray, (across, 1), contrast)
        # A long rule left a hair off level by the deskew steps from one pixel row to the next;
        # a pixel either side keeps it one run.
        horizontal |= _opened(cv2.dilate(thin, np.ones((3, 1), np.uint8)), (h_len * longer, 1))
        vertical |= _opened(cv2.dilate(thin, np.ones((1, 3), np.uint8)), (1, v_len * longer))
    # Scans break rules into dashes; close small gaps along each rule.
    horizontal = cv2.morphologyEx(
        horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1))
    )
    vertical = cv2.morphologyEx(
        vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 9))
    )
    return horizontal, vertical


def _opened(ink: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """What of ``ink`` a rectangle of ``size`` (width, height) fits in: runs at least that long."""
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))


def _thin_dark_lines(gray: np.ndarray, across: tuple[int, int], contrast: int) -> np.ndarray:
    """Pixels at least ``contrast`` darker than the page either side of them within ``across``
    (a black-hat): thin lines however light, while a shaded header cell, wider, is not."""
    darker = cv2.morphologyEx(gray, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, across))
    return cv2.threshold(darker, contrast - 1, 255, cv2.THRESH_BINARY)[1]


def find_grids(
    binary: np.ndarray, settings: GridSettings | None = None, gray: np.ndarray | None = None
) -> list[Grid]:
    settings = settings or GridSettings()
    return grids_in_rules(*ruling_masks(binary, settings, gray), settings)


def grids_in_rules(horizontal: np.ndarray, vertical: np.ndarray, settings: GridSettings) -> list[Grid]:
    """The grids that :func:`ruling_masks`' rules make, top to bottom."""
    rules = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    grids = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < horizontal.shape[1] * 0.2 or h < 20:
            continue
        grid = _grid_in(horizontal[y : y + h, x : x + w], vertical[y : y + h, x : x + w], settings)
        if grid is not None:
            grids.append(_shifted(grid, x, y))
    return sorted(grids, key=lambda g: g.bbox.top)


def _grid_in(horizontal: np.ndarray, vertical: np.ndarray, settings: GridSettings) -> Grid | None:
    h_segments = _segments(horizontal, axis=0)  # (y, x0, x1)
    v_segments = _segments(vertical, axis=1)  # (x, y0, y1)
    rows = _cluster([s[0] for s in h_segments], settings.cluster_px)
    if len(rows) < 2:
        return None
    # A rule runs from one boundary to the next; a steep pen stroke (an X, a hand tick) is
    # shorter than the shortest row, so it cannot make a column.
    shortest_row = min(b - a for a, b in zip(rows, rows[1:]))
    v_segments = [s for s in v_segments if s[2] - s[1] >= 0.8 * shortest_row]
    cols = _cluster([s[0] for s in v_segments], settings.cluster_px)
    rows = _closed(rows, v_segments, len(cols), settings)

    def covered(segments: list[tuple[float, float, float]], at: float, lo: float, hi: float) -> bool:
        span = hi - lo
        total = 0.0
        for pos, start, end in segments:
            if abs(pos - at) <= settings.cluster_px:
                total += max(0.0, min(end, hi) - max(start, lo))
        return span > 0 and total >= settings.border_coverage * span

    # A wall that bounds no cell in any row is no column: the sides of printed ☐ boxes stacked
    # down a status column, long enough to pass for a rule, would split that column in two and
    # leave its header label over a cell two columns wide, the label no column's.
    cols = cols[:1] + [x for x in cols[1:-1] if any(
        covered(v_segments, x, top, bottom) for top, bottom in zip(rows, rows[1:]))] + cols[-1:]
    if len(rows) < settings.min_table_rows + 1 or len(cols) < settings.min_table_cols + 1:
        return None
    n_rows, n_cols = len(rows) - 1, len(cols) - 1

    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not covered(v_segments, cols[c + 1], rows[r], rows[r + 1]):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not covered(h_segments, rows[r + 1], cols[c], cols[c + 1]):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    cells = []
    for slots in groups.values():
        r0, r1 = min(s[0] for s in slots), max(s[0] for s in slots)
        c0, c1 = min(s[1] for s in slots), max(s[1] for s in slots)
        cells.append(
            GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, BBox(cols[c0], rows[r0], cols[c1 + 1], rows[r1 + 1]))
        )
    cells.sort(key=lambda cell: (cell.row, cell.col))
    bbox = BBox(cols[0], rows[0], cols[-1], rows[-1])
    return Grid(bbox, tuple(rows), tuple(cols), tuple(cells))


def _closed(rows: list[float], v_segments: list[tuple[float, float, float]], columns: int,
            settings: GridSettings) -> list[float]:
    """Row boundaries with the table's open ends closed: a browser prints the part of a row a
    page break split without the rule below it (or above it, on the next page), but its cell
    walls still run to where the row ends. When most walls run past the last (first) rule, the
    row ends (starts) where they do."""
    def ends(values: list[float]) -> float | None:
        return float(np.median(values)) if len(values) >= max(settings.min_table_cols, columns // 2) else None

    below = ends([end for _, _, end in v_segments if end > rows[-1] + settings.cluster_px])
    above = ends([start for _, start, _ in v_segments if start < rows[0] - settings.cluster_px])
    return ([above] if above is not None else []) + rows + ([below] if below is not None else [])


def _segments(mask: np.ndarray, axis: int) -> list[tuple[float, float, float]]:
    """Rule segments as (position across, start along, end along)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    segments = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if axis == 0:
            segments.append((y + h / 2, float(x), float(x + w)))
        else:
            segments.append((x + w / 2, float(y), float(y + h)))
    return segments


def _cluster(positions: list[float], tolerance: int) -> list[float]:
    clusters: list[list[float]] = []
    for pos in sorted(positions):
        if clusters and pos - clusters[-1][-1] <= tolerance:
            clusters[-1].append(pos)
        else:
            clusters.append([pos])
    return [float(np.mean(c)) for c in clusters]


def _shifted(grid: Grid, dx: int, dy: int) -> Grid:
    def move(b: BBox) -> BBox:
        return BBox(b.x0 + dx, b.top + dy, b.x1 + dx, b.bottom + dy)

    return Grid(
        move(grid.bbox),
        tuple(y + dy for y in grid.rows),
        tuple(x + dx for x in grid.cols),
        tuple(GridCell(c.row, c.col, c.row_span, c.col_span, move(c.bbox)) for c in grid.cells),
    )


@dataclass(frozen=True, slots=True)
class InkReading:
    ticked: bool
    confidence: float  # 0.5 at the threshold, towards 1 as the evidence grows
    ink: float  # what is drawn in the cell, in pixels at 300 dpi (see mark_ink)


# An empty cell holds nothing after specks are dropped (at most 14 px at 300 dpi in 6,700
# empty status cells of PIL and browser-printed scans, seed 3000); the smallest printed
# ticks (a ✓ or / glyph at 9 pt) hold 120 and more, pen and vector ticks 250 and more.
TICK_MIN_INK = 60.0
REFERENCE_DPI = 300
# Printed boxes in every status cell are read by what is inside them (see mark_ink); what is
# left of a box after that still inks every cell a little, and a tick must clear it by this.
OVER_ROW_BASELINE = 1.35
CONFIDENCE_SLOPE = 2.5  # per unit of log distance from the threshold
# Ink an empty cell can hold (see TICK_MIN_INK). A cell holding more, under the threshold, is
# no tick but not surely empty either: a ☑ whose small check the box's band half hides held 49
# px in a browser scan, and its row came out `empty` at 0.96. Between the two the cell's
# confidence of being empty falls towards 0.5, so that saraban.parsers.status reads such a row as that
# column at low confidence (NEAR_TICK) instead of as no status.
EMPTY_CELL_INK = 20.0
DOUBT_ZONE_CONFIDENCE = 0.45  # confidence above 0.5 at the zone's empty end
# A second tick in a row must add about as much ink as the first: a JPEG-smeared box or a
# speck beside a clear tick added 18-29 % of its ink on the benchmark's false doubles, real
# double ticks 90-100 %.
SECOND_TICK_SHARE = 0.5
# A component is a printed box (☐, or ☑ with its check) when it is about square and ink runs
# along most of three of its four sides (in the outer band of its smaller side; the cell's
# margin may cut the fourth off a box printed near a rule): the box is then left out and only
# the ink inside it counts. Judged by the sides, not by the share of ink in the band, so that
# a big check that touches its box is measured as the check alone, like the smaller checks
# of the same row's other boxes (a ☑ ☑ row read 722 and 171 px the other way). Ink must also
# reach two of its corners: a drawn ring covers 0.8 of each side but no corner; a ✓ or an X
# covers far less of its sides. JPEG and binarization break a printed box's thin sides into
# dashes (0.82 of a side in a seed-9000 drawn scan).
BOX_BAND = 0.2
BOX_SIDE_COVER = 0.7
BOX_SIDES = 3
BOX_CORNERS = 2  # those of a box missing a side (cut off by the margin or the rule removal)
BOX_FRAME_EDGE = 0.3  # a full side this near an edge of the component's extent is the box's
BOX_FRAME_OUTSIDE = 0.15  # of the component's ink, at most, cut off as touching a box from outside
BOX_INSIDE_FILL = 0.5  # a box's inside is mostly paper (a check covers a fifth); a dot's is ink
BOX_ASPECT = (0.6, 1.6)
MARK_JOIN_PX = 5  # ink this close (a 2-px gap each way) is one mark


def mark_ink(binary_no_rules: np.ndarray, bbox: BBox, dpi: int, margin_frac: float = 0.12) -> float:
    """What is drawn in a cell, as ink pixels at 300 dpi: glyph-agnostic (✓, ☑, X, a dot, a
    hand tick), in absolute size, because a tick is as big as its glyph or its pen whatever
    the cell's size (a small ✓ in a wide column is still a tick).

    The interior excludes a margin so leftover rule pixels and neighbours' strokes don't count;
    specks smaller than a pen stroke are ignored; a printed empty box (☐, a hollow square
    outline) counts only the ink inside it, so ☑ among ☐ is its check.
    """
    margin = margin_frac * min(bbox.width, bbox.height)
    x0, y0 = int(bbox.x0 + margin), int(bbox.top + margin)
    x1, y1 = int(bbox.x1 - margin), int(bbox.bottom - margin)
    if x1 <= x0 or y1 <= y0:
        return 0.0
    interior = binary_no_rules[y0:y1, x0:x1]
    # Ink a few pixels apart is one mark: a JPEG'd scan breaks a ☐'s corners, and its four
    # sides apart are no box outline (344 px of "tick" in an empty box of a seed-2000 scan).
    grouped = cv2.dilate(interior, np.ones((MARK_JOIN_PX, MARK_JOIN_PX), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(grouped, connectivity=8)
    min_area = max(4, int(0.0008 * interior.size))
    ink = 0
    for i in range(1, count):
        left, top, width, height, _ = (int(v) for v in stats[i])
        component = (labels[top : top + height, left : left + width] == i) & (
            interior[top : top + height, left : left + width] > 0)
        area = int(component.sum())
        if area < min_area:
            continue
        box = _framed(_trimmed(component))
        ink += _inside_box(box) if _is_box_outline(box) else area
    return ink / (dpi / REFERENCE_DPI) ** 2


def _trimmed(component: np.ndarray) -> np.ndarray:
    """The component within its ink's own extent (the grouping dilation widened its box)."""
    rows, cols = np.flatnonzero(component.any(axis=1)), np.flatnonzero(component.any(axis=0))
    return component[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _framed(component: np.ndarray) -> np.ndarray:
    """The component within the sides of the box it may be: ink outside a full side near an
    edge (a speck joined to a ☐'s top, a check's tip over it) is cut off, so that a box's band
    and inside are its own, not shifted by what touches it."""
    framed = _between_full_lines(component)  # rows: the top and bottom sides
    framed = _between_full_lines(framed.T).T  # then columns, measured within those rows
    # What is cut off is small beside the box; when it is not, there is no box to frame (a
    # dot the rule removal carved into two crescents has "full sides" inside it).
    return framed if framed.sum() >= (1 - BOX_FRAME_OUTSIDE) * component.sum() else component


def _between_full_lines(component: np.ndarray) -> np.ndarray:
    """The rows from the first full one near the top to the last near the bottom (each end
    left as it is where it has none)."""
    height, width = component.shape
    rows = np.flatnonzero(component.sum(axis=1) >= BOX_SIDE_COVER * width)
    top = rows[0] if rows.size and rows[0] <= BOX_FRAME_EDGE * height else 0
    bottom = rows[-1] + 1 if rows.size and rows[-1] >= (1 - BOX_FRAME_EDGE) * height - 1 else height
    return component[top:bottom]


def _is_box_outline(component: np.ndarray) -> bool:
    height, width = component.shape
    if min(height, width) < 8 or not BOX_ASPECT[0] <= width / height <= BOX_ASPECT[1]:
        return False
    band = max(2, round(BOX_BAND * min(height, width)))
    sides = (
        component[:band].any(axis=0), component[-band:].any(axis=0),
        component[:, :band].any(axis=1), component[:, -band:].any(axis=1),
    )
    corner = max(2, band // 2)  # a ring passes a band-wide corner square, not this one
    corners = (component[:corner, :corner], component[:corner, -corner:],
               component[-corner:, :corner], component[-corner:, -corner:])
    inside = component[band:-band, band:-band]
    hollow = inside.size == 0 or inside.mean() < BOX_INSIDE_FILL
    return (hollow and sum(side.mean() >= BOX_SIDE_COVER for side in sides) >= BOX_SIDES
            and sum(bool(corner.any()) for corner in corners) >= BOX_CORNERS)


def _inside_box(component: np.ndarray) -> int:
    band = max(2, round(BOX_BAND * min(component.shape)))
    return int(component[band:-band, band:-band].sum())


def read_row_ticks(inks: list[float]) -> list[InkReading]:
    """Which of one row's status cells are ticked (``inks``: mark_ink of each), judged
    against each other.

    A cell is ticked when it holds clearly more ink than an empty cell would: more than the
    absolute floor, and more than the row's baseline by ``OVER_ROW_BASELINE`` (what the
    empty cells of this row all hold).
    """
    if not inks:
        return []
    # The baseline is what an empty cell of this row holds: the median of the cells other
    # than the inkiest (one tick cannot move it; a second tick is still measured against it).
    others = sorted(inks)[:-1] or [0.0]
    baseline = float(np.median(others))
    threshold = max(TICK_MIN_INK, OVER_ROW_BASELINE * baseline)
    strongest = max(inks) - baseline
    floor = max(EMPTY_CELL_INK, baseline)  # what a cell surely empty may hold
    readings = []
    for ink in inks:
        distance = abs(float(np.log((ink + 1.0) / threshold)))
        ticked = ink >= threshold
        share = (ink - baseline) / strongest if strongest > 0 else 1.0
        if ticked and share < SECOND_TICK_SHARE:
            # Over the floor, but far short of the row's clear tick: box noise, not a tick.
            ticked = False
            distance = min(distance, abs(float(np.log((share + 1e-4) / SECOND_TICK_SHARE))))
        confidence = min(0.99, 0.5 + CONFIDENCE_SLOPE * distance)
        if not ticked and ink > floor and threshold > floor:
            toward_empty = min(1.0, (threshold - ink) / (threshold - floor))
            confidence = min(confidence, 0.5 + DOUBT_ZONE_CONFIDENCE * toward_empty ** 2)
        readings.append(InkReading(ticked, round(confidence, 3), round(ink, 1)))
    return readings
