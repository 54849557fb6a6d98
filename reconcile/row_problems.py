"""The flags one report row raises on its own: values (a project name included) read with low
confidence, a ลำดับ, มิติ or amount that is not one, a status column ticked never or more than once.

Pure functions over a parsed row and the record built from it; the checks across rows and
against the summary live in saraban.reconcile.checks.
"""

from __future__ import annotations

from collections.abc import Iterator

from saraban.reconcile.flags import FlagCode
from saraban.reconcile.records import ProjectRecord
from saraban.parsers.report import RawRow

CHECKED_FIELDS = ("seq", "dimension", "budget", "disbursed")  # values the checks rest on
# A cell's role → the records column it fills (a flag's ``field``).
COLUMN = {"seq": "seq", "dimension": "dimension", "budget": "budget_baht", "disbursed": "disbursed_baht",
          "name": "project_name"}
LABEL = {"name": "project name"}  # a cell's role as messages name it, where the role's name is unclear


def uncertain_fields(row: RawRow, threshold: float) -> dict[str, float]:
    """The checked values of ``row`` read with OCR confidence under ``threshold``."""
    return {
        role: confidence for role, confidence in row.field_confidence
        if role in CHECKED_FIELDS and confidence < threshold
    }


def uncertain_name(row: RawRow, threshold: float) -> dict[str, float]:
    """{"name": confidence} when ``row``'s project name was read with OCR confidence under
    ``threshold``, else nothing. No check rests on a name, so this doubt only asks for a look."""
    confidence = dict(row.field_confidence).get("name")
    return {"name": confidence} if confidence is not None and confidence < threshold else {}


def unparseable_ocr_amounts(row: RawRow, record: ProjectRecord) -> list[str]:
    """The amount fields of an OCR'd row (one with reading confidences) whose printed text
    gave no amount."""
    read = {role for role, _ in row.field_confidence}
    return [
        field for field in ("budget", "disbursed")
        if field in read and getattr(record, f"{field}_baht") is None and getattr(row, f"{field}_raw").strip()
    ]


def row_problems(
    row: RawRow, record: ProjectRecord, seq: str, doubtful: dict[str, float], ocr_threshold: float,
    status_threshold: float, name_threshold: float,
) -> Iterator[tuple[FlagCode, str, str, str, str]]:
    """The flags of one row, which messages call Row ``seq``: (code, field, message, expected,
    found); ``field`` is the records column concerned (several joined by ';').
    ``doubtful`` are its values read under ``ocr_threshold`` (its name, under ``name_threshold``);
    a tick read less sure than ``status_threshold`` is ambiguous."""
    if doubtful:
        raw_text = {"seq": row.seq_raw, "dimension": row.dimension_raw,
                    "budget": row.budget_raw, "disbursed": row.disbursed_raw, "name": row.name_raw}
        read = ", ".join(f"{LABEL.get(field, field)} '{raw_text[field]}' ({confidence:.2f})"
                         for field, confidence in doubtful.items())
        wanted = [f"project name confidence >= {name_threshold:.2f}" if field == "name"
                  else f"confidence >= {ocr_threshold:.2f}" for field in doubtful]
        yield (FlagCode.LOW_CONFIDENCE, ";".join(COLUMN[field] for field in doubtful), f"Row {seq or '?'}: read with low OCR confidence: {read}; "
               f"check these cells on page {row.page}.",
               "; ".join(dict.fromkeys(wanted)),
               "; ".join(f"{field} {confidence:.2f}" for field, confidence in doubtful.items()))
    if record.seq is None and "seq" not in doubtful:
        shown = f"'{row.seq_raw}'" if row.seq_raw else "empty"
        yield (FlagCode.SEQ_MISSING, "seq", f"A row on page {row.page} has no sequence number (its ลำดับ cell is "
               f"{shown}).", "a whole number", row.seq_raw)
    # A value the OCR was unsure of is not evidence that the printed value is wrong: the
    # LOW_CONFIDENCE flag above already points at the cell.
    if record.dimension is None and "dimension" not in doubtful:
        yield (FlagCode.DIMENSION_INVALID, "dimension", f"Row {seq}: the dimension '{row.dimension_raw}' is not 1–4.",
               "1–4", row.dimension_raw)
    for label, raw, value in (("budget", row.budget_raw, record.budget_baht),
                              ("disbursed", row.disbursed_raw, record.disbursed_baht)):
        if value is None and label not in doubtful:
            shown = raw if raw else "(empty cell)"
            yield (FlagCode.AMOUNT_UNPARSEABLE, COLUMN[label], f"Row {seq}: the {label} '{shown}' is not an amount.",
                   "an amount like 50,000.00", raw)
    status = row.status
    if status.ticks == 0 and record.status_confidence < status_threshold:
        # No tick seen, but a cell may hold one the reader could not judge (a column whose
        # label was not read, ink near the threshold): a doubt about the reading, not a
        # missing tick in the document.
        yield (FlagCode.STATUS_AMBIGUOUS, "status", f"Row {seq}: no tick was seen, but only with confidence "
               f"{record.status_confidence:.2f} ({status.evidence}); check its status cells.",
               "a certain status column", "none")
    elif status.ticks == 0:
        yield (FlagCode.STATUS_MISSING, "status", f"Row {seq}: no status column is ticked.", "one tick", "none")
    elif status.ticks > 1:
        yield (FlagCode.STATUS_MULTIPLE, "status", f"Row {seq}: {status.ticks} status columns are ticked "
               f"({', '.join(status.candidates)}).", "one tick", ";".join(status.candidates))
    elif record.status_confidence < status_threshold:
        yield (FlagCode.STATUS_AMBIGUOUS, "status", f"Row {seq}: read as {status.status} with confidence "
               f"{record.status_confidence:.2f} ({status.evidence}).", "a certain status column",
               ";".join(status.candidates))
