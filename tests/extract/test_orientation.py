"""Which way up a page is (ingest/extract/orientation.py), on pages that fooled it."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from saraban.ingest.extract.orientation import detect_orientation, rotate_quarter
from saraban.ingest.extract.pixels import binarize, normalize_contrast, to_gray

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def dotted_memo(tmp_path_factory):
    """A memo printed by Chromium with its header fields over dotted leaders, at 150 dpi."""
    if shutil.which("chromium") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium must be installed in CI (make test installs it)")
        pytest.skip("needs chromium (make test installs it)")
    from synth import SynthConfig
    from synth.browser.bundle import browser_style, typefaces
    from synth.browser.chromium import print_to_pdf
    from synth.browser.html import memo_html
    from synth.bundle import make_content

    bundle, _ = make_content(3002, SynthConfig())
    style = replace(browser_style(3002, bundle, SynthConfig()), memo_dotted=True, memo_font_family="TH Sarabun PSK")
    folder = tmp_path_factory.mktemp("memo")
    (folder / "memo.html").write_text(memo_html(bundle, style, typefaces(style), style.memo_font_size_pt), encoding="utf-8")
    print_to_pdf(folder / "memo.html", folder / "memo.pdf", header_footer=False)
    page = pdfium.PdfDocument(folder / "memo.pdf")[0].render(scale=150 / 72, grayscale=True).to_pil()
    return binarize(normalize_contrast(to_gray(page)))


def test_a_dotted_memo_is_not_turned_upside_down(dotted_memo):
    # The leaders' dots sit under the text like lower vowels: counted as such, they outvoted
    # the marks above the letters and the memo was read upside down.
    assert detect_orientation(dotted_memo, 150)[0] == 0
    assert detect_orientation(rotate_quarter(dotted_memo, 180), 150)[0] == 180


def test_a_table_page_in_a_decorative_face_is_not_turned_on_its_side():
    # Chromium's print of an e-PlanNACC page in TH Kodchasan, scanned, as the orientation step
    # sees it (150 dpi, binarized): 15 marks above and 2 below upright, 30 and 15 on its side.
    # Counted, the sideways lean (15) beat the upright one (13) and the table was read across
    # its columns; weighed against chance, upright wins.
    page = np.asarray(Image.open(DATA / "table-page-few-marks-kodchasan.png").convert("L"))
    binary = np.where(page < 128, 255, 0).astype(np.uint8)
    assert detect_orientation(binary, 150)[0] == 0


def test_a_tilted_table_page_is_not_turned_by_its_rules():
    # Chromium's print of an e-PlanNACC page in TH Kodchasal with 1 px grey rules, scanned 1.3°
    # off level, as the orientation step sees it. No rule ran 100 px straight, so none was
    # erased; ten full-height verticals made the column profile 2.5x the rows' and the table
    # was read on its side (a Decimal overflow from the garbled cells then cost the whole file).
    page = np.asarray(Image.open(DATA / "table-page-tilted-rules-kodchasal.png").convert("L"))
    binary = np.where(page < 128, 255, 0).astype(np.uint8)
    assert detect_orientation(binary, 150)[0] == 0
    assert detect_orientation(rotate_quarter(binary, 90), 150)[0] == 270


def test_a_page_whose_profiles_and_marks_disagree_is_settled_by_tesseract_s_osd():
    # Chromium's print of a portrait e-PlanNACC page in TH Laksaman 16 pt whose names wrap over
    # ten lines in a narrow column (tuning seed 47014, page 8), as the orientation step sees it.
    # The narrow columns make the column profile 2.3x the rows'; the marks lean one way more
    # clearly upright than sideways, but not by enough to overrule the profiles. Read on its
    # side, its rows came out as 12 rows of garbage.
    from saraban.ingest.extract.image import prepare_page_image
    from saraban.ingest.ocr.engine import OcrSettings, TesseractEngine

    page = np.asarray(Image.open(DATA / "table-page-narrow-columns-laksaman.png").convert("L"))
    binary = np.where(page < 128, 255, 0).astype(np.uint8)
    reading = detect_orientation(binary, 150)
    assert reading.contested
    engine = TesseractEngine(OcrSettings())
    if engine.available() is not None:
        if os.environ.get("CI") == "true":
            pytest.fail("tesseract must be installed in CI")
        pytest.skip("needs tesseract for OSD")
    assert prepare_page_image(page, 150, engine).rotation == 0
    # A page the marks and the profiles agree on is not asked about.
    kodchasan = np.asarray(Image.open(DATA / "table-page-few-marks-kodchasan.png").convert("L"))
    assert not detect_orientation(np.where(kodchasan < 128, 255, 0).astype(np.uint8), 150).contested
