"""The document's own confirmation of a table reading: when what the report states adds up
exactly with what its rows were read as, the values in that sum are right, however unsure the
OCR was of each one.

A single misread ลำดับ breaks 1, 2, …, n; a single misread amount moves the column's sum off
the stated total; a tick read in the wrong column moves two of the four stated counts. Only two
misreads cancelling each other exactly would pass, which is far rarer than the misreads the
OCR's confidence leaves in doubt. So a column that adds up is confirmed: its values take
CONFIRMED_CONFIDENCE and no LOW_CONFIDENCE or STATUS_AMBIGUOUS is raised for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from saraban.reconcile.records import ProjectRecord, ReportRecord
from saraban.parsers.status import STATUSES

CONFIRMED_CONFIDENCE = 0.99
# record field → the row's confidence column it raises
_CONFIDENCE_OF = {"seq": "seq_confidence", "disbursed": "disbursed_confidence", "status": "status_confidence"}


def confirmed_fields(report: ReportRecord, rows: Sequence[ProjectRecord]) -> frozenset[str]:
    """The fields of ``rows`` (seq, disbursed, status) that the report's own figures confirm."""
    if not rows:
        return frozenset()
    confirmed = set()
    if [r.seq for r in rows] == list(range(1, len(rows) + 1)) and report.stated_total in (None, len(rows)):
        confirmed.add("seq")
    if (
        report.stated_disbursed is not None
        and all(r.disbursed_baht is not None for r in rows)
        and report.disbursed_sum == report.stated_disbursed
    ):
        confirmed.add("disbursed")
    stated = [getattr(report, f"stated_{s}") for s in STATUSES]
    table = [getattr(report, f"table_{s}") for s in STATUSES]
    if None not in stated and stated == table and sum(table) == len(rows):
        confirmed.add("status")  # every row holds one tick, and they count as stated
    return frozenset(confirmed)


def with_confirmed(record: ProjectRecord, confirmed: frozenset[str]) -> ProjectRecord:
    """``record`` with the confidence of each confirmed value raised to CONFIRMED_CONFIDENCE."""
    raised = {}
    for field in confirmed:
        column = _CONFIDENCE_OF[field]
        value = getattr(record, column)
        if value is not None and value < CONFIRMED_CONFIDENCE:
            raised[column] = CONFIRMED_CONFIDENCE
    return replace(record, **raised) if raised else record
