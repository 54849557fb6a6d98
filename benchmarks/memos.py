"""Memo reading by source of document: the first page of each bundle sources.py generated, and
memos laid out by LibreOffice.

    .venv/bin/python benchmarks/memos.py --workdir /tmp/b13000 --seed 13000 --bundles 20 --jobs 2
    .venv/bin/python benchmarks/memos.py --workdir /tmp/o43000 --seed 43000 --bundles 10 \
        --source office-scan,office-digital

Reads the bundles a ``benchmarks/sources.py --workdir DIR`` run left in DIR/bundles (it does not
generate those); the office sources (synth/office: a memo typed as an .odt, exported by
LibreOffice, born-digital and scanned) are generated here into DIR/bundles/office when absent,
the same memo for the same seed. It cuts each bundle's first page (the memo: its header,
receiving stamp and signatures) into DIR/memos/SOURCE/, runs the whole pipeline on those pages
and scores the memos against their truth files (memo_metrics.py): number and date exact, wrong
values with no flag, subject CER, addressee exact, stray documents, the receiving stamp's fields. A memo page on
its own reads as it does in its bundle (the memo is a document of its own there).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from saraban.ingest.config import IngestConfig  # noqa: E402
from saraban.ingest.runner import run  # noqa: E402
from synth import truth_path  # noqa: E402

from memo_metrics import memo_scores  # noqa: E402  (beside this script)
from scans import score  # noqa: E402

# source → (folder under DIR/bundles, file name of a seed's bundle)
SOURCES = {
    "pil": ("pil", "synth-{seed:06d}.pdf"),
    "browser-scan": ("browser", "synth-{seed:06d}-scan.pdf"),
    "browser-digital": ("browser", "synth-{seed:06d}-digital.pdf"),
    "office-scan": ("office", "synth-{seed:06d}-office-scan.pdf"),
    "office-digital": ("office", "synth-{seed:06d}-office-digital.pdf"),
}
OFFICE = frozenset({"office-scan", "office-digital"})


def _office_memo(seed: int, folder: Path) -> str | None:
    """Generate the office memo of ``seed`` unless both its PDFs are there; a reason when the
    generator cannot lay it out (that seed is then skipped and said so, not the run lost)."""
    from synth.browser.errors import LayoutError  # in the worker: LibreOffice only when asked
    from synth.office import generate_office_memo

    wanted = [folder / SOURCES[source][1].format(seed=seed) for source in sorted(OFFICE)]
    if all(path.exists() and truth_path(path).exists() for path in wanted):
        return None
    try:
        generate_office_memo(seed, folder)
    except LayoutError as error:
        return f"seed {seed} skipped: {error}"
    return None


def generate_office(folder: Path, seeds: range, jobs: int) -> None:
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for problem in pool.map(_office_memo, seeds, [folder] * len(seeds)):
            if problem:
                print(problem, file=sys.stderr)


def memo_pages(bundles: list[Path], folder: Path) -> list[Path]:
    """Each bundle's first page as a PDF of its own in ``folder``, its truth file beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for bundle in bundles:
        source, page = pdfium.PdfDocument(bundle), pdfium.PdfDocument.new()
        page.import_pages(source, [0])
        target = folder / bundle.name
        page.save(target)
        shutil.copy(truth_path(bundle), truth_path(target))
        pages.append(target)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, required=True, help="a sources.py --workdir holding bundles/")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--bundles", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--source", default="all",
                        help="comma-separated, of " + ", ".join(SOURCES) + "; all (default) is every one")
    args = parser.parse_args(argv)
    chosen = list(SOURCES) if args.source == "all" else [s.strip() for s in args.source.split(",")]
    unknown = [s for s in chosen if s not in SOURCES]
    if unknown:
        parser.error(f"unknown source {', '.join(unknown)}; known: {', '.join(SOURCES)}")
    seeds = range(args.seed, args.seed + args.bundles)
    if OFFICE & set(chosen):
        generate_office(args.workdir / "bundles" / "office", seeds, args.jobs)
    results = {}
    for source in chosen:
        folder, pattern = SOURCES[source]
        bundles = [args.workdir / "bundles" / folder / pattern.format(seed=seed) for seed in seeds]
        bundles = [b for b in bundles if b.exists()]
        if not bundles:
            continue
        pages = memo_pages(bundles, args.workdir / "memos" / source)
        out = args.workdir / "memos" / f"out-{source}"
        run(pages, out, IngestConfig(jobs=args.jobs), reprocess=True)
        scored = score(pages, out)
        results[source] = {"memos": len(pages), "memo_number_accuracy": scored["memo_doc_number_accuracy"],
                           "memo_date_accuracy": scored["memo_date_accuracy"], **memo_scores(pages, out)}
    if not results:
        print(f"no bundles of seeds {args.seed}..{args.seed + args.bundles - 1} in {args.workdir}/bundles: "
              "run benchmarks/sources.py with this --workdir first", file=sys.stderr)
        return 1
    sources = list(results)
    print(f"command: .venv/bin/python benchmarks/memos.py --workdir {args.workdir} --seed {args.seed} "
          f"--bundles {args.bundles} --jobs {args.jobs} --source {','.join(chosen)}\n")
    print("| metric | " + " | ".join(sources) + " |\n|---|" + "---|" * len(sources))
    for key in results[sources[0]]:
        cells = [results[s][key] for s in sources]
        print(f"| {key} | " + " | ".join("" if v is None else f"{v:.4f}" if isinstance(v, float) else str(v)
                                         for v in cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
