"""A memo's number and date read from a scan with low OCR confidence are flagged, never passed
on as if sure; OCR text files carry no confidence and raise nothing."""

from __future__ import annotations

from saraban.reconcile.build_documents import build_document
from saraban.parsers.letter import parse_letter
from saraban.parsers.model import Document, Line, Word

THRESHOLD = 0.8


def memo(number_confidence: float | None, date_confidence: float | None, day: str = "๒๒",
         number: tuple[str, ...] = ("๐๐๐๕/๒๕๒๐๕",)) -> Document:
    def line(*words: tuple[str, float | None]) -> Line:
        return Line(" ".join(w for w, _ in words), 1, words=tuple(Word(w, None, c) for w, c in words))

    lines = (
        line(("บันทึกข้อความ", 0.95)),
        line(("ส่วนราชการ", 0.95), ("วิทยาลัยเทคนิคกันทรลักษ์", 0.95)),
        line(("ที่", 0.9), *((word, number_confidence) for word in number), ("วันที่", 0.9), (day, date_confidence),
             ("ตุลาคม", 0.95), ("๒๕๖๗", date_confidence)),
        line(("เรื่อง", 0.95), ("ขออนุมัติประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง", 0.95)),
    )
    return Document("memo", 1, tuple((1, block) for block in lines))


def flags_of(document: Document, office_codes: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    fields = parse_letter(document, ["นาย", "นาง", "นางสาว"])
    _, flags = build_document("scan.pdf", "0" * 64, document, fields, (), THRESHOLD, office_codes)
    return [(f.code, f.found) for f in flags]


def test_a_number_the_ocr_was_unsure_of_is_low_confidence():
    assert flags_of(memo(0.63, 0.94)) == [("LOW_CONFIDENCE", "๐๐๐๕/๒๕๒๐๕")]
    assert flags_of(memo(0.94, 0.94)) == []


def test_a_date_the_ocr_was_unsure_of_is_low_confidence_or_unreadable_when_it_makes_no_date():
    assert flags_of(memo(0.94, 0.6)) == [("LOW_CONFIDENCE", "๒๒ ตุลาคม ๒๕๖๗")]
    # A handwritten day read 70 with low confidence is a misreading, not a date that does not exist.
    assert flags_of(memo(0.94, 0.53, day="70")) == [("DATE_UNREADABLE", "70 ตุลาคม ๒๕๖๗")]
    assert flags_of(memo(0.94, 0.94, day="70")) == [("DATE_INVALID", "70 ตุลาคม ๒๕๖๗")]


def test_a_number_whose_office_code_is_no_agency_is_flagged_however_sure_the_ocr():
    codes = frozenset({"ขก", "มท"})
    misread = memo(0.94, 0.94, number=("ยก", "๕๒๗๐๒/๑๓๐"))
    assert flags_of(misread, codes) == [("LOW_CONFIDENCE", "ยก ๕๒๗๐๒/๑๓๐")]
    assert flags_of(memo(0.94, 0.94, number=("ขก", "๕๒๗๐๒/๑๓๐")), codes) == []
    # OCR hangs a mark on a code ('ขูก'): the code is read without it.
    assert flags_of(memo(0.94, 0.94, number=("ขูก", "๕๒๗๐๒/๑๓๐")), codes) == []
    # A text layer's code is the document's own, and a number without a code has none to check.
    assert flags_of(memo(None, None, number=("ยก", "๕๒๗๐๒/๑๓๐")), codes) == []
    assert flags_of(memo(0.94, 0.94), codes) == []


def test_ocr_text_without_confidences_raises_nothing():
    assert flags_of(memo(None, None)) == []


def test_a_memo_without_its_number_or_date_says_so():
    document = memo(0.94, 0.94)
    no_date = Document("memo", 1, tuple(
        (page, Line("ที่ ๐๐๐๕/๒๕๒๐๕", 1) if block.text.startswith("ที่") else block) for page, block in document.blocks
    ))
    fields = parse_letter(no_date, ["นาย"])
    _, flags = build_document("scan.pdf", "0" * 64, no_date, fields, (), THRESHOLD)
    assert [(f.code, f.expected) for f in flags] == [("HEADER_FIELD_UNREAD", "the memo's date (วันที่)")]


def test_a_month_one_letter_off_still_gives_the_date():
    document = memo(0.94, 0.94)
    garbled = Document("memo", 1, tuple(
        (page, Line(block.text.replace("ตุลาคม", "จตุลาคม"), 1, words=block.words)) for page, block in document.blocks
    ))
    record, flags = build_document("scan.pdf", "0" * 64, garbled, parse_letter(garbled, ["นาย"]), (), THRESHOLD)
    assert record.date == "2024-10-22" and flags == []


def test_a_number_or_date_ocr_read_in_two_scripts_of_digits_is_low_confidence():
    # '๒๕5๐': OCR gave an Arabic 5 for a Thai glyph it is blind to (tuning seed 45014: the year
    # 2550 for 2566, 2007 in the output, unflagged); no typist mixes them in one number.
    assert flags_of(memo(0.94, 0.94, day="๑๘")) == []
    mixed_year = memo(0.94, 0.94)
    mixed_year = Document("memo", 1, tuple(
        (page, Line(block.text.replace("๒๕๖๗", "๒๕6๗"), 1, words=tuple(
            Word(w.text.replace("๒๕๖๗", "๒๕6๗"), w.bbox, w.confidence) for w in block.words)))
        for page, block in mixed_year.blocks))
    assert flags_of(mixed_year) == [("LOW_CONFIDENCE", "๒๒ ตุลาคม ๒๕6๗")]
    assert flags_of(memo(0.94, 0.94, number=("๐๐๐5/๒๕๒๐๕",))) == [("LOW_CONFIDENCE", "๐๐๐5/๒๕๒๐๕")]
    # A text layer's mixed digits are the document's own (Word with TH SarabunIT๙).
    assert flags_of(memo(None, None, number=("๐๐๐5/๒๕๒๐๕",))) == []
