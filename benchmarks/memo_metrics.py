"""How the bundles' memos were read: the fields a memo is filed and cited by, against truth.json.

Pure over a run's outputs. A number or date counts as *flagged* when a flag on the memo's document
names it (LOW_CONFIDENCE, DATE_INVALID, DATE_UNREADABLE, HEADER_FIELD_UNREAD); a wrong value with
no such flag is *silent*, the one outcome the reader must not give.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from ingest.synth import truth_path
from normalize.text import clean_text
from scans import read_jsonl  # noqa: E402  (beside this script)

# Flags on a memo that say its number or its date may be wrong; their messages name the field
# ("The memo's number …", "The memo's date …").
FIELD_FLAGS = {
    "number": ("LOW_CONFIDENCE", "HEADER_FIELD_UNREAD"),
    "date": ("LOW_CONFIDENCE", "HEADER_FIELD_UNREAD", "DATE_INVALID", "DATE_UNREADABLE"),
}


def _flagged(flags: list[dict[str, Any]], field: str) -> bool:
    return any(f["code"] in FIELD_FLAGS[field] and f"'s {field}" in f["message"] + f["expected"] for f in flags)


def memo_scores(pdfs: list[Path], out: Path) -> dict[str, Any]:
    documents: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(out / "documents.jsonl"):
        documents[Path(row["source_file"]).name].append(row)
    flags: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(out / "flags.jsonl"):
        flags[row["document_id"]].append(row)
    right = {"number": 0, "date": 0, "addressee": 0}
    silent = {"number": 0, "date": 0}
    subject_distance = subject_length = strays = 0
    for pdf in pdfs:
        truth = json.loads(truth_path(pdf).read_text(encoding="utf-8"))["memo"]
        mine = documents[pdf.name]
        strays += sum(d["kind"] == "other" for d in mine)
        memo = next((d for d in mine if d["kind"] == "memo"), None) or {
            "document_id": "", "doc_number": "", "date": "", "subject": "", "addressee": ""}
        got = {"number": memo["doc_number"] == truth["doc_number"], "date": memo["date"] == (truth["date"] or "")}
        for field, ok in got.items():
            right[field] += ok
            silent[field] += not ok and not _flagged(flags[memo["document_id"]], field)
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
    }
