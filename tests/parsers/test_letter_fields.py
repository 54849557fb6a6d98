"""A memo's เรื่อง and เรียน as their lines stand: the subject may wrap, the addressee ends at its line."""

from __future__ import annotations

from saraban.parsers.letter import parse_letter
from saraban.parsers.model import Document, Line


def memo(*texts: str) -> Document:
    lines = [Line(text, 1) for text in ("บันทึกข้อความ", "ส่วนราชการ โรงพยาบาลหนองใหญ่", "ที่ ชบ ๐๘๓๒.๑/๕๐ วันที่ ๑๓ พฤศจิกายน ๒๕๖๒", *texts)]
    return Document("memo", 1, tuple((1, line) for line in lines))


def test_the_addressee_ends_at_its_line():
    # The real scan o11: เรียน ran on into the first paragraph, which has no opening word the
    # parser knows; the o20 memo's next line is a heading.
    fields = parse_letter(memo(
        "เรื่อง รายงานผลการดำเนินงาน",
        "เรียน ผู้อำนวยการวิทยาลัยเทคนิคกันทรลักษ์",
        "งานพัสดุ ฝ่ายบริหารทรัพยากร ขอรายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
    ), ["นาย", "นาง"])
    assert fields.addressee == "ผู้อำนวยการวิทยาลัยเทคนิคกันทรลักษ์"
    headed = parse_letter(memo("เรื่อง ขอรายงาน", "เรียน สาธารณสุขอำเภอหนองใหญ่", "ความเป็นมา"), ["นาย"])
    assert headed.addressee == "สาธารณสุขอำเภอหนองใหญ่"


def test_a_subject_wrapped_over_two_lines_is_one_subject():
    fields = parse_letter(memo(
        "เรื่อง ขออนุมัติประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        "เรียน ผู้อำนวยการ",
    ), ["นาย"])
    assert fields.subject == "ขออนุมัติประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"


def test_the_receiving_stamp_above_the_title_gives_the_memo_no_date():
    # The stamp is part of the memo's document; its วันที่ is the day it was received.
    lines = [Line(t, 1) for t in (
        "ทม.ปัตตานี", "เลขรับ ๕๙", "วันที่ ๒๙ ตุลาคม ๒๕๖๓", "บันทึกข้อความ",
        "ที่ ปน ๕๒๐๐๑/๘๕๗", "เรื่อง รายงานผล", "เรียน นายกเทศมนตรี",
    )]
    fields = parse_letter(Document("memo", 1, tuple((1, line) for line in lines)), ["นาย"])
    assert fields.doc_number_raw == "ปน ๕๒๐๐๑/๘๕๗"
    assert fields.date_raw == ""


def test_an_addressee_joined_onto_the_subject_line_is_the_addressee():
    # OCR read เรียน's line into the subject's (tuning seed 39007): '… ๒๕๖๔ .เรียน นายก…'.
    fields = parse_letter(memo("เรื่อง รายงานผลการดำเนินการ ประจำปี ๒๕๖๔ .เรียน นายกองค์การบริหารส่วนตำบลบ้านแหวน"), ["นาย"])
    assert fields.subject == "รายงานผลการดำเนินการ ประจำปี ๒๕๖๔"
    assert fields.addressee == "นายกองค์การบริหารส่วนตำบลบ้านแหวน"


def test_specks_after_the_last_word_are_not_the_addressee():
    fields = parse_letter(memo("เรื่อง รายงานผล (รอบ ๖ เดือน)", "เรียน นายกเทศมนตรีนครหาดใหญ่”'"), ["นาย"])
    assert fields.addressee == "นายกเทศมนตรีนครหาดใหญ่"
    assert fields.subject == "รายงานผล (รอบ ๖ เดือน)"


def test_a_speck_before_the_addressee_label_does_not_join_it_to_the_subject():
    fields = parse_letter(memo("เรื่อง รายงานผลการดำเนินการ ประจำปี 2564", ".เรียน นายกองค์การบริหารส่วนตำบลบ้านแหวน"), ["นาย"])
    assert fields.subject == "รายงานผลการดำเนินการ ประจำปี 2564"
    assert fields.addressee == "นายกองค์การบริหารส่วนตำบลบ้านแหวน"


def test_an_addressee_label_that_lost_its_vowel_is_the_label():
    # 'เรยน นายกเทศมนตรีเมืองปัตตานี' (tuning seed 41014): no addressee was read.
    fields = parse_letter(memo("เรอง ขอส่งรายงานผล (รอบ 6 เดือน)", "เรยน นายกเทศมนตรีเมืองปัตตานี"), ["นาย"])
    assert fields.addressee == "นายกเทศมนตรีเมืองปัตตานี"
    assert fields.subject == "ขอส่งรายงานผล (รอบ 6 เดือน)"



def test_a_subject_broken_inside_thai_words_in_a_text_layer_is_joined_without_a_space():
    # LibreOffice wraps a subject wherever a Thai word ends ('… จังหวัด' / 'เชียงใหม่') and
    # writes no space there; where it broke at a space, the space ends the line.
    def lines(ends: bool | None) -> Document:
        return Document("memo", 1, tuple((1, line) for line in (
            Line("เรื่อง ขอส่งรายงานผลของเทศบาลเมืองแม่เหียะ จังหวัด", 1, ends_in_space=ends),
            Line("เชียงใหม่", 1, ends_in_space=False),
            Line("เรียน นายกเทศมนตรี", 1),
        )))

    assert parse_letter(lines(False), ["นาย"]).subject == "ขอส่งรายงานผลของเทศบาลเมืองแม่เหียะ จังหวัดเชียงใหม่"
    assert parse_letter(lines(True), ["นาย"]).subject == "ขอส่งรายงานผลของเทศบาลเมืองแม่เหียะ จังหวัด เชียงใหม่"
    # OCR cannot see a line's end: a space, as typists break a subject at its spaces.
    assert parse_letter(lines(None), ["นาย"]).subject == "ขอส่งรายงานผลของเทศบาลเมืองแม่เหียะ จังหวัด เชียงใหม่"
