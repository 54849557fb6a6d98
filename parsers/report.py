"""The e-PlanNACC progress report: title, table rows and the summary block, as raw strings.

A report usually spans several pages; each page repeats (or not) the title and the header.
Columns get their roles from the header's printed labels, matched fuzzily — never from their
position alone — and a page without a header inherits the previous page's columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from normalize.labels import best_label, loose_pattern
from normalize.text import clean_text
from normalize.vocab import Vocabulary
from parsers.model import BBox, Cell, Document, Line, Table
from parsers.segment import is_report_title, row_seq, strip_leading_noise
from normalize.ticks import TickState
from parsers.status import STATUSES, StatusReading, read_counted, read_ruled, tick_of

_TITLE = re.compile(
    "^" + loose_pattern("รายงานผลการดำเนินงาน") + r"(?:ตาม)?\s*(?P<plan>.*?)\s*ของ\s*"
    r"(?P<org>(?:เทศบาล|องค์การ|อบต|อบจ|ทต|ทม|ทน|เมืองพัทยา).*?)\s*"
    r"(?:(?:ประจำปี(?:งบประมาณ)?\s*)?(?:พ\.\s*ศ\.|ปี)?\s*(?P<year>[\d๐-๙]{4})|\s*พ\.\s*ศ\.|$)"
    r"(?:\s*รอบ\s*(?P<round>[\d๐-๙]{1,2})\s*เดือน)?"
)
_NUMBER = re.compile(r"[\d๐-๙][\d๐-๙,]*(?:\.[\d๐-๙]+)?")
_PERCENT = re.compile(r"ร้อยละ\s*(?P<v>[\d๐-๙][\d๐-๙,]*(?:\.[\d๐-๙]+)?)")
_AS_OF = re.compile(r"ข้อมูล\s*ณ\s*วันที่\s*(?P<v>.+)$")
_REPORTER = re.compile(r"ผู้รายงาน\s*(?P<name>.*?)\s*(?:ตำแหน่ง\s*(?P<position>.*))?$")
HEADER_MIN_SCORE = 70.0
SUMMARY_MIN_SCORE = 70.0
VALUE_ROLES = ("seq", "name", "dimension", "budget", "disbursed")


@dataclass(frozen=True, slots=True)
class ReportTitle:
    text: str
    page: int
    plan_raw: str
    org_raw: str
    year_raw: str
    round_raw: str


@dataclass(frozen=True, slots=True)
class Columns:
    """Column roles of one table: role → cell index, and the status columns in order."""

    roles: dict[str, int]
    statuses: tuple[tuple[int, str], ...]  # (cell index, status) left to right
    width: int  # cells in the header


@dataclass(frozen=True, slots=True)
class RawRow:
    page: int
    title: ReportTitle | None  # the title printed above this row's table
    seq_raw: str
    name_raw: str
    dimension_raw: str
    budget_raw: str
    disbursed_raw: str
    remarks: str
    status: StatusReading
    bbox: BBox | None
    confidence: float | None  # lowest OCR confidence of the row's value cells
    # OCR confidence of each value read (role → 0–1); empty for text without confidences.
    field_confidence: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class RawSummary:
    total_raw: str = ""
    counts_raw: dict[str, str] = field(default_factory=dict)  # status → printed count
    disbursed_raw: str = ""
    disbursed_percent_raw: str = ""
    implementation_percent_raw: str = ""
    as_of_raw: str = ""
    reporter_name: str = ""
    reporter_position: str = ""


@dataclass(frozen=True, slots=True)
class RawReport:
    titles: tuple[ReportTitle, ...]
    rows: tuple[RawRow, ...]
    summary: RawSummary
    header_problems: tuple[str, ...]  # tables whose columns could not be read


def parse_title(text: str, page: int) -> ReportTitle | None:
    cleaned = strip_leading_noise(text)
    match = _TITLE.match(cleaned)
    if match is None:
        return None
    return ReportTitle(
        cleaned,
        page,
        match.group("plan") or "",
        match.group("org") or "",
        match.group("year") or "",
        match.group("round") or "",
    )


def parse_report(document: Document, vocab: Vocabulary) -> RawReport:
    titles: list[ReportTitle] = []
    rows: list[RawRow] = []
    problems: list[str] = []
    columns: Columns | None = None
    last_table_at = -1
    for index, (page, block) in enumerate(document.blocks):
        if isinstance(block, Line):
            if is_report_title(block.text):
                title = parse_title(block.text, page)
                if title is not None:
                    titles.append(title)
            continue
        last_table_at = index
        header_rows, body = _split_header(block)
        if header_rows:
            found = read_columns(header_rows, vocab)
            columns = found if found is None or columns is None else complete_columns(found, columns)
        if columns is None:
            problems.append(f"page {page}: a table without a readable header")
            continue
        current_title = titles[-1] if titles else None
        for row in body:
            rows.append(_read_row(row, columns, block, page, current_title))
    summary_lines = [
        b.text for i, (_, b) in enumerate(document.blocks) if i > last_table_at and isinstance(b, Line)
    ]
    return RawReport(tuple(titles), tuple(rows), parse_summary(summary_lines, vocab), tuple(problems))


def _split_header(table: Table) -> tuple[list[tuple[Cell, ...]], list[tuple[Cell, ...]]]:
    """The extractor's header rows, or else the rows before the first numbered row."""
    if table.header_rows is not None:
        return list(table.rows[: table.header_rows]), list(table.rows[table.header_rows :])
    for i, row in enumerate(table.rows):
        if row_seq(row) is not None:
            return list(table.rows[:i]), list(table.rows[i:])
    return list(table.rows), []


def read_columns(header_rows: Sequence[Sequence[Cell]], vocab: Vocabulary) -> Columns | None:
    roles: dict[str, int] = {}
    statuses: dict[int, str] = {}
    width = 0
    value_roles = vocab.roles("seq", "name", "dimension", "budget", "disbursed", "status", "remarks")
    status_roles = vocab.roles(*STATUSES)
    for row in header_rows:
        width = max(width, len(row))
        for cell in row:
            if not cell.text.strip():
                continue
            sub = best_label(cell.text, status_roles, HEADER_MIN_SCORE)
            top = best_label(cell.text, value_roles, HEADER_MIN_SCORE)
            if sub is not None and (top is None or sub.score >= top.score):
                statuses.setdefault(cell.col, sub.key)
            elif top is not None:
                roles.setdefault(top.key, cell.col)
    if "seq" not in roles or ("name" not in roles and "budget" not in roles):
        return None
    return Columns(roles, tuple(sorted(statuses.items())), width)


def complete_columns(columns: Columns, previous: Columns) -> Columns:
    """``columns`` with the roles its header lost to OCR (a garbled มิติ) taken from the
    previous table of the report, when both have the same cells and that cell is free."""
    if columns.width != previous.width:
        return columns
    taken = set(columns.roles.values()) | {col for col, _ in columns.statuses}
    roles = dict(columns.roles)
    for role, col in previous.roles.items():
        if role not in roles and col not in taken:
            roles[role] = col
            taken.add(col)
    return Columns(roles, columns.statuses, columns.width)


def _read_row(
    row: Sequence[Cell], columns: Columns, table: Table, page: int, title: ReportTitle | None
) -> RawRow:
    def text_at(role: str) -> str:
        col = columns.roles.get(role)
        return row[col].text.strip() if col is not None and col < len(row) else ""

    values_end = max(
        (columns.roles[r] for r in VALUE_ROLES if r in columns.roles),
        default=0,
    )
    header_statuses = [status for _, status in columns.statuses]
    tail = list(row[values_end + 1 :])
    if table.ruled:
        by_col = {cell.col: cell for cell in row}
        status = read_ruled([by_col.get(col) for col, _ in columns.statuses], header_statuses)
        remarks_col = columns.roles.get("remarks")
        remarks = clean_text(by_col[remarks_col].text) if remarks_col in by_col else ""
    else:
        area, remarks = _status_area(tail, len(header_statuses) or len(STATUSES))
        status = read_counted(area, header_statuses)
    bbox = None
    for cell in row:
        if cell.bbox is not None:
            bbox = cell.bbox if bbox is None else bbox.union(cell.bbox)
    confidences = [c.confidence for c in row[: values_end + 1] if c.confidence is not None]
    field_confidence = tuple(
        (role, row[col].confidence)
        for role, col in columns.roles.items()
        if role in VALUE_ROLES and col < len(row) and row[col].confidence is not None
    )
    return RawRow(
        page=page,
        title=title,
        seq_raw=text_at("seq"),
        name_raw=text_at("name"),
        dimension_raw=text_at("dimension"),
        budget_raw=text_at("budget"),
        disbursed_raw=text_at("disbursed"),
        remarks=remarks,
        status=status,
        bbox=bbox,
        confidence=min(confidences) if confidences else None,
        field_confidence=field_confidence,
    )


def _status_area(tail: Sequence[Cell], status_count: int) -> tuple[list[Cell], str]:
    """Split the cells after the money columns into status cells and remarks text.

    The first cell holding real text (not a tick) starts the remarks: cells the OCR dropped
    before it shorten the status area, which the status reader takes into account.
    """
    area: list[Cell] = []
    remarks: list[str] = []
    for cell in tail:
        is_text = tick_of(cell).state is TickState.TEXT
        if remarks or is_text or len(area) >= status_count:
            if cell.text.strip():
                remarks.append(clean_text(cell.text))
            continue
        area.append(cell)
    return area, " ".join(remarks)


def parse_summary(lines: Sequence[str], vocab: Vocabulary) -> RawSummary:
    counts: dict[str, str] = {}
    values: dict[str, str] = {}
    for raw in lines:
        text = clean_text(raw).lstrip("-*• ").strip()
        if (m := _AS_OF.search(text)) is not None:
            values.setdefault("as_of", m.group("v").strip())
            continue
        if (m := _REPORTER.search(text)) is not None:
            values.setdefault("reporter_name", m.group("name").strip())
            values.setdefault("reporter_position", (m.group("position") or "").strip())
            continue
        number = _NUMBER.search(text)
        if number is None:
            continue
        label = best_label(text[: number.start()], vocab.summary_labels, SUMMARY_MIN_SCORE)
        if label is None:
            continue
        percent = _PERCENT.search(text)
        if label.key in STATUSES:
            counts.setdefault(label.key, number.group())
        elif label.key == "total":
            values.setdefault("total", number.group())
        elif label.key == "disbursed":
            values.setdefault("disbursed", number.group())
            if percent is not None:
                values.setdefault("disbursed_percent", percent.group("v"))
        elif label.key == "implementation" and percent is not None:
            values.setdefault("implementation_percent", percent.group("v"))
    return RawSummary(
        total_raw=values.get("total", ""),
        counts_raw=counts,
        disbursed_raw=values.get("disbursed", ""),
        disbursed_percent_raw=values.get("disbursed_percent", ""),
        implementation_percent_raw=values.get("implementation_percent", ""),
        as_of_raw=values.get("as_of", ""),
        reporter_name=values.get("reporter_name", ""),
        reporter_position=values.get("reporter_position", ""),
    )
