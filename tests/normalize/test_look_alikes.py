"""Letters Tesseract took for their look-alikes in a decorative face, put back by the dictionary;
correct text stays as read. The garbled readings are Tesseract's own, of TH Fah Kwang pages."""

from __future__ import annotations

import pytest

from saraban.normalize.look_alikes import repair_look_alikes


@pytest.mark.parametrize(("read", "printed"), [
    ("โคชงการมีส่วนช่วมในการปฏิบัติงานของสมาชิกสภาห้องถิ่น", "โครงการมีส่วนร่วมในการปฏิบัติงานของสมาชิกสภาท้องถิ่น"),
    ("เพื่อให้ปชะชาชนสามาชถตชวจสอบการบริหาชงานได้สะดวกและโปช่งใส",
     "เพื่อให้ประชาชนสามารถตรวจสอบการบริหารงานได้สะดวกและโปร่งใส"),
    ("ปชะจำขีงบปชะมาณ พ.ศ. 2566", "ประจำปีงบประมาณ พ.ศ. 2566"),  # ป read as ข; the date untouched
    ("มาตรการให้ความช่วมมือกับหน่วยงานตชวจสอบ", "มาตรการให้ความร่วมมือกับหน่วยงานตรวจสอบ"),
])
def test_look_alike_letters_are_put_back_where_they_make_words(read, printed):
    assert repair_look_alikes(read) == printed


@pytest.mark.parametrize("text", [
    "มาตรการออกคำสั่งมอบหมายของผู้บริหาร ปลัด และหัวหน้าส่วนราชการ",  # ของ is no ปอง
    "โครงการส่งเสริมและสนับสนุนการจัดทำแผนชุมชน",  # ชุมชน is a word as it stands
    "กิจกรรมเผยแพร่ข้อมูลข่าวสารที่สำคัญและหลากหลาย",
    "Training 2566 (No Gift Policy)",
])
def test_text_already_made_of_words_stays_as_read(text):
    assert repair_look_alikes(text) == text
