"""generate_browser_bundle: content -> HTML -> Chromium prints -> born-digital PDF and scan + truth.

Up to four prints, run side by side: the memo, and the report three times (digital, scan, marker;
see html.py), or twice when no row has a pen tick (the scan's HTML is then the digital one). The
marker print says where every row landed; the others are checked to have laid out the same
before any truth is written.
"""

from __future__ import annotations

import io
import random
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2 as pdfium

from synth.bundle import bundle_name, make_content, truth_path
from synth.browser.chromium import find_chromium, print_to_pdf
from synth.browser.one_page import fit_one_page
from synth.browser.fonts import family, font_files, symbol_font
from synth.browser.html import MEMO_HEAD_MM, Typefaces, memo_html, report_html
from synth.browser.locate import check_same_layout, locate_rows
from synth.browser.scan import draw_pen_ticks, pen_ticks, rasterize, stamp_memo
from synth.browser.style import BrowserStyle, choose_style
from synth.browser.truth import digital_truth, scan_truth
from synth.config import SynthConfig
from synth.content import Bundle
from synth.damage import damage_page
from synth.fonts import FontBook
from synth.writer import PageImage, json_bytes, pdf_bytes, write_atomic

MEMO_SHRINK_PT = 1.0  # a memo that spills onto a second page is retyped this much smaller
MEMO_MIN_PT = 8.0
MEMO_PAGES = 1  # the memo is shrunk until it fits one page
# The browser prints the page's address in its footer: make it look like the e-PlanNACC page.
REPORT_PAGE = Path("e-plan.nacc.go.th") / "Report" / "ProgressReport.html"


@dataclass(frozen=True)
class BrowserBundlePaths:
    digital: Path
    scan: Path


def browser_style(seed: int, bundle: Bundle, config: SynthConfig) -> BrowserStyle:
    return choose_style(random.Random(f"{seed}:browser-style"), row_count=len(bundle.report.rows),
                        name_header=bundle.report.name_header, scan_dpi=config.dpi)


def typefaces(style: BrowserStyle) -> Typefaces:
    body, memo = font_files(family(style.font_family)), font_files(family(style.memo_font_family))
    return Typefaces(body.regular, body.bold, memo.regular, memo.bold, symbol_font())


@dataclass(frozen=True)
class _Prints:
    memo: Path
    memo_size_pt: float
    digital: Path
    scan: Path
    marker: Path


def generate_browser_bundle(seed: int, out_dir: Path, config: SynthConfig = SynthConfig(),
                            fonts: FontBook | None = None) -> BrowserBundlePaths:
    """Write ``<name>-digital.pdf`` and ``<name>-scan.pdf`` with their ``.truth.json`` into
    ``out_dir``. Same seed and config give the same HTML and truth (Chromium's PDF bytes differ
    from run to run: it stamps the time)."""
    fonts = fonts or FontBook.discover()
    browser = find_chromium()
    bundle, injected = make_content(seed, config)
    style = browser_style(seed, bundle, config)
    faces = typefaces(style)
    dpi = style.scan_dpi
    with tempfile.TemporaryDirectory(prefix="saraban-browser-") as temporary:
        prints = _print_all(bundle, style, faces, seed, Path(temporary), browser)
        style = replace(style, memo_font_size_pt=prints.memo_size_pt)
        check_same_layout(prints.marker, prints.digital)
        if prints.scan != prints.digital:
            check_same_layout(prints.marker, prints.scan)
        placements = locate_rows(prints.marker, len(bundle.report.rows))
        digital_pdf, page_sizes = _concatenate(prints.memo, prints.digital)
        upright = rasterize(prints.memo, dpi) + rasterize(prints.scan, dpi)

    name = bundle_name(seed, config)
    digital = digital_truth(bundle, injected, config, f"{name}-digital", style, placements, page_sizes, MEMO_PAGES)
    hand_rows = {i for i in range(len(bundle.report.rows)) if style.tick_style_of(i) == "hand"}
    draw_pen_ticks(upright[MEMO_PAGES:], pen_ticks(bundle, placements, hand_rows), dpi, fonts,
                   random.Random(f"{seed}:browser-pen"))
    stamp_memo(upright[0], bundle, dpi, fonts, random.Random(f"{seed}:browser-stamp"),
               style.memo_margins_mm[0] + MEMO_HEAD_MM)
    images, damages = [], []
    for number, page in enumerate(upright, start=1):
        image, damage = damage_page(page, seed, number, dpi, config)
        images.append(PageImage(image, dpi, damage.jpeg_quality))
        damages.append(damage)
    scan = scan_truth(bundle, injected, config, f"{name}-scan", style, placements, upright, damages,
                      [i.image.size for i in images], MEMO_PAGES)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = BrowserBundlePaths(digital=out_dir / f"{name}-digital.pdf", scan=out_dir / f"{name}-scan.pdf")
    write_atomic(paths.digital, digital_pdf)
    write_atomic(truth_path(paths.digital), json_bytes(digital))
    write_atomic(paths.scan, pdf_bytes(images))
    write_atomic(truth_path(paths.scan), json_bytes(scan))
    return paths


def _print_all(bundle: Bundle, style: BrowserStyle, faces: Typefaces, seed: int, work: Path, browser: str) -> _Prints:
    """The memo and the report variants, printed side by side (each print is mostly Chromium
    starting up). Without pen ticks the scan's HTML is the digital one: one print serves both."""
    html = {variant: report_html(bundle, style, faces, variant, seed) for variant in ("digital", "scan", "marker")}
    variants = [v for v in html if not (v == "scan" and html[v] == html["digital"])]
    # Numbered folders, not named ones: the path shows in the browser's footer.
    pages = {variant: work / f"print{number}" / REPORT_PAGE for number, variant in enumerate(variants, start=1)}
    for variant, page in pages.items():
        page.parent.mkdir(parents=True)
        page.write_text(html[variant], encoding="utf-8")
    with ThreadPoolExecutor(max_workers=len(pages) + 1) as pool:
        memo = pool.submit(_print_memo, bundle, style, faces, work, browser)
        reports = [pool.submit(print_to_pdf, page, page.with_suffix(".pdf"),
                               header_footer=style.browser_header_footer, executable=browser) for page in pages.values()]
        for job in reports:
            job.result()
        memo_pdf, memo_size = memo.result()
    pdfs = {variant: page.with_suffix(".pdf") for variant, page in pages.items()}
    return _Prints(memo_pdf, memo_size, pdfs["digital"], pdfs.get("scan", pdfs["digital"]), pdfs["marker"])


def _print_memo(bundle: Bundle, style: BrowserStyle, faces: Typefaces, work: Path, browser: str) -> tuple[Path, float]:
    """Print the memo, smaller until it fits one page; returns the PDF and the size used."""
    html, pdf = work / "memo.html", work / "memo.pdf"

    def print_at(size: float) -> Path:
        html.write_text(memo_html(bundle, style, faces, size), encoding="utf-8")
        print_to_pdf(html, pdf, header_footer=False, executable=browser)
        return pdf

    return fit_one_page(print_at, style.memo_font_size_pt, MEMO_SHRINK_PT, MEMO_MIN_PT, f"the memo of seed {bundle.seed}")


def _concatenate(memo_pdf: Path, report_pdf: Path) -> tuple[bytes, list[tuple[float, float]]]:
    """One PDF of the memo's pages then the report's (text layers kept), and each page's size in points."""
    merged = pdfium.PdfDocument.new()
    for part in (memo_pdf, report_pdf):
        source = pdfium.PdfDocument(part)
        merged.import_pages(source)
        source.close()
    sizes = [merged[i].get_size() for i in range(len(merged))]
    buffer = io.BytesIO()
    merged.save(buffer)
    merged.close()
    return buffer.getvalue(), sizes
