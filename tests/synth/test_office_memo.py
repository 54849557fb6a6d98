"""Memos typed as .odt and exported by LibreOffice (synth/office): the born-digital PDF's
text layer holds the memo's number and date as its truth says, ที่ and วันที่ share a line, the
PDF embeds the chosen SIPA face and no other, and the scan is one stamped image page.

Needs LibreOffice (soffice): skipped when it is absent, except in CI (CI=true), where that is a
failure.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from synth import SynthConfig, truth_path
from synth.office import OfficeMemoPaths, SofficeMissingError, find_soffice, generate_office_memo, office_content
from synth.office.scan import text_boxes
from synth.office.soffice import FontFallbackError, check_fonts, embedded_fonts, fonts_conf
from synth.office.style import face
from synth.thaitext import arabic
from tests.synth.tools import require_engine

CONFIG = SynthConfig(dpi=200)


def _seed(layout: str) -> int:
    """The first seed whose style puts ที่ and วันที่ as ``layout`` says (from the style alone)."""
    for seed in range(500):
        if office_content(seed, CONFIG)[1].number_date == layout:
            return seed
    raise AssertionError(f"no seed below 500 lays ที่/วันที่ out as {layout!r}")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[OfficeMemoPaths, dict, dict]:
    require_engine(find_soffice, SofficeMissingError)
    paths = generate_office_memo(_seed("tab"), tmp_path_factory.mktemp("office"), CONFIG)
    return paths, _truth(paths.digital), _truth(paths.scan)


def _truth(pdf: Path) -> dict:
    return json.loads(truth_path(pdf).read_text(encoding="utf-8"))


def _page_text(pdf: Path) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[0].get_textpage().get_text_range()
    finally:
        document.close()


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def test_text_layer_holds_number_and_date_as_truth_says(generated) -> None:
    paths, digital, _ = generated
    memo, text = digital["memo"], _squeezed(_page_text(paths.digital))
    assert _squeezed(memo["doc_number_printed"]) in text
    assert _squeezed(memo["date_printed"]) in text
    # The printed number is the truth's number, in the digits the style chose.
    assert _squeezed(arabic(memo["doc_number_printed"])).replace(" ", "") == memo["doc_number"].replace(" ", "")
    assert memo["thai_digits"] == digital["style"]["thai_digits"]
    assert digital["source"] == "office-digital" and digital["report"]["rows"] == []


def test_number_and_date_share_a_line(generated) -> None:
    paths, digital, _ = generated
    memo = digital["memo"]
    boxes = text_boxes(paths.digital, [memo["doc_number_printed"], memo["date_printed"]])
    number, date = boxes[memo["doc_number_printed"]], boxes[memo["date_printed"]]
    assert number is not None and date is not None
    assert number[2] < date[0], "วันที่ stands right of ที่"
    assert min(number[3], date[3]) > max(number[1], date[1]), "their lines overlap vertically"


def test_pdf_embeds_the_chosen_sipa_face_only(generated) -> None:
    paths, digital, _ = generated
    chosen = face(digital["style"]["font_family"])
    assert embedded_fonts(paths.digital) == {chosen.postscript, f"{chosen.postscript}-Bold"}
    with pytest.raises(FontFallbackError):
        check_fonts(paths.digital, {"DejaVuSans"})


def test_scan_is_one_stamped_image_page_with_the_same_memo(generated) -> None:
    paths, digital, scan = generated
    assert scan["memo"] == digital["memo"] and scan["source"] == "office-scan"
    document = pdfium.PdfDocument(paths.scan)
    try:
        assert len(document) == 1
        assert document[0].get_textpage().count_chars() == 0  # an image, no text layer
        pixels = np.asarray(document[0].render(scale=scan["pages"][0]["dpi"] / 72).to_pil().convert("RGB"), dtype=int)
    finally:
        document.close()
    height, width = pixels.shape[:2]
    corner = pixels[: height // 8, width // 2:]
    blue = (corner[..., 2] - corner[..., 0] > 40).sum()
    assert blue > 200, "the blue receiving stamp is in the top-right corner"


def test_same_seed_same_truth(generated, tmp_path: Path) -> None:
    """The benchmark regenerates a missing memo and expects the same one."""
    paths, digital, scan = generated
    again = generate_office_memo(digital["seed"], tmp_path, CONFIG)
    assert _truth(again.digital) == digital and _truth(again.scan) == scan


def test_same_seed_same_content_and_style() -> None:
    assert office_content(43000, CONFIG) == office_content(43000, CONFIG)
    assert office_content(43000, CONFIG)[1] != office_content(43001, CONFIG)[1]


def test_fonts_conf_adds_the_folders_to_the_system_configuration(tmp_path: Path) -> None:
    text = fonts_conf([tmp_path / "a&b"], tmp_path / "cache")
    assert "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>" in text
    assert f"<dir>{tmp_path}/a&amp;b</dir>" in text


def test_missing_soffice_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SARABAN_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(SofficeMissingError, match="libreoffice-writer-nogui"):
        find_soffice()


def test_libreoffice_s_text_layer_is_read_with_its_unmapped_sara_aa_put_back(tmp_path: Path) -> None:
    # LibreOffice maps TH Sarabun New's two-glyph ำ to its first glyph and leaves the า glyph
    # with no character anywhere (pdfminer: 'ก(cid:4)ร' for การ); the page is still read from
    # its layer, not OCR'd, and reads as printed.
    from saraban.ingest.extract.pdf import extract_pdf
    from saraban.parsers.model import PageSource

    require_engine(find_soffice, SofficeMissingError)
    seed = next(s for s in range(500) if (style := office_content(s, CONFIG)[1]).font_family == "TH Sarabun New"
                and style.subject_wraps)
    paths = generate_office_memo(seed, tmp_path, CONFIG)
    import pdfplumber

    with pdfplumber.open(paths.digital) as pdf:
        assert "(cid:" in pdf.pages[0].extract_text()  # the defect this test is about is there
    page = extract_pdf(paths.digital)[0]
    text = _squeezed(" ".join(block.text for block in page.blocks))
    memo = _truth(paths.digital)["memo"]
    assert page.source is PageSource.PDF_TEXT
    assert "(cid:" not in text
    assert _squeezed(memo["agency"].split(" โทร")[0]) in text  # Thai with ำ and า throughout
    assert _squeezed(memo["doc_number_printed"]) in text and _squeezed(memo["date_printed"]) in text
    # The subject wraps over two lines, its break inside a run of Thai words or at a space: the
    # layer's line end says which, and the subject reads as typed.
    from saraban.parsers.letter import parse_letter
    from saraban.parsers.segment import segment

    memo_document = next(d for d in segment([page], ["นาย", "นาง", "นางสาว"]) if d.kind == "memo")
    assert parse_letter(memo_document, ["นาย", "นาง", "นางสาว"]).subject == memo["subject"]
