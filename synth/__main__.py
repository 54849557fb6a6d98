"""python -m synth --seed 1 --count 3 --out DIR [--clean] [--dpi 300] [--inject CODE,...] [--source browser|office]"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from synth.bundle import generate_bundle
from synth.config import InjectionCode, SynthConfig
from synth.fonts import FontBook, MissingFontError


def _codes(text: str) -> frozenset[InjectionCode]:
    try:
        return frozenset(InjectionCode(c.strip().upper()) for c in text.split(",") if c.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{exc}; known codes: {', '.join(InjectionCode)}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m synth",
                                     description="Write synthetic scanned e-PlanNACC bundles (PDF + truth.json).")
    parser.add_argument("--seed", type=int, default=1, help="first seed (default 1)")
    parser.add_argument("--count", type=int, default=1, help="bundles to write, seeds seed..seed+count-1")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--dpi", type=int, default=None, help="scan resolution (default: 200/240/300 by seed)")
    parser.add_argument("--clean", action="store_true", help="no scanner damage, lossless pages")
    parser.add_argument("--inject", type=_codes, default=frozenset(), help="comma-separated injection codes")
    parser.add_argument("--inject-rate", type=float, default=0.0, help="probability of drawing each code by seed")
    parser.add_argument("--rotate-90", action="store_true", help="allow whole pages fed in sideways")
    parser.add_argument("--source", choices=("pil", "browser", "office"), default="pil",
                        help="pil: drawn with PIL (default); browser: HTML printed by headless Chromium, "
                             "written twice (<name>-digital.pdf with its text layer, <name>-scan.pdf); "
                             "office: the memo alone, typed as .odt and exported by LibreOffice, written "
                             "twice (<name>-office-digital.pdf, <name>-office-scan.pdf)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = SynthConfig(dpi=args.dpi, clean=args.clean, inject=args.inject,
                             inject_random_rate=args.inject_rate, allow_page_rotation_90=args.rotate_90)
        fonts = FontBook.discover()
    except (ValueError, MissingFontError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.source == "browser":
        return _browser(args, config, fonts)
    if args.source == "office":
        return _office(args, config, fonts)
    for seed in range(args.seed, args.seed + args.count):
        started = time.perf_counter()
        path = generate_bundle(seed, args.out, config, fonts)
        print(f"{path}\t{path.stat().st_size} bytes\t{time.perf_counter() - started:.1f} s")
    return 0


def _browser(args: argparse.Namespace, config: SynthConfig, fonts: FontBook) -> int:
    # Imported here: the PIL path must not need (or pay for) the browser generator.
    from synth.browser import BrowserGenerationError, generate_browser_bundle

    return _each_seed(args, lambda seed: generate_browser_bundle(seed, args.out, config, fonts),
                      (BrowserGenerationError, MissingFontError))


def _office(args: argparse.Namespace, config: SynthConfig, fonts: FontBook) -> int:
    # Imported here: the PIL path must not need (or pay for) LibreOffice.
    from synth.browser.errors import LayoutError
    from synth.office import OfficeGenerationError, generate_office_memo

    return _each_seed(args, lambda seed: generate_office_memo(seed, args.out, config, fonts),
                      (OfficeGenerationError, LayoutError, MissingFontError))


def _each_seed(args: argparse.Namespace, generate: Callable[[int], Any],
               failures: tuple[type[Exception], ...]) -> int:
    """Each seed's born-digital and scanned PDFs, printed as made; the first failure ends the run."""
    for seed in range(args.seed, args.seed + args.count):
        started = time.perf_counter()
        try:
            paths = generate(seed)
        except failures as exc:
            print(f"error: seed {seed}: {exc}", file=sys.stderr)
            return 1
        seconds = time.perf_counter() - started
        for path in (paths.digital, paths.scan):
            print(f"{path}\t{path.stat().st_size} bytes\t{seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
