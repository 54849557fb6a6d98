"""generate_bundle: content -> injections -> pages -> damage -> PDF + truth.json.

Each stage draws from its own seeded stream (content, injections, memo style, report layout,
damage per page), so asking for an injection never changes anything the injection does not name.
"""

from __future__ import annotations

import random
from pathlib import Path

from synth.config import SynthConfig
from synth.content import Bundle, generate_content
from synth.damage import damage_page
from synth.fonts import FontBook
from synth.inject import Injection, apply_injections, choose_codes
from synth.render_memo import render_memo
from synth.render_report import render_report
from synth.truth import build_truth
from synth.writer import PageImage, json_bytes, pdf_bytes, write_atomic


def make_content(seed: int, config: SynthConfig = SynthConfig()) -> tuple[Bundle, tuple[Injection, ...]]:
    """What the bundle says (no pixels): cheap, for tests of content and injections."""
    base = generate_content(seed, config.row_count)
    return apply_injections(base, choose_codes(seed, config))


def bundle_name(seed: int, config: SynthConfig) -> str:
    return f"{config.name_prefix}-{seed:06d}" if seed >= 0 else f"{config.name_prefix}-m{-seed:06d}"


def truth_path(pdf_path: Path) -> Path:
    return pdf_path.with_name(pdf_path.stem + ".truth.json")


def generate_bundle(seed: int, out_dir: Path, config: SynthConfig = SynthConfig(),
                    fonts: FontBook | None = None) -> Path:
    """Write ``<name>.pdf`` (image-only) and ``<name>.truth.json`` into ``out_dir``; return the PDF path.

    Same seed and config give identical bytes. Pass ``fonts`` to reuse a discovered FontBook
    across many bundles."""
    fonts = fonts or FontBook.discover()
    bundle, injected = make_content(seed, config)
    dpi = config.dpi or random.Random(f"{seed}:dpi").choice((200, 240, 300))
    pages = [render_memo(bundle, dpi, fonts, seed)]
    pages += render_report(bundle, dpi, fonts, random.Random(f"{seed}:report"))

    images, damages = [], []
    for number, page in enumerate(pages, start=1):
        image, damage = damage_page(page.image, seed, number, dpi, config)
        images.append(PageImage(image, dpi, damage.jpeg_quality))
        damages.append(damage)
    name = bundle_name(seed, config)
    truth = build_truth(bundle, injected, config, name, pages, damages, [i.image.size for i in images], dpi)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf_path = out_dir / f"{name}.pdf"
    write_atomic(pdf_path, pdf_bytes(images))
    write_atomic(truth_path(pdf_path), json_bytes(truth))
    return pdf_path
