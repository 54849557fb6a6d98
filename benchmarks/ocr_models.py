"""Which Thai Tesseract model, and which preprocessing, reads table cells best per second?

Renders the seed bundle's real project names (and amounts) as table-cell strips in the TH
Sarabun look (Laksaman) at a given dpi with light scan noise, OCRs each strip once per
(model, preprocessing) choice with the tesseract CLI, and reports character error rate and
seconds. Deterministic by seed.

    .venv/bin/python benchmarks/ocr_models.py --models debian=/usr/share/tesseract-ocr/5/tessdata \\
        best_int=/tmp/tessdata-best_int --lines 120
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "samples" / "sateng-nok-fy2565-bundle.ocr.txt"
FONT = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"


def truth_lines(count: int, rng: random.Random) -> list[str]:
    names = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) > 4 and cells[0].isdigit():
            names.append(cells[1][:60])
    amounts = [f"{rng.randint(0, 500) * 1000:,}.00" for _ in range(count // 4)]
    pool = names + amounts
    return [rng.choice(pool) for _ in range(count)]


def render_strip(lines: list[str], dpi: int, rng: random.Random, scale: float) -> Image.Image:
    size = int(16 / 72 * dpi * scale)  # 16 pt, as official documents
    font = ImageFont.truetype(FONT, size, layout_engine=ImageFont.Layout.RAQM)
    gap = size
    height = gap + len(lines) * (size + gap)
    image = Image.new("L", (int(size * 40), height), 255)
    draw = ImageDraw.Draw(image)
    for i, text in enumerate(lines):
        draw.text((gap, gap + i * (size + gap)), text, font=font, fill=0)
    pixels = np.asarray(image, dtype=np.float32)
    pixels += np.random.default_rng(rng.randint(0, 10**6)).normal(0, 18, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def ocr(image: Image.Image, tessdata: Path, extra: list[str]) -> tuple[list[str], float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "strip.png"
        image.save(path)
        start = time.perf_counter()
        done = subprocess.run(
            ["tesseract", str(path), "-", "--tessdata-dir", str(tessdata), "-l", "tha+eng",
             "--psm", "6", *extra],
            capture_output=True, text=True, check=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
        )
        elapsed = time.perf_counter() - start
    return [l for l in done.stdout.splitlines() if l.strip()], elapsed


def cer(truth: list[str], found: list[str]) -> float:
    truth_text = "\n".join(t.replace(" ", "") for t in truth)
    found_text = "\n".join(f.replace(" ", "") for f in found)
    return Levenshtein.distance(truth_text, found_text) / max(1, len(truth_text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="+", required=True, help="name=tessdata_dir")
    parser.add_argument("--lines", type=int, default=120)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    lines = truth_lines(args.lines, rng)
    choices = {
        "plain": ([], 1.0),
        "interword-spaces": (["-c", "preserve_interword_spaces=1"], 1.0),
        "upscaled-1.5x": ([], 1.5),
    }
    print(f"| model | preprocessing | CER | seconds (median of {args.repeats}) |")
    print("|---|---|---|---|")
    for spec in args.models:
        name, folder = spec.split("=", 1)
        for choice, (extra, scale) in choices.items():
            image = render_strip(lines, args.dpi, random.Random(args.seed), scale)
            runs = [ocr(image, Path(folder), extra) for _ in range(args.repeats)]
            found = runs[0][0]
            print(f"| {name} | {choice} | {cer(lines, found):.4f} | "
                  f"{statistics.median(r[1] for r in runs):.2f} |")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
