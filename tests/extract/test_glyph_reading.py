"""Integer cells (ลำดับ, มิติ) read from their glyphs by templates, beside Tesseract.

``read_integer_glyphs`` is run on rendered cells; the decision between the two readings
(``_glyph_reading``) on a stand-in glyph reader. The effect on generated scans is measured by
benchmarks/scans.py (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from saraban.ingest.extract.grid import GridCell
from saraban.ingest.extract.table_reader import _glyph_reading
from saraban.ingest.ocr.digit_glyphs import (
    ARABIC_DIGITS, THAI_DIGITS, LearnedDigits, learn_digits, load_digit_templates,
    OwnFaceReader, read_integer_glyphs, sipa_font_dir,
)
from saraban.parsers.model import BBox
from tests.extract.synthetic import thai_font

PAGE = np.zeros((300, 300), np.uint8)
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def templates():
    return load_digit_templates(digits=THAI_DIGITS + ARABIC_DIGITS)


def cell_ink(text: str, speck: bool = False, size: int = 48) -> np.ndarray:
    """A cell's binary image (ink 255) with ``text`` in it, and a scan speck before it."""
    image = Image.new("L", (size * 4, size * 2), 0)
    draw = ImageDraw.Draw(image)
    draw.text((size, size // 3), text, font=thai_font(size), fill=255)
    if speck:
        draw.ellipse((size // 2, size, size // 2 + 4, size + 4), fill=255)
    return np.asarray(image).copy()


@pytest.mark.parametrize("text", ["1", "4", "15", "๑", "๓", "๔", "๑๗"])
def test_a_plain_integer_reads_from_its_glyphs(text, templates):
    read = read_integer_glyphs(cell_ink(text, speck=True), templates)
    assert read is not None and read[0] == text and read[1] >= 0.85


def test_a_stroke_broken_into_pieces_is_not_read_as_fewer_digits(templates):
    ink = cell_ink("15")
    columns, rows = np.nonzero(ink.any(axis=0))[0], np.nonzero(ink.any(axis=1))[0]
    one = slice(columns[0], columns[0] + (columns[-1] - columns[0]) // 3)
    middle = (rows[0] + rows[-1]) // 2
    ink[middle - 1 : middle + 2, one] = 0  # the 1 cut across its middle: two short pieces
    assert read_integer_glyphs(ink, templates) is None


def test_ink_touching_the_cell_edge_is_a_rule_not_a_digit(templates):
    ink = cell_ink("7")
    ink[:, :3] = 255  # what is left of a vertical rule
    assert read_integer_glyphs(ink, templates) == read_integer_glyphs(cell_ink("7"), templates)
    assert read_integer_glyphs(ink, templates)[0] == "7"


def test_text_that_is_not_digits_is_not_read(templates):
    assert read_integer_glyphs(cell_ink("กข"), templates) is None


def cell(row: int) -> GridCell:
    return GridCell(row, 0, 1, 1, BBox(10, 10 + 60 * row, 110, 60 + 60 * row))


def glyphs(answer: tuple[str, float] | None, own_face: bool = False):
    return lambda ink: (*answer, own_face) if answer is not None else None


def test_an_empty_ocr_reading_takes_the_glyphs():
    assert _glyph_reading(PAGE, {cell(0): ("", 0.0)}, glyphs(("4", 0.97))) == {cell(0): ("4", 0.97)}


def test_agreeing_readings_take_the_surer_confidence():
    assert _glyph_reading(PAGE, {cell(0): ("15", 0.24)}, glyphs(("15", 0.94))) == {cell(0): ("15", 0.94)}
    assert _glyph_reading(PAGE, {cell(0): ("๑๕", 0.3)}, glyphs(("15", 0.9))) == {cell(0): ("๑๕", 0.9)}


def test_differing_readings_keep_the_surer_and_are_never_sure():
    # Seed 7000: Tesseract's '6' at 0.97 for a ๓ the glyphs read at 0.89 came out at 0.89.
    assert _glyph_reading(PAGE, {cell(0): ("4", 0.81)}, glyphs(("1", 0.97))) == {cell(0): ("1", 0.5)}
    assert _glyph_reading(PAGE, {cell(0): ("๔", 0.94)}, glyphs(("๕", 0.85))) == {cell(0): ("๔", 0.5)}
    assert _glyph_reading(PAGE, {cell(0): ("6", 0.97)}, glyphs(("๓", 0.89))) == {cell(0): ("6", 0.5)}
    assert _glyph_reading(PAGE, {cell(0): ("๑", 0.3)}, glyphs(("๗", 0.9))) == {cell(0): ("๗", 0.3)}
    # Where Tesseract read no number the glyphs' reading stands on its own.
    assert _glyph_reading(PAGE, {cell(0): ("", 0.0)}, glyphs(("๗", 0.94))) == {cell(0): ("๗", 0.94)}


def test_a_glyph_reading_with_fewer_digits_than_the_ocr_is_not_taken_but_doubts_it():
    assert _glyph_reading(PAGE, {cell(0): ("15", 0.24)}, glyphs(("5", 0.98))) == {cell(0): ("15", 0.24)}
    # ๓๓ with a speck between them, which Tesseract read as a third ๓ (seed 7000).
    assert _glyph_reading(PAGE, {cell(0): ("๓๓๓", 0.9)}, glyphs(("๓๓", 0.9))) == {cell(0): ("๓๓๓", 0.5)}


def test_no_glyph_reading_changes_nothing():
    numbers = {cell(0): ("12", 0.5)}
    assert _glyph_reading(PAGE, numbers, glyphs(None)) == numbers


def test_a_small_scanned_one_reads_as_one_not_three(templates):
    # A ๑ of a dimension cell, as the pipeline binarized it (bundle seed 2019, Laksaman, 240 dpi
    # upscaled to 300): 22 px wide and 18 tall, its spiral thickened. Crisp 64-px templates took it for ๓
    # (0.80 against 0.78 for ๑), as they did 43 of the 5,043 integer-cell glyphs of seeds 1000
    # and 2000; templates drawn small, blurred and at three ink weights read it as ๑.
    glyph = cv2.imread(str(DATA / "scanned-thai-one-laksaman.png"), cv2.IMREAD_GRAYSCALE)
    ink = np.zeros((glyph.shape[0] + 20, glyph.shape[1] + 20), np.uint8)
    ink[10:-10, 10:-10] = glyph
    read = read_integer_glyphs(ink, templates)
    assert read is not None and read[0] == "๑"


@pytest.mark.parametrize("text", ["๑", "๔", "๕", "๑๗", "๒๒"])
def test_thai_digits_in_the_browsers_default_face_read_from_their_glyphs(text, templates):
    # Noto Sans Thai is what Chromium on Linux prints Thai in when a page names no font; its
    # ๑ is a small loop with a tail and its ๔ and ๕ differ by one curl.
    noto = Path("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf")
    if not noto.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{noto} is missing in CI: scripts/install-system-deps.sh installs fonts-noto-core")
        pytest.skip("fonts-noto-core is not installed (scripts/install-system-deps.sh installs it)")
    image = Image.new("L", (200, 80), 0)
    ImageDraw.Draw(image).text((40, 10), text, font=ImageFont.truetype(str(noto), 40), fill=255)
    read = read_integer_glyphs(np.asarray(image).copy(), templates)
    assert read is not None and read[0] == text


def test_the_documents_own_glyphs_outweigh_tesseract():
    # A decorative face's ๓๑ that Tesseract read as ๑๓๐๑ (seed 9000, TH Kodchasan): the glyphs
    # the document's own ลำดับ taught read it plainly; taken, but not as certain.
    assert _glyph_reading(PAGE, {cell(0): ("๑๓๐๑", 0.5)}, glyphs(("๓๑", 0.96), own_face=True)) \
        == {cell(0): ("๓๑", 0.8)}
    assert _glyph_reading(PAGE, {cell(0): ("๓๑", 0.7)}, glyphs(("๓๑", 0.96), own_face=True)) \
        == {cell(0): ("๓๑", 0.96)}
    # A ลำดับ cell matches the template cut from itself at 1.0: that is no certainty.
    assert _glyph_reading(PAGE, {cell(0): ("๓๑", 0.7)}, glyphs(("๓๑", 1.0), own_face=True)) \
        == {cell(0): ("๓๑", 0.99)}


def kodchasan_ink(text: str, size: int, blur: float = 0.0) -> np.ndarray:
    """A cell's binary image with ``text`` in TH Kodchasan, a SIPA face the stock templates were
    never drawn from (its ๒ ๓ ๕ ๗ ๘ ๙ match none of them closely)."""
    return sipa_ink("THKodchasal/THKodchasal-Regular.ttf", text, size, blur)


def sipa_ink(face: str, text: str, size: int, blur: float = 0.0) -> np.ndarray:
    path = sipa_font_dir() / face
    if not path.exists():
        pytest.fail(f"{path} is missing: the Makefile installs odoo-addon-l10n-th-base-utils")
    image = Image.new("L", (size * max(5, len(text)), size * 2), 0)
    ImageDraw.Draw(image).text((size, size // 3), text, font=ImageFont.truetype(str(path), size), fill=255)
    ink = np.asarray(image, dtype=np.float32)
    if blur:
        ink = cv2.GaussianBlur(ink, (0, 0), blur)
    return ((ink > 110) * 255).astype(np.uint8)


def thai_number(n: int) -> str:
    return "".join(THAI_DIGITS[int(d)] for d in str(n))


def test_digits_of_an_unseen_face_read_by_the_glyphs_its_seq_column_taught(templates):
    taught = learn_digits(LearnedDigits(), [(kodchasan_ink(thai_number(n), 64), thai_number(n))
                                            for n in range(1, 13)])
    assert set(taught.labels) == set(THAI_DIGITS)
    later = [thai_number(n) for n in (23, 38, 57, 69, 4)]
    # Smaller and blurred, as a later page's scan may be: the stock templates alone read few.
    stock = [read_integer_glyphs(kodchasan_ink(text, 56, blur=1.0), templates) for text in later]
    assert sum(read is not None and read[0] == text for read, text in zip(stock, later)) <= 2
    for text in later:
        read = OwnFaceReader.of(templates, taught).read(kodchasan_ink(text, 56, blur=1.0))
        assert read is not None and read[0] == text


def test_a_glyph_the_document_never_taught_is_not_read_by_its_glyphs(templates):
    taught = learn_digits(LearnedDigits(), [(kodchasan_ink(thai_number(n), 64), thai_number(n))
                                            for n in (1, 2, 4, 5, 6)])
    reader = OwnFaceReader.of(templates, taught)
    assert reader.read(kodchasan_ink("๘", 64)) is None
    assert reader.read(kodchasan_ink("๓", 64)) is None


def test_a_one_drawn_as_a_plain_bar_reads_as_one_not_as_no_digit(templates):
    # TH KoHo's 1 is a bare stroke, as like the stock templates' '(' as like itself: in a cell
    # that holds a whole number a bracket is no rival.
    koho = "THKoHo/THKoHo-Regular.ttf"
    taught = learn_digits(LearnedDigits(), [(sipa_ink(koho, str(n), 56, blur=1.0), str(n)) for n in range(1, 13)])
    read = OwnFaceReader.of(templates, taught).read(sipa_ink(koho, "1", 56, blur=1.2))  # a worn copy
    assert read is not None and read[0] == "1"


def test_a_digit_a_thin_stroke_broke_in_two_is_read_whole(templates):
    # TLWG Norasi's ๒, scanned: a thin stroke broke, and its two halves side by side each looked
    # like no digit (0.2–0.4), so a right ๒ kept Tesseract's unconfirmed 0.60 and was flagged.
    taught = learn_digits(LearnedDigits(), [(kodchasan_ink(thai_number(n), 64), thai_number(n))
                                            for n in range(1, 13)])
    ink = kodchasan_ink("๒๓", 56)
    count, labels, stats, _ = cv2.connectedComponentsWithStats((ink > 0).astype(np.uint8))
    two = min(range(1, count), key=lambda i: stats[i, cv2.CC_STAT_LEFT])
    left, width = stats[two, cv2.CC_STAT_LEFT], stats[two, cv2.CC_STAT_WIDTH]
    inside = (labels == two).sum(axis=0)[left + 2 : left + width - 2]
    thinnest = left + 2 + int(np.argmin(inside))  # a column of the ๒ crossing one thin stroke
    broken = ink.copy()
    broken[:, thinnest] = 0
    assert cv2.connectedComponents((broken > 0).astype(np.uint8))[0] == count + 1  # in two
    reader = OwnFaceReader.of(templates, taught)
    read = reader.read(broken)
    assert read is not None and read[0] == "๒๓"
    # Two digits close together are not one: each is read as itself.
    assert reader.read(ink)[0] == "๒๓"
