"""The extract stage on files it makes itself, with the real Tesseract (no mocks).

Pages are small crops at 200 dpi so the module stays well under a minute on two cores.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from saraban.reconcile.errors import InputFileError
from saraban.ingest.extract.orientation import estimate_skew
from saraban.ingest.extract.image import (
    extract_image_file,
    ocr_page_image,
    prepare_page_image,
    to_gray,
)
from saraban.ingest.extract.pdf import extract_pdf, text_layer_verdict
from saraban.ingest.ocr.engine import OcrSettings, TesseractEngine
from saraban.parsers.model import PageSource
from tests.conftest import shared_path
from tests.extract.engines import tesseract_or_skip
from tests.extract.synthetic import (
    MEMO_NUMBER_LINE,
    MEMO_TITLE,
    encrypted_pdf,
    image_pdf,
    memo_page,
    render_lines,
    text_layer_pdf,
    zero_page_pdf,
)

DPI = 200
SETTINGS = OcrSettings(dpi=DPI)


@pytest.fixture(scope="module")
def engine() -> TesseractEngine:
    return tesseract_or_skip(SETTINGS)


@pytest.fixture(scope="module")
def memo() -> Image.Image:
    return memo_page(DPI)


def _closest(lines: list[str], wanted: str) -> tuple[int, str]:
    """(character errors, line) of the OCR line nearest to ``wanted``, spaces ignored."""
    squeeze = lambda s: s.replace(" ", "")  # noqa: E731
    best = min(lines, key=lambda line: Levenshtein.distance(squeeze(line), squeeze(wanted)))
    return Levenshtein.distance(squeeze(best), squeeze(wanted)), best


# --- OCR quality ---------------------------------------------------------------------------


@pytest.mark.ocr
def test_memo_header_lines_come_out_of_tesseract(memo: Image.Image, engine: TesseractEngine) -> None:
    page = ocr_page_image(memo, 1, SETTINGS, engine)
    texts = [line.text for line in page.lines]
    for wanted in (MEMO_TITLE, MEMO_NUMBER_LINE):
        errors, got = _closest(texts, wanted)
        assert errors <= 2, f"{wanted!r} read as {got!r}"
    assert page.source is PageSource.OCR and page.dpi == DPI
    assert all(0.0 <= (line.confidence or 0) <= 1.0 for line in page.lines)
    number_line = next(line for line in page.lines if "วันที่" in line.text)
    assert number_line.words and all(w.bbox is not None for w in number_line.words)


# --- orientation and skew ------------------------------------------------------------------


@pytest.mark.parametrize("degrees", [3.0, -3.0, 1.2, -4.5])
def test_skew_is_measured_within_half_a_degree(memo: Image.Image, degrees: float) -> None:
    tilted = memo.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    prepared = prepare_page_image(tilted, DPI)
    assert prepared.skew_degrees == pytest.approx(degrees, abs=0.5)
    assert prepared.rotation == 0


def test_estimate_skew_on_a_binary_page(memo: Image.Image) -> None:
    tilted = memo.rotate(3, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    binary = np.where(to_gray(tilted) < 128, 255, 0).astype(np.uint8)
    assert estimate_skew(binary) == pytest.approx(3.0, abs=0.5)


@pytest.mark.parametrize("turned", [90, 180, 270])
def test_turned_pages_are_put_upright(memo: Image.Image, turned: int) -> None:
    # PIL turns counterclockwise; the page then needs ``turned`` degrees clockwise
    prepared = prepare_page_image(memo.rotate(turned, expand=True), DPI)
    assert prepared.rotation == turned
    assert prepared.orientation_source == "profile"


@pytest.mark.ocr
def test_a_page_scanned_sideways_and_skewed_reads_like_an_upright_one(
    memo: Image.Image, engine: TesseractEngine
) -> None:
    page_image = memo.rotate(90, expand=True).rotate(3, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = ocr_page_image(page_image, 1, SETTINGS, engine)
    errors, got = _closest([line.text for line in page.lines], MEMO_TITLE)
    assert errors <= 1, got


# --- PDFs ----------------------------------------------------------------------------------


def test_text_layer_pdf_is_read_from_its_layer(tmp_path: Path) -> None:
    path = text_layer_pdf(tmp_path / "memo.pdf", (MEMO_TITLE, MEMO_NUMBER_LINE))
    (page,) = extract_pdf(path, SETTINGS, engine=None)  # no OCR engine needed or made
    assert page.source is PageSource.PDF_TEXT
    assert [line.text for line in page.lines] == [MEMO_TITLE, MEMO_NUMBER_LINE]
    assert page.dpi == 72 and page.width == pytest.approx(595)
    first = page.lines[0].bbox
    assert first is not None and 70 <= first.x0 <= 74 and first.top < page.lines[1].bbox.top  # type: ignore[union-attr]


@pytest.mark.ocr
def test_image_only_pdf_is_ocrd(tmp_path: Path, engine: TesseractEngine) -> None:
    crop = render_lines((MEMO_NUMBER_LINE,), dpi=DPI, title=MEMO_TITLE)
    path = image_pdf(tmp_path / "scan.pdf", crop, DPI)
    (page,) = extract_pdf(path, SETTINGS, engine)
    assert page.source is PageSource.OCR and page.dpi == DPI
    assert page.width == pytest.approx(crop.width, abs=2)
    errors, got = _closest([line.text for line in page.lines], MEMO_TITLE)
    assert errors <= 1, got


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage, truncated") and p, "corrupt_pdf"),
        (lambda p: p.write_bytes(b"PK\x03\x04 a zip file named .pdf") and p, "corrupt_pdf"),
        (encrypted_pdf, "encrypted_pdf"),
        (zero_page_pdf, "empty_pdf"),
    ],
    ids=["truncated", "not-a-pdf", "encrypted", "zero-pages"],
)
def test_bad_pdfs_raise_input_file_errors(tmp_path: Path, make, code: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(InputFileError) as raised:
        extract_pdf(path, SETTINGS, engine=None)
    assert raised.value.error_code == code
    assert raised.value.message and "Traceback" not in raised.value.message


def test_missing_pdf_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as raised:
        extract_pdf(tmp_path / "nowhere.pdf", SETTINGS)
    assert raised.value.error_code == "unreadable_file"


@pytest.mark.shared
def test_canon_scan_wrong_language_layer_is_rejected() -> None:
    import pdfplumber

    path = shared_path("corpus/real-scans/scan_memo_o20-2.pdf")
    with pdfplumber.open(path) as pdf:
        verdict, chars = text_layer_verdict(pdf.pages[0])
    assert chars, "the scan should carry its (junk) text layer"
    assert not verdict.usable
    assert "wrong language" in verdict.reason


# --- image files ---------------------------------------------------------------------------


@pytest.mark.ocr
def test_multipage_tiff_gives_one_numbered_page_per_frame(tmp_path: Path, engine: TesseractEngine) -> None:
    first = render_lines((MEMO_TITLE,), dpi=DPI)
    second = render_lines(("เรียน นายกเทศมนตรีเมืองสะเตงนอก",), dpi=DPI)
    path = tmp_path / "bundle.tiff"
    first.save(path, save_all=True, append_images=[second], dpi=(DPI, DPI))
    pages = extract_image_file(path, SETTINGS, engine)
    assert [p.number for p in pages] == [1, 2]
    assert _closest([l.text for l in pages[0].lines], MEMO_TITLE)[0] <= 1
    assert _closest([l.text for l in pages[1].lines], "เรียน นายกเทศมนตรีเมืองสะเตงนอก")[0] <= 2


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("page.png", b"not an image at all", "unsupported_image"),
        ("page.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "corrupt_image"),
        ("page.bmp", b"BM", "unsupported_image"),
    ],
)
def test_bad_images_raise_input_file_errors(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError) as raised:
        extract_image_file(path, SETTINGS)
    assert raised.value.error_code == code


# --- the engine ----------------------------------------------------------------------------


def test_engine_reports_what_is_missing_in_plain_words() -> None:
    assert "deu" in (TesseractEngine(OcrSettings(lang="tha+deu")).available() or "")
    missing = TesseractEngine(OcrSettings(backend="cli", tesseract_cmd="/nonexistent/tesseract")).available()
    assert missing and "not found" in missing


@pytest.mark.ocr
def test_engine_leaves_the_process_environment_as_it_found_it(engine: TesseractEngine) -> None:
    before = os.environ.get("OMP_THREAD_LIMIT")
    engine.image_to_data(render_lines(("ที่",), dpi=DPI), psm=7)
    assert os.environ.get("OMP_THREAD_LIMIT") == before
