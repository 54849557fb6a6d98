"""The Thai-digit re-reader on a rendered line, with the tokens Tesseract gives for it."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

from saraban.ingest.ocr.digit_glyphs import ARABIC_DIGITS, THAI_DIGITS, load_digit_templates
from saraban.ingest.ocr.thai_digits import reread_digit_runs
from saraban.parsers.model import BBox
from saraban.parsers.ocr_data import OcrWord
from tests.extract.synthetic import thai_font

SIZE = 64
DATA = Path(__file__).parent / "data"
X0, Y0 = 40, 40


def rendered(text: str) -> tuple[np.ndarray, list[BBox]]:
    """Ink mask (255) of ``text`` and the box of each character, as drawn."""
    font = thai_font(SIZE)
    image = Image.new("L", (SIZE * (len(text) + 2), SIZE * 3), 0)
    ImageDraw.Draw(image).text((X0, Y0), text, font=font, fill=255)
    mask = np.asarray(image)
    boxes = []
    for i in range(len(text)):
        left, right = X0 + font.getlength(text[:i]), X0 + font.getlength(text[: i + 1])
        rows = np.nonzero(mask[:, int(left) : int(right) + 1].any(axis=1))[0]
        top, bottom = (rows.min(), rows.max() + 1) if len(rows) else (Y0, Y0 + SIZE)
        boxes.append(BBox(left, float(top), right, float(bottom)))  # tight on the ink, as Tesseract's
    return mask, boxes


def tokens(texts: list[str], boxes: list[BBox]) -> list[OcrWord]:
    return [OcrWord(t, b, 0.9, (1, 1, 1)) for t, b in zip(texts, boxes)]


def joined(words: list[OcrWord]) -> str:
    return "".join(w.text for w in words)


def test_digits_the_model_cannot_emit_are_read_by_glyph_even_against_letters():
    mask, boxes = rendered("ตง๗๘๕๐๒")
    # Tesseract's tha model has no ๗ or ๘: it says ๓ and ๕ there.
    words = tokens(["ต", "ง", "๓", "๕", "๕", "๐", "๒"], boxes)
    assert joined(reread_digit_runs(words, mask, load_digit_templates())) == "ตง๗๘๕๐๒"


def test_a_latin_stand_in_for_digits_is_read_again_but_a_latin_word_is_not():
    mask, boxes = rendered("ITA ๒๙")
    words = [OcrWord("ITA", boxes[0].union(boxes[2]), 0.9, (1, 1, 1)),
             OcrWord("low", boxes[4].union(boxes[5]), 0.6, (1, 1, 1))]
    assert joined(reread_digit_runs(words, mask, load_digit_templates())) == "ITA๒๙"


def test_arabic_digits_stand_in_for_thai_ones_only_in_number_cells():
    mask, boxes = rendered("๑๔")
    words = [OcrWord("34", boxes[0].union(boxes[1]), 0.8, (1, 1, 1))]  # the eng model's reading
    templates = load_digit_templates()
    assert joined(reread_digit_runs(words, mask, templates, arabic_stand_ins=True)) == "๑๔"
    assert joined(reread_digit_runs(words, mask, templates)) == "34"  # free text: left as read


def test_arabic_digits_printed_as_such_stay_arabic_in_number_cells():
    mask, boxes = rendered("3 47")
    words = [OcrWord("3", boxes[0], 0.8, (1, 1, 1)), OcrWord("47", boxes[2].union(boxes[3]), 0.8, (1, 1, 1))]
    assert joined(reread_digit_runs(words, mask, load_digit_templates(), arabic_stand_ins=True)) == "347"


def test_a_thai_letter_standing_in_for_a_digit_beside_digits_is_read_again():
    mask, boxes = rendered("นศ๗๘๙๐๖")
    # The model gave ณ for ๗ (and ๕ ๕ ๒ for ๘ ๙ ๖); its box for ศ reaches over the ๗.
    shs = BBox(boxes[1].x0, boxes[1].top, (boxes[1].x1 + boxes[2].x1) / 2, boxes[1].bottom)
    words = tokens(["น", "ศ", "ณ", "๕", "๕", "๐", "๒"], [boxes[0], shs, *boxes[2:]])
    assert joined(reread_digit_runs(words, mask, load_digit_templates())) == "นศ๗๘๙๐๖"


def test_a_printed_thai_letter_beside_digits_stays_a_letter():
    for text in ("ณ๓๐", "๕ซ"):
        mask, boxes = rendered(text)
        words = tokens(list(text), boxes)
        assert joined(reread_digit_runs(words, mask, load_digit_templates())) == text


def test_so_so_stands_in_for_a_seven_after_digits():
    mask, boxes = rendered("๔๙.๑๗")
    # Seed 1019's summary line: the ๗ of the stated percentage came back as ซ.
    words = tokens(["๕", "๕", ".", "๑", "ซ"], boxes)
    assert joined(reread_digit_runs(words, mask, load_digit_templates())) == "๔๙.๑๗"


def test_a_digit_tesseract_gave_no_token_is_read_when_no_other_word_holds_it():
    mask, boxes = rendered("๘๑๗")
    # The model said ๕ for ๘ and one ๑ whose box spans ๑ and ๗.
    words = tokens(["๕", "๑"], [boxes[0], boxes[1].union(boxes[2])])
    assert joined(reread_digit_runs(words, mask, load_digit_templates())) == "๘๑๗"


def test_a_glyph_of_the_next_word_is_not_taken_as_a_dropped_digit():
    mask, boxes = rendered("๕.๐๐")
    # The run's box reaches over the dot to the next ๐, which is the next word's.
    words = tokens(["๕", ".", "๐๐"], [boxes[0].union(boxes[1]), boxes[1], boxes[2].union(boxes[3])])
    assert joined(reread_digit_runs(words, mask, load_digit_templates())) == "๕.๐๐"


def scanned_glyph(name: str, margin: int = 40) -> tuple[np.ndarray, BBox]:
    """Ink mask of a component cut from a generated scan (tests/extract/data), on a black
    margin, and the component's box in it."""
    glyph = cv2.imread(str(DATA / name), cv2.IMREAD_GRAYSCALE)
    mask = np.zeros((glyph.shape[0] + 2 * margin, glyph.shape[1] + 2 * margin), np.uint8)
    mask[margin:-margin, margin:-margin] = glyph
    return mask, BBox(margin, margin, margin + glyph.shape[1], margin + glyph.shape[0])


def test_digits_fused_by_the_scan_are_cut_where_both_pieces_read_as_digits():
    # ๕ and ๒ fused in a generated scan (bundle seed 1003, 300 dpi, JPEG): the thinnest column
    # near the middle cuts ๕'s tail off; the cut is found where both pieces read as digits.
    mask, box = scanned_glyph("fused-thai-digits-52.png")
    middle = (box.x0 + box.x1) / 2
    words = tokens(["๕", "๓"], [BBox(box.x0, box.top, middle, box.bottom), BBox(middle, box.top, box.x1, box.bottom)])
    assert joined(reread_digit_runs(words, mask, load_digit_templates())) == "๕๒"


def test_a_digit_fused_with_the_slash_after_it_is_read_and_the_slash_left_out():
    # ๔ and / touching in a generated scan (seed 2002, 240 dpi): one component reading as
    # nothing; cut in two, ๔ and / each match closely.
    mask, box = scanned_glyph("fused-thai-digit-slash-4.png")
    digit = BBox(box.x0, box.top, box.x0 + 0.45 * box.width, box.bottom)  # Tesseract's ๕ for ๔
    assert joined(reread_digit_runs(tokens(["๕"], [digit]), mask, load_digit_templates())) == "๔"


def test_an_amount_is_read_whole_with_its_comma_and_point_where_the_scan_has_them():
    mask, boxes = rendered("๑๙๐,๔๐๐.๐๐")
    # Tesseract's tokens for it on a generated scan: ๙ read as ๑๕, ๔ as ๕, the comma and
    # point stuck to the digits before them.
    words = tokens(["๑", "๑๕๐,", "๕๐๐.", "๐", "๐"],
                   [boxes[0], boxes[1].union(boxes[3]), boxes[4].union(boxes[7]), boxes[8], boxes[9]])
    read = reread_digit_runs(words, mask, load_digit_templates())
    assert joined(read) == "๑๙๐,๔๐๐.๐๐"
    assert [w.text for w in sorted(read, key=lambda w: w.bbox.x0)] == list("๑๙๐,๔๐๐.๐๐")


def test_a_point_token_whose_box_runs_over_the_next_digit_stays_where_the_ink_is():
    mask, boxes = rendered("๐.๐๐")
    words = tokens(["๐", ".", "๐", "๐"], [boxes[0], boxes[1].union(boxes[2]), boxes[2], boxes[3]])
    assert joined(reread_digit_runs(words, mask, load_digit_templates())) == "๐.๐๐"


def test_a_full_stop_after_a_number_is_the_sentence_s():
    mask, boxes = rendered("๒๕๖๖.")
    words = tokens(["๒", "๕", "๒", "๒", "."], boxes)
    read = reread_digit_runs(words, mask, load_digit_templates())
    assert joined(read) == "๒๕๖๖."
    assert read[-1] is words[-1]


def test_marks_are_named_by_their_shape_when_tesseract_swaps_or_drops_them():
    mask, boxes = rendered("๒๗๒,๗๐๐.๐๐")
    swapped = tokens(["๒๓๒.", "๓๐๐,", "๐๐"], [boxes[0].union(boxes[3]), boxes[4].union(boxes[7]), boxes[8].union(boxes[9])])
    assert joined(reread_digit_runs(swapped, mask, load_digit_templates())) == "๒๗๒,๗๐๐.๐๐"
    mask, boxes = rendered("๔๕๙,๒๐๐.๐๐")
    # Seed 2015: no token for the comma; the point's token box reaches over the last digits.
    dropped = tokens(["๕", "๕", "๕", "๒", "๐๐.", "๐", "๐"], [*boxes[:3], boxes[4], boxes[5].union(boxes[9]), boxes[8], boxes[9]])
    assert joined(reread_digit_runs(dropped, mask, load_digit_templates())) == "๔๕๙,๒๐๐.๐๐"


def test_a_mark_the_image_does_not_confirm_leaves_the_number_doubtful():
    mask, boxes = rendered("๑๒๓๔๕")
    # A point Tesseract saw where the image has no mark.
    words = tokens(["๑", "๒", "๓.", "๕", "๕"], boxes)
    read = reread_digit_runs(words, mask, load_digit_templates())
    assert joined(read) == "๑๒๓.๔๕"
    assert min(w.confidence for w in read) <= 0.6


def test_a_speck_tesseract_read_as_a_digit_is_not_confirmed_by_its_blurred_likeness():
    mask, boxes = rendered("  0.00")
    mask = mask.copy()
    digit_h = boxes[2].height
    x, y = int(boxes[0].x0 + 4), int(boxes[2].bottom - digit_h / 2)
    mask[y : y + 4, x : x + 4] = 255  # a dot of dust left of the amount, as in seed 1017
    speck = BBox(x, y, x + 4, y + 4)
    words = [OcrWord("๑", speck, 0.9, (1, 1, 1)), OcrWord("0.00", boxes[2].union(boxes[5]), 0.9, (1, 1, 1))]
    read = reread_digit_runs(words, mask, load_digit_templates())
    assert read[0].confidence <= 0.6


def test_an_amount_read_as_arabic_digits_in_a_number_cell_is_turned_back_only_when_thai():
    every = load_digit_templates(digits=THAI_DIGITS + ARABIC_DIGITS)
    for printed, given, expected in (("๑๑๒,๖๐๐.๐๐", "99,900.00", "๑๑๒,๖๐๐.๐๐"),  # seed 1008
                                     ("112,600.00", "112,600.00", "112,600.00")):
        mask, boxes = rendered(printed)
        words = tokens([given], [boxes[0].union(boxes[-1])])
        read = reread_digit_runs(words, mask, load_digit_templates(), arabic_stand_ins=True, with_arabic=every)
        assert joined(read) == expected


def test_the_slash_after_a_number_does_not_set_the_digits_height():
    mask, boxes = rendered("๗๖๖๐๑/")
    # Seed 2011's memo number: the slash, caught at the run's edge, is taller than any digit;
    # measured against it the short ๐ looked like a speck and was dropped (๗๖๖๑).
    words = tokens(["๒", "๒", "๒", "๐", "๑", "/"], boxes)
    assert joined(reread_digit_runs(words, mask, load_digit_templates())) == "๗๖๖๐๑/"


def test_a_digit_tesseract_read_as_two_characters_is_read_once():
    mask, boxes = rendered("๗๘/๖")
    seven, six = boxes[0], boxes[3]
    left = BBox(seven.x0, seven.top, seven.x0 + 0.6 * seven.width, seven.bottom)
    right = BBox(seven.x0 + 0.45 * seven.width, seven.top, seven.x1, seven.bottom)
    inner = BBox(six.x0 + 0.3 * six.width, six.top, six.x1 - 0.1 * six.width, six.bottom)
    # Seed 2012's memo number: ๗ came out as ๓ and ฑ, ๖ as ๒ and an Arabic 5 inside it.
    words = tokens(["๓", "ฑ", "๕", "/", "๒", "5"], [left, right, boxes[1], boxes[2], six, inner])
    assert joined(reread_digit_runs(words, mask, load_digit_templates())) == "๗๘/๖"


def test_an_arabic_digit_inside_a_thai_number_is_read_again_with_it():
    # Noto's ๐ is a ring like 0: the eng half gave one token '๑๕๑,๙๐๐.0๐๐' for ๑๕๑,๙๐๐.๐๐,
    # three digits after the point, which no glyph reading had looked at.
    mask, boxes = rendered("๑๕๑,๙๐๐.๐๐")
    words = [OcrWord("๑๕๑,๙๐๐.0๐๐", boxes[0].union(boxes[-1]), 0.91, (1, 1, 1))]
    assert joined(reread_digit_runs(words, mask, load_digit_templates(), arabic_stand_ins=True)) == "๑๕๑,๙๐๐.๐๐"
