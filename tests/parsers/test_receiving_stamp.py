"""The receiving stamp above a memo's header: its own number and date, never the memo's."""

from __future__ import annotations

from saraban.reconcile.build_documents import build_document
from saraban.parsers.letter import parse_letter
from saraban.parsers.model import Document, Line, Word


def line(*words: tuple[str, float]) -> Line:
    return Line(" ".join(w for w, _ in words), 1, words=tuple(Word(w, None, c) for w, c in words))


def stamped_memo(stamp_day: str = "๗", number_confidence: float = 0.9) -> Document:
    # As OCR gave tuning seed 35003's stamp and header: labels of the stamp, handwritten values.
    lines = (
        line(("ทม.สะเตงนอก", 0.9)),
        line(("เลขรับ", 0.95), ("๑๘๗๖", number_confidence)),
        line(("วันที่", 0.9), (stamp_day, 0.9), ("พ.ค.", 0.9), ("๖๕", 0.9)),
        line(("เวลา", 0.9), ("๑๔.๐๗", 0.9), ("น.", 0.9)),
        line(("บันทึกข้อความ", 0.95)),
        line(("ส่วนราชการ", 0.95), ("สำนักปลัดเทศบาลเมืองสะเตงนอก", 0.95)),
        line(("ที่", 0.95), ("ยล", 0.95), ("๕๒๕๐๑/๗๘๐", 0.95)),
        line(("เรื่อง", 0.95), ("รายงานผล", 0.95)),
    )
    return Document("memo", 1, tuple((1, block) for block in lines))


def read(document: Document):
    fields = parse_letter(document, ["นาย"])
    return build_document("scan.pdf", "0" * 64, document, fields, (), 0.8)


def test_the_stamp_gives_its_own_fields_and_not_the_memos_date():
    record, flags = read(stamped_memo())
    assert (record.received_number_raw, record.received_number) == ("๑๘๗๖", "1876")
    assert (record.received_date_raw, record.received_date) == ("๗ พ.ค. ๖๕", "2022-05-07")
    assert record.doc_number == "ยล 52501/780"
    assert record.date == ""  # the memo's own date is not printed here; the stamp's is not it
    assert ("HEADER_FIELD_UNREAD", "the memo's date (วันที่)", "date") in {(f.code, f.expected, f.field) for f in flags}


def test_a_value_read_from_the_stamps_handwriting_is_never_sure():
    # Tesseract read 2390 as a confident '๒๒๓๙๐' (tuning seed 33020): its confidence on
    # handwriting means little, so each value of the stamp is flagged.
    _, flags = read(stamped_memo(number_confidence=0.97))
    assert {(f.code, f.found, f.field) for f in flags if "stamp" in f.message} == {
        ("LOW_CONFIDENCE", "๑๘๗๖", "received_number"), ("LOW_CONFIDENCE", "๗ พ.ค. ๖๕", "received_date")}


def test_a_stamp_date_that_makes_no_date_is_unreadable():
    _, flags = read(stamped_memo(stamp_day="๓๙"))
    # The stamp's date, not the memo's: field says which.
    assert ("DATE_UNREADABLE", "๓๙ พ.ค. ๖๕", "received_date") in {(f.code, f.found, f.field) for f in flags}
