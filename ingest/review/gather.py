"""What the review page shows, from an output folder's tables: pure functions over their rows.

One item per flag row (a flag about several rows is one row per row already), and one per value
read from a scan under the review threshold that no flag names (a project name between its own
threshold and the others', say): each with its file, document, organization, the value as read,
the flag's message, expected/found, the row's other values, and where on which page it stands.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from saraban.ingest.corrections import field_kind

UNFLAGGED = "LOW_CONFIDENCE_UNFLAGGED"  # a code of the page's own, never a flags row's
# Below it a value read from a scan is put up for review (the pipeline's LOW_CONFIDENCE threshold).
REVIEW_THRESHOLD = 0.8
_CONFIDENCE_OF = {"seq": "seq_confidence", "project_name": "project_name_confidence",
                  "dimension": "dimension_confidence", "budget_baht": "budget_confidence",
                  "disbursed_baht": "disbursed_confidence", "status": "status_confidence"}
# The row's values shown beside each item, in this order.
ROW_SHOWN = ("seq", "project_name", "dimension", "budget_baht", "disbursed_baht", "status", "remarks")
STATUS_ORDER = ("awaiting_report", "in_progress", "completed", "unable_to_proceed", "empty")


@dataclass(frozen=True, slots=True)
class Place:
    """Where an item stands: a page of a file, its frame (documents.pages) and the box in it
    (records.bbox: the row's; None for a value of the document: the whole page is shown)."""

    source_file: str
    page: int
    frame: Mapping[str, Any]
    bbox: tuple[float, float, float, float] | None


@dataclass(frozen=True, slots=True)
class Item:
    key: str  # unique on the page; also the crop's file name
    source_file: str
    source_sha256: str
    document_id: str
    document_kind: str
    organization: str
    code: str
    severity: str
    message: str
    expected: str
    found: str
    field: str  # as the flag names it (several joined by ';', or *)
    seq: int | None
    value: str  # the value as read (several fields' joined by '; ')
    correctable: tuple[tuple[str, str], ...]  # (field, kind) a correction may give a value for
    row: tuple[tuple[str, str], ...]  # the row's other values (column, value)
    place: Place | None
    resolution: str = "open"
    decided: str = ""  # how it was resolved, when it was: "accept by somchai", …


@dataclass(frozen=True, slots=True)
class Batch:
    files: int
    documents: int
    records: int
    flags: Counter[str]
    # organization → status → rows
    statuses: dict[str, Counter[str]] = field(default_factory=dict)


def review_items(records: Sequence[Mapping[str, Any]], documents: Sequence[Mapping[str, Any]],
                 reports: Sequence[Mapping[str, Any]], flags: Sequence[Mapping[str, Any]]) -> list[Item]:
    """The items to review, grouped by file, then document, then in the order read."""
    by_record = {r["record_id"]: r for r in records}
    by_document = {d["document_id"]: d for d in documents}
    by_report = {r["document_id"]: r for r in reports}
    # A memo's flags belong to the organization its bundle reports on (its issuer is an office).
    file_report = {r["document_id"][:12]: r for r in reports}
    items = []
    flagged: set[tuple[str, str]] = set()
    for number, flag in enumerate(flags):
        record = by_record.get(flag.get("record_id") or "")
        document = by_document.get(flag["document_id"], {})
        fields = [f for f in (flag.get("field") or "*").split(";") if f]
        if record is not None:
            flagged.update((record["record_id"], f) for f in fields)
        report = by_report.get(flag["document_id"]) or file_report.get(flag["document_id"][:12], {})
        items.append(_item(f"f{number}", flag, record, document, report, fields))
    for record in records:
        for column, confidence_column in _CONFIDENCE_OF.items():
            confidence = record.get(confidence_column)
            if (confidence is None or confidence >= REVIEW_THRESHOLD or (record["record_id"], column) in flagged
                    or ("*" in {f for r, f in flagged if r == record["record_id"]})):
                continue
            document = by_document.get(record["document_id"], {})
            flag = {"source_file": record["source_file"], "document_id": record["document_id"],
                    "page": record["page"], "seq": record["seq"], "code": UNFLAGGED, "severity": "info",
                    "message": f"Read with confidence {confidence:.2f}, under the review threshold "
                               f"{REVIEW_THRESHOLD:.2f} but not flagged (no check rests on it).",
                    "expected": f"confidence >= {REVIEW_THRESHOLD:.2f}", "found": f"{confidence:.2f}",
                    "record_id": record["record_id"], "field": column}
            items.append(_item(f"u{len(items)}", flag, record, document, by_report.get(record["document_id"], {}),
                               [column]))
    order = {d["document_id"]: i for i, d in enumerate(documents)}
    return sorted(items, key=lambda i: (i.source_file, order.get(i.document_id, 0), i.seq is not None,
                                        i.seq or 0))


def _item(key: str, flag: Mapping[str, Any], record: Mapping[str, Any] | None, document: Mapping[str, Any],
          report: Mapping[str, Any], fields: list[str]) -> Item:
    seq = record["seq"] if record is not None else flag.get("seq")
    own_report = report if report.get("document_id") == flag["document_id"] else {}
    about = record if record is not None else {**document, **own_report}
    shown = [f for f in fields if f in about] if fields != ["*"] else []
    value = "; ".join(_text(about.get(f)) for f in shown)
    candidates = fields if fields != ["*"] else (list(ROW_SHOWN) if record is not None else [])
    correctable = tuple((f, kind) for f in candidates
                        if (kind := field_kind(f, seq if record is not None else None)) is not None)
    row = tuple((c, _text(record.get(c))) for c in ROW_SHOWN) if record is not None else ()
    decided = ""
    if flag.get("resolution") == "resolved":
        decided = f"{flag.get('decision') or 'decided'}" + (f" by {flag['reviewer']}" if flag.get("reviewer") else "")
    return Item(
        key=key, source_file=flag["source_file"], source_sha256=(record or {}).get("source_sha256") or "",
        document_id=flag["document_id"], document_kind=document.get("kind", ""),
        organization=(record or report or {}).get("organization") or document.get("issuer") or "",
        code=flag["code"], severity=flag["severity"], message=flag["message"], expected=flag.get("expected") or "",
        found=flag.get("found") or "", field=flag.get("field") or "*", seq=seq if record is not None else None,
        value=value, correctable=correctable, row=row, place=_place(flag, record, document),
        resolution=flag.get("resolution") or "open", decided=decided,
    )


def with_shas(items: list[Item], records: Sequence[Mapping[str, Any]],
              shas: Mapping[str, str] | None = None) -> list[Item]:
    """Items with their file's full SHA-256, from the records of the same document id prefix or
    ``shas`` (document id prefix → SHA-256, e.g. from the store's processed_files)."""
    known = {r["document_id"][:12]: r["source_sha256"] for r in records}
    known.update(shas or {})
    return [i if i.source_sha256 else replace(i, source_sha256=known.get(i.document_id[:12], "")) for i in items]


def _place(flag: Mapping[str, Any], record: Mapping[str, Any] | None, document: Mapping[str, Any]) -> Place | None:
    frames = {p["page"]: p for p in json.loads(document.get("pages") or "[]")}
    page = (record or {}).get("page") or flag.get("page") or document.get("first_page")
    frame = frames.get(page)
    if frame is None or frame.get("source") == "ocr-text" or not frame.get("width"):
        return None
    bbox = json.loads(record["bbox"]) if record is not None and record.get("bbox") else None
    return Place(document.get("source_file") or flag["source_file"], page, frame,
                 tuple(bbox) if bbox and len(bbox) == 4 else None)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def batch_summary(records: Sequence[Mapping[str, Any]], documents: Sequence[Mapping[str, Any]],
                  flags: Sequence[Mapping[str, Any]]) -> Batch:
    statuses: dict[str, Counter[str]] = {}
    for record in records:
        statuses.setdefault(record.get("organization") or "(no organization)", Counter())[record["status"]] += 1
    return Batch(
        files=len({d["source_file"] for d in documents}), documents=len(documents), records=len(records),
        flags=Counter(f["code"] for f in flags), statuses=dict(sorted(statuses.items())),
    )
