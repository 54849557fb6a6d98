"""Column roles of ruled report tables: labels assembled over the header rows, checked against
the values under them, told from the values when the header cannot be read (parsers/columns.py,
parsers/report.py)."""

from __future__ import annotations

from dataclasses import replace

from saraban.parsers.columns import check_columns, column_labels, infer_columns, read_columns
from saraban.parsers.model import Cell, Document, Mark, MarkState, Table
from saraban.parsers.report import UNSURE_COLUMNS_CONFIDENCE, parse_report

TICK = Mark(MarkState.TICKED, 0.97, "ink:0.080")
EMPTY = Mark(MarkState.UNTICKED, 0.97, "ink:0.001")
STATUS_COLS = (5, 6, 7, 8)


def header(*rows: list[tuple[int, int, str]]) -> list[tuple[Cell, ...]]:
    """Header rows of (col, col_span, text) cells."""
    return [tuple(Cell(r, col, text, col_span=span) for col, span, text in row) for r, row in enumerate(rows)]


def body_row(r: int, seq: int, ticked: int, *, dimension: str = "2", budget: str = "10,000.00",
             disbursed: str = "2,500.00", confidence: float = 0.96) -> tuple[Cell, ...]:
    values = [str(seq), f"โครงการอบรมคุณธรรมจริยธรรมรุ่นที่ {seq}", dimension, budget, disbursed]
    cells = [Cell(r, c, text, confidence=confidence) for c, text in enumerate(values)]
    cells += [Cell(r, c, "", confidence=0.97, mark=TICK if c == ticked else EMPTY) for c in STATUS_COLS]
    cells.append(Cell(r, 9, ""))
    return tuple(cells)


def body(start_row: int, count: int = 5) -> list[tuple[Cell, ...]]:
    return [body_row(start_row + i, i + 1, STATUS_COLS[i % 4]) for i in range(count)]


# A narrow name column: every label wraps, over three grid rows, some mid-word (รอ|รายงาน).
NARROW = header(
    [(0, 1, "ลำ"), (1, 1, "รายการ"), (2, 1, "มิติ"), (3, 1, "งบ"), (4, 1, "เบิก"), (5, 4, "สถานะ"), (9, 1, "หมาย")],
    [(0, 1, "ดับ"), (1, 1, "โครงการ"), (3, 1, "ประมาณ"), (4, 1, "จ่าย"), (5, 1, "รอ"), (6, 1, "อยู่ระหว่าง"),
     (7, 1, "ดำเนินการ"), (8, 1, "ไม่สามารถ"), (9, 1, "เหตุ")],
    [(1, 1, "(ตั้งต้น)"), (3, 1, "(บาท)"), (4, 1, "(บาท)"), (5, 1, "รายงาน"), (6, 1, "ดำเนินการ"),
     (7, 1, "แล้วเสร็จ"), (8, 1, "ดำเนินการได้")],
)


def test_labels_wrapped_over_three_header_rows_are_read_whole(resources):
    labels = column_labels(NARROW)
    assert labels[5] == "รอรายงาน" and labels[0] == "ลำดับ"
    columns = read_columns(NARROW, resources.vocab, ruled=True)
    assert columns is not None
    assert columns.roles == {"seq": 0, "name": 1, "dimension": 2, "budget": 3, "disbursed": 4, "remarks": 9}
    assert columns.statuses == tuple(zip(STATUS_COLS, ("awaiting_report", "in_progress", "completed",
                                                       "unable_to_proceed")))


def test_a_narrow_table_with_three_line_headers_reads_every_row(resources):
    table = Table(tuple(NARROW) + tuple(body(3, 6)), page=2, ruled=True)
    raw = parse_report(Document("report", 1, ((2, table),)), resources.vocab)
    assert [r.seq_raw for r in raw.rows] == ["1", "2", "3", "4", "5", "6"]
    assert [r.budget_raw for r in raw.rows] == ["10,000.00"] * 6 and raw.rows[0].dimension_raw == "2"
    assert [r.status.status for r in raw.rows[:4]] == ["awaiting_report", "in_progress", "completed",
                                                        "unable_to_proceed"]
    assert not raw.header_problems and not any(r.columns_doubt for r in raw.rows)


def test_a_status_label_lost_between_three_read_ones_is_the_missing_status(resources):
    garbled = [tuple(c for c in row if not (c.col == 6 and c.row > 0)) for row in NARROW]
    columns = read_columns(garbled, resources.vocab, ruled=True)
    assert columns is not None and dict(columns.statuses)[6] == "in_progress"


def test_a_first_status_label_lost_under_the_status_group_is_the_missing_status(resources):
    # รอรายงาน in a decorative face read รซอซายงาน: the three read after it, and สถานะ over
    # all four, leave its column.
    garbled = [tuple(c for c in row if not (c.col == 5 and c.row > 0)) for row in NARROW]
    columns = read_columns(garbled, resources.vocab, ruled=True)
    assert columns is not None and dict(columns.statuses)[5] == "awaiting_report"
    # Without สถานะ over them, a column left of three statuses is not taken for the fourth.
    ungrouped = [tuple(c for c in row if c.col != 5) for row in NARROW]
    columns = read_columns(ungrouped, resources.vocab, ruled=True)
    assert columns is not None and 5 not in dict(columns.statuses)


def test_a_lost_dimension_label_between_name_and_budget_is_the_dimension(resources):
    garbled = [tuple(replace(c, text="UA") if c.col == 2 else c for c in row) for row in NARROW]
    columns = read_columns(garbled, resources.vocab, ruled=True)
    assert columns is not None and columns.roles["dimension"] == 2
    # Two columns between them: which one is not told by position.
    wide = [tuple(replace(c, col=c.col + 1) if c.col >= 2 else c for c in row) for row in garbled]
    columns = read_columns(wide, resources.vocab, ruled=True)
    assert columns is not None and "dimension" not in columns.roles


def test_a_lost_budget_label_between_dimension_and_disbursed_is_the_budget(resources):
    # งบประมาณ (บาท) in a shaded cell, read by the English model as 'quusyaeu | (um)'.
    garbled = [tuple(replace(c, text="quusyaeu | (um)") if c.col == 3 else c for c in row) for row in NARROW]
    columns = read_columns(garbled, resources.vocab, ruled=True)
    assert columns is not None and columns.roles["budget"] == 3
    both = [tuple(replace(c, text="UA") if c.col == 2 else c for c in row) for row in garbled]
    columns = read_columns(both, resources.vocab, ruled=True)  # nothing on either side to place them
    assert columns is not None and "budget" not in columns.roles and "dimension" not in columns.roles


def test_a_label_its_values_contradict_is_moved_to_the_column_that_fits(resources):
    # The header's มิติ and งบประมาณ were read over the wrong columns (OCR merged two labels):
    # the amounts are under the column called มิติ.
    shifted = header([(0, 1, "ลำดับ"), (1, 1, "รายการโครงการ"), (3, 1, "มิติ"), (4, 1, "งบประมาณ (บาท)"),
                      (5, 4, "สถานะ"), (9, 1, "หมายเหตุ")],
                     [(5, 1, "รอรายงาน"), (6, 1, "อยู่ระหว่างดำเนินการ"), (7, 1, "ดำเนินการแล้วเสร็จ"),
                      (8, 1, "ไม่สามารถดำเนินการได้")])
    columns = read_columns(shifted, resources.vocab, ruled=True)
    assert columns is not None and columns.roles["dimension"] == 3
    checked = check_columns(columns, body(2))
    assert checked.roles["dimension"] == 2 and checked.roles["budget"] == 3
    # The two amounts are told apart by their order against a label: right, but said to be unsure.
    assert checked.roles["disbursed"] == 4 and "order" in checked.doubt
    # A header whose labels the values confirm raises no doubt.
    assert not check_columns(read_columns(NARROW, resources.vocab, ruled=True), body(3)).doubt


def test_one_value_out_of_place_on_a_short_page_does_not_doubt_its_label(resources):
    # Three rows on a page, one of them with the dimension 0: the value check flags that row;
    # the header's มิติ stands.
    rows = body(3, 3)
    rows[1] = body_row(4, 2, STATUS_COLS[1], dimension="0")
    checked = check_columns(read_columns(NARROW, resources.vocab, ruled=True), rows)
    assert checked.roles["dimension"] == 2 and not checked.doubt
    # Two of three out of place do.
    rows[2] = body_row(5, 3, STATUS_COLS[2], dimension="7")
    assert "dimension" in check_columns(read_columns(NARROW, resources.vocab, ruled=True), rows).doubt


def test_a_numbering_that_repeats_and_skips_on_a_short_page_does_not_doubt_its_label(resources):
    # 16, 16, 18: the printed numbering's own slips, for SEQ_DUPLICATE and SEQ_GAP to name.
    rows = [body_row(3 + i, seq, STATUS_COLS[i]) for i, seq in enumerate((16, 16, 18))]
    checked = check_columns(read_columns(NARROW, resources.vocab, ruled=True), rows)
    assert checked.roles["seq"] == 0 and not checked.doubt
    # Numbers that jump about are no numbering.
    rows = [body_row(3 + i, seq, STATUS_COLS[i]) for i, seq in enumerate((16, 9, 30))]
    assert "seq" in check_columns(read_columns(NARROW, resources.vocab, ruled=True), rows).doubt


def test_a_header_that_cannot_be_read_gives_kept_rows_with_a_doubt(resources):
    junk = header([(0, 1, "~~"), (1, 1, "ฯลฯ"), (2, 1, "?"), (3, 1, "--"), (4, 1, "--"), (5, 4, "..."), (9, 1, "")])
    table = Table(tuple(junk) + tuple(body(1, 5)), page=3, ruled=True)
    raw = parse_report(Document("report", 1, ((3, table),)), resources.vocab)
    assert [r.seq_raw for r in raw.rows] == ["1", "2", "3", "4", "5"]
    assert raw.rows[0].budget_raw == "10,000.00" and raw.rows[0].disbursed_raw == "2,500.00"
    assert raw.rows[1].status.status == "in_progress"
    assert all(r.columns_doubt for r in raw.rows)
    assert all(r.status.confidence <= UNSURE_COLUMNS_CONFIDENCE for r in raw.rows)
    assert all(c <= UNSURE_COLUMNS_CONFIDENCE for r in raw.rows for _, c in r.field_confidence)


def test_values_alone_name_the_columns():
    columns = infer_columns(body(1, 6))
    assert columns is not None and columns.doubt
    assert columns.roles["seq"] == 0 and columns.roles["name"] == 1 and columns.roles["dimension"] == 2
    assert (columns.roles["budget"], columns.roles["disbursed"]) == (3, 4)
    assert [col for col, _ in columns.statuses] == list(STATUS_COLS)


def test_a_table_nothing_can_be_told_of_is_a_problem_not_silence(resources):
    # Numbered rows, but no column of amounts: nothing says which column is what.
    words = tuple((Cell(r, 0, str(r + 1)),) + tuple(Cell(r, c, "ข้อความ") for c in range(1, 4)) for r in range(3))
    raw = parse_report(Document("report", 1, ((4, Table(words, page=4, ruled=True)),)), resources.vocab)
    assert not raw.rows and raw.header_problems and raw.header_problems[0][0] == 4


def test_a_lost_seq_label_is_the_first_column_when_the_others_were_read(resources):
    specked = [tuple(Cell(c.row, c.col, "mau" if (c.row, c.col) == (0, 0) else c.text, col_span=c.col_span)
                     for c in row) for row in NARROW]
    columns = read_columns(specked, resources.vocab, ruled=True)
    assert columns is not None and columns.roles["seq"] == 0
    # Without other labels read, the first column is not taken for ลำดับ.
    bare = header([(0, 1, "mau"), (1, 1, "รายการโครงการ"), (2, 1, "~~"), (9, 1, "หมายเหตุ")])
    assert read_columns(bare, resources.vocab, ruled=True) is None


def test_amounts_whose_decimal_point_ocr_read_as_a_comma_are_still_amounts(resources):
    # TH Norasi at 11 pt, scanned at 200 dpi (tuning seed 45010): half the zero amounts of a
    # page read '๐,๐๐'; the column is money all the same, not a contradicted label.
    rows = [body_row(3 + i, i + 1, STATUS_COLS[i % 4], budget=amount, disbursed=amount)
            for i, amount in enumerate(("๐.๐๐", "๐,๐๐", "๐,๐๐", "๐.๐๐", "๐,๐๐", "๔๑๐,๕๐๐.๐๐"))]
    assert not check_columns(read_columns(NARROW, resources.vocab, ruled=True), rows).doubt
    # A column of thousands without cents ('12,345') is no column of amounts for that.
    counts = [body_row(3 + i, i + 1, STATUS_COLS[i % 4], budget="12,345", disbursed="1,234") for i in range(5)]
    assert "budget" in check_columns(read_columns(NARROW, resources.vocab, ruled=True), counts).doubt
