"""Normalize stage for non-report documents: raw header fields → DocumentRecord (+ flags)."""

from __future__ import annotations

from collections.abc import Sequence

import json
import re

from ingest.flags import date_flag, severity_of
from ingest.records import DocumentRecord, FlagRecord
from normalize.keys import person_key
from normalize.dates import DateReading, iso, parse_thai_date
from parsers.letter import LetterFields, tidy_doc_number
from parsers.model import Document


def read_date(raw: str) -> DateReading:
    """The printed date; OCR splits words with stray spaces ('๒๒ เมษา ยน ๒๕๖๕'), so a date
    that does not read is tried once more with spaces between Thai letters closed."""
    date = parse_thai_date(raw)
    if date.value is None:
        closed = parse_thai_date(re.sub(r"(?<=[ก-ฮะ-ฺเ-์]) (?=[ก-ฮะ-ฺเ-์])", "", raw))
        if closed.value is not None:
            return closed
    return date


def document_id(sha256: str, document: Document) -> str:
    return f"{sha256[:12]}-{document.index:02d}"


def build_document(
    source_file: str, sha256: str, document: Document, fields: LetterFields | None,
    titles: Sequence[str] = (),
) -> tuple[DocumentRecord, list[FlagRecord]]:
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
    date = read_date(fields.date_raw) if fields.date_raw else None
    if date is not None and date.value is None:
        code = date_flag(date)
        flags.append(
            FlagRecord(
                source_file, doc_id, document.first_page, None, code, severity_of(code),
                f"The {document.kind}'s date '{fields.date_raw}' cannot be used: {date.problem}.",
                "a real calendar date", fields.date_raw,
            )
        )
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
        subject=fields.subject,
        addressee=fields.addressee,
        issuer=fields.issuer,
        signatories=json.dumps(signatories, ensure_ascii=False),
        references=json.dumps(references, ensure_ascii=False),
    )
    return record, flags
