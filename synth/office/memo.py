"""generate_office_memo: content -> .odt -> LibreOffice exports -> born-digital PDF and scan + truth.

The memo is typed at the style's size and retyped a point smaller while it spills onto a second
page, as a clerk would. Every export is checked to embed only the chosen SIPA face: a PDF set in
a fallback font would measure the wrong thing.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2 as pdfium

from synth.browser.one_page import fit_one_page
from synth.browser.scan import rasterize
from synth.bundle import bundle_name, make_content, truth_path
from synth.config import SynthConfig
from synth.content import Bundle
from synth.damage import damage_page
from synth.fonts import FontBook
from synth.inject import Injection
from synth.office.content import office_bundle
from synth.office.odt import memo_odt
from synth.office.scan import sign_and_stamp
from synth.office.soffice import check_fonts, export_pdf, find_soffice
from synth.office.style import OfficeStyle, choose_style, face, face_files
from synth.office.truth import memo_truth
from synth.writer import PageImage, json_bytes, pdf_bytes, write_atomic

SHRINK_PT = 1.0
MIN_PT = 12.0


@dataclass(frozen=True)
class OfficeMemoPaths:
    digital: Path
    scan: Path


def office_style(seed: int, config: SynthConfig) -> OfficeStyle:
    return choose_style(random.Random(f"{seed}:office-style"), scan_dpi=config.dpi)


def office_content(seed: int, config: SynthConfig) -> tuple[Bundle, OfficeStyle, tuple[Injection, ...]]:
    """What the memo says and how it looks (no LibreOffice): cheap, for tests."""
    bundle, injected = make_content(seed, config)
    style = office_style(seed, config)
    return office_bundle(bundle, style), style, injected


def generate_office_memo(seed: int, out_dir: Path, config: SynthConfig = SynthConfig(),
                         fonts: FontBook | None = None) -> OfficeMemoPaths:
    """Write ``<name>-office-digital.pdf`` and ``<name>-office-scan.pdf`` with their
    ``.truth.json`` into ``out_dir``. Same seed and config give the same document and truth
    (LibreOffice's PDF bytes differ from run to run: it stamps the time)."""
    fonts = fonts or FontBook.discover()
    office = find_soffice()
    bundle, style, injected = office_content(seed, config)
    chosen = face(style.font_family)
    regular, bold = face_files(chosen)
    name = bundle_name(seed, config)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="saraban-office-") as temporary:
        work = Path(temporary)
        pdf, size = _export_one_page(bundle, style, work, [regular.parent], office)
        check_fonts(pdf, {chosen.postscript, f"{chosen.postscript}-Bold"})
        style = replace(style, font_size_pt=size)
        dpi = style.scan_dpi
        page = rasterize(pdf, dpi)[0]
        sign_and_stamp(page, pdf, bundle, dpi, fonts, seed)
        image, damage = damage_page(page, seed, 1, dpi, config)
        digital_bytes = pdf.read_bytes()
        page_size = _page_size(pdf)

    paths = OfficeMemoPaths(out_dir / f"{name}-office-digital.pdf", out_dir / f"{name}-office-scan.pdf")
    digital = memo_truth(bundle, injected, config, f"{name}-office-digital", "office-digital", style,
                         None, None, page_size, 72)
    scan = memo_truth(bundle, injected, config, f"{name}-office-scan", "office-scan", style,
                      page, damage, image.size, dpi)
    write_atomic(paths.digital, digital_bytes)
    write_atomic(truth_path(paths.digital), json_bytes(digital))
    write_atomic(paths.scan, pdf_bytes([PageImage(image, dpi, damage.jpeg_quality)]))
    write_atomic(truth_path(paths.scan), json_bytes(scan))
    return paths


def _export_one_page(bundle: Bundle, style: OfficeStyle, work: Path, font_dirs: list[Path],
                     office: str) -> tuple[Path, float]:
    """The exported PDF at the largest size from the style's down that fits one page."""
    document = work / "memo.odt"

    def export_at(size: float) -> Path:
        document.write_bytes(memo_odt(bundle, style, size))
        return export_pdf(document, work, font_dirs, executable=office)

    return fit_one_page(export_at, style.font_size_pt, SHRINK_PT, MIN_PT, f"the office memo of seed {bundle.seed}")


def _page_size(pdf: Path) -> tuple[float, float]:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[0].get_size()
    finally:
        document.close()
