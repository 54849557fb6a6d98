"""How the bundles' memos were read: the fields a memo is filed and cited by, against truth.json.

Pure over a run's outputs. A number or date counts as *flagged* when a flag on the memo's document
names it (LOW_CONFIDENCE, DATE_INVALID, DATE_UNREADABLE, HEADER_FIELD_UNREAD); a wrong value with
no such flag is *silent*, the one outcome the reader must not give (an empty field is not a
value, and a memo's own empty number or date is flagged HEADER_FIELD_UNREAD).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from synth import truth_path
from saraban.normalize.text import clean_text
from scans import read_jsonl  # noqa: E402  (beside this script)

# Flags on a memo that say its number or its date, or its receiving stamp's, may be wrong; their
# messages name the field ("The memo's number …", "The receiving stamp's date …").
FIELD_FLAGS = {
    "number": ("LOW_CONFIDENCE", "HEADER_FIELD_UNREAD"),
    "date": ("LOW_CONFIDENCE", "HEADER_FIELD_UNREAD", "DATE_INVALID", "DATE_UNREADABLE"),
}


def _flagged(flags: list[dict[str, Any]], field: str, whose: str = "memo's") -> bool:
    return any(f["code"] in FIELD_FLAGS[field] and f"{whose} {field}" in f["message"] + f["expected"] for f in flags)


def memo_scores(pdfs: list[Path], out: Path) -> dict[str, Any]:
    documents: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(out / "documents.jsonl"):
        documents[Path(row["source_file"]).name].append(row)
    flags: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(out / "flags.jsonl"):
        flags[row["document_id"]].append(row)
    right = {"number": 0, "date": 0, "addressee": 0, "stamp number": 0, "stamp date": 0}
    silent = {"number": 0, "date": 0, "stamp number": 0, "stamp date": 0}
    stamp_taken = 0  # memos whose own number or date is their stamp's
    stamps = 0  # memos with a stamp drawn on them
    subject_distance = subject_length = strays = 0
    for pdf in pdfs:
        whole = json.loads(truth_path(pdf).read_text(encoding="utf-8"))
        truth, stamped = whole["memo"], not whole.get("source", "").endswith("digital")
        mine = documents[pdf.name]
        strays += sum(d["kind"] == "other" for d in mine)
        memo = next((d for d in mine if d["kind"] == "memo"), None) or {
            "document_id": "", "doc_number": "", "date": "", "subject": "", "addressee": "",
            "received_number": "", "received_date": ""}
        # A missing date is null in documents.jsonl: compared as "" (nothing given).
        got = {"number": (memo["doc_number"], truth["doc_number"]), "date": (memo["date"] or "", truth["date"] or "")}
        for field, (value, wanted) in got.items():
            right[field] += value == wanted
            silent[field] += value not in ("", wanted) and not _flagged(flags[memo["document_id"]], field)
        stamp = truth["stamp"]
        got_stamp = {"stamp number": (memo.get("received_number", ""), str(stamp["number"])),
                     "stamp date": (memo.get("received_date") or "", stamp["date"])}
        stamps += stamped
        for field, (value, wanted) in got_stamp.items() if stamped else ():  # born-digital: no stamp drawn
            right[field] += value == wanted
            silent[field] += value not in ("", wanted) and not _flagged(
                flags[memo["document_id"]], field.split()[1], "receiving stamp's")
        stamp_taken += ((memo["date"] or "") == stamp["date"] != (truth["date"] or "")) or (
            memo["doc_number"] != "" and memo["doc_number"] == str(stamp["number"]))
        right["addressee"] += clean_text(memo["addressee"]) == clean_text(truth["addressee"])
        want = clean_text(truth["subject"])
        subject_distance += Levenshtein.distance(clean_text(memo["subject"]), want)
        subject_length += len(want)
    memos = max(1, len(pdfs))
    return {
        "memo_number_wrong_unflagged": silent["number"],
        "memo_date_wrong_unflagged": silent["date"],
        "memo_subject_cer": subject_distance / max(1, subject_length),
        "memo_addressee_accuracy": right["addressee"] / memos,
        "stray_other_documents": strays,
        "stamp_number_accuracy": right["stamp number"] / stamps if stamps else None,
        "stamp_date_accuracy": right["stamp date"] / stamps if stamps else None,
        "stamp_number_wrong_unflagged": silent["stamp number"],
        "stamp_date_wrong_unflagged": silent["stamp date"],
        "memo_fields_taken_from_stamp": stamp_taken,
    }
