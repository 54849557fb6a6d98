"""Anchor lines that open a document, as the OCR garbles them."""

from __future__ import annotations

import pytest

from parsers.segment import _line_kind


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
