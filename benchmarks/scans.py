"""Scanned-path benchmark: generated damaged bundles with known truth, through the pipeline.

    .venv/bin/python benchmarks/scans.py --bundles 20 --seed 1000 --jobs 2

Generates N bundles (fixed seeds, random damage and injected inconsistencies), runs the whole
pipeline on them as a user would (``saraban.ingest.runner.run``), scores records, documents and flags
against each bundle's truth.json, and times raw ``tesseract -l tha+eng`` once per page over the
same pages with the same number of parallel processes. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from saraban.ingest.config import IngestConfig  # noqa: E402
from saraban.ingest.runner import run  # noqa: E402
from synth import InjectionCode, SynthConfig, generate_bundle, truth_path  # noqa: E402
from saraban.normalize.text import clean_text  # noqa: E402

from bench_output import print_result  # noqa: E402  (beside this script)

FIELDS = ("seq", "dimension", "budget", "disbursed", "status")
# A tick injection leaves the summary counting the intended status, so the count check
# rightly fires too.
INJECTABLE = frozenset(str(code) for code in InjectionCode)  # the flags a bundle can be given
CONSEQUENCES = {"STATUS_MISSING": {"SUMMARY_COUNT_MISMATCH"}, "STATUS_MULTIPLE": {"SUMMARY_COUNT_MISMATCH"}}


def generate(folder: Path, count: int, seed: int, inject_rate: float) -> list[Path]:
    config = SynthConfig(inject_random_rate=inject_rate)
    return [generate_bundle(seed + i, folder, config) for i in range(count)]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def name_key(text: str) -> str:
    return clean_text(text).replace(" ", "")


def aligned(truth_rows: list[dict[str, Any]], records: list[dict[str, Any]]) -> list[tuple[dict, dict]]:
    """Pairs of (truth row, record) in printed order. A missed or phantom row must not shift
    every later pair, so rows are aligned on (page, seq) first, and the stretches between
    anchors are paired in order (a misread seq still gets scored, as wrong)."""
    import difflib

    keys_a = [(r["page"], r["seq"]) for r in truth_rows]
    keys_b = [(r["page"], r["seq"]) for r in records]
    pairs = []
    matcher = difflib.SequenceMatcher(a=keys_a, b=keys_b, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            pairs.extend(zip(truth_rows[a0:a1], records[b0:b1]))
    return pairs


def score(pdfs: list[Path], out: Path) -> dict[str, Any]:
    records = defaultdict(list)
    for row in read_jsonl(out / "records.jsonl"):
        records[Path(row["source_file"]).name].append(row)
    documents = defaultdict(list)
    for row in read_jsonl(out / "documents.jsonl"):
        documents[Path(row["source_file"]).name].append(row)
    flags = defaultdict(list)
    for row in read_jsonl(out / "flags.jsonl"):
        flags[Path(row["source_file"]).name].append(row)
    errors = read_jsonl(out / "errors.jsonl")
    found = expected = 0
    right: Counter[str] = Counter()
    compared = 0
    name_distance = name_length = 0
    memo_number = memo_date = 0
    true_positive = injected_total = predicted_total = predicted_right = 0
    for pdf in pdfs:
        truth = json.loads(truth_path(pdf).read_text(encoding="utf-8"))
        rows, mine = truth["report"]["rows"], records[pdf.name]
        found += len(mine)
        expected += len(rows)
        for want, got in aligned(rows, mine):
            compared += 1
            dimension = want["dimension"] if 1 <= want["dimension"] <= 4 else None
            status = want["status"] if want["status"] in (
                "awaiting_report", "in_progress", "completed", "unable_to_proceed") else "empty"
            right["seq"] += got["seq"] == want["seq"]
            right["dimension"] += got["dimension"] == dimension
            right["budget"] += got["budget_baht"] == want["budget"]
            right["disbursed"] += got["disbursed_baht"] == want["disbursed"]
            right["status"] += got["status"] == status
            name_distance += Levenshtein.distance(name_key(got["project_name"]), name_key(want["project_name"]))
            name_length += len(name_key(want["project_name"]))
        memo = next((d for d in documents[pdf.name] if d["kind"] == "memo"), None)
        memo_number += memo is not None and memo["doc_number"] == truth["memo"]["doc_number"]
        memo_date += memo is not None and (memo["date"] or "") == (truth["memo"]["date"] or "")
        wanted = {(i["code"], i["seq"]) for i in truth["injected"]}
        allowed = {code for code, _ in wanted} | {
            c for code, _ in wanted for c in CONSEQUENCES.get(code, ())
        }
        predicted = {(f["code"], f["seq"]) for f in flags[pdf.name] if f["code"] in INJECTABLE}
        # An injection is found when its code fires on its row (or anywhere, for report-level).
        hits = {w for w in wanted if w in predicted or (w[1] is None and any(p[0] == w[0] for p in predicted))}
        true_positive += len(hits)
        injected_total += len(wanted)
        predicted_total += len(predicted)
        predicted_right += sum(1 for code, _ in predicted if code in allowed)
    bundles = len(pdfs)
    return {
        "bundles": bundles,
        "errors": len(errors),
        "rows_found": found,
        "rows_expected": expected,
        **{f"{f}_accuracy": right[f] / max(1, compared) for f in FIELDS},
        "project_name_cer": name_distance / max(1, name_length),
        "memo_doc_number_accuracy": memo_number / bundles,
        "memo_date_accuracy": memo_date / bundles,
        "injected": injected_total,
        "injection_recall": true_positive / max(1, injected_total),
        "injection_precision": predicted_right / max(1, predicted_total),
    }


def render_pages(pdfs: list[Path], folder: Path) -> list[Path]:
    pages = []
    for pdf in pdfs:
        truth = json.loads(truth_path(pdf).read_text(encoding="utf-8"))
        document = pdfium.PdfDocument(pdf)
        for index in range(len(document)):
            dpi = truth["pages"][index]["dpi"]
            path = folder / f"{pdf.stem}-p{index + 1}.png"
            document[index].render(scale=dpi / 72).to_pil().save(path)
            pages.append(path)
    return pages


def _raw_tesseract(path: Path) -> None:
    subprocess.run(["tesseract", str(path), "-", "-l", "tha+eng"], capture_output=True, check=True,
                   env={**os.environ, "OMP_THREAD_LIMIT": "1"})


def time_raw_tesseract(pages: list[Path], jobs: int) -> float:
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_raw_tesseract, pages))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--inject-rate", type=float, default=0.25)
    parser.add_argument("--workdir", type=Path, default=None, help="keep bundles and outputs here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        work = args.workdir or Path(temporary)
        bundles, out, pngs = work / "bundles", work / "out", work / "pages"
        for folder in (bundles, out, pngs):
            folder.mkdir(parents=True, exist_ok=True)
        pdfs = generate(bundles, args.bundles, args.seed, args.inject_rate)
        page_count = sum(len(pdfium.PdfDocument(p)) for p in pdfs)
        start = time.perf_counter()
        run(pdfs, out, IngestConfig(jobs=args.jobs), reprocess=True)  # a kept --workdir must not skip files
        pipeline_seconds = time.perf_counter() - start
        result = score(pdfs, out)
        raw_seconds = time_raw_tesseract(render_pages(pdfs, pngs), args.jobs)
    result["pages"] = page_count
    result["pipeline_pages_per_minute"] = page_count / pipeline_seconds * 60
    result["raw_tesseract_pages_per_minute"] = page_count / raw_seconds * 60
    result["speed_ratio"] = result["pipeline_pages_per_minute"] / result["raw_tesseract_pages_per_minute"]
    print_result(
        f".venv/bin/python benchmarks/scans.py --bundles {args.bundles} --seed {args.seed} "
        f"--jobs {args.jobs} --inject-rate {args.inject_rate}",
        subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()[0],
        result,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
