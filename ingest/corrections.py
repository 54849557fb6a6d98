"""corrections.csv: a reviewer's decisions about flagged values, read and checked.

The review page (``saraban review``) saves them; ``saraban ingest … --corrections FILE`` applies
them (saraban.ingest.apply_corrections). A decision is keyed on the file's bytes (``source_sha256``),
the document (``document_id``) and the row's printed ``seq`` (empty for a value of the
document or its report), so a file renamed or moved keeps its decisions. Each value is checked
against its column's type here, before any file is read: a bad file is one usage error, not a
batch of half-applied corrections.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from saraban.reconcile.records import DECISIONS
from saraban.parsers.status import STATUSES

COLUMNS = ("source_sha256", "document_id", "seq", "field", "value", "decision", "note", "reviewer", "decided_at")
# The values a reviewer may type, by column: a records column (with seq), a reports column of the
# summary or a documents column (without seq). Each is checked as its kind.
ROW_FIELDS = {"seq": "integer", "project_name": "text", "dimension": "dimension", "budget_baht": "decimal",
              "disbursed_baht": "decimal", "status": "status", "remarks": "text"}
SUMMARY_FIELDS = {"stated_total": "integer", "stated_awaiting_report": "integer", "stated_in_progress": "integer",
                  "stated_completed": "integer", "stated_unable_to_proceed": "integer",
                  "stated_disbursed": "decimal", "stated_disbursed_percent": "decimal"}
DOCUMENT_FIELDS = {"date": "date", "received_date": "date", "doc_number": "text", "received_number": "text",
                   "as_of": "date"}
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DOCUMENT_ID = re.compile(r"^[0-9a-f]{12}-[0-9]{2,}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DECIMAL = re.compile(r"^-?[0-9]{1,16}(\.[0-9]{1,2})?$")


class CorrectionsError(Exception):
    """corrections.csv cannot be used: the message says where and why, in one line."""


@dataclass(frozen=True, slots=True)
class Correction:
    source_sha256: str
    document_id: str
    seq: int | None  # the row's printed ลำดับ; None for a value of the document or its report
    field: str
    value: str  # as typed, checked as the field's kind (normalized: money with two places)
    decision: str  # accept | correct | unreadable
    note: str = ""
    reviewer: str = ""
    decided_at: str = ""


def field_kind(field: str, seq: int | None) -> str | None:
    """The kind of value a correction of ``field`` holds, or None when it cannot be corrected."""
    return (ROW_FIELDS if seq is not None else {**SUMMARY_FIELDS, **DOCUMENT_FIELDS}).get(field)


def checked_value(kind: str, value: str) -> str:
    """``value`` as a column of ``kind`` holds it; ValueError with why when it is not one."""
    value = value.strip()
    if kind == "text":
        return value
    if kind in ("integer", "dimension"):
        if not re.fullmatch(r"[0-9]+", value):
            raise ValueError(f"'{value}' is not a whole number")
        if kind == "dimension" and not 1 <= int(value) <= 4:
            raise ValueError(f"dimension '{value}' is not 1–4")
        return str(int(value))
    if kind == "decimal":
        plain = value.replace(",", "")
        if not _DECIMAL.match(plain):
            raise ValueError(f"'{value}' is not an amount (digits, at most two decimals)")
        return str(Decimal(plain).quantize(Decimal("0.01")))
    if kind == "status":
        if value not in (*STATUSES, "empty"):
            raise ValueError(f"status '{value}' is not one of {', '.join(STATUSES)}, empty")
        return value
    if kind == "date":
        try:
            if _DATE.match(value):
                return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
        raise ValueError(f"'{value}' is not an ISO date (YYYY-MM-DD, Gregorian)")
    raise AssertionError(kind)


def parse_corrections(text: str, name: str = "corrections.csv") -> list[Correction]:
    """The decisions of a corrections.csv's ``text``; CorrectionsError naming the first bad line."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CorrectionsError(f"{name} is not a corrections file: no column {', '.join(missing)} "
                               f"(its columns: {', '.join(COLUMNS)})")
    result = []
    for number, row in enumerate(reader, start=2):
        try:
            result.append(_correction({c: (row.get(c) or "").strip() for c in COLUMNS}))
        except ValueError as error:
            raise CorrectionsError(f"{name} line {number}: {error}") from None
    return result


def _correction(row: Mapping[str, str]) -> Correction:
    if not _SHA256.match(row["source_sha256"]):
        raise ValueError(f"source_sha256 '{row['source_sha256']}' is not a SHA-256 (64 hex digits)")
    if not _DOCUMENT_ID.match(row["document_id"]) or row["document_id"][:12] != row["source_sha256"][:12]:
        raise ValueError(f"document_id '{row['document_id']}' is not a document of that file")
    if row["decision"] not in DECISIONS:
        raise ValueError(f"decision '{row['decision']}' is not one of {', '.join(DECISIONS)}")
    if row["seq"] and not row["seq"].isdigit():
        raise ValueError(f"seq '{row['seq']}' is not a whole number")
    seq = int(row["seq"]) if row["seq"] else None
    value = row["value"]
    if row["decision"] == "correct":
        kind = field_kind(row["field"], seq)
        if kind is None:
            where = "of a row (seq given)" if seq is not None else "of a document or report (no seq)"
            allowed = ROW_FIELDS if seq is not None else {**SUMMARY_FIELDS, **DOCUMENT_FIELDS}
            raise ValueError(f"field '{row['field']}' cannot be corrected {where}; one of {', '.join(allowed)}")
        value = checked_value(kind, value)
    return Correction(row["source_sha256"], row["document_id"], seq, row["field"], value, row["decision"],
                      row["note"], row["reviewer"], row["decided_at"])


def load_corrections(path: Path) -> dict[str, tuple[Correction, ...]]:
    """The decisions of the file at ``path``, by source_sha256 (a later line about the same value
    wins: it was decided later). CorrectionsError when it cannot be read or used."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise CorrectionsError(f"--corrections {path} cannot be read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise CorrectionsError(f"--corrections {path} is not UTF-8 text (save it as CSV UTF-8)") from None
    by_file: dict[str, dict[tuple[str, int | None, str], Correction]] = {}
    for correction in parse_corrections(text, str(path)):
        key = (correction.document_id, correction.seq, correction.field)
        by_file.setdefault(correction.source_sha256, {})[key] = correction
    return {sha: tuple(decided.values()) for sha, decided in by_file.items()}


def corrections_digest(corrections: Sequence[Correction]) -> str:
    """A digest of one file's decisions: its rows depend on them as on the settings."""
    return hashlib.sha256(repr(sorted(map(repr, corrections))).encode()).hexdigest()
