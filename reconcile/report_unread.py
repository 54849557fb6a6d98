"""What of a report could not be read: tables read by unconfirmed columns or not at all, and the
report's fiscal year, round and 'as of' date when none was found.

Pure functions over the parsed report; each flag goes through ``flag``, the report builder's
collector (saraban.reconcile.build_report), whose first argument is the rows concerned (none: the flag is
about the report, not a record, so that it adds nothing to the share of rows to review).
"""

from __future__ import annotations

from collections.abc import Callable

from saraban.reconcile.flags import FlagCode
from saraban.reconcile.records import ReportRecord
from saraban.parsers.report import RawReport


def flag_unsure_columns(raw: RawReport, flag: Callable[..., None]) -> None:
    """One COLUMNS_UNSURE per page whose table was read by unconfirmed columns (every row under
    it carries the code), and one TABLE_UNREAD per table that could not be read at all."""
    by_page: dict[tuple[int, str], list[int]] = {}
    for index, row in enumerate(raw.rows):
        if row.columns_doubt:
            by_page.setdefault((row.page, row.columns_doubt), []).append(index)
    for (page, doubt), indices in by_page.items():
        seqs = [raw.rows[i].seq_raw or "?" for i in indices]
        flag(tuple(indices), FlagCode.COLUMNS_UNSURE,
             f"Page {page}: {doubt}; rows {seqs[0]}–{seqs[-1]} are kept with low confidence.",
             "a header whose labels the values confirm", doubt, page, field="*")
    for page, problem in raw.header_problems:
        flag((), FlagCode.TABLE_UNREAD, f"Page {page}: {problem}; its rows are not in the records.",
             "a readable report table", problem, page, field="*")


def flag_unread_fields(raw: RawReport, report: ReportRecord, flag: Callable[..., None]) -> None:
    """One REPORT_FIELD_UNREAD per field of the report that came out empty because nothing was
    read for it: the fiscal year or round of a title that does not print one the reader could
    read, and an 'as of' date the summary does not give. A report with no title at all is
    TITLE_UNREAD already (which names its year and round), and an 'as of' date printed but not
    a date is DATE_INVALID or DATE_UNREADABLE: neither is said twice."""
    if raw.titles:
        title = raw.titles[0]
        where = f"its title on page {title.page}" + (f" (and {len(raw.titles) - 1} more)" if len(raw.titles) > 1 else "")
        if report.fiscal_year is None:
            flag((), FlagCode.REPORT_FIELD_UNREAD,
                 f"The report's fiscal year (พ.ศ.) could not be read from {where}; fiscal_year is left "
                 "empty, on the report and its records.", "a fiscal year such as พ.ศ. 2566", title.text,
                 title.page, field="fiscal_year")
        if report.round_months is None:
            flag((), FlagCode.REPORT_FIELD_UNREAD,
                 f"The report's round (รอบ 6 or 12 เดือน) could not be read from {where}; round_months is "
                 "left empty, on the report and its records.", "รอบ 6 เดือน or รอบ 12 เดือน", title.text,
                 title.page, field="round_months")
    if not raw.summary.as_of_raw:
        place = (f"in the summary on page {raw.summary.page}" if raw.summary.page is not None
                 else "because no summary block was found")
        flag((), FlagCode.REPORT_FIELD_UNREAD,
             f"The report's 'as of' date (ข้อมูล ณ วันที่) was not read {place}; as_of is left empty.",
             "a date after ข้อมูล ณ วันที่", "", raw.summary.page, field="as_of")
