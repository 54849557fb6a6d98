"""The output contract: the rows other systems read (records, documents, reports, flags, errors).

Field order here is column order in every output. Each field's ``doc`` metadata is its
documentation; ``json_schema()`` turns these classes into the published JSON Schema, and a test
keeps the README's tables in step with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any, get_type_hints

from normalize.numerals import format_amount


def col(doc: str, default: Any = None) -> Any:
    return field(default=default, metadata={"doc": doc})


def _reading_confidence(column: str) -> str:
    return (
        f"How sure the reading of {column} is, 0–1: the OCR's confidence after the re-readers "
        "for a scan, 1.0 for a PDF's own text layer; empty for OCR-text input and empty cells."
    )


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    source_file: str = col(
        "Absolute path of the input file; of a file found under several paths (copies), the "
        "first in name order: see documents.other_paths."
    )
    source_sha256: str = col("SHA-256 of the input file's bytes.")
    document_id: str = col("Report document this row belongs to (see documents).")
    page: int = col("Page of the source file the row is printed on (1-based).")
    organization: str = col("Resolved organization name, e.g. เทศบาลเมืองสะเตงนอก (the gazetteer's, when matched).")
    organization_raw: str = col("Organization as printed in the title above this row.")
    organization_code: str = col("7-digit DLA code (e.g. 4950103) when the name matched the gazetteer clearly; empty otherwise.")
    organization_type: str = col("subdistrict_admin_org | subdistrict_municipality | town_municipality | city_municipality | provincial_admin_org | special_admin_area, or empty.")
    province: str = col("Province of the organization (the gazetteer's, else the one the bundle names).")
    district: str = col("District (อำเภอ) of the organization, from the gazetteer.")
    fiscal_year: int | None = col("Fiscal year, Buddhist Era (e.g. 2565).")
    round_months: int | None = col("Reporting round: 6 or 12 months.")
    seq: int | None = col("Sequence number (ลำดับ) as printed.")
    project_name: str = col("Project name, Unicode-normalized.")
    project_name_raw: str = col("Project name as the OCR read it.")
    project_key: str = col(
        "Stable key of the project within its organization, the same across rounds and years "
        "when the name reads the same after folding OCR confusions, spaces, digits and the year; "
        "within one batch, spellings garbled further are linked to the earliest round's key.",
        default="",
    )
    dimension: int | None = col("มิติ 1–4 as printed; empty when unreadable or out of range.")
    budget_baht: Decimal | None = col("Budget in baht, two decimals (e.g. 499600.00).")
    disbursed_baht: Decimal | None = col("Disbursed amount in baht, two decimals.")
    status: str = col(
        "awaiting_report | in_progress | completed | unable_to_proceed | empty (no single tick)."
    )
    status_confidence: float = col("How sure the status reading is, 0–1.")
    ocr_confidence: float | None = col(
        "Lowest OCR confidence of the row's seq, name, dimension and amount cells, 0–1; empty "
        "for text input (no OCR confidences)."
    )
    remarks: str = col("หมายเหตุ text.")
    flags: str = col("Flag codes raised on this row, joined by ';'.")
    bbox: str = col("Row box on its page as JSON [x0, top, x1, bottom] (pixels at the page's dpi, PDF points, or line numbers for OCR text).")
    seq_confidence: float | None = col(_reading_confidence("seq"))
    project_name_confidence: float | None = col(_reading_confidence("project_name"))
    dimension_confidence: float | None = col(_reading_confidence("dimension"))
    budget_confidence: float | None = col(_reading_confidence("budget_baht"))
    disbursed_confidence: float | None = col(_reading_confidence("disbursed_baht"))
    record_id: str = col(
        "Stable id of the row, unique in the store: its document_id, '-', its position in the "
        "report's table (001, 002, …). Flags about the row carry it.",
        default="",
    )


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    document_id: str = col("Stable id: first 12 hex of the file's SHA-256, '-', position in the file.")
    source_file: str = col("Path of the input file.")
    first_page: int = col("First page of the document in the file.")
    last_page: int = col("Last page of the document in the file.")
    kind: str = col("memo | letter | announcement | resolution | report | other.")
    doc_number_raw: str = col("Document number (ที่) as printed.")
    doc_number: str = col("Document number with Arabic digits and tidied spaces, e.g. ยล 52501/166.")
    date_raw: str = col("Date as printed.")
    date: str = col("ISO date (Gregorian), empty when the printed date is impossible or unreadable.")
    subject: str = col("เรื่อง (subject); a word missing a mark, as Thai OCR drops them (จัดซือ), gets it back where exactly one dictionary spelling fits.")
    addressee: str = col("เรียน (addressee).")
    issuer: str = col("Issuing office or the authority signed for.")
    signatories: str = col("JSON list of {name, position, person_key}; person_key is stable within the file.")
    references: str = col("JSON list of cited documents {doc_number, doc_number_raw, date, date_raw}.")
    received_number_raw: str = col("The receiving stamp's register number (เลขรับ) as read; the stamp is the receiver's, never the document's own ที่.", "")
    received_number: str = col("That number in Arabic digits, when it reads as digits alone; empty otherwise.", "")
    received_date_raw: str = col("The receiving stamp's date (วันที่, often handwritten: ๗ พ.ค. ๖๕) as read.", "")
    received_date: str = col("ISO date (Gregorian) the paper was received; empty when unread or impossible.", "")
    other_paths: str = col(
        "JSON list of the other paths the same bytes were found under (copies, recorded once: "
        "their rows are these, under source_file); [] when none.",
        "[]",
    )


@dataclass(frozen=True, slots=True)
class ReportRecord:
    document_id: str = col("The report's document id.")
    source_file: str = col("Path of the input file.")
    organization: str = col("Resolved organization name.")
    organization_code: str = col("7-digit DLA code when matched; empty otherwise.")
    organization_type: str = col("Type code of the organization, or empty.")
    province: str = col("Province of the organization, when known.")
    district: str = col("District (อำเภอ) of the organization, from the gazetteer.")
    fiscal_year: int | None = col("Fiscal year (BE).")
    round_months: int | None = col("6 or 12.")
    rows: int = col("Project rows read from the table.")
    stated_total: int | None = col("Total projects stated in the summary block.")
    stated_awaiting_report: int | None = col("Stated count: รอรายงาน.")
    stated_in_progress: int | None = col("Stated count: อยู่ระหว่างดำเนินการ.")
    stated_completed: int | None = col("Stated count: ดำเนินการแล้วเสร็จ.")
    stated_unable_to_proceed: int | None = col("Stated count: ไม่สามารถดำเนินการได้.")
    table_awaiting_report: int = col("Rows read as awaiting_report.")
    table_in_progress: int = col("Rows read as in_progress.")
    table_completed: int = col("Rows read as completed.")
    table_unable_to_proceed: int = col("Rows read as unable_to_proceed.")
    budget_sum: Decimal | None = col("Sum of the budget column (baht).")
    disbursed_sum: Decimal | None = col("Sum of the disbursed column (baht).")
    stated_disbursed: Decimal | None = col("Disbursed amount stated in the summary (baht).")
    stated_disbursed_percent: Decimal | None = col("Disbursement percentage stated in the summary.")
    computed_disbursed_percent: Decimal | None = col("disbursed_sum ÷ budget_sum × 100, two decimals.")
    stated_implementation_percent: Decimal | None = col("Stated percentage of the plan put into practice.")
    as_of: str = col("ISO date of the data (ข้อมูล ณ วันที่).")
    as_of_raw: str = col("That date as printed.")
    reporter_name: str = col("ผู้รายงาน as printed.")
    reporter_position: str = col("The reporter's position.")
    reporter_person_key: str = col(
        "person_key of the reporter: the memo signatory's key (documents.signatories) when the "
        "reporter was linked to that signatory by name and position, else one of their own.",
        default="",
    )
    reporter_link_confidence: float | None = col(
        "How sure the link from the reporter to a memo signatory is, 0–1; empty when not linked."
    )


@dataclass(frozen=True, slots=True)
class FlagRecord:
    source_file: str = col("Path of the input file.")
    document_id: str = col("Document the flag is about.")
    page: int | None = col("Page, when the flag is about one place.")
    seq: int | None = col("Row sequence number, when the flag is about a row.")
    code: str = col("Stable flag code (see the catalogue).")
    severity: str = col("error | warning | info.")
    message: str = col("What is wrong, in plain language.")
    expected: str = col("What was expected (e.g. the stated figure).")
    found: str = col("What was found (e.g. the computed figure, or the raw text).")
    record_id: str = col(
        "The records row the flag is about (records.record_id); empty for a flag about a "
        "document or a report as a whole, which document_id names.",
        "",
    )
    field: str = col(
        "The column the flag is about, of the row it names: a records column (budget_baht, "
        "status, seq, …) when record_id is set, else a column of the document's documents row "
        "(date, received_date, doc_number, …) or reports row (stated_total, stated_disbursed, "
        "as_of, organization, …); several joined by ';', or * for the whole row or table.",
        "",
    )


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    source_file: str = col("Path of the input file that could not be processed.")
    error_code: str = col("Stable error code, e.g. not_utf8, empty_file, unsupported_type.")
    message: str = col("What went wrong and what to do, in plain language.")


TABLES: dict[str, type] = {
    "records": ProjectRecord,
    "documents": DocumentRecord,
    "reports": ReportRecord,
    "flags": FlagRecord,
    "errors": ErrorRecord,
}


def to_row(record: Any) -> dict[str, Any]:
    """A record as plain values: money as '499600.00' strings, everything else as is."""
    row: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        row[f.name] = format_amount(value) if isinstance(value, Decimal) else value
    return row


def column_types(table: type) -> dict[str, str]:
    """Column name → one of 'text', 'integer', 'decimal', 'real'."""
    hints = get_type_hints(table)
    kinds = {}
    for f in fields(table):
        hint = str(hints[f.name])
        kinds[f.name] = (
            "decimal" if "Decimal" in hint else "integer" if "int" in hint else "real" if "float" in hint else "text"
        )
    return kinds


def json_schema(table_name: str) -> dict[str, Any]:
    table = TABLES[table_name]
    json_type = {
        "text": {"type": "string"},
        "integer": {"type": ["integer", "null"]},
        "real": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
        "decimal": {"type": ["string", "null"], "pattern": r"^-?\d+\.\d{2}$"},
    }
    properties = {}
    for f in fields(table):
        prop = dict(json_type[column_types(table)[f.name]])
        prop["description"] = f.metadata["doc"]
        properties[f.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"saraban {table_name} row",
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields(table)],
        "additionalProperties": False,
    }
