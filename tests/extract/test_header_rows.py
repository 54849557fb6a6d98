"""How many rows of a ruled table are its header."""

from __future__ import annotations

from saraban.ingest.extract.tables import column_planner
from saraban.parsers.model import Cell

TOP = [Cell(0, 0, "ลำดับ", row_span=2), Cell(0, 1, "โครงการ/กิจกรรม/มาตรการ", row_span=2),
       Cell(0, 2, "มิติ", row_span=2), Cell(0, 3, "งบประมาณ (บาท)", row_span=2),
       Cell(0, 4, "เบิกจ่าย", row_span=2), Cell(0, 5, "สถานะ", col_span=4), Cell(0, 9, "หมายเหตุ", row_span=2)]
BODY = [Cell(2, 0, "๓๐"), Cell(2, 1, "กิจกรรมปรับปรุงเว็บไซต์"), Cell(2, 2, "๒"), Cell(2, 3, "๐.๐๐"),
        Cell(2, 4, "๐.๐๐"), *(Cell(2, c, "") for c in range(5, 10))]


def test_the_garbled_sub_labels_under_a_spanning_label_are_header(resources):
    # Seed 25000, TH K2D July8: the status sub-labels, wrapped over lines, read as this; the
    # row was taken for a project row with no ลำดับ.
    garbled = [Cell(1, 5, "eee: (> รายงาน"), Cell(1, 6, "eg . ระหว่าง . ดำเนิน | การ"),
               Cell(1, 7, "|ดำเนิน | การ waa . แสร็จ"), Cell(1, 8, "เณ | สามารถ . ดำเนิน . การได้")]
    plan, header_rows = column_planner(resources.vocab)([TOP, garbled, BODY])
    assert header_rows == 2 and plan.mark_cols == frozenset({5, 6, 7, 8})


def test_a_row_with_a_cell_in_every_column_is_not_taken_for_sub_labels(resources):
    unnumbered = [Cell(1, c, "ประชาชนสามารถตรวจสอบได้" if c == 1 else "") for c in range(10)]
    _, header_rows = column_planner(resources.vocab)([TOP, unnumbered, BODY])
    assert header_rows == 1


def test_the_rest_of_a_split_row_under_the_header_is_body(resources):
    # Seed 21000: a row split by a page break left 'ปีงบประมาณ พ.ศ. 2565' under the next page's
    # header; 90 like the label งบประมาณ, it was counted a header row and the text was lost.
    sub_labels = [Cell(1, 5, "รอรายงาน"), Cell(1, 6, "อยู่ระหว่างดำเนินการ"), Cell(1, 7, "ดำเนินการแล้วเสร็จ"),
                  Cell(1, 8, "ไม่สามารถดำเนินการได้")]
    rest = [Cell(2, c, "ปีงบประมาณ พ.ศ. 2565" if c == 1 else "") for c in range(10)]
    _, header_rows = column_planner(resources.vocab)([TOP, sub_labels, rest, BODY])
    assert header_rows == 2
