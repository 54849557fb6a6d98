"""The flag catalogue: stable codes other systems can rely on.

A flag is data, not an error: the file was read, and something in it does not add up or
could not be read with certainty. Each code has a severity, a one-line meaning and an example
(the README's catalogue is checked against this table by a test).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from saraban.normalize.dates import DateReading


class Severity(StrEnum):
    ERROR = "error"  # the document contradicts itself; totals are wrong somewhere
    WARNING = "warning"  # a value could not be read with certainty, or is suspicious
    INFO = "info"  # a value was read and repaired (kept raw beside it)


class FlagCode(StrEnum):
    SUMMARY_TOTAL_MISMATCH = "SUMMARY_TOTAL_MISMATCH"
    SUMMARY_COUNT_MISMATCH = "SUMMARY_COUNT_MISMATCH"
    DISBURSED_TOTAL_MISMATCH = "DISBURSED_TOTAL_MISMATCH"
    PERCENT_MISMATCH = "PERCENT_MISMATCH"
    SEQ_GAP = "SEQ_GAP"
    SEQ_DUPLICATE = "SEQ_DUPLICATE"
    SEQ_MISSING = "SEQ_MISSING"
    DISBURSED_EXCEEDS_BUDGET = "DISBURSED_EXCEEDS_BUDGET"
    STATUS_MISSING = "STATUS_MISSING"
    STATUS_MULTIPLE = "STATUS_MULTIPLE"
    STATUS_AMBIGUOUS = "STATUS_AMBIGUOUS"
    DIMENSION_INVALID = "DIMENSION_INVALID"
    AMOUNT_UNPARSEABLE = "AMOUNT_UNPARSEABLE"
    DATE_INVALID = "DATE_INVALID"
    DATE_UNREADABLE = "DATE_UNREADABLE"
    ORG_NAME_VARIANT = "ORG_NAME_VARIANT"
    ORG_UNMATCHED = "ORG_UNMATCHED"
    ORG_AMBIGUOUS = "ORG_AMBIGUOUS"
    LOW_CONFIDENCE = "LOW_CONFIDENCE"
    COLUMNS_UNSURE = "COLUMNS_UNSURE"
    TABLE_UNREAD = "TABLE_UNREAD"
    TITLE_UNREAD = "TITLE_UNREAD"
    HEADER_FIELD_UNREAD = "HEADER_FIELD_UNREAD"
    REPORT_FIELD_UNREAD = "REPORT_FIELD_UNREAD"
    TEXT_ENCODING_GUESSED = "TEXT_ENCODING_GUESSED"


@dataclass(frozen=True, slots=True)
class FlagSpec:
    severity: Severity
    meaning: str
    example: str


CATALOGUE: dict[FlagCode, FlagSpec] = {
    FlagCode.SUMMARY_TOTAL_MISMATCH: FlagSpec(
        Severity.ERROR,
        "The summary's project count differs from the rows in the table.",
        "summary says 65 projects, the table has 64 rows",
    ),
    FlagCode.SUMMARY_COUNT_MISMATCH: FlagSpec(
        Severity.ERROR,
        "The summary's counts per status differ from the ticks counted in the table.",
        "stated 10/0/54/1 (awaiting/in progress/completed/unable), table 31/12/18/1",
    ),
    FlagCode.DISBURSED_TOTAL_MISMATCH: FlagSpec(
        Severity.ERROR,
        "The summary's disbursed amount differs from the sum of the disbursed column.",
        "stated 595,655.00 baht, rows sum to 558,650.00",
    ),
    FlagCode.PERCENT_MISMATCH: FlagSpec(
        Severity.ERROR,
        "The stated disbursement percentage differs from disbursed ÷ budget × 100.",
        "stated 42.89%, computed 40.11%",
    ),
    FlagCode.SEQ_GAP: FlagSpec(
        Severity.WARNING,
        "Sequence numbers skip: a row may be missing (or its number misread).",
        "seq 12 is followed by 14",
    ),
    FlagCode.SEQ_DUPLICATE: FlagSpec(
        Severity.WARNING,
        "The same sequence number appears on more than one row: flagged on each row that repeats "
        "it, its message naming the first row's record_id.",
        "seq 30 appears twice (pages 5 and 6)",
    ),
    FlagCode.SEQ_MISSING: FlagSpec(
        Severity.WARNING,
        "A row has no sequence number: its ลำดับ cell is empty (or the number is not a whole "
        "number); the row is kept where it stands.",
        "the row after seq 11 has an empty ลำดับ cell",
    ),
    FlagCode.DISBURSED_EXCEEDS_BUDGET: FlagSpec(
        Severity.WARNING,
        "A project disbursed more than its budget.",
        "seq 41: disbursed 59,050.00 > budget 50,000.00",
    ),
    FlagCode.STATUS_MISSING: FlagSpec(
        Severity.WARNING,
        "No status column is ticked on the row (each status cell read surely empty).",
        "seq 7: no tick in any status cell",
    ),
    FlagCode.STATUS_MULTIPLE: FlagSpec(
        Severity.WARNING,
        "More than one status column is ticked on the row.",
        "seq 9: ticks under in_progress and completed",
    ),
    FlagCode.STATUS_AMBIGUOUS: FlagSpec(
        Severity.WARNING,
        "The status reading is uncertain (status_confidence below the threshold): which column "
        "the tick is in, or whether a cell read as empty holds one.",
        "seq 1: tick may belong to in_progress or completed (confidence 0.50)",
    ),
    FlagCode.DIMENSION_INVALID: FlagSpec(
        Severity.WARNING, "The มิติ (dimension) is not 1–4.", "seq 5: dimension '7'"
    ),
    FlagCode.AMOUNT_UNPARSEABLE: FlagSpec(
        Severity.WARNING,
        "A money cell could not be read as an amount; the raw text is kept in the flag.",
        "seq 3: budget '5O,OOO.OO'",
    ),
    FlagCode.DATE_INVALID: FlagSpec(
        Severity.WARNING,
        "A printed date does not exist (its day, month and year read, but make no date); no date "
        "is given, the raw text is kept.",
        "'๗๗ ธันวาคม ๒๕๖๔': day 77 does not exist",
    ),
    FlagCode.DATE_UNREADABLE: FlagSpec(
        Severity.WARNING,
        "A printed date could not be read: its day or year is missing or not a number, its "
        "month is garbled, or its digits were read from the scan with low OCR confidence and "
        "make no date (most often an OCR misreading; check the page); no date is given, the raw "
        "text is kept.",
        "'๓) ธันวาคม ๒๕๖๕': day '๓)' is not a 1-2 digit number",
    ),
    FlagCode.ORG_NAME_VARIANT: FlagSpec(
        Severity.INFO,
        "A page names the organization differently (OCR garble); the record carries the resolved name and the raw text. The rows under that title carry the code only when it names another organization, not a garbled spelling of this one.",
        "title says เทศบาลเมืองสระเดงนอก, resolved to เทศบาลเมืองสะเตงนอก",
    ),
    FlagCode.TITLE_UNREAD: FlagSpec(
        Severity.WARNING,
        "A report's table was read under no title the reader could read (a stamp over it, a title too garbled): its rows are attributed to the organization the bundle names, and its year and round are unknown.",
        "page 2: a report table with no title above it; rows attributed to เทศบาลตำบลบ้านนา",
    ),
    FlagCode.HEADER_FIELD_UNREAD: FlagSpec(
        Severity.WARNING,
        "A memo or letter has no own number (ที่) or date (วันที่) that could be read: left blank on the paper (a dotted line with nothing on it), garbled past reading, or covered by a stamp; the field is left empty; check the page.",
        "memo on page 1: no number (ที่) could be read",
    ),
    FlagCode.REPORT_FIELD_UNREAD: FlagSpec(
        Severity.WARNING,
        "A report's fiscal year, round or 'as of' date could not be read: its title gives no year "
        "or round (รอบ … เดือน) the reader could read, or its summary no ข้อมูล ณ วันที่ date; one "
        "flag per field, which `field` names (fiscal_year, round_months, as_of), about the report "
        "(no record_id); the field is left empty. A report with no title at all is TITLE_UNREAD "
        "instead, an 'as of' date printed but not a date DATE_INVALID or DATE_UNREADABLE.",
        "the title on page 1 prints no round (รอบ … เดือน); round_months is left empty",
    ),
    FlagCode.TEXT_ENCODING_GUESSED: FlagSpec(
        Severity.INFO,
        "An OCR-text input was not UTF-8 and had no byte-order mark: its encoding was guessed from "
        "its bytes (charset-normalizer), most often TIS-620 / cp874 from a Thai Windows program. "
        "One flag on each document read from the file (no record_id, field *); `found` is the "
        "encoding (Python's codec name).",
        "the file's text is not UTF-8; it was decoded as cp874",
    ),
    FlagCode.ORG_UNMATCHED: FlagSpec(
        Severity.WARNING,
        "The organization could not be matched to any known organization (the bundle's own mentions, or the gazetteer); the printed name is kept and no code is given.",
        "title names เทศบาลตำบลไม่มีจริง, which matches nothing in the bundle",
    ),
    FlagCode.ORG_AMBIGUOUS: FlagSpec(
        Severity.WARNING,
        "The organization's name fits more than one organization in the gazetteer about equally; "
        "no code is given rather than a guess.",
        "อบต.บ้านนา with no province named: there are 15",
    ),
    FlagCode.LOW_CONFIDENCE: FlagSpec(
        Severity.WARNING,
        "A value was read from the scan with OCR confidence below the threshold (0.80): a table "
        "cell, or the number or date of a memo or letter or of its receiving stamp; check it on the page. A "
        "project name is flagged below its own threshold (0.10), which no check rests on. Checks that "
        "would rest on it (dimension, amount, sequence) are not raised from it, a total that one "
        "such reading explains names the likely value instead, and a total resting on such a "
        "cell that could not be read at all is reported as not checked.",
        "seq 57: budget '18,000.00' read with confidence 0.64; the stated total implies 78,000.00",
    ),
    FlagCode.COLUMNS_UNSURE: FlagSpec(
        Severity.WARNING,
        "Which column of a table holds what could not be confirmed: its header could not be "
        "read, or the values under a label contradict it. The rows are kept, read by the "
        "columns their values suggest, with every value's confidence at most 0.5; check the "
        "columns on the page.",
        "page 3: the header could not be read; the columns were told from their values",
    ),
    FlagCode.TABLE_UNREAD: FlagSpec(
        Severity.ERROR,
        "A table of the report could not be read at all (neither its header nor its values "
        "tell its columns): its rows are missing from the records.",
        "page 4: a table of 12 rows whose columns could not be told",
    ),
}


def severity_of(code: FlagCode) -> Severity:
    return CATALOGUE[code].severity


def date_flag(reading: DateReading) -> FlagCode:
    """The flag for a date that gave no value: garbled parts are a reading problem, parts
    that read cleanly but make no date are the paper's."""
    return FlagCode.DATE_UNREADABLE if reading.unreadable else FlagCode.DATE_INVALID
