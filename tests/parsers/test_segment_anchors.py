"""Anchor lines that open a document, as the OCR garbles them."""

from __future__ import annotations

import pytest

from saraban.parsers.model import Line, Page, PageSource
from saraban.parsers.segment import _line_kind, segment


@pytest.mark.parametrize("line", [
    "บันทึกข้อความ",
    "wr บนทกข้อความ เวลา@",
    "Ww บนทกขอความ เวลา๐.๒๓ve",  # the receiving stamp's time printed on the title's line
])
def test_memo_titles_are_memo_anchors(line):
    assert _line_kind(line) == "memo"


@pytest.mark.parametrize("line", ["บันทึกข้อตกลง", "ข้อความ", "รายละเอียดตามเอกสารแนบท้ายบันทึกนี้"])
def test_words_near_the_title_are_not(line):
    assert _line_kind(line) != "memo"


@pytest.mark.parametrize("line", [
    "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ของเทศบาลเมืองสะเตงนอก",
    # The type word lost its marks (seed 2012 of the scan benchmark: a report read as memo).
    "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ขององคการบรหารสวนตาบลบุด พ.ศ. ๒๕๖๖ รอบ ๑๒",
])
def test_report_titles_are_report_anchors(line):
    assert _line_kind(line) == "report"


def test_a_memo_sentence_naming_no_organization_is_not_a_report_title():
    assert _line_kind("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ประจำปี ๒๕๖๖") is None


def test_a_receiving_stamp_above_the_memo_title_is_part_of_the_memo():
    # The stamp and emblem read before บันทึกข้อความ on its page made a stray 'other' document
    # in every scanned memo of tuning seed 35000; a page before the memo's is a document apart.
    stamp = [Line(t, 2) for t in ("ทม.ปัตตานี", "เลขรับ ๕๙", "วันที่ ๒๙ ต.ค. ๖๓", "เวลา ๐๙.๐๕ น.")]
    memo = [Line(t, 2) for t in ("บันทึกข้อความ", "ส่วนราชการ สำนักปลัดเทศบาลเมืองปัตตานี",
                                 "ที่ ปน ๕๒๐๐๑/๘๕๗ วันที่ ๒๑ ตุลาคม ๒๕๖๓", "เรื่อง รายงานผล")]
    (document,) = segment([Page(2, tuple(stamp + memo), PageSource.OCR)], ["นาย"])
    assert document.kind == "memo" and document.lines[0].text == "ทม.ปัตตานี"
    cover = Page(1, (Line("ปกหน้า แฟ้มรายงาน", 1),), PageSource.OCR)
    kinds = [d.kind for d in segment([cover, Page(2, tuple(stamp + memo), PageSource.OCR)], ["นาย"])]
    assert kinds == ["other", "memo"]
