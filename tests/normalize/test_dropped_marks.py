"""Marks the Thai OCR model dropped are put back only where one dictionary spelling fits."""

from __future__ import annotations

import pytest

from saraban.normalize.dropped_marks import restore_dropped_marks


@pytest.mark.parametrize(("read", "meant"), [
    # ../shared/corpus/real-scans subjects, and the browser scans of tuning seeds 35000 and 39000
    ("ขออนุมัติประกาศเผยแพร่แผนการจัดซือจัดจ้าง", "ขออนุมัติประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง"),
    ("ประกาศผูชนะการเสนอราคา ดวยวิธีประกวดราคา", "ประกาศผู้ชนะการเสนอราคา ด้วยวิธีประกวดราคา"),
    ("รายงานผล ประจำปงบประมาณ พ.ศ. ๒๕๖๓ (รอบ ๖ เดอน)", "รายงานผล ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ (รอบ ๖ เดือน)"),
    ("คำสัง", "คำสั่ง"),
])
def test_a_dropped_mark_is_put_back(read: str, meant: str) -> None:
    assert restore_dropped_marks(read) == meant


@pytest.mark.parametrize("text", [
    "ครัวรอน",  # รอน and ร้อน are both words: which one was printed is not the dictionary's to say
    "รายงานผลการวิเคราะห์การจัดซื้อจัดจ้าง ประจำปีงบประมาณ ๒๕๖๒",  # right as read
    "องค์การบริหารส่วนตำบลบาราโหม",  # a place's name after its type word
    "นาย สมชาย ใจดี",
    "e-PlanNACC ๑๒ เดือน",
])
def test_what_is_right_or_not_the_dictionarys_stays_as_read(text: str) -> None:
    assert restore_dropped_marks(text) == text
