"""The receiving stamp above a memo's header: its own number and date, never the memo's."""

from __future__ import annotations

from ingest.build_documents import build_document
from parsers.letter import parse_letter
from parsers.model import Document, Line, Word


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
    assert [(f.code, f.expected) for f in flags] == [("HEADER_FIELD_UNREAD", "the memo's date (วันที่)")]


def test_a_stamp_value_read_unsure_or_impossible_is_flagged():
    _, flags = read(stamped_memo(stamp_day="๓๙", number_confidence=0.4))
    found = {(f.code, f.found) for f in flags}
    assert ("LOW_CONFIDENCE", "๑๘๗๖") in found
    assert ("DATE_INVALID", "๓๙ พ.ค. ๖๕") in found
    assert all("stamp" in f.message for f in flags if f.code != "HEADER_FIELD_UNREAD")


def test_handwritten_digits_read_in_two_scripts_are_a_misreading():
    # ๙ พ.ค. ๖๕ read '๐9 พ.ค. 9๕' at 0.9 gave 2052-05-09 unflagged (tuning seed 35008).
    _, flags = read(stamped_memo(stamp_day="๐9"))
    assert ("LOW_CONFIDENCE", "๐9 พ.ค. ๖๕") in {(f.code, f.found) for f in flags}
