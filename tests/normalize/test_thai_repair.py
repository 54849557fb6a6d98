"""Known text-layer defects put right: Thai glyph variants at private-use code points, and marks a
PDF writer lost (U+0000 where the page shows one), put back by the dictionary."""

from __future__ import annotations

from saraban.normalize.text import join_wrapped, repair_thai_pua
from saraban.normalize.thai_repair import REPAIRED_CONFIDENCE, TIED_CONFIDENCE, repair_lost_marks


def test_private_use_glyph_variants_are_their_characters():
    # TH Sarabun New as Chromium writes it: low tone marks, a left-shifted sara ii.
    assert repair_thai_pua("ป\uf706องกัน บ\uf70bาน เบิกจ\uf70aาย ป\uf702") == "ป้องกัน บ้าน เบิกจ่าย ปี"
    assert repair_thai_pua("\ue123") == "\ue123"  # an unknown private-use character is left to judge


def test_lost_marks_are_put_back_where_one_mark_makes_words():
    cases = {
        "ภักดิ\x00": "ภักดิ์", "ป\x00องกัน": "ป้องกัน", "พื\x00นที\x00": "พื้นที่", "จัดซื\x00อ": "จัดซื้อ",
        "คําสั\x00ง": "คำสั่ง", "ประจําป\x00": "ประจำปี", "กลไกท้องถิ\x00นเพื\x00อพัฒนา": "กลไกท้องถิ่นเพื่อพัฒนา",
    }
    for broken, right in cases.items():
        repaired = repair_lost_marks(broken)
        assert repaired.text == right, broken
        assert repaired.confidence == REPAIRED_CONFIDENCE


def test_text_without_lost_marks_is_certain_and_a_tie_is_not():
    assert repair_lost_marks("ปี 2565").confidence == 1.0
    assert repair_lost_marks("12\x00").confidence == TIED_CONFIDENCE  # nothing Thai to judge by


def test_a_wrapped_cell_joins_thai_without_a_space():
    assert join_wrapped(["โครงการส่งเสริม", "คุณธรรม", "", "(NoGift)"]) == "โครงการส่งเสริมคุณธรรม (NoGift)"


def test_two_dictionary_spellings_go_to_the_common_one_and_stay_unsure():
    # ตั่ง (a stool) is a word too: the corpus frequency chooses ตั้ง, the confidence says it had to.
    repaired = repair_lost_marks("โครงการตั\x00งศูนย์")
    assert repaired.text == "โครงการตั้งศูนย์" and repaired.confidence == TIED_CONFIDENCE
