"""OCR text → pages, lines and tables; then documents."""

from __future__ import annotations

from saraban.parsers.model import Line, Table
from saraban.parsers.ocr_text import parse_ocr_text
from saraban.parsers.segment import is_report_title, segment
from tests.conftest import SEED_BUNDLE

TITLES = ("นาย", "นางสาว", "นาง")


def test_tab_rows_become_tables_and_keep_dropped_cells_visible():
    text = "หัวเรื่อง\n\nลำดับ\tชื่อ\tมิติ\n1\tโครงการ ก\t2\n2\tโครงการ ข\n"
    (page,) = parse_ocr_text(text)
    line, table = page.blocks
    assert isinstance(line, Line) and line.text == "หัวเรื่อง"
    assert isinstance(table, Table) and not table.ruled
    assert [len(r) for r in table.rows] == [3, 3, 2]


def test_markdown_and_html_tables():
    (page,) = parse_ocr_text("| a | b |\n|---|---|\n| 1 | ✓ |\n")
    (table,) = page.tables
    assert [[c.text for c in r] for r in table.rows] == [["a", "b"], ["1", "✓"]]
    (page,) = parse_ocr_text("<table><tr><td>1</td><td><b>x</b></td></tr></table>")
    assert [[c.text for c in r] for r in page.tables[0].rows] == [["1", "x"]]


def test_pages_break_at_form_feeds_blank_runs_and_caller_titles():
    title = "รายงานผลการดำเนินงานตามแผน ของเทศบาลตำบลก พ.ศ. 2565"
    pages = parse_ocr_text(f"a\fb\n\n\n\nc\n{title}\n", starts_page=is_report_title)
    assert [[b.text for b in p.lines] for p in pages] == [["a"], ["b"], ["c"], [title]]


def test_a_memo_sentence_that_starts_like_a_title_is_not_one():
    assert not is_report_title("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ประจำ")


def test_seed_bundle_segments_into_its_nine_documents():
    pages = parse_ocr_text(SEED_BUNDLE.read_text(encoding="utf-8"), starts_page=is_report_title)
    kinds = [d.kind for d in segment(pages, TITLES)]
    assert kinds == ["memo", "letter", "letter", "letter", "letter", "letter", "resolution",
                     "announcement", "report"]


def test_a_report_restarting_at_seq_1_is_a_new_document():
    table = "ลำดับ\tรายการโครงการ\n1\tก\n2\tข\n"
    title = "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ของเทศบาลตำบลก พ.ศ. 2565 รอบ {} เดือน\n"
    text = title.format(6) + table + "\n" + title.format(6) + "ลำดับ\tรายการโครงการ\n3\tค\n\n" + title.format(12) + table
    kinds = [d.kind for d in segment(parse_ocr_text(text, starts_page=is_report_title), TITLES)]
    assert kinds == ["report", "report"]
