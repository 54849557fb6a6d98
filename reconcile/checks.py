"""Reconcile: the checks that compare what a report states with what its rows add up to.

Pure functions over built records. Each returns flags paired with the indices of the rows they
concern (none for report-level flags), so the caller can list the codes on each row too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from saraban.reconcile.flags import FlagCode, severity_of
from saraban.reconcile.misreads import (
    Uncertain,
    budgets_the_percent_implies,
    doubtful_sum,
    doubts_amounts,
    explain_disbursed_total,
    explain_disbursed_total_by_two,
    misread_seq,
    unread_doubtful,
)
from saraban.reconcile.records import FlagRecord, ProjectRecord, ReportRecord
from saraban.normalize.numerals import format_amount
from saraban.parsers.status import STATUSES

# A flag and the indices of the rows it concerns (empty for report-level flags).
RowFlag = tuple[tuple[int, ...], FlagRecord]
PERCENT_TOLERANCE = Decimal("0.01")  # printed percentages are rounded to two places


@dataclass(frozen=True, slots=True)
class SummaryDoubts:
    """The summary values read with low confidence (key → confidence; keys as
    saraban.parsers.summary.RawSummary.confidence) and the page the summary stands on. A check that
    fails on such a value says the value is doubtful instead of accusing the document."""

    values: Mapping[str, float] = field(default_factory=dict)
    page: int | None = None


def _flag(
    report: ReportRecord, code: FlagCode, message: str, expected: str, found: str,
    page: int | None = None, seq: int | None = None, *, field: str,
) -> FlagRecord:
    """A flag about the report (its ``field`` a reports column) or, paired with a row's index,
    about that row (a records column)."""
    return FlagRecord(
        report.source_file, report.document_id, page, seq, code, severity_of(code), message,
        expected, found, field=field,
    )


def check_report(
    report: ReportRecord, rows: Sequence[ProjectRecord], uncertain: Uncertain | None = None,
    doubts: SummaryDoubts = SummaryDoubts(),
) -> list[RowFlag]:
    uncertain = uncertain or {}
    return [
        *check_totals(report, doubts),
        *check_money(report, rows, uncertain, doubts),
        *check_sequence(report, rows, uncertain),
        *check_row_money(report, rows, uncertain),
    ]


def stated_counts(report: ReportRecord) -> list[int | None]:
    return [getattr(report, f"stated_{s}") for s in STATUSES]


def table_counts(report: ReportRecord) -> list[int]:
    return [getattr(report, f"table_{s}") for s in STATUSES]


def check_totals(report: ReportRecord, doubts: SummaryDoubts = SummaryDoubts()) -> list[RowFlag]:
    flags: list[RowFlag] = []
    if report.stated_total is not None and report.stated_total != report.rows:
        if "total" in doubts.values:
            flags.append(_doubtful_summary_flag(
                report, doubts, ("total",), f"project count {report.stated_total}",
                f"the table has {report.rows} rows", str(report.rows), str(report.stated_total),
            ))
        else:
            flags.append(((), _flag(
                report, FlagCode.SUMMARY_TOTAL_MISMATCH,
                f"The summary states {report.stated_total} projects but the table has {report.rows} rows.",
                str(report.stated_total), str(report.rows), field="stated_total",
            )))
    stated = stated_counts(report)
    table = table_counts(report)
    differing = [key for key, s, t in zip(STATUSES, stated, table) if s is not None and s != t]
    if differing:
        names = "/".join(STATUSES)
        stated_text = "/".join("?" if v is None else str(v) for v in stated)
        table_text = "/".join(str(v) for v in table)
        if all(key in doubts.values for key in differing):
            flags.append(_doubtful_summary_flag(
                report, doubts, differing, f"status counts ({names}) {stated_text}",
                f"the table's ticks give {table_text}", table_text, stated_text,
            ))
            return flags
        flags.append(((), _flag(
            report, FlagCode.SUMMARY_COUNT_MISMATCH,
            f"Status counts ({names}): the summary states {stated_text}, the table's ticks give "
            f"{table_text}.",
            stated_text, table_text, field=";".join(f"stated_{key}" for key in differing),
        )))
    return flags


def check_money(
    report: ReportRecord, rows: Sequence[ProjectRecord] = (), uncertain: Uncertain | None = None,
    doubts: SummaryDoubts = SummaryDoubts(),
) -> list[RowFlag]:
    uncertain = uncertain or {}
    flags: list[RowFlag] = []
    computed = report.computed_disbursed_percent
    numerator = report.disbursed_sum
    difference = (
        report.stated_disbursed - report.disbursed_sum
        if report.stated_disbursed is not None and report.disbursed_sum is not None else Decimal(0)
    )
    if difference and "disbursed" in doubts.values:
        flags.append(_doubtful_summary_flag(
            report, doubts, ("disbursed",),
            f"disbursed total {format_amount(report.stated_disbursed)}",
            f"the disbursed column sums to {format_amount(report.disbursed_sum)}",
            format_amount(report.disbursed_sum), format_amount(report.stated_disbursed),
        ))
    elif difference:
        single = explain_disbursed_total(rows, uncertain, difference)
        misreads = [single] if single is not None else list(
            explain_disbursed_total_by_two(rows, uncertain, difference) or ())
        percent_checkable = report.stated_disbursed_percent is not None and not unread_doubtful(rows, uncertain, "budget")
        if misreads and not _fits_percent(report, report.stated_disbursed) and (
                _fits_percent(report, report.disbursed_sum) or percent_checkable):
            # The stated percentage does not back the stated total. Where it agrees with the
            # column as read, two of the document's figures stand against one: the cells were
            # read right and the total disagrees. Where it agrees with neither, the summary
            # contradicts itself whatever the cell holds, and a misread that happens to close
            # the total's gap (TH Baijam's 85,020.00, right at 0.00, two digits from the 62,020.00
            # a wrong total implied) is no likelier than the total being wrong.
            misreads = []
        unread = unread_doubtful(rows, uncertain, "disbursed")
        if unread and _fits_percent(report, report.disbursed_sum) \
                and not _fits_percent(report, report.stated_disbursed):
            # Cells read at next to no confidence, or into no amount, still count as read where
            # the stated percentage fits the column as read and not the stated total: two of the
            # document's figures agree against the third, which no misreading (or unread cell)
            # large enough to move the percentage allows (TH Kodchasan's 286,578.00, right at
            # 0.00, and TH Sarabun New's 0.00 read as no amount, each left a wrong total
            # unchecked and the percentage accused).
            unread = []
        if unread and report.stated_disbursed < report.disbursed_sum - doubtful_sum(rows, uncertain, "disbursed"):
            # No cell holds less than nothing: a stated total below what the cells read surely
            # sum to is short whatever the doubtful and unread ones hold.
            unread = []
        if not misreads and unread:
            flags.append(_unchecked_flag(
                report, rows, unread, "disbursed",
                f"the stated disbursed total {format_amount(report.stated_disbursed)}", "stated_disbursed",
            ))
            numerator = report.stated_disbursed
        elif misreads:
            # The stated total is consistent with the table once the doubtful cell (or two) is
            # read as the total implies: point at the cells, not at the summary.
            for index, implied in misreads:
                flags.append(_misread_flag(
                    report, rows, index, "disbursed", implied,
                    f"the summary's stated total {format_amount(report.stated_disbursed)} implies",
                ))
            numerator = report.stated_disbursed
        else:
            flags.append(((), _flag(
                report, FlagCode.DISBURSED_TOTAL_MISMATCH,
                f"The summary states {format_amount(report.stated_disbursed)} baht disbursed; the "
                f"disbursed column sums to {format_amount(report.disbursed_sum)}.",
                format_amount(report.stated_disbursed), format_amount(report.disbursed_sum),
                field="stated_disbursed",
            )))
    if numerator is not None and report.budget_sum:
        computed = disbursed_percent(numerator, report.budget_sum)
    stated = report.stated_disbursed_percent
    if stated is None or computed is None or abs(stated - computed) <= PERCENT_TOLERANCE:
        return flags
    if "disbursed_percent" in doubts.values:
        flags.append(_doubtful_summary_flag(
            report, doubts, ("disbursed_percent",), f"disbursed percentage {stated}%",
            f"disbursed ÷ budget gives {computed}%", str(computed), str(stated),
        ))
        return flags
    unread_budgets = unread_doubtful(rows, uncertain, "budget")
    unread_disbursed = unread_doubtful(rows, uncertain, "disbursed") if numerator == report.disbursed_sum else []
    if (unread_budgets or unread_disbursed) and not _percent_beyond_doubt(
            stated, numerator or Decimal(0), report.budget_sum or Decimal(0), rows, uncertain,
            numerator == report.disbursed_sum):
        flags.append(_unchecked_flag(report, rows, sorted(set(unread_budgets + unread_disbursed)),
                                     "budget or disbursed", f"the stated {stated}% disbursed",
                                     "stated_disbursed_percent"))
        return flags
    digits, fits = budgets_the_percent_implies(
        rows, uncertain, numerator or Decimal(0), stated, report.budget_sum or Decimal(0)
    )
    if len(fits) == 1:
        index, implied = fits[0]
        flags.append(_misread_flag(
            report, rows, index, "budget", implied, f"the stated {stated}% disbursed fits",
        ))
    elif digits == 1:
        # Several doubtful budgets a digit off would each account for the percentage: one of
        # them is likelier misread than the summary wrong, but which one is not known.
        flags.append(((), _flag(
            report, FlagCode.LOW_CONFIDENCE,
            f"The stated {stated}% disbursed is not checked: a digit misread in the budget of any "
            f"of rows {_row_numbers(rows, [i for i, _ in fits])}, read with low confidence, would "
            f"account for the difference from the {computed}% the cells give; check those cells.",
            str(stated), str(computed), field="stated_disbursed_percent",
        )))
    else:
        flags.append(((), _flag(
            report, FlagCode.PERCENT_MISMATCH,
            f"The summary states {stated}% disbursed; disbursed ÷ budget gives {computed}%.",
            str(stated), str(computed), field="stated_disbursed_percent",
        )))
    return flags


def _percent_beyond_doubt(
    stated: Decimal, disbursed: Decimal, budget_sum: Decimal, rows: Sequence[ProjectRecord],
    uncertain: Uncertain, disbursed_is_column: bool,
) -> bool:
    """Whether no amounts in the doubtful and unread cells could give the stated percentage. No
    cell holds less than nothing, so with every disbursed cell sure the budgets read surely give
    the highest percentage there can be, and with every budget sure the disbursed cells read
    surely give the lowest (TH Sarabun New's 0.00 budget read '0๐00.00' at 0.00 left a stated
    56.91 % unchecked against the 46.40 % the rest gave at most)."""
    budgets_sure = not any("budget" in fields for fields in uncertain.values())
    disbursed_sure = not disbursed_is_column or not any("disbursed" in fields for fields in uncertain.values())
    if disbursed_sure:
        sure_budget = budget_sum - doubtful_sum(rows, uncertain, "budget")
        if sure_budget > 0 and stated > disbursed_percent(disbursed, sure_budget) + PERCENT_TOLERANCE:
            return True
    if budgets_sure and budget_sum > 0:
        sure_disbursed = disbursed - (doubtful_sum(rows, uncertain, "disbursed") if disbursed_is_column else 0)
        return stated < disbursed_percent(sure_disbursed, budget_sum) - PERCENT_TOLERANCE
    return False


def _fits_percent(report: ReportRecord, disbursed: Decimal | None) -> bool:
    """Whether ``disbursed`` over the budget column's sum gives the summary's stated percentage."""
    stated = report.stated_disbursed_percent
    if stated is None or disbursed is None or not report.budget_sum:
        return False
    return abs(stated - disbursed_percent(disbursed, report.budget_sum)) <= PERCENT_TOLERANCE


def disbursed_percent(disbursed: Decimal, budget: Decimal) -> Decimal:
    """disbursed ÷ budget × 100, rounded to two places as the summary prints it."""
    return (disbursed * 100 / budget).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _doubtful_summary_flag(
    report: ReportRecord, doubts: SummaryDoubts, keys: Sequence[str], what: str, against: str,
    expected: str, found: str,
) -> RowFlag:
    """LOW_CONFIDENCE instead of a mismatch when the summary value a check fails on was read
    with low confidence: the reading is what is in doubt before the document is."""
    sure = min(doubts.values[key] for key in keys)
    where = f" on page {doubts.page}" if doubts.page is not None else ""
    return ((), _flag(
        report, FlagCode.LOW_CONFIDENCE,
        f"The summary's {what} was read with low confidence ({sure:.2f}) and {against}; check "
        f"the summary{where}.",
        expected, found, doubts.page, field=";".join(f"stated_{key}" for key in keys),
    ))


def _unchecked_flag(
    report: ReportRecord, rows: Sequence[ProjectRecord], unread: Sequence[int], field: str, what: str,
    about: str,
) -> RowFlag:
    """LOW_CONFIDENCE instead of a mismatch when the sum the summary is checked against lacks
    cells the OCR could not read: the check cannot be made, and that is what is said."""
    seqs = _row_numbers(rows, unread)
    return ((), _flag(
        report, FlagCode.LOW_CONFIDENCE,
        f"{what[0].upper()}{what[1:]} is not checked: the {field} of row(s) {seqs} could not be "
        "read; check those cells.",
        "every cell read", f"unread: rows {seqs}", field=about,
    ))


def _row_numbers(rows: Sequence[ProjectRecord], indices: Sequence[int]) -> str:
    return ", ".join(str(rows[i].seq if rows[i].seq is not None else "?") for i in indices)


def _misread_flag(
    report: ReportRecord, rows: Sequence[ProjectRecord], index: int, field: str,
    implied: Decimal, because: str,
) -> RowFlag:
    """LOW_CONFIDENCE on the one doubtful cell that explains a total."""
    row = rows[index]
    read = format_amount(getattr(row, f"{field}_baht"))
    return ((index,), _flag(
        report, FlagCode.LOW_CONFIDENCE,
        f"Row {row.seq}: {field} read as {read} with low confidence; {because} "
        f"{format_amount(implied)} for this cell.",
        format_amount(implied), read, row.page, row.seq, field=f"{field}_baht",
    ))


def check_sequence(
    report: ReportRecord, rows: Sequence[ProjectRecord], uncertain: Uncertain | None = None
) -> list[RowFlag]:
    flags: list[RowFlag] = []
    seen: dict[int, int] = {}
    previous: int | None = None
    for index, row in enumerate(rows):
        if row.seq is None or misread_seq(rows, index, uncertain or {}):
            # An unread or misread number still has its row: it stands where its neighbours
            # say, and the next number follows on from it.
            previous = 1 if previous is None else previous + 1
            continue
        if row.seq in seen:
            first_page = rows[seen[row.seq]].page
            flags.append(((index,), _flag(
                report, FlagCode.SEQ_DUPLICATE,
                f"Sequence number {row.seq} appears again (first on page {first_page}, record "
                f"{rows[seen[row.seq]].record_id or '?'}).",
                "each number once", str(row.seq), row.page, row.seq, field="seq",
            )))
        else:
            seen[row.seq] = index
        expected = 1 if previous is None else previous + 1
        if row.seq > expected:
            missing = f"{expected}" if row.seq == expected + 1 else f"{expected}–{row.seq - 1}"
            flags.append(((index,), _flag(
                report, FlagCode.SEQ_GAP,
                f"Sequence jumps to {row.seq}: number(s) {missing} are missing.",
                str(expected), str(row.seq), row.page, row.seq, field="seq",
            )))
        previous = row.seq if previous is None else max(previous, row.seq)
    return flags


def check_row_money(
    report: ReportRecord, rows: Sequence[ProjectRecord], uncertain: Uncertain | None = None
) -> list[RowFlag]:
    flags: list[RowFlag] = []
    for index, row in enumerate(rows):
        if (
            not doubts_amounts(uncertain or {}, index)
            and row.budget_baht is not None
            and row.disbursed_baht is not None
            and row.disbursed_baht > row.budget_baht
        ):
            flags.append(((index,), _flag(
                report, FlagCode.DISBURSED_EXCEEDS_BUDGET,
                f"Row {row.seq}: disbursed {format_amount(row.disbursed_baht)} exceeds the budget "
                f"{format_amount(row.budget_baht)}.",
                f"<= {format_amount(row.budget_baht)}", format_amount(row.disbursed_baht),
                row.page, row.seq, field="disbursed_baht",
            )))
    return flags
