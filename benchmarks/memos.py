"""Memo reading by source of document: the first page of each bundle sources.py generated.

    .venv/bin/python benchmarks/memos.py --workdir /tmp/b13000 --seed 13000 --bundles 20 --jobs 2

Reads the bundles a ``benchmarks/sources.py --workdir DIR`` run left in DIR/bundles (it does not
generate any), cuts each bundle's first page (the memo: its header, receiving stamp and
signatures) into DIR/memos/SOURCE/, runs the whole pipeline on those pages and scores the
memos against their truth files (memo_metrics.py): number and date exact, wrong values with no
flag, subject CER, addressee exact, stray documents, the receiving stamp's fields. A memo page on
its own reads as it does in its bundle (the memo is a document of its own there).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from ingest.config import IngestConfig  # noqa: E402
from ingest.runner import run  # noqa: E402
from ingest.synth import truth_path  # noqa: E402

from memo_metrics import memo_scores  # noqa: E402  (beside this script)
from scans import score  # noqa: E402

# source → (folder under DIR/bundles, file name of a seed's bundle)
SOURCES = {
    "pil": ("pil", "synth-{seed:06d}.pdf"),
    "browser-scan": ("browser", "synth-{seed:06d}-scan.pdf"),
    "browser-digital": ("browser", "synth-{seed:06d}-digital.pdf"),
}


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
    args = parser.parse_args(argv)
    results = {}
    for source, (folder, pattern) in SOURCES.items():
        bundles = [args.workdir / "bundles" / folder / pattern.format(seed=seed)
                   for seed in range(args.seed, args.seed + args.bundles)]
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
          f"--bundles {args.bundles} --jobs {args.jobs}\n")
    print("| metric | " + " | ".join(sources) + " |\n|---|" + "---|" * len(sources))
    for key in results[sources[0]]:
        cells = [results[s][key] for s in sources]
        print(f"| {key} | " + " | ".join("" if v is None else f"{v:.4f}" if isinstance(v, float) else str(v)
                                         for v in cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
