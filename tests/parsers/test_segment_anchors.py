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
