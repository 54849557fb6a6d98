"""A letter's own number (ที่ ...) as OCR gives it: agency code, digits, slash."""

from __future__ import annotations

import pytest

from saraban.parsers.letter import DOC_NUMBER, MARKED_DOC_NUMBER, LetterFields, parse_letter, tidy_doc_number
from saraban.parsers.model import Document, Line, Word


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("ปช ๐๐๑๓/ ๐๐ ๖๘", "ปช 0013/0068"),
        ("ยล ๐๐๒๓.๔/ว๑๒๕๑", "ยล 0023.4/ว 1251"),
        ("ชูบ ๕๒๑๐๖/๓๖๔", "ชบ 52106/364"),  # a stray vowel on the agency code
        ("ข่ก๕๒๗๐๒/๓๘๒", "ขก 52702/382"),
        ("อบ« ๕๒๙๐๑/๗๐๒", "อบ 52901/702"),  # a speck read as punctuation
    ],
)
def test_tidy_doc_number(raw: str, tidy: str) -> None:
    assert tidy_doc_number(raw) == tidy


def test_an_agency_code_with_stray_marks_is_a_number_only_with_its_slash() -> None:
    line = "ที่ ชูบ ๕๒๑๐๖/๓๖๔ วันที ๑๐ พฤษภาคม ๒๕๖๗"
    assert DOC_NUMBER.match(line) is None
    match = MARKED_DOC_NUMBER.match(line)
    assert match is not None and match.group("number") == "ชูบ ๕๒๑๐๖/๓๖๔"
    assert DOC_NUMBER.match("ที่ อบ« ๕๒๙๐๑/๗๐๒ วันที่ ๓ ธันวาคม ๒๕๖๕").group("number") == "อบ« ๕๒๙๐๑/๗๐๒"
    # A word after ที่ followed by a count is not a document number.
    assert MARKED_DOC_NUMBER.match("ที่ตั้ง ๑๒ หมู่ ๓") is None


def memo_fields(*header: str) -> LetterFields:
    """The fields of a memo whose lines, between its title and เรียน, are ``header``."""
    lines = [Line(text, 1) for text in ("บันทึกข้อความ", *header, "เรียน นายกเทศมนตรี")]
    return parse_letter(Document("memo", 1, tuple((1, line) for line in lines)), ["นาย"])


def test_a_memo_number_under_a_label_that_lost_its_marks() -> None:
    # Bold ที่ and วันที่ in a scanned memo header read 'ท' and 'วนท' (tuning seed 35000).
    fields = memo_fields("ส่วนราชการ สำนักปลัดเทศบาลเมืองปัตตานี", "ท ปน ๗๘๒๐๓ / ๓๖๘ วนท ๒๑ ตุลาคม ๒๕๖๓",
                         "เรือง รายงานผล")
    assert fields.doc_number_raw == "ปน ๗๘๒๐๓ / ๓๖๘"
    assert fields.date_raw == "๒๑ ตุลาคม ๒๕๖๓"


def test_a_number_that_runs_on_into_letters_is_doubtful() -> None:
    # '๘๕๗' read '๕๕ๆ' at 0.93: the pattern stops before ๆ and would give ยล ๕๒๐๐๑/๕๕ as sure.
    words = [Word(t, None, 0.93) for t in ("ที่", "ยล", "๕๒๐๐๑/", "๕๕ๆ", "วันที่", "๓๐", "ธันวาคม", "๒๕๖๓")]
    lines = [Line(text, 1) for text in ("บันทึกข้อความ", "ส่วนราชการ เทศบาลนครยะลา")]
    lines.append(Line(" ".join(w.text for w in words), 1, words=tuple(words)))
    fields = parse_letter(Document("memo", 1, tuple((1, line) for line in lines)), ["นาย"])
    assert fields.doc_number_raw == "ยล ๕๒๐๐๑/ ๕๕"
    assert fields.doc_number_confidence is not None and fields.doc_number_confidence <= 0.5
    assert fields.date_confidence == 0.93


def test_an_office_code_longer_than_any_office_has_is_doubtful() -> None:
    # ตง๕๒๐๐๔ read 'ตง๕๕๒๐๐๕' at 0.9 (tuning seed 31014): no office code has six digits.
    def confidence(number: str) -> float | None:
        words = [Word(t, None, 0.9) for t in ("ที่", number, "วันที่", "๓", "เมษายน", "๒๕๖๓")]
        lines = [Line("บันทึกข้อความ", 1), Line(" ".join(w.text for w in words), 1, words=tuple(words))]
        return parse_letter(Document("memo", 1, tuple((1, line) for line in lines)), ["นาย"]).doc_number_confidence

    assert confidence("ตง๕๕๒๐๐๕/๑๙๘") == 0.5
    assert confidence("ตง๕๒๐๐๔/๑๙๘") == 0.9
    assert confidence("ชบ๐๘๓๒.๑/๕๐") == 0.9


def test_a_word_of_the_number_beside_the_date_does_not_make_the_date_doubtful() -> None:
    # ที่ and วันที่ on one line (tuning seed 41019): the number's '๕๒๓๐๘/๑๓๐' begins with the
    # ๕ the date ends with, but the date does not end inside it; the date is as sure as its words.
    words = [Word(t, None, 0.9) for t in ("ที่", "นศ", "๕๒๓๐๘/๑๓๐", "วันที่", "๓๒", "เมษายน", "๒๕๖๕")]
    lines = [Line("บันทึกข้อความ", 1), Line(" ".join(w.text for w in words), 1, words=tuple(words))]
    fields = parse_letter(Document("memo", 1, tuple((1, line) for line in lines)), ["นาย"])
    assert fields.date_raw == "๓๒ เมษายน ๒๕๖๕"
    assert fields.date_confidence == 0.9
    assert fields.doc_number_confidence == 0.9


def test_a_one_digit_serial_is_the_number_and_the_date_beside_it_is_kept() -> None:
    # 'ชม ๕๒๖๐๒/ ๖' (office memo seed 43006): a serial of one digit ended the number at the slash
    # and the date on its line was lost with it.
    fields = memo_fields("ส่วนราชการ สำนักปลัดเทศบาลเมืองแม่เหียะ", "ที่ ชม ๕๒๖๐๒/ ๖ วันที่ ๓ พฤษภาคม ๒๕๖๗",
                         "เรื่อง รายงานผล")
    assert fields.doc_number_raw == "ชม ๕๒๖๐๒/ ๖"
    assert fields.date_raw == "๓ พฤษภาคม ๒๕๖๗"
    assert DOC_NUMBER.match("ที่ มท ๐๘๑๐.๓/ว ๗ ลงวันที่").group("number") == "มท ๐๘๑๐.๓/ว ๗"
