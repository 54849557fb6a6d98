"""What sources.py adds to scans.py's score: how much a person must review, how many wrong values
pass unflagged, whether the per-field confidences mean what they say, and accuracy by typeface.

Pure over the run's outputs and the bundles' truth files; shares score()'s idea of "right".
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from synth import truth_path
from scans import FIELDS, aligned, name_key, read_jsonl, score  # noqa: E402  (beside this script)

STATUS_VALUES = ("awaiting_report", "in_progress", "completed", "unable_to_proceed")
CALIBRATED = (*FIELDS, "project_name")
# records.jsonl's confidence of each field; ocr_confidence stands in where a column is absent.
CONFIDENCE = {"seq": "seq_confidence", "dimension": "dimension_confidence", "budget": "budget_confidence",
              "disbursed": "disbursed_confidence", "status": "status_confidence",
              "project_name": "project_name_confidence"}
BANDS = ("[0, 0.5)", "[0.5, 0.8)", "[0.8, 0.95)", "[0.95, 1.0)", "1.0", "none")
NAME_RIGHT_CER = 0.02  # a project name counts as right within 2 % character errors


def records_by_file(out: Path) -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_jsonl(out / "records.jsonl"):
        records[Path(row["source_file"]).name].append(row)
    return records


def field_rights(want: dict[str, Any], got: dict[str, Any]) -> dict[str, bool]:
    """Each field of one record right or wrong against its truth row, as score() counts them."""
    dimension = want["dimension"] if 1 <= want["dimension"] <= 4 else None
    status = want["status"] if want["status"] in STATUS_VALUES else "empty"
    expected_name = name_key(want["project_name"])
    distance = Levenshtein.distance(name_key(got["project_name"] or ""), expected_name)
    return {
        "seq": got["seq"] == want["seq"],
        "dimension": got["dimension"] == dimension,
        "budget": got["budget_baht"] == want["budget"],
        "disbursed": got["disbursed_baht"] == want["disbursed"],
        "status": got["status"] == status,
        "project_name": distance <= NAME_RIGHT_CER * max(1, len(expected_name)),
    }


def pairs(pdfs: list[Path], out: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(truth row, record) for every row the reader found and aligned, over all bundles."""
    records = records_by_file(out)
    for pdf in pdfs:
        truth = json.loads(truth_path(pdf).read_text(encoding="utf-8"))
        yield from aligned(truth["report"]["rows"], records[pdf.name])


def review_and_silence(pdfs: list[Path], out: Path) -> dict[str, Any]:
    """review load: share of records with any flag; silent error rate: wrong values among the
    FIELDS of records with no flag at all, over all such values."""
    records = records_by_file(out)
    found = sum(len(records[pdf.name]) for pdf in pdfs)
    flagged = sum(1 for pdf in pdfs for row in records[pdf.name] if row.get("flags"))
    unflagged_values = silent = 0
    for want, got in pairs(pdfs, out):
        if got.get("flags"):
            continue
        rights = field_rights(want, got)
        unflagged_values += len(FIELDS)
        silent += sum(not rights[f] for f in FIELDS)
    return {
        "review_load": flagged / max(1, found),
        "unflagged_values": unflagged_values,
        "silent_wrong_values": silent,
        "silent_error_rate": silent / max(1, unflagged_values),
    }


def band(confidence: float | None) -> str:
    if confidence is None:
        return "none"
    if confidence >= 1.0:
        return "1.0"
    for name, upper in zip(BANDS, (0.5, 0.8, 0.95, 1.0)):
        if confidence < upper:
            return name
    return "1.0"


def calibration(pdfs: list[Path], out: Path) -> dict[tuple[str, str], tuple[int, int]]:
    """(field, band) -> (values, right values)."""
    counts: Counter[tuple[str, str, bool]] = Counter()
    for want, got in pairs(pdfs, out):
        rights = field_rights(want, got)
        for field in CALIBRATED:
            key = CONFIDENCE[field] if CONFIDENCE[field] in got else "ocr_confidence"
            counts[(field, band(got.get(key)), rights[field])] += 1
    return {(field, name): (counts[(field, name, True)] + counts[(field, name, False)], counts[(field, name, True)])
            for field in CALIBRATED for name in BANDS}


TEMPLATE_SOURCES = frozenset({"tlwg", "noto"})  # the font folders saraban.ingest.ocr.digit_glyphs draws from
TEMPLATE_SIPA_FAMILIES = frozenset({"TH Sarabun New", "TH Sarabun PSK"})  # ... and its GOVERNMENT_FONTS


def by_font(pdfs: list[Path], out: Path) -> dict[str, dict[str, Any]]:
    """score() over the bundles set in a face the digit templates are drawn from (TLWG, Noto,
    the two TH Sarabun; saraban.ingest.ocr.digit_glyphs) and over the others, the SIPA faces they never
    saw (browser truth's style)."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for pdf in pdfs:
        style = json.loads(truth_path(pdf).read_text(encoding="utf-8")).get("style", {})
        seen = style.get("font_source") in TEMPLATE_SOURCES or style.get("font_family") in TEMPLATE_SIPA_FAMILIES
        groups["template faces" if seen else "other"].append(pdf)
    return {name: score(members, out) for name, members in sorted(groups.items())}
