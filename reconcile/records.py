"""The output contract: the rows other systems read (records, documents, reports, flags, errors).

Field order here is column order in every output. Each field's ``doc`` metadata is its
documentation and its other metadata the constraints on its values; ``json_schema()`` (below)
turns these classes into the published JSON Schema, and a test keeps the
README's tables in step with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cache
from typing import Any, get_args, get_type_hints

from saraban.reconcile.errors import ERROR_CODES
from saraban.reconcile.flags import FlagCode, Severity
from saraban.normalize.numerals import MAX_WHOLE_DIGITS, format_amount
from saraban.parsers.model import DocumentKind
from saraban.parsers.status import EMPTY, STATUSES

# The output contract's version: the JSON Schemas' $id and the SQLite store's user_version. It
# changes when a change needs more than columns added at the end (keys, renames, types).
SCHEMA_VERSION = 2  # 2: review columns (records.value_source, reviewed_fields; flags' resolution …)
# Money and percentages read from the paper have at most MAX_WHOLE_DIGITS digits before the
# point (Parquet decimal128(18, 2)); sums and ratios of them may run longer (decimal128(38, 2)).
READ_PRECISION, DERIVED_PRECISION = MAX_WHOLE_DIGITS + 2, 38
_DOCUMENT_ID = r"[0-9a-f]{12}-[0-9]{2,}"
# Review (saraban.ingest.corrections): where a row's values come from, whether a flag is settled, and
# the decisions a reviewer can take.
VALUE_SOURCES = ("read", "review")
RESOLUTIONS = ("open", "resolved")
DECISIONS = ("accept", "correct", "unreadable")


def col(doc: str, default: Any = None, *, kind: str | None = None, null_when_empty: bool = False,
        precision: int = READ_PRECISION, **constraints: Any) -> Any:
    """A column: its documentation; its ``kind`` when the type does not tell it ("date": ISO
    text); whether an empty text is written as null (``null_when_empty``: nothing there, as a
    missing date, not an empty value); a decimal's ``precision``; and JSON Schema keywords that
    constrain its values (``enum``, ``pattern``, ``minimum``, …)."""
    return field(default=default, metadata={
        "doc": doc, "kind": kind, "null_when_empty": null_when_empty or kind == "date",
        "precision": precision, "constraints": constraints,
    })


@dataclass(frozen=True, slots=True)
class Column:
    """One column as every output types it: ``kind`` is text, integer, real (a 0–1
    confidence), decimal (money or a percentage, two places) or date (ISO); ``nullable`` when
    a value may be missing (null in JSON Lines, Parquet and SQLite, an empty cell in CSV)."""

    name: str
    kind: str
    nullable: bool
    doc: str
    default: Any
    precision: int
    constraints: dict[str, Any]


@cache
def columns(table: type) -> tuple[Column, ...]:
    """The table's columns in order (cached: the classes are fixed, every row asks)."""
    hints = get_type_hints(table)
    result = []
    for f in fields(table):
        hint = hints[f.name]
        types = get_args(hint) or (hint,)
        kind = f.metadata["kind"] or (
            "decimal" if Decimal in types else "integer" if int in types else "real" if float in types else "text")
        result.append(Column(f.name, kind, type(None) in types or f.metadata["null_when_empty"],
                             f.metadata["doc"], f.default, f.metadata["precision"], f.metadata["constraints"]))
    return tuple(result)


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
    source_sha256: str = col("SHA-256 of the input file's bytes.", pattern="^[0-9a-f]{64}$")
    document_id: str = col("Report document this row belongs to (see documents).", pattern=f"^{_DOCUMENT_ID}$")
    page: int = col("Page of the source file the row is printed on (1-based).", minimum=1)
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
    dimension: int | None = col("มิติ 1–4 as printed; empty when unreadable or out of range.", minimum=1, maximum=4)
    budget_baht: Decimal | None = col("Budget in baht, two decimals (e.g. 499600.00).")
    disbursed_baht: Decimal | None = col("Disbursed amount in baht, two decimals.")
    status: str = col(
        "awaiting_report | in_progress | completed | unable_to_proceed | empty (no single tick).",
        enum=[*STATUSES, EMPTY],
    )
    status_confidence: float = col("How sure the status reading is, 0–1.")
    ocr_confidence: float | None = col(
        "Lowest OCR confidence of the row's seq, name, dimension and amount cells, 0–1; empty "
        "for text input (no OCR confidences)."
    )
    remarks: str = col("หมายเหตุ text.")
    flags: str = col("Flag codes raised on this row, joined by ';'.",
                     pattern=f"^(({'|'.join(FlagCode)})(;({'|'.join(FlagCode)}))*)?$")
    bbox: str = col(
        "Row box on its page as JSON [x0, top, x1, bottom]: in 1/dpi inch of the page's frame "
        "(see documents.pages: pixels of the page image as read, after rotation and deskew, or PDF "
        "points for a text layer), line numbers for OCR-text input; empty when unknown.",
        null_when_empty=True, contentMediaType="application/json",
    )
    seq_confidence: float | None = col(_reading_confidence("seq"))
    project_name_confidence: float | None = col(_reading_confidence("project_name"))
    dimension_confidence: float | None = col(_reading_confidence("dimension"))
    budget_confidence: float | None = col(_reading_confidence("budget_baht"))
    disbursed_confidence: float | None = col(_reading_confidence("disbursed_baht"))
    record_id: str = col(
        "Stable id of the row, unique in the store: its document_id, '-', its position in the "
        "report's table (001, 002, …). Flags about the row carry it.",
        default="", pattern=f"^{_DOCUMENT_ID}-[0-9]{{3,}}$",
    )
    value_source: str = col(
        "Where the row's values come from: read (from the paper) or review (a reviewer's "
        "correction replaced a value read; reviewed_fields names which; see corrections.csv).",
        "read", enum=list(VALUE_SOURCES),
    )
    reviewed_fields: str = col("The columns of the row a reviewer corrected, joined by ';'; empty when none.", "")


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    document_id: str = col("Stable id: first 12 hex of the file's SHA-256, '-', position in the file.",
                           pattern=f"^{_DOCUMENT_ID}$")
    source_file: str = col("Path of the input file.")
    first_page: int = col("First page of the document in the file.")
    last_page: int = col("Last page of the document in the file.")
    kind: str = col("memo | letter | announcement | resolution | report | other.", enum=list(get_args(DocumentKind)))
    doc_number_raw: str = col("Document number (ที่) as printed.")
    doc_number: str = col("Document number with Arabic digits and tidied spaces, e.g. ยล 52501/166.")
    date_raw: str = col("Date as printed.")
    date: str = col("ISO date (Gregorian), empty when the printed date is impossible or unreadable.", kind="date")
    subject: str = col("เรื่อง (subject); a word missing a mark, as Thai OCR drops them (จัดซือ), gets it back where exactly one dictionary spelling fits.")
    addressee: str = col("เรียน (addressee).")
    issuer: str = col("Issuing office or the authority signed for.")
    signatories: str = col("JSON list of {name, position, person_key}; person_key is stable within the file.",
                           contentMediaType="application/json")
    cited_documents: str = col("JSON list of the documents it cites (อ้างถึง) {doc_number, doc_number_raw, "
                               "date, date_raw}; date is ISO, or empty.", contentMediaType="application/json")
    received_number_raw: str = col("The receiving stamp's register number (เลขรับ) as read; the stamp is the receiver's, never the document's own ที่.", "")
    received_number: str = col("That number in Arabic digits, when it reads as digits alone; empty otherwise.", "")
    received_date_raw: str = col("The receiving stamp's date (วันที่, often handwritten: ๗ พ.ค. ๖๕) as read.", "")
    received_date: str = col("ISO date (Gregorian) the paper was received; empty when unread or impossible.", "",
                             kind="date")
    other_paths: str = col(
        "JSON list of the other paths the same bytes were found under (copies, recorded once: "
        "their rows are these, under source_file); [] when none.",
        "[]", contentMediaType="application/json",
    )
    pages: str = col(
        "JSON list of the frame of each of the document's pages, which records.bbox is in: "
        "{page, source (ocr = a scan we read, pdf-text = a PDF's own text, ocr-text = text "
        "input), width, height, dpi, rotation, skew_degrees}; width and height are in 1/dpi inch "
        "(pixels of the scan; PDF points at dpi 72; null for text input).",
        "[]", contentMediaType="application/json",
    )


@dataclass(frozen=True, slots=True)
class ReportRecord:
    document_id: str = col("The report's document id.", pattern=f"^{_DOCUMENT_ID}$")
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
    budget_sum: Decimal | None = col("Sum of the budget column (baht).", precision=DERIVED_PRECISION)
    disbursed_sum: Decimal | None = col("Sum of the disbursed column (baht).", precision=DERIVED_PRECISION)
    stated_disbursed: Decimal | None = col("Disbursed amount stated in the summary (baht).")
    stated_disbursed_percent: Decimal | None = col("Disbursement percentage stated in the summary.")
    computed_disbursed_percent: Decimal | None = col("disbursed_sum ÷ budget_sum × 100, two decimals.",
                                                     precision=DERIVED_PRECISION)
    stated_implementation_percent: Decimal | None = col("Stated percentage of the plan put into practice.")
    as_of: str = col("ISO date of the data (ข้อมูล ณ วันที่); empty when unread or impossible.", kind="date")
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
    document_id: str = col("Document the flag is about.", pattern=f"^{_DOCUMENT_ID}$")
    page: int | None = col("Page, when the flag is about one place.")
    seq: int | None = col("Row sequence number, when the flag is about a row.")
    code: str = col("Stable flag code (see the catalogue).", enum=list(FlagCode))
    severity: str = col("error | warning | info.", enum=list(Severity))
    message: str = col("What is wrong, in plain language.")
    expected: str = col("What was expected (e.g. the stated figure).")
    found: str = col("What was found (e.g. the computed figure, or the raw text).")
    record_id: str = col(
        "The records row the flag is about (records.record_id); empty (null) for a flag about a "
        "document or a report as a whole, which document_id names.",
        "", null_when_empty=True, pattern=f"^{_DOCUMENT_ID}-[0-9]{{3,}}$",
    )
    field: str = col(
        "The column the flag is about, of the row it names: a records column (budget_baht, "
        "status, seq, …) when record_id is set, else a column of the document's documents row "
        "(date, received_date, doc_number, …) or reports row (stated_total, stated_disbursed, "
        "as_of, organization, …); several joined by ';', or * for the whole row or table.",
        "",
    )
    resolution: str = col(
        "open, or resolved: a reviewer decided about it (corrections.csv: accepted the value, "
        "corrected it, or marked the document unreadable); the flag is kept either way.",
        "open", enum=list(RESOLUTIONS),
    )
    decision: str = col("The reviewer's decision when resolved: accept | correct | unreadable; empty when open.",
                        "", null_when_empty=True, enum=list(DECISIONS))
    reviewer: str = col("Who decided (corrections.csv reviewer); empty when open.", "", null_when_empty=True)
    decided_at: str = col("When it was decided, as corrections.csv gives it (ISO 8601); empty when open.", "",
                          null_when_empty=True)
    review_note: str = col("The reviewer's note; for a correction, 'corrected to VALUE' before it; empty when none.",
                           "", null_when_empty=True)


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    source_file: str = col("Path of the input file that could not be processed.")
    error_code: str = col("Stable error code, e.g. not_utf8, empty_file, unsupported_type (see Error codes).",
                          enum=list(ERROR_CODES))
    message: str = col("What went wrong and what to do, in plain language.")


TABLES: dict[str, type] = {
    "records": ProjectRecord,
    "documents": DocumentRecord,
    "reports": ReportRecord,
    "flags": FlagRecord,
    "errors": ErrorRecord,
}


# SQLite keys (records.document_id → documents and so on): every table's primary key, and the
# columns whose value, when not null, is another table's primary key; each such column is
# indexed, as every table's source_file is (a file's rows are replaced by it).
@dataclass(frozen=True, slots=True)
class Keys:
    primary: str | None = None
    foreign: tuple[tuple[str, str], ...] = ()  # (column, the table whose primary key it holds)


KEYS: dict[str, Keys] = {
    "records": Keys("record_id", (("document_id", "documents"),)),
    "documents": Keys("document_id"),
    "reports": Keys("document_id", (("document_id", "documents"),)),
    "flags": Keys(None, (("record_id", "records"), ("document_id", "documents"))),
    "errors": Keys(),
}


def to_row(record: Any) -> dict[str, Any]:
    """A record as its outputs hold it: money as '499600.00' strings, null for a missing value
    (an empty date, say), everything else as is."""
    row: dict[str, Any] = {}
    for column in columns(type(record)):
        value = getattr(record, column.name)
        if isinstance(value, Decimal):
            value = format_amount(value)
        elif value == "" and column.nullable:
            value = None
        row[column.name] = value
    return row


def column_types(table: type) -> dict[str, str]:
    """Column name → its kind: 'text', 'integer', 'decimal', 'real' or 'date'."""
    return {column.name: column.kind for column in columns(table)}


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_id(table_name: str | None = None) -> str:
    return f"urn:saraban:schema:v{SCHEMA_VERSION}" + (f":{table_name}" if table_name else "")


def json_schema(table_name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one table's rows as its JSON Lines file holds them."""
    properties = {}
    for column in columns(TABLES[table_name]):
        digits = column.precision - 2
        prop: dict[str, Any] = {
            "text": {"type": "string"},
            "integer": {"type": "integer"},
            "real": {"type": "number", "minimum": 0, "maximum": 1},
            "decimal": {"type": "string", "pattern": f"^-?[0-9]{{1,{digits}}}\\.[0-9]{{2}}$"},
            "date": {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        }[column.kind]
        prop.update(column.constraints)
        if column.nullable:
            prop["type"] = [prop["type"], "null"]
            if "enum" in prop:
                prop["enum"] = [*prop["enum"], None]
        properties[column.name] = {"description": column.doc, **prop}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_id(table_name),
        "title": f"saraban {table_name} row",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def all_schemas() -> dict[str, Any]:
    """The five tables' schemas in one schema document (each under $defs, with its own $id): a
    row of any of the tables validates against it."""
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_id(),
        "title": "saraban output rows (records, documents, reports, flags, errors)",
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in TABLES],
        "$defs": {name: json_schema(name) for name in TABLES},
    }
