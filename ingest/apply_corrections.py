"""Apply a reviewer's decisions (saraban.ingest.corrections) to one file's rows: pure functions.

A corrected value goes into the report as if it had been printed and read for sure (its raw
text replaced, its confidence 1.0), and the report is built again from it, so every check runs
on the corrected values: a corrected tick that makes the table's counts agree with the summary
clears the SUMMARY_COUNT_MISMATCH it caused. The flags a reviewer decided are kept, marked
resolved with the decision, even where the corrected value no longer raises them: the record of
what was doubted and who settled it stays with the data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from saraban.ingest.corrections import DOCUMENT_FIELDS, ROW_FIELDS, SUMMARY_FIELDS, Correction
from saraban.reconcile.records import FlagRecord, ProjectRecord
from saraban.parsers.report import RawReport, RawRow
from saraban.parsers.status import EMPTY, STATUSES, StatusReading

if TYPE_CHECKING:
    from saraban.reconcile.build_report import ReportResult
    from saraban.ingest.pipeline import FileResult

# Where a records column's reading sits in a raw row: its text attribute and its confidence key.
_RAW_ROW = {"seq": ("seq_raw", "seq"), "project_name": ("name_raw", "name"),
            "dimension": ("dimension_raw", "dimension"), "budget_baht": ("budget_raw", "budget"),
            "disbursed_baht": ("disbursed_raw", "disbursed"), "remarks": ("remarks", None)}
# Where a reports column sits in the raw summary: its text and confidence key.
_RAW_SUMMARY = {"stated_total": "total", "stated_disbursed": "disbursed",
                "stated_disbursed_percent": "disbursed_percent",
                **{f"stated_{s}": s for s in STATUSES}}
_REVIEWED = "corrected by a reviewer"


def reviewed_report(
    raw: RawReport, built: ReportResult, decisions: Sequence[Correction],
    build: Callable[[RawReport], ReportResult],
) -> ReportResult:
    """The report ``built`` from ``raw``, with ``decisions`` about it applied: corrected values
    read again through ``build`` (the same build_report), decided flags marked resolved."""
    index = {}
    for i, record in enumerate(built.records):
        index.setdefault(record.seq, i)
    bound = [(d, built.records[index[d.seq]].record_id if d.seq in index else "") for d in decisions
             if d.seq is None or d.seq in index]
    rows, summary = list(raw.rows), raw.summary
    corrected: dict[int, list[str]] = {}
    for decision, _ in bound:
        if decision.decision != "correct":
            continue
        if decision.seq is not None and decision.field in ROW_FIELDS:
            i = index[decision.seq]
            rows[i] = corrected_row(rows[i], decision.field, decision.value)
            corrected.setdefault(i, []).append(decision.field)
        elif decision.seq is None and decision.field in SUMMARY_FIELDS:
            key = _RAW_SUMMARY[decision.field]
            counts = dict(summary.counts_raw)
            text = {"total_raw": summary.total_raw, "disbursed_raw": summary.disbursed_raw,
                    "disbursed_percent_raw": summary.disbursed_percent_raw}
            if key in STATUSES:
                counts[key] = decision.value
            else:
                text[f"{key}_raw"] = decision.value
            summary = replace(summary, counts_raw=counts, confidence={**summary.confidence, key: 1.0}, **text)
    again = build(replace(raw, rows=tuple(rows), summary=summary)) if corrected or summary is not raw.summary else built
    records = [
        replace(r, value_source="review", reviewed_fields=";".join(dict.fromkeys(corrected[i]))) if i in corrected else r
        for i, r in enumerate(again.records)
    ]
    now = {_identity(f) for f in again.flags}
    # A flag a decision was about that the corrected values no longer raise is kept, resolved.
    gone = [f for f in built.flags if _identity(f) not in now and _decision(f, bound) is not None]
    flags = [_resolved(f, _decision(f, bound)) for f in (*again.flags, *gone)]
    return replace(again, records=tuple(with_flag_codes(records, flags)), flags=tuple(flags))


def corrected_row(row: RawRow, field: str, value: str) -> RawRow:
    """``row`` as if ``field`` had been printed as ``value`` and read for sure."""
    if field == "status":
        status = EMPTY if value == EMPTY else value
        return _sure(replace(row, status=StatusReading(status, 1.0, () if status == EMPTY else (status,),
                                                        0 if status == EMPTY else 1, _REVIEWED)))
    attribute, key = _RAW_ROW[field]
    row = replace(row, **{attribute: value})
    if key is None:
        return row
    confidence = dict(row.field_confidence)
    confidence[key] = 1.0
    return _sure(replace(row, field_confidence=tuple(confidence.items())))


def _sure(row: RawRow) -> RawRow:
    """The row's lowest confidence again, a corrected value no longer holding it down."""
    values = [c for _, c in row.field_confidence]
    return replace(row, confidence=min(values) if values else row.confidence)


def with_flag_codes(records: Sequence[ProjectRecord], flags: Sequence[FlagRecord]) -> list[ProjectRecord]:
    """``records`` whose ``flags`` column lists exactly the codes of the flag rows naming them."""
    codes: dict[str, list[str]] = {}
    for flag in flags:
        if flag.record_id:
            codes.setdefault(flag.record_id, []).append(flag.code)
    return [replace(r, flags=";".join(dict.fromkeys(codes.get(r.record_id, [])))) for r in records]


def reviewed_file(result: FileResult, decisions: Sequence[Correction]) -> FileResult:
    """``result`` with the decisions about its documents as a whole applied: values of a
    documents or reports row corrected, and every flag still open that a decision is about
    (a document-level flag, or any flag of a document marked unreadable) resolved."""
    bound = [(d, "") for d in decisions if d.seq is None or d.decision == "unreadable"]
    flags = [f if f.resolution == "resolved" else _resolved(f, _decision(f, bound)) for f in result.flags]
    documents, reports = list(result.documents), list(result.reports)
    for decision in decisions:
        if decision.decision != "correct" or decision.seq is not None or decision.field not in DOCUMENT_FIELDS:
            continue
        # A report's 'as of' date is its documents row's date as well (saraban.ingest.pipeline).
        targets = [(reports, "as_of"), (documents, "date")] if decision.field == "as_of" else [(documents, decision.field)]
        for table, column in targets:
            for i, row in enumerate(table):
                if row.document_id == decision.document_id:
                    table[i] = replace(row, **{column: decision.value})
    return replace(result, flags=flags, documents=documents, reports=reports)


def _identity(flag: FlagRecord) -> tuple[str, str, str, str]:
    return flag.document_id, flag.record_id, flag.code, flag.field


def _decision(flag: FlagRecord, bound: Sequence[tuple[Correction, str]]) -> Correction | None:
    """The last decision ``flag`` is about: one on its document as unreadable, or one on its row
    (``record_id`` bound from the decision's seq; "" for the document's own values) and one of
    its fields."""
    found = None
    for decision, record_id in bound:
        if decision.document_id != flag.document_id:
            continue
        fields = flag.field.split(";")
        if decision.decision == "unreadable" or (
                record_id == flag.record_id and (decision.field in fields or "*" in (flag.field, decision.field))):
            found = decision
    return found


def _resolved(flag: FlagRecord, decision: Correction | None) -> FlagRecord:
    if decision is None:
        return flag
    note = decision.note
    if decision.decision == "correct":
        note = f"corrected to {decision.value}" + (f": {note}" if note else "")
    return replace(flag, resolution="resolved", decision=decision.decision, reviewer=decision.reviewer,
                   decided_at=decision.decided_at, review_note=note)
