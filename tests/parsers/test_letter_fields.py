"""A memo's เรื่อง and เรียน as their lines stand: the subject may wrap, the addressee ends at its line."""

from __future__ import annotations

from parsers.letter import parse_letter
from parsers.model import Document, Line


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
