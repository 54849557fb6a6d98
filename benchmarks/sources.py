"""Reading accuracy by source of test documents: PIL drawings, browser prints scanned, born-digital.

    .venv/bin/python benchmarks/sources.py --source all --bundles 20 --seed 3000 --jobs 2

For each source, the same number of bundles from one seed go through the whole pipeline
(``saraban.ingest.runner.run``) and are scored against their truth.json with scans.py's score(), plus
the review load, the silent error rate, a confidence calibration table and, for the browser
sources, accuracy split by typeface (TLWG faces, which the digit templates come from, against
the others). Pages per minute exclude generation; scanned sources are also timed against raw
``tesseract -l tha+eng`` on the same pages, and the born-digital pipeline against the scanned
one on the same bundles. ``--source pil`` gives scans.py's figures for the same arguments.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from saraban.ingest.config import IngestConfig  # noqa: E402
from saraban.ingest.runner import run  # noqa: E402
from synth import SynthConfig  # noqa: E402

from scans import FIELDS, generate, render_pages, score, time_raw_tesseract  # noqa: E402  (beside this script)
from memo_metrics import memo_scores  # noqa: E402
from source_metrics import BANDS, CALIBRATED, by_font, calibration, review_and_silence  # noqa: E402

SOURCES = ("pil", "browser-scan", "browser-digital")
SCANNED = frozenset({"pil", "browser-scan"})


def _browser_bundle(seed: int, folder: Path, inject_rate: float) -> tuple[Path, Path] | None:
    """The bundle of ``seed``, or None when the generator cannot lay it out (a page the browser
    breaks where the generator cannot follow): that seed is skipped and counted, not the run lost."""
    from synth.browser import generate_browser_bundle  # in the worker: Chromium only when asked
    from synth.browser.errors import LayoutError

    try:
        paths = generate_browser_bundle(seed, folder, SynthConfig(inject_random_rate=inject_rate))
    except LayoutError as error:
        print(f"seed {seed} skipped: {error}", file=sys.stderr)
        return None
    return paths.scan, paths.digital


def generate_browser(
    folder: Path, count: int, seed: int, inject_rate: float, jobs: int,
) -> tuple[list[Path], list[Path], list[int]]:
    """The browser bundles of seeds seed..seed+count-1: (scans, born-digital PDFs, seeds skipped),
    in seed order."""
    seeds = range(seed, seed + count)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        made = list(pool.map(_browser_bundle, seeds, [folder] * count, [inject_rate] * count))
    kept = [pair for pair in made if pair is not None]
    skipped = [s for s, pair in zip(seeds, made) if pair is None]
    return [scan for scan, _ in kept], [digital for _, digital in kept], skipped


def _time_pipeline(pdfs: list[Path], out: Path, jobs: int) -> float:
    start = time.perf_counter()
    run(pdfs, out, IngestConfig(jobs=jobs), reprocess=True)  # a kept --workdir must not skip files
    return time.perf_counter() - start


def measure(source: str, pdfs: list[Path], work: Path, jobs: int, speed_runs: int = 1) -> dict[str, Any]:
    """Scores of ``source``'s bundles; for a scanned source, ``speed_runs`` pairs of (pipeline,
    raw Tesseract) timings taken back to back, whose median ratio is the speed ratio: on a
    shared machine the load moves between two runs minutes apart, less within a pair."""
    out, pngs = work / "out" / source, work / "pages" / source
    for folder in (out, pngs):
        folder.mkdir(parents=True, exist_ok=True)
    page_count = sum(len(pdfium.PdfDocument(p)) for p in pdfs)
    seconds = [_time_pipeline(pdfs, out, jobs)]
    result: dict[str, Any] = {**score(pdfs, out), **review_and_silence(pdfs, out), **memo_scores(pdfs, out),
                              "pages": page_count}
    if source in SCANNED:
        pages = render_pages(pdfs, pngs)
        raw = [time_raw_tesseract(pages, jobs)]
        for _ in range(speed_runs - 1):
            seconds.append(_time_pipeline(pdfs, work / "out" / f"{source}-speed", jobs))
            raw.append(time_raw_tesseract(pages, jobs))
        result["raw_tesseract_pages_per_minute"] = page_count / statistics.median(raw) * 60
        ratios = [r / s for s, r in zip(seconds, raw)]
        result["speed_ratio"] = statistics.median(ratios)
        result["speed_ratios"] = " ".join(f"{ratio:.2f}" for ratio in ratios)
    result["pipeline_seconds"] = statistics.median(seconds)
    result["pipeline_pages_per_minute"] = page_count / result["pipeline_seconds"] * 60
    result["calibration"] = calibration(pdfs, out)
    if source.startswith("browser"):
        result["by_font"] = by_font(pdfs, out)
    return result


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def print_tables(command: str, results: dict[str, dict[str, Any]], generation: dict[str, float]) -> None:
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print(f"command: {command}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {version}")
    print("generation (excluded from speeds): " + ", ".join(f"{k} {v:.0f} s" for k, v in generation.items()))
    sources = list(results)
    if "browser-digital" in results and "browser-scan" in results:
        results["browser-digital"]["pages_per_minute_vs_browser_scan"] = (
            results["browser-digital"]["pipeline_pages_per_minute"] / results["browser-scan"]["pipeline_pages_per_minute"])
    keys = [k for k in results[sources[0]] if k not in ("calibration", "by_font")]
    keys += [k for s in sources for k in results[s] if k not in keys and k not in ("calibration", "by_font")]
    print("\n| metric | " + " | ".join(sources) + " |\n|---|" + "---|" * len(sources))
    for key in keys:
        print(f"| {key} | " + " | ".join(_cell(results[s].get(key)) for s in sources) + " |")

    print("\nConfidence calibration: values in each band / share of them right "
          "(project_name right = CER <= 2 % for the row)\n")
    print("| field | band | " + " | ".join(f"{s} n | {s} right" for s in sources) + " |\n|---|---|"
          + "---|---|" * len(sources))
    for field in CALIBRATED:
        for name in BANDS:
            cells = []
            for source in sources:
                count, right = results[source]["calibration"][(field, name)]
                cells += [str(count), f"{right / count:.4f}" if count else ""]
            print(f"| {field} | {name} | " + " | ".join(cells) + " |")

    browser = [s for s in sources if "by_font" in results[s]]
    if browser:
        print("\nAccuracy by typeface (template faces: TLWG, Noto, TH Sarabun New and PSK, which the digit templates are drawn from; other: the other SIPA faces)\n")
        columns = ("bundles", "rows_found", "rows_expected", *(f"{f}_accuracy" for f in FIELDS), "project_name_cer",
                   "memo_doc_number_accuracy", "memo_date_accuracy")
        print("| source | fonts | " + " | ".join(columns) + " |\n|---|---|" + "---|" * len(columns))
        for source in browser:
            for group, figures in results[source]["by_font"].items():
                print(f"| {source} | {group} | " + " | ".join(_cell(figures[c]) for c in columns) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=(*SOURCES, "all"), default="pil")
    parser.add_argument("--bundles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--inject-rate", type=float, default=0.25)
    parser.add_argument("--workdir", type=Path, default=None, help="keep bundles and outputs here")
    parser.add_argument("--speed-runs", type=int, default=1,
                        help="pairs of pipeline and raw Tesseract timings per scanned source (median ratio)")
    parser.add_argument("--reuse", action="store_true",
                        help="read the bundles already in --workdir instead of generating them again "
                             "(generation is deterministic; only Chromium's PDF timestamps differ)")
    args = parser.parse_args(argv)
    sources = SOURCES if args.source == "all" else (args.source,)
    with tempfile.TemporaryDirectory() as temporary:
        work = args.workdir or Path(temporary)
        pdfs: dict[str, list[Path]] = {}
        generation: dict[str, float] = {}
        skipped: list[int] = []  # browser seeds the generator could not lay out
        seeds = range(args.seed, args.seed + args.bundles)
        if "pil" in sources:
            start = time.perf_counter()
            folder = work / "bundles" / "pil"
            folder.mkdir(parents=True, exist_ok=True)
            kept = [folder / f"synth-{seed:06d}.pdf" for seed in seeds]
            pdfs["pil"] = kept if args.reuse and all(p.exists() for p in kept) else generate(
                folder, args.bundles, args.seed, args.inject_rate)
            generation["pil"] = time.perf_counter() - start
        if any(s.startswith("browser") for s in sources):
            start = time.perf_counter()
            folder = work / "bundles" / "browser"
            folder.mkdir(parents=True, exist_ok=True)
            kept_scan = [folder / f"synth-{seed:06d}-scan.pdf" for seed in seeds]
            kept_digital = [folder / f"synth-{seed:06d}-digital.pdf" for seed in seeds]
            if args.reuse and all(p.exists() for p in kept_scan + kept_digital):
                pdfs["browser-scan"], pdfs["browser-digital"] = kept_scan, kept_digital
            else:
                pdfs["browser-scan"], pdfs["browser-digital"], skipped = generate_browser(
                    folder, args.bundles, args.seed, args.inject_rate, args.jobs)
            generation["browser"] = time.perf_counter() - start
        results = {source: measure(source, pdfs[source], work, args.jobs, args.speed_runs) for source in sources}
    print_tables(f".venv/bin/python benchmarks/sources.py --source {args.source} --bundles {args.bundles} "
                 f"--seed {args.seed} --jobs {args.jobs} --inject-rate {args.inject_rate} --speed-runs {args.speed_runs}",
                 results, generation)
    if skipped:
        print(f"\nbrowser seeds the generator could not lay out (skipped, not scored): {len(skipped)} — {skipped}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
