"""Normalize stage for non-report documents: raw header fields → DocumentRecord (+ flags)."""

from __future__ import annotations

from collections.abc import Sequence

import json
import re

from saraban.reconcile.flags import FlagCode, date_flag, severity_of
from saraban.reconcile.records import DocumentRecord, FlagRecord
from saraban.normalize.dropped_marks import restore_dropped_marks
from saraban.normalize.keys import person_key
from saraban.normalize.numerals import to_arabic_digits
from saraban.normalize.dates import NO_DATE, DateReading, iso, parse_thai_date, repair_month_names
from saraban.parsers.letter import LetterFields, tidy_doc_number
from saraban.parsers.model import Document, Page
from saraban.parsers.stamp import ReceivingStamp


# Kinds whose own ที่ and วันที่ a reader files them by (announcements and resolutions have none).
OWN_NUMBER_AND_DATE = ("memo", "letter")


def read_date(raw: str) -> DateReading:
    """The printed date; OCR splits words with stray spaces ('๒๒ เมษา ยน ๒๕๖๕') and garbles a
    letter of the month ('๒๔ จธันวาคม ๒๕๖๓'), so a date whose month was not found is tried again
    with spaces between Thai letters closed, then with a month name one edit off repaired. A
    retry is taken when it reads a date, or at least a month (then its problem is the day's or
    the year's, not 'no date found')."""
    date = parse_thai_date(raw)
    if date.value is not None:
        return date
    closed = re.sub(r"(?<=[ก-ฮะ-ฺเ-์]) (?=[ก-ฮะ-ฺเ-์])", "", raw)
    for retry in (closed, repair_month_names(closed)):
        again = parse_thai_date(retry)
        if again.value is not None or (date.problem == NO_DATE and again.problem != NO_DATE):
            return again
    return date


def page_frames(pages: Sequence[Page], document: Document) -> str:
    """documents.pages: the frame of each of the document's pages, in which its boxes are."""
    return json.dumps([
        {"page": p.number, "source": str(p.source), "width": p.width, "height": p.height, "dpi": p.dpi,
         "rotation": p.rotation, "skew_degrees": p.skew_degrees}
        for p in pages if document.first_page <= p.number <= document.last_page
    ])


def document_id(sha256: str, document: Document) -> str:
    return f"{sha256[:12]}-{document.index:02d}"


def encoding_flag(document: DocumentRecord, encoding: str) -> FlagRecord:
    """TEXT_ENCODING_GUESSED on a document read from OCR text whose encoding was guessed: if the
    guess were wrong its Thai would be another script's letters, so it is said where it shows."""
    code = FlagCode.TEXT_ENCODING_GUESSED
    return FlagRecord(
        document.source_file, document.document_id, None, None, code, severity_of(code),
        f"The file's text is not UTF-8; it was decoded as {encoding}, the encoding charset-normalizer "
        "found its bytes in. Check that its Thai reads right; saving the file as UTF-8 removes the guess.",
        "UTF-8", encoding, field="*",
    )


def build_document(
    source_file: str, sha256: str, document: Document, fields: LetterFields | None,
    titles: Sequence[str] = (), low_confidence: float = 0.0, office_codes: frozenset[str] = frozenset(),
) -> tuple[DocumentRecord, list[FlagRecord]]:
    """The document's record and flags. A number or date whose digits were read with OCR
    confidence under ``low_confidence`` is LOW_CONFIDENCE: the fields a document is filed and
    cited by must not be wrong without a word. So is a number OCR read whose letter code is
    none of ``office_codes`` (agencies' and provinces'; empty: not checked)."""
    doc_id = document_id(sha256, document)
    if fields is None:
        return (
            DocumentRecord(
                doc_id, source_file, document.first_page, document.last_page, document.kind,
                "", "", "", "", "", "", "", "[]", "[]",
            ),
            [],
        )
    flags: list[FlagRecord] = []
    where = (source_file, doc_id, document.first_page)
    date, date_flags = _read_date(where, f"{document.kind}'s", fields.date_raw, fields.date_confidence,
                                  low_confidence, "date")
    flags += date_flags
    if document.kind in OWN_NUMBER_AND_DATE:
        for label, column, raw in (("number (ที่)", "doc_number", fields.doc_number_raw),
                                   ("date (วันที่)", "date", fields.date_raw)):
            if not raw:
                flags.append(FlagRecord(
                    *where, None, FlagCode.HEADER_FIELD_UNREAD,
                    severity_of(FlagCode.HEADER_FIELD_UNREAD),
                    f"No {label} could be read on the {document.kind} on page {document.first_page} "
                    "(left blank, garbled or covered): check the page.", f"the {document.kind}'s {label}", "",
                    field=column,
                ))
    code = _unknown_office_code(fields.doc_number_raw, fields.doc_number_confidence, office_codes)
    if code:
        flags.append(FlagRecord(
            *where, None, FlagCode.LOW_CONFIDENCE, severity_of(FlagCode.LOW_CONFIDENCE),
            f"The {document.kind}'s number '{fields.doc_number_raw}' begins with '{code}', which is no "
            "agency's or province's code (data/vocab/agency_codes.tsv): OCR may have misread a letter; "
            "check it against the page.", "", fields.doc_number_raw, field="doc_number",
        ))
    elif _doubtful(fields.doc_number_confidence, low_confidence):
        flags.append(_low_confidence(where, f"{document.kind}'s number", fields.doc_number_raw,
                                     fields.doc_number_confidence, "doc_number"))
    stamp = fields.received
    received_number, received_date, stamp_flags = _stamp_fields(where, stamp, low_confidence)
    flags += stamp_flags
    references = []
    for ref in fields.references:
        ref_date = parse_thai_date(ref.date_raw) if ref.date_raw else None
        references.append(
            {
                "doc_number": tidy_doc_number(ref.doc_number_raw),
                "doc_number_raw": ref.doc_number_raw,
                "date": iso(ref_date.value) if ref_date else "",
                "date_raw": ref.date_raw,
            }
        )
    signatories = [
        {"name": s.name, "position": s.position, "person_key": person_key(sha256[:12], s.name, titles)}
        for s in fields.signatories
    ]
    record = DocumentRecord(
        document_id=doc_id,
        source_file=source_file,
        first_page=document.first_page,
        last_page=document.last_page,
        kind=document.kind,
        doc_number_raw=fields.doc_number_raw,
        doc_number=tidy_doc_number(fields.doc_number_raw) if fields.doc_number_raw else "",
        date_raw=fields.date_raw,
        date=iso(date.value) if date else "",
        subject=restore_dropped_marks(fields.subject),
        addressee=fields.addressee,
        issuer=fields.issuer,
        signatories=json.dumps(signatories, ensure_ascii=False),
        cited_documents=json.dumps(references, ensure_ascii=False),
        received_number_raw=stamp.number_raw if stamp else "",
        received_number=received_number,
        received_date_raw=stamp.date_raw if stamp else "",
        received_date=received_date,
    )
    return record, flags


def _unknown_office_code(raw: str, confidence: float | None, office_codes: frozenset[str]) -> str:
    """The letter code of a number read by OCR when it is none of ``office_codes``, else "".
    OCR misreads a letter of the code (ยก for ขก) as readily as a digit and as surely, while a
    text layer's code is the document's own and is not second-guessed."""
    if confidence is None or not office_codes or not raw:
        return ""
    code = re.match(r"[ก-ฮ]+", tidy_doc_number(raw))
    return code.group() if code is not None and code.group() not in office_codes else ""


def _stamp_fields(
    where: tuple[str, str, int], stamp: ReceivingStamp | None, low_confidence: float,
) -> tuple[str, str, list[FlagRecord]]:
    """The receiving stamp's number and ISO date ("" when unread), and their flags."""
    if stamp is None:
        return "", "", []
    flags: list[FlagRecord] = []
    number = _register_number(stamp.number_raw)
    if stamp.number_raw and not number:
        flags.append(FlagRecord(
            *where, None, FlagCode.LOW_CONFIDENCE, severity_of(FlagCode.LOW_CONFIDENCE),
            f"The receiving stamp's number '{stamp.number_raw}' does not read as digits: check it against the page.",
            "", stamp.number_raw, field="received_number",
        ))
    elif _doubtful(stamp.number_confidence, low_confidence):
        flags.append(_low_confidence(where, "receiving stamp's number", stamp.number_raw, stamp.number_confidence,
                                     "received_number"))
    date, date_flags = _read_date(where, "receiving stamp's", stamp.date_raw, stamp.date_confidence,
                                  low_confidence, "received_date")
    return number, iso(date.value) if date else "", flags + date_flags


def _register_number(raw: str) -> str:
    """A receiving register number in Arabic digits when it is digits alone ('๑๘๗๖' → '1876')."""
    digits = to_arabic_digits(raw).replace(" ", "")
    return digits if digits.isdigit() and digits.isascii() else ""


def _read_date(
    where: tuple[str, str, int], whose: str, raw: str, confidence: float | None, low_confidence: float,
    column: str,
) -> tuple[DateReading | None, list[FlagRecord]]:
    """A printed date read, and its flags (about documents' ``column``): impossible, unreadable,
    or read unsure."""
    if not raw:
        return None, []
    date = read_date(raw)
    doubtful = _doubtful(confidence, low_confidence)
    if date.value is None:
        # Digits the OCR was unsure of that make no date are a misreading (a handwritten day
        # ๒๐ read 70), not a date the paper got wrong.
        code = FlagCode.DATE_UNREADABLE if doubtful else date_flag(date)
        unsure = f" (its digits read with OCR confidence {confidence:.2f})" if doubtful else ""
        return date, [FlagRecord(
            *where, None, code, severity_of(code),
            f"The {whose} date '{raw}' cannot be used: {date.problem}{unsure}.", "a real calendar date", raw,
            field=column,
        )]
    if doubtful:
        return date, [_low_confidence(where, f"{whose} date", raw, confidence, column)]
    return date, []


def _doubtful(confidence: float | None, low_confidence: float) -> bool:
    return confidence is not None and confidence < low_confidence


def _low_confidence(where: tuple[str, str, int], what: str, raw: str, confidence: float, column: str) -> FlagRecord:
    return FlagRecord(
        *where, None, FlagCode.LOW_CONFIDENCE, severity_of(FlagCode.LOW_CONFIDENCE),
        f"The {what} '{raw}' was read with low OCR confidence ({confidence:.2f}): check it against the page.",
        "", raw, field=column,
    )
