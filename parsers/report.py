"""The e-PlanNACC progress report: title, table rows and the summary block, as raw strings.

A report usually spans several pages; each page repeats (or not) the title and the header.
Columns get their roles from the header's printed labels, matched fuzzily — never from their
position alone — and a page without a header inherits the previous page's columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from saraban.normalize.labels import loose_pattern
from saraban.parsers.columns import (
    VALUE_ROLES, Columns, check_columns, complete_columns, infer_columns, is_header_row, read_columns,
)
from saraban.normalize.text import clean_text, join_wrapped
from saraban.normalize.vocab import Vocabulary
from saraban.parsers.model import BBox, Cell, Document, Line, Table
from saraban.parsers.segment import is_report_title, row_seq, strip_leading_noise, title_opening
from saraban.normalize.ticks import TickState
from saraban.parsers.status import STATUSES, StatusReading, read_counted, read_ruled, tick_of
from saraban.parsers.summary import RawSummary, parse_summary

_TITLE = re.compile(
    "^" + loose_pattern("รายงานผลการดำเนินงาน") + r"(?:ตาม)?\s*(?P<plan>.*?)\s*ของ\s*"
    r"(?P<org>(?:เทศบาล|องค์การ|อบต|อบจ|ทต|ทม|ทน|เมืองพัทยา).*?)\s*"
    r"(?:(?:ประจำปี(?:งบประมาณ)?\s*)?(?:พ\.\s*ศ\.|ปี)?\s*(?P<year>[\d๐-๙]{4})|\s*พ\.\s*ศ\.|$)"
    r"(?:\s*รอบ\s*(?P<round>[\d๐-๙]{1,2})\s*เดือน)?"
)
# A value read under columns that neither the header nor the values confirm is no surer than this.
UNSURE_COLUMNS_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class ReportTitle:
    text: str
    page: int
    plan_raw: str
    org_raw: str
    year_raw: str
    round_raw: str


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
    # Why the columns this row was read by are not sure (see saraban.parsers.columns); empty if sure.
    columns_doubt: str = ""


@dataclass(frozen=True, slots=True)
class RawReport:
    titles: tuple[ReportTitle, ...]
    rows: tuple[RawRow, ...]
    summary: RawSummary
    header_problems: tuple[tuple[int, str], ...]  # (page, why) of tables that could not be read at all


def parse_title(text: str, page: int) -> ReportTitle | None:
    cleaned = title_opening(text) or strip_leading_noise(text)
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
    problems: list[tuple[int, str]] = []
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
        header_rows, body = _split_header(block, vocab)
        columns = _table_columns(header_rows, body, block, columns, vocab)
        if columns is None:
            if body:
                problems.append((page, f"a table of {len(block.rows)} rows whose columns could not "
                                       "be told, from its header or its values"))
            continue
        used = check_columns(columns, body) if block.ruled else columns
        # A role the values told (a มิติ whose label the OCR garbled) holds on the next page
        # of the same table, where there may be too few values to tell it again.
        columns = replace(used, doubt=columns.doubt)
        current_title = titles[-1] if titles else None
        for position, row in enumerate(body):
            read = _read_row(row, used, block, page, current_title)
            if position == 0 and rows and block.ruled and _continues_a_row(row, used):
                rows[-1] = _joined_rows(rows[-1], read)
                continue
            rows.append(read)
    summary_lines = [
        b for i, (_, b) in enumerate(document.blocks) if i > last_table_at and isinstance(b, Line)
    ]
    return RawReport(tuple(titles), tuple(rows), parse_summary(summary_lines, vocab), tuple(problems))


def _split_header(table: Table, vocab: Vocabulary) -> tuple[list[tuple[Cell, ...]], list[tuple[Cell, ...]]]:
    """The extractor's header rows, or else the rows before the first numbered row; in a ruled
    table, a row between the header and that row that is the rest of a row split over a page
    break is body."""
    if table.header_rows is not None:
        return list(table.rows[: table.header_rows]), list(table.rows[table.header_rows :])
    start = next((i for i, row in enumerate(table.rows) if row_seq(row) is not None), len(table.rows))
    while table.ruled and start > 0 and _continuation_like(table.rows[start - 1], vocab):
        start -= 1
    return list(table.rows[:start]), list(table.rows[start:])


def _continuation_like(row: Sequence[Cell], vocab: Vocabulary) -> bool:
    """A row under the header with an empty first cell and text that is no label: the rest of
    a row a page break split, not part of the header."""
    return bool(row) and not row[0].text.strip() and not is_header_row(row, vocab) \
        and any(cell.text.strip() for cell in row)


def _table_columns(
    header_rows: Sequence[Sequence[Cell]], body: Sequence[Sequence[Cell]], table: Table,
    previous: Columns | None, vocab: Vocabulary,
) -> Columns | None:
    """The columns of one table: its header's, completed from the previous table's; the
    previous table's when it has no header (a table continued on the next page) or an
    unreadable copy of the same header; else, for a ruled table, told from its values."""
    if header_rows:
        found = read_columns(header_rows, vocab, ruled=table.ruled)
        if found is not None:
            return complete_columns(found, previous) if previous is not None else found
        if previous is None or previous.width != _width(table):
            previous = None
    if previous is not None:
        return previous
    return infer_columns(body) if table.ruled else None


def _width(table: Table) -> int:
    return max((cell.col + cell.col_span for row in table.rows for cell in row), default=0)


def _read_row(
    row: Sequence[Cell], columns: Columns, table: Table, page: int, title: ReportTitle | None
) -> RawRow:
    # A ruled table's cells are physical columns; an OCR-text row's are only its n-th cells.
    by_col = {cell.col: cell for cell in row} if table.ruled else dict(enumerate(row))

    def text_at(role: str) -> str:
        col = columns.roles.get(role)
        return by_col[col].text.strip() if col in by_col else ""

    values_end = max(
        (columns.roles[r] for r in VALUE_ROLES if r in columns.roles),
        default=0,
    )
    header_statuses = [status for _, status in columns.statuses]
    if table.ruled:
        status = read_ruled([by_col.get(col) for col, _ in columns.statuses], header_statuses)
        remarks_col = columns.roles.get("remarks")
        remarks = clean_text(by_col[remarks_col].text) if remarks_col in by_col else ""
    else:
        area, remarks = _status_area(list(row[values_end + 1 :]), len(header_statuses) or len(STATUSES))
        status = read_counted(area, header_statuses)
    bbox = None
    for cell in row:
        if cell.bbox is not None:
            bbox = cell.bbox if bbox is None else bbox.union(cell.bbox)
    confidences = [c.confidence for col, c in by_col.items() if col <= values_end and c.confidence is not None]
    field_confidence = tuple(
        (role, by_col[col].confidence)
        for role, col in columns.roles.items()
        if role in VALUE_ROLES and col in by_col and by_col[col].confidence is not None
    )
    if columns.doubt:
        status = replace(status, confidence=min(status.confidence, UNSURE_COLUMNS_CONFIDENCE))
        field_confidence = tuple((role, min(c, UNSURE_COLUMNS_CONFIDENCE)) for role, c in field_confidence)
        confidences = [min(c, UNSURE_COLUMNS_CONFIDENCE) for c in confidences]
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
        columns_doubt=columns.doubt,
    )


def _continues_a_row(row: Sequence[Cell], columns: Columns) -> bool:
    """Whether the first row of a table is the rest of the previous page's last row: a browser
    splits a tall row over two pages, and the part on the next page has no ลำดับ (its cell
    holds no ink at all, which an unreadable number would), no numbers, only the rest of the
    name or the remarks. A speck of dust in one of its number cells (ink no reading turned into
    text) does not make it a row of its own; only ink in the ลำดับ cell does."""
    by_col = {cell.col: cell for cell in row}
    seq = by_col.get(columns.roles.get("seq"))
    if seq is not None and (seq.text.strip() or seq.confidence is not None):
        return False
    numbers = [by_col.get(columns.roles.get(role)) for role in ("dimension", "budget", "disbursed")]
    if any(cell is not None and cell.text.strip() for cell in numbers):
        return False
    words = [by_col.get(columns.roles.get(role)) for role in ("name", "remarks")]
    return any(cell is not None and cell.text.strip() for cell in words)


def _joined_rows(first: RawRow, rest: RawRow) -> RawRow:
    """A row split over two pages, as one: its name and remarks joined, its tick wherever it is."""
    status = first.status
    if first.status.ticks == 0 and rest.status.ticks > 0:
        status = rest.status
    elif first.status.ticks > 0 and rest.status.ticks > 0:
        status = replace(first.status, status="empty", confidence=0.0, ticks=first.status.ticks + rest.status.ticks,
                         candidates=first.status.candidates + rest.status.candidates)
    return replace(
        first,
        name_raw=join_wrapped([first.name_raw, rest.name_raw]),
        remarks=" ".join(filter(None, [first.remarks, rest.remarks])),
        status=status,
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
