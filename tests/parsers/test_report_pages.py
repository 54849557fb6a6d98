"""A report printed over several pages: a title wrapped over lines, a row split by a page break."""

from __future__ import annotations

from saraban.parsers.model import BBox, Cell, Document, Line, Page, PageSource, Table
from saraban.parsers.report import parse_report
from saraban.parsers.segment import join_wrapped_titles, segment
from tests.parsers.test_columns import NARROW, STATUS_COLS, body_row, header

HEADER = header([(0, 1, "ลำดับ"), (1, 1, "รายการโครงการ"), (2, 1, "มิติ"), (3, 1, "งบประมาณ (บาท)"),
                 (4, 1, "เบิกจ่าย (บาท)"), (5, 4, "สถานะ"), (9, 1, "หมายเหตุ")],
                [(5, 1, "รอรายงาน"), (6, 1, "อยู่ระหว่างดำเนินการ"), (7, 1, "ดำเนินการแล้วเสร็จ"),
                 (8, 1, "ไม่สามารถดำเนินการได้")])


def line(text: str, top: float, page: int = 2) -> Line:
    return Line(text, page, BBox(100, top, 700, top + 14))


def test_a_title_wrapped_over_three_lines_is_one_title():
    blocks = (line("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต", 50),
              line("ของเทศบาลตำบลบ้านนา พ.ศ. ๒๕๖๔", 66), line("รอบ ๑๒ เดือน", 82), line("ลำดับ", 130))
    joined = join_wrapped_titles(blocks)
    assert [b.text for b in joined] == [
        "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ของเทศบาลตำบลบ้านนา พ.ศ. ๒๕๖๔ รอบ ๑๒ เดือน",
        "ลำดับ",
    ]
    page = Page(2, joined + (Table(tuple(HEADER) + (body_row(2, 1, 5),), page=2, ruled=True),), PageSource.PDF_TEXT)
    (report,) = [d for d in segment([page], ()) if d.kind == "report"]
    raw = parse_report(report, _vocab())
    assert (raw.titles[0].year_raw, raw.titles[0].round_raw) == ("๒๕๖๔", "๑๒")
    # A memo's sentence that happens to start the same way is left alone when nothing follows it closely.
    far = join_wrapped_titles((line("รายงานผลการดำเนินงานตามแผน", 50), line("ของเทศบาลตำบลบ้านนา", 120)))
    assert len(far) == 2


def test_a_line_of_specks_between_a_titles_lines_does_not_cut_it():
    # Seed 31000 browser scans (TH K2D July8, TH Krub): the marks above the title's second line,
    # read as a line of their own ('<i 6 a', 'a ve'), stood between its two lines; the first
    # line alone names no organization, so the whole report was taken for part of the memo.
    for specks in ("<i 6 a", "a ve"):
        blocks = (line("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต", 50), line(specks, 60),
                  line("ของเทศบาลเมืองคอหงส์ พ.ศ. 2563 รอบ 12 เดือน", 66), line("ลำดับ", 130))
        assert [b.text for b in join_wrapped_titles(blocks)] == [
            "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ของเทศบาลเมืองคอหงส์ พ.ศ. 2563 รอบ 12 เดือน",
            specks, "ลำดับ",
        ]
    # A line with words in it still ends the title.
    worded = (line("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต", 50), line("หน้า 2", 60),
              line("ของเทศบาลเมืองคอหงส์", 66))
    assert len(join_wrapped_titles(worded)) == 3


def test_a_report_table_under_a_title_not_read_is_still_a_report():
    # A stamp over the title, or a title the OCR garbled past knowing: the table's header is a
    # report's, so its rows are a report's, not part of the memo before it.
    memo = Page(1, (line("บันทึกข้อความ", 50, 1), line("ที่ นศ ๗๒๕๐๑/๑๖๖ วันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖", 70, 1),
                    line("เรื่อง รายงานผลการดำเนินการ", 90, 1)), PageSource.OCR)
    table = Table(tuple(HEADER) + (body_row(2, 1, 5),), page=2, ruled=True)
    report = Page(2, (line("รายงาน ผล ก#รด ำเนิน", 50), table), PageSource.OCR)
    documents = segment([memo, report], ())
    assert [d.kind for d in documents] == ["memo", "report"]
    assert documents[1].blocks[-1] == (2, table)
    # A memo's own table, of budget lines too, stays the memo's.
    for labels in (("ลำดับ", "ชื่อ", "ตำแหน่ง"), ("ลำดับ", "รายการ", "งบประมาณ", "เบิกจ่าย")):
        other = Table((tuple(Cell(0, c, t) for c, t in enumerate(labels)),), page=1, ruled=True)
        assert [d.kind for d in segment([Page(1, memo.blocks + (other,), PageSource.OCR)], ())] == ["memo"]


def _vocab():
    from saraban.ingest.config import IngestConfig, load_vocabulary

    return load_vocabulary(IngestConfig().data_dir)


def test_a_row_split_by_a_page_break_is_one_row(resources):
    first = body_row(2, 9, STATUS_COLS[2])
    first = tuple(Cell(c.row, c.col, "โครงการสร้างความโปร่งใส" if c.col == 1 else c.text, confidence=c.confidence,
                       mark=c.mark) for c in first)
    rest = tuple(Cell(2, c, "ในการพิจารณาเลื่อนขั้นเงินเดือน" if c == 1 else "") for c in range(10))
    page2 = Table(tuple(HEADER) + (body_row(2, 8, 5), first), page=2, ruled=True)
    page3 = Table(tuple(HEADER) + (rest, body_row(3, 10, 6)), page=3, ruled=True)
    raw = parse_report(Document("report", 1, ((2, page2), (3, page3))), resources.vocab)
    assert [r.seq_raw for r in raw.rows] == ["8", "9", "10"]
    assert raw.rows[1].name_raw == "โครงการสร้างความโปร่งใสในการพิจารณาเลื่อนขั้นเงินเดือน"
    assert raw.rows[1].status.status == "completed" and raw.rows[1].page == 2


def test_a_speck_in_a_number_cell_of_the_rest_of_a_row_does_not_make_it_a_row(resources):
    # Seed 5000 browser scan: the dimension cell of a split row's rest held a blob of dust that
    # no reading turned into text (confidence 0); the rest became a row with no ลำดับ.
    first = body_row(2, 9, STATUS_COLS[2])
    rest = tuple(Cell(2, c, "สามารถตรวจสอบการบริหารงานได้" if c == 1 else "", confidence=0.0 if c == 2 else None)
                 for c in range(10))
    page2 = Table(tuple(HEADER) + (body_row(2, 8, 5), first), page=2, ruled=True)
    page3 = Table(tuple(HEADER) + (rest, body_row(3, 10, 6)), page=3, ruled=True)
    raw = parse_report(Document("report", 1, ((2, page2), (3, page3))), resources.vocab)
    assert [r.seq_raw for r in raw.rows] == ["8", "9", "10"]
    assert raw.rows[1].name_raw.endswith("สามารถตรวจสอบการบริหารงานได้")


def test_an_unreadable_seq_is_not_taken_for_the_rest_of_a_row(resources):
    # Ink in the ลำดับ cell that the OCR could not read (confidence 0): its own row, not a continuation.
    unread = tuple(Cell(2, c, "" if c == 0 else x.text, confidence=0.0 if c == 0 else x.confidence, mark=x.mark)
                   for c, x in enumerate(body_row(2, 11, 5)))
    page2 = Table(tuple(HEADER) + (body_row(2, 10, 5),), page=2, ruled=True)
    page3 = Table(tuple(HEADER) + (unread, body_row(3, 12, 6)), page=3, ruled=True, header_rows=2)
    raw = parse_report(Document("report", 1, ((2, page2), (3, page3))), resources.vocab)
    assert len(raw.rows) == 3


def test_narrow_header_rows_stay_header(resources):
    table = Table(tuple(NARROW) + (body_row(3, 1, 5),), page=2, ruled=True)
    raw = parse_report(Document("report", 1, ((2, table),)), resources.vocab)
    assert [r.seq_raw for r in raw.rows] == ["1"]


def test_a_title_whose_opening_ocr_garbled_is_still_a_title(resources):
    garbled = "รายงานผลการดำเน็นงานตามแผนปฏิบัติการป้องกันการทุจริต ของเทศบาลเมืองวารินชำราบ พ.ศ. 2567 รอบ 12 เดือน"
    page = Page(2, (line(garbled, 50), Table(tuple(HEADER) + (body_row(2, 1, 5),), page=2, ruled=True)),
                PageSource.OCR)
    (report,) = [d for d in segment([page], ()) if d.kind == "report"]
    title = parse_report(report, resources.vocab).titles[0]
    assert (title.org_raw, title.year_raw, title.round_raw) == ("เทศบาลเมืองวารินชำราบ", "2567", "12")
    memo_line = "รายงานผลการประชุมคณะกรรมการ ของเทศบาลเมืองวารินชำราบ"  # another report, not this one
    assert not [d for d in segment([Page(1, (line(memo_line, 50, 1),), PageSource.OCR)], ()) if d.kind == "report"]


def test_a_dimension_told_by_its_values_holds_on_the_next_page(resources):
    # The OCR garbled มิติ on both pages ('มด'); page 2's five values 1–4 tell the column, page
    # 3's two rows are too few to tell it again, and there one reads '3.'.
    garbled = header([(0, 1, "ลำดับ"), (1, 1, "รายการโครงการ"), (2, 1, "มด"), (3, 1, "งบประมาณ (บาท)"),
                      (4, 1, "เบิกจ่าย (บาท)"), (5, 4, "สถานะ"), (9, 1, "หมายเหตุ")],
                     [(5, 1, "รอรายงาน"), (6, 1, "อยู่ระหว่างดำเนินการ"), (7, 1, "ดำเนินการแล้วเสร็จ"),
                      (8, 1, "ไม่สามารถดำเนินการได้")])
    page2 = Table(tuple(garbled) + tuple(body_row(2 + i, i + 1, 5, dimension=str(i % 4 + 1)) for i in range(5)),
                  page=2, ruled=True)
    page3 = Table(tuple(garbled) + (body_row(2, 6, 5, dimension="3."), body_row(3, 7, 6, dimension="1")),
                  page=3, ruled=True)
    raw = parse_report(Document("report", 1, ((2, page2), (3, page3))), resources.vocab)
    assert [r.dimension_raw for r in raw.rows] == ["1", "2", "3", "4", "1", "3.", "1"]
