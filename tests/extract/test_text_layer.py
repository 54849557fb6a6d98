"""The text-layer quality gate and pdfplumber words → lines: pure."""

from __future__ import annotations

import pytest

from saraban.parsers.model import BBox
from saraban.parsers.text_layer import lines_from_pdf_words, text_layer_quality

# The invisible layer of the Canon scans (scan_memo_o20-1.pdf, page 1), verbatim.
CANON_JUNK = """{rufrd
Qo
HH
'tuYl
t16',]
crd9)
uuun?Jon?13J
a'l1.Jt't % n15 't vru l au lyrfl1,Ja nul15anu
v j l oood./bdbd iufi t t aalnxi bdb6'i
Gal toou:r-fi :vnrotzusulriirzuuntta-odot'o6'r r :vsirfl w!:y:Jr6u fl .6. bdbd"""


@pytest.mark.parametrize(
    "text",
    [
        "บันทึกข้อความ\nที่ ยล ๕๒๕๐๑/๑๖๖ วันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖",
        "เรื่อง รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต ผ่านระบบ e-PlanNACC (https)",
        "The Ministry of Interior issued Circular No. 0808.2/W1234 on progress reports.",
        "๑ ๒๕๐,๐๐๐ ๑๒๐,๕๐๐.๕๐ ร้อยละ ๔๘.๒",
    ],
)
def test_real_text_is_usable(text: str) -> None:
    assert text_layer_quality(text) == (True, "ok")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("บันทึก\ufffdข้อความ", "U+FFFD"),
        ("\uf70aบันทึก", "private-use"),
        ("ที่ ยล ั๕๒๕๐๑", "combining mark"),
        ("--- ... *** ///", "letters or digits"),
        (CANON_JUNK, "wrong language"),
    ],
)
def test_unusable_layers_are_rejected_with_a_reason(text: str, why: str) -> None:
    usable, reason = text_layer_quality(text)
    assert not usable
    assert why in reason


def test_latin_junk_made_of_short_tokens_is_rejected() -> None:
    usable, reason = text_layer_quality("uu n l au t vru iufi l j v t nl fu u r ao")
    assert not usable and "one or two letters" in reason


def test_pdf_words_group_into_lines_top_to_bottom_left_to_right() -> None:
    words = [
        {"text": "วันที่", "x0": 300, "x1": 330, "top": 90, "bottom": 106},
        {"text": "ที่", "x0": 72, "x1": 82, "top": 90.5, "bottom": 106.5},
        {"text": "บันทึกข้อความ", "x0": 72, "x1": 165, "top": 62, "bottom": 78},
    ]
    lines = lines_from_pdf_words(words, page=3)
    assert [line.text for line in lines] == ["บันทึกข้อความ", "ที่ วันที่"]
    assert lines[1].bbox == BBox(72, 90, 330, 106.5)
    assert lines[1].confidence is None and lines[1].page == 3
