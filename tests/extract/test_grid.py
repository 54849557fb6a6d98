"""Ruled-grid detection and ink ticks on drawn tables with known structure."""

from __future__ import annotations

import cv2
import numpy as np

from saraban.ingest.extract.grid import GridSettings, find_grids, mark_ink, read_row_ticks, ruling_masks

COLS = [100, 250, 1000, 1100, 1350, 1600, 1750, 1900, 2050, 2200, 2400]
ROWS = [100, 200, 300, 400, 500, 600]


def e_plan_table() -> np.ndarray:
    """Two header rows: ลำดับ … เบิกจ่าย and หมายเหตุ span both; สถานะ spans four sub-columns."""
    img = np.zeros((3508, 2480), np.uint8)  # A4 at 300 dpi
    cv2.line(img, (100, 100), (2400, 100), 255, 3)
    cv2.line(img, (1600, 200), (2200, 200), 255, 3)
    for y in ROWS[2:]:
        cv2.line(img, (100, y), (2400, y), 255, 3)
    for x in COLS:
        top = 200 if x in (1750, 1900, 2050) else 100
        cv2.line(img, (x, top), (x, 600), 255, 3)
    return img


def test_grid_with_merged_header_cells():
    (grid,) = find_grids(e_plan_table())
    assert len(grid.rows) == len(ROWS) and len(grid.cols) == len(COLS)
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in grid.cells}
    assert spans[(0, 0)] == (2, 1)  # ลำดับ over both header rows
    assert spans[(0, 5)] == (1, 4)  # สถานะ over its four sub-columns
    assert all(spans[(1, col)] == (1, 1) for col in (5, 6, 7, 8))
    assert spans[(0, 9)] == (2, 1)  # หมายเหตุ
    assert len(grid.cells) == 5 + 1 + 1 + 4 + 3 * 10


def test_a_steep_pen_stroke_is_not_a_column():
    img = e_plan_table()
    cv2.putText(img, "X", (1930, 480), cv2.FONT_HERSHEY_SIMPLEX, 2, 255, 4)
    (grid,) = find_grids(img)
    assert len(grid.cols) == len(COLS)



def test_a_wall_that_bounds_no_cell_is_not_a_column():
    """Box sides stacked down a status column, each long enough to pass for a rule but none
    closing a cell, leave the column whole, so its header label stays over one column."""
    img = e_plan_table()
    cv2.line(img, (1825, 450), (1825, 535), 255, 3)  # across a row boundary, half of each row
    (grid,) = find_grids(img)
    assert len(grid.cols) == len(COLS)
    spans = {(c.row, c.col): c.col_span for c in grid.cells}
    assert spans[(1, 6)] == 1 and spans[(4, 6)] == 1

def test_ink_finds_each_tick_style_and_leaves_empty_cells_empty():
    img = e_plan_table()
    rng = np.random.default_rng(7)
    noise = (rng.random(img.shape) > 0.9995).astype(np.uint8) * 255  # scanner specks
    img |= noise
    cv2.line(img, (1620, 350), (1660, 380), 255, 4)  # hand tick, row 2 col 5
    cv2.line(img, (1660, 380), (1720, 320), 255, 4)
    cv2.putText(img, "X", (1930, 480), cv2.FONT_HERSHEY_SIMPLEX, 2, 255, 4)  # row 3 col 7
    cv2.circle(img, (2125, 550), 14, 255, -1)  # a filled dot, row 4 col 8
    (grid,) = find_grids(img)
    horizontal, vertical = ruling_masks(img, GridSettings())
    clean = img & ~(horizontal | vertical)
    ticked = set()
    for row in range(2, 5):
        cells = [c for c in grid.cells if c.row == row and 5 <= c.col <= 8]
        for cell, ink in zip(cells, read_row_ticks([mark_ink(clean, c.bbox, 300) for c in cells])):
            if ink.ticked:
                ticked.add((cell.row, cell.col))
    assert ticked == {(2, 5), (3, 7), (4, 8)}


def test_a_tick_is_read_against_the_cells_beside_it():
    # Ink at 300 dpi: a printed box counts only what is inside it, so ☐ ☐ ☑ ☐ is about 0 0 240 0.
    boxes = read_row_ticks([12, 10, 240, 8])
    assert [r.ticked for r in boxes] == [False, False, True, False]
    assert [r.ticked for r in read_row_ticks([30, 250, 12, 0])] == [False, True, False, False]
    assert not any(r.ticked for r in read_row_ticks([14, 12, 10, 13]))  # no tick
    two = read_row_ticks([0, 300, 0, 350])
    assert [r.ticked for r in two] == [False, True, False, True]
    # What is left of boxes after their outlines inks every cell: a tick must clear it.
    assert [r.ticked for r in read_row_ticks([90, 95, 300, 88])] == [False, False, True, False]


def test_ink_between_an_empty_cell_and_a_tick_is_not_surely_empty():
    # A ☑ whose check the box's band half hid: 49 px against 0 in the row's empty boxes.
    faint = read_row_ticks([49, 0, 0, 0])
    assert not faint[0].ticked and faint[0].confidence < 0.6
    assert all(r.confidence >= 0.95 for r in faint[1:])
    assert read_row_ticks([14, 0, 0, 0])[0].confidence >= 0.95  # dust-level ink stays empty


def test_a_smear_beside_a_clear_tick_is_not_a_second_tick():
    for inks in ([55, 300, 20, 10], [120, 400, 30, 20]):
        readings = read_row_ticks(inks)
        assert [r.ticked for r in readings] == [False, True, False, False]
    assert read_row_ticks([55, 300, 20, 10])[0].confidence < 0.8  # said to be doubtful, not certain


def test_a_small_tick_in_a_wide_cell_is_a_tick_and_a_printed_box_is_not():
    # A 9-pt ✓ in a column three times its width: the size of the mark, not its share of the
    # cell, says it is there (browser-printed reports, issue #12).
    img = np.zeros((400, 1200), np.uint8)
    cv2.line(img, (300, 200), (308, 210), 255, 3)
    cv2.line(img, (308, 210), (322, 188), 255, 3)
    from saraban.parsers.model import BBox

    assert mark_ink(img, BBox(100, 100, 600, 300), 300) >= 60
    box = np.zeros((400, 1200), np.uint8)
    cv2.rectangle(box, (320, 170), (370, 220), 255, 3)  # ☐ printed in the cell
    assert mark_ink(box, BBox(100, 100, 600, 300), 300) < 10
    cv2.line(box, (330, 195), (340, 210), 255, 3)  # ... and ☑
    cv2.line(box, (340, 210), (362, 178), 255, 3)
    assert mark_ink(box, BBox(100, 100, 600, 300), 300) >= 60


def test_a_box_whose_corners_the_scan_broke_is_still_an_empty_box():
    # Seed 2000: a JPEG'd ☐ at 300 dpi came apart into its four sides (corners lost), which
    # counted 344 px of ink and made a second tick beside the row's ☑.
    from saraban.parsers.model import BBox

    box = np.zeros((400, 1200), np.uint8)
    box[171:205, 90:93] = 255  # left side
    box[171:174, 94:120] = 255  # top
    box[171:205, 122:124] = 255  # right side
    box[202:206, 94:120] = 255  # bottom
    assert mark_ink(box, BBox(40, 120, 200, 260), 300) < 10


def test_every_generated_tick_style_is_read_by_ink_and_empty_rows_stay_empty():
    """Each of the generator's tick styles (✓ glyph, ☑ in printed boxes, X, dot, hand tick) in
    a 300-dpi ruled table, plus a row with no tick and a row with two."""
    import random

    from PIL import Image, ImageDraw

    from saraban.ingest.extract.image import binarize, normalize_contrast, to_gray
    from synth.draw import TICK_STYLES, empty_box, tick
    from synth.fonts import FontBook

    fonts = FontBook.discover()
    rng = random.Random(3)
    xs = [200, 500, 800, 1100, 1400]  # four status columns
    rows = [(style, {i % 4}) for i, style in enumerate(TICK_STYLES)]
    rows += [("cross", set()), ("cross", {0, 2})]  # an empty row and a doubly ticked one
    ys = [300 + 180 * i for i in range(len(rows) + 1)]
    page = Image.new("RGB", (1700, ys[-1] + 300), (250, 248, 240))
    draw = ImageDraw.Draw(page)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=(20, 20, 20), width=3)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=(20, 20, 20), width=3)
    for r, (style, ticked) in enumerate(rows):
        for c in range(4):
            cell = (xs[c], ys[r], xs[c + 1], ys[r + 1])
            if c in ticked:
                tick(draw, style, cell, rng, 300 / 300 * 1.0, fonts)
            elif style == "ballot":
                empty_box(draw, cell, 1.0)
    binary = binarize(normalize_contrast(to_gray(page)))
    (grid,) = find_grids(binary)
    horizontal, vertical = ruling_masks(binary, GridSettings())
    clean = binary & ~(horizontal | vertical)
    for r, (style, ticked) in enumerate(rows):
        cells = sorted((c for c in grid.cells if c.row == r), key=lambda c: c.col)
        readings = read_row_ticks([mark_ink(clean, c.bbox, 300) for c in cells])
        assert {i for i, reading in enumerate(readings) if reading.ticked} == ticked, style


def test_a_headerless_continuation_is_numbered_like_its_header_by_position():
    from saraban.ingest.extract.tables import column_centres, renumber_columns

    (header_grid,) = find_grids(e_plan_table())
    img = np.zeros((3508, 2480), np.uint8)  # next page: no header, one column rule lost
    for y in (100, 200, 300):
        cv2.line(img, (100, y), (2400, y), 255, 3)
    for x in [c for c in COLS if c != 1100]:
        cv2.line(img, (x, 100), (x, 300), 255, 3)
    (continued,) = find_grids(img)
    renumbered = renumber_columns(continued, column_centres(header_grid))
    # the merged 1000–1350 column is nearest to the budget column (centre 1225)
    assert sorted({c.col for c in renumbered.cells}) == [0, 1, 3, 4, 5, 6, 7, 8, 9]


def test_a_page_that_is_all_table_is_turned_upright_from_every_quarter(tmp_path):
    """Table pages fool the projection profile (short text in cells, long rules); the marks
    seated on letters decide."""
    import pypdfium2 as pdfium

    from saraban.ingest.extract.image import prepare_page_image
    from synth import SynthConfig, generate_bundle

    pdf = generate_bundle(3, tmp_path, SynthConfig(dpi=150, row_count=(12, 16), clean=True))
    page = np.asarray(pdfium.PdfDocument(pdf)[2].render(scale=150 / 72).to_pil().convert("L"))
    turned = [prepare_page_image(np.rot90(page, k).copy(), 150).rotation for k in range(4)]
    assert turned == [0, 90, 180, 270]  # np.rot90 turns counter-clockwise


def test_a_last_row_alone_on_its_page_is_a_table():
    img = np.zeros((3508, 2480), np.uint8)
    cv2.line(img, (100, 100), (2400, 100), 255, 3)
    cv2.line(img, (100, 300), (2400, 300), 255, 3)
    for x in COLS:
        cv2.line(img, (x, 100), (x, 300), 255, 3)
    (grid,) = find_grids(img)
    assert len(grid.rows) == 2 and len(grid.cols) == len(COLS)


def test_a_row_a_page_break_split_has_no_closing_rule_but_is_still_a_row():
    # The last row's cell walls run 90 px below the last rule, with no rule under them.
    img = e_plan_table()
    for x in COLS:
        cv2.line(img, (x, 600), (x, 690), 255, 3)
    (grid,) = find_grids(img)
    assert len(grid.rows) == len(ROWS) + 1 and abs(grid.rows[-1] - 690) <= 6
    assert sum(1 for c in grid.cells if c.row == len(ROWS) - 1) == len(COLS) - 1
    # On the next page the rest of that row hangs from the top of the table the same way.
    top = e_plan_table()
    for x in COLS:
        cv2.line(top, (x, 30), (x, 100), 255, 3)
    (grid,) = find_grids(top)
    assert abs(grid.rows[0] - 30) <= 6 and len(grid.rows) == len(ROWS) + 1


def test_two_checked_boxes_count_alike_whether_or_not_the_check_touches_its_box():
    # Seed 7000: in a ☐ ☐ ☑ ☑ row the first check touched its box, so the whole box counted
    # (722 px) and the second check alone (171 px) fell under the second-tick share: the row
    # was read `completed` at 0.99 instead of two ticks. Both boxes count their checks only.
    from saraban.parsers.model import BBox

    img = np.zeros((300, 800), np.uint8)
    cells = [BBox(x, 50, x + 150, 250) for x in (50, 250, 450, 650)]
    for cell in cells:  # a ☐ near the top rule; the cell's margin cuts off its top side
        x = int(cell.x0) + 50
        cv2.rectangle(img, (x, 62), (x + 45, 110), 255, 3)
    touching, inside = cells[2], cells[3]
    x = int(touching.x0) + 50
    cv2.line(img, (x + 1, 85), (x + 18, 110), 255, 4)  # a big check from side to side
    cv2.line(img, (x + 18, 110), (x + 45, 64), 255, 4)
    x = int(inside.x0) + 50
    cv2.line(img, (x + 12, 88), (x + 20, 100), 255, 3)  # a small check clear of the box
    cv2.line(img, (x + 20, 100), (x + 34, 75), 255, 3)
    inks = [mark_ink(img, cell, 300) for cell in cells]
    assert inks[0] < 10 and inks[1] < 10
    assert 0.5 < inks[2] / inks[3] < 2
    assert [r.ticked for r in read_row_ticks(inks)] == [False, False, True, True]


def test_an_empty_box_with_a_speck_on_its_top_is_still_an_empty_box():
    # Seed 7000, 200 dpi: a speck joined to a ☐'s top shifted the box's band down by the
    # speck's height, so its top side counted as ink inside it (60 px, a second tick).
    from saraban.parsers.model import BBox

    box = np.zeros((400, 1200), np.uint8)
    cv2.rectangle(box, (100, 180), (147, 227), 255, 3)  # ☐
    box[172:180, 120:123] = 255  # a speck touching its top
    assert mark_ink(box, BBox(40, 120, 220, 300), 300) < 10


def test_a_box_with_dashed_sides_is_a_box_and_a_drawn_ring_is_a_mark():
    from saraban.parsers.model import BBox

    # Seed 9000, drawn scan: JPEG broke a ☐'s thin sides into dashes covering 0.82 of them.
    box = np.zeros((400, 1200), np.uint8)
    cv2.rectangle(box, (100, 180), (134, 214), 255, 2)
    for x in range(104, 134, 6):
        box[178:183, x : x + 1] = 0
        box[212:217, x + 3 : x + 4] = 0
    assert mark_ink(box, BBox(40, 120, 220, 300), 300) < 10
    ring = np.zeros((400, 1200), np.uint8)
    cv2.circle(ring, (117, 197), 20, 255, 3)  # a circled cell: ink on every side, none in a corner
    assert mark_ink(ring, BBox(40, 120, 220, 300), 300) >= 60


def test_a_printed_box_keeps_its_sides_when_the_pages_rules_are_cleared():
    # Seed 9000, a landscape browser scan at 200 dpi: a ☐'s sides (~32 px) are as long as the
    # shortest rule the page's masks keep, and clearing every rule left each empty box its
    # bottom side alone: 124 px of "tick". Only the grid's own rules are cleared.
    from saraban.ingest.extract.tables import grid_rules

    page = np.zeros((1654, 2339), np.uint8)
    for y in (200, 400, 600):
        page[y : y + 3, 300:1500] = 255
    for x in (300, 700, 1100, 1500):
        page[200:603, x : x + 3] = 255
    cv2.rectangle(page, (480, 250), (516, 286), 255, 3)  # ☐ in the middle of a cell
    (grid,) = find_grids(page)
    horizontal, vertical = ruling_masks(page, GridSettings())
    assert vertical[260:280, 480:483].any()  # the page's masks take the box's sides for rules
    clean = page & ~grid_rules(grid, horizontal, vertical)
    assert clean[260:280, 480:483].all() and clean[250:253, 490:500].all()  # the box is whole
    assert not clean[300:500, 700:703].any() and not clean[400:403, 800:1000].any()  # the grid is gone
    cell = next(c for c in grid.cells if c.bbox.x0 < 498 < c.bbox.x1 and c.bbox.top < 268 < c.bbox.bottom)
    assert mark_ink(clean, cell.bbox, 300) < 10


def test_a_faint_grey_rule_is_a_rule_when_the_grey_page_is_given():
    # A 1 px grey border scanned: lighter than Otsu's threshold, so the binary loses it.
    binary = e_plan_table()
    gray = np.where(binary > 0, 0, 248).astype(np.uint8)
    gray[400:402, 100:2400] = 255
    binary[400:402, 100:2400] = 0
    gray[400, 100:2400] = 195
    for x in COLS:  # where the faint rule crosses a column rule, both stay dark
        gray[399:403, x - 1 : x + 2] = 0
        binary[399:403, x - 1 : x + 2] = 255
    (lost,) = find_grids(binary)
    (found,) = find_grids(binary, gray=gray)
    assert 400 not in [round(y) for y in lost.rows]
    assert len(found.rows) == len(ROWS) and abs(found.rows[3] - 400) <= 2


def test_a_short_faint_stroke_in_a_cell_is_not_a_rule():
    # The grey halo of stacked marks (ซื้อ under ข้อมูล) runs down a name cell, nearly its height.
    binary = e_plan_table()
    gray = np.where(binary > 0, 0, 248).astype(np.uint8)
    gray[302:398, 600] = 190
    (grid,) = find_grids(binary, gray=gray)
    assert len(grid.cols) == len(COLS)


def test_a_repeated_header_keeps_the_columns_its_garbled_labels_lost():
    from saraban.ingest.extract.table_reader import CellPlan
    from saraban.ingest.extract.tables import repeated_header_plan

    first = CellPlan(frozenset({0, 2, 3, 4}), frozenset({5, 6, 7, 8}), frozenset({0, 2}), 0)
    # This page's OCR lost มิติ (col 2) and รอรายงาน (col 5), and called col 9 a status.
    garbled = CellPlan(frozenset({0, 3, 4}), frozenset({6, 7, 8, 9}), frozenset({0}), 0)
    plan = repeated_header_plan(garbled, first)
    assert plan.numeric_cols == {0, 2, 3, 4} and plan.integer_cols == {0, 2}
    assert plan.mark_cols == {5, 6, 7, 8, 9}
    # A column this page reads as a number is not made a tick box by the previous header.
    renamed = CellPlan(frozenset({0, 3, 4, 5}), frozenset({6, 7, 8}), frozenset({0}), 0)
    assert 5 not in repeated_header_plan(renamed, first).mark_cols
