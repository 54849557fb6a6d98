"""Re-read Thai digits that Tesseract's Thai model cannot produce.

The ``tha`` (and ``script/Thai``) LSTM models shipped with Tesseract 4/5 have no ๔ ๖ ๗ ๘ ๙ in
their character set (tesseract-ocr/langdata_lstm#42), so ๒๕๖๖ comes out as ๒๕๒๒ and ๑๔ as
๑๕ on every page: document numbers and Buddhist-era dates, the fields a memo is filed by.
Tesseract does find where the digits are (it emits its nearest digits ๐ ๑ ๒ ๓ ๕ there), so
each run of such tokens is re-read here glyph by glyph: the connected components inside the
run are matched against the ten Thai digits rendered from the installed Thai fonts.
A run is replaced only when every glyph in it matches a digit well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cv2
import numpy as np

from saraban.ingest.ocr.digit_glyphs import (
    CLOSE_SIMILARITY,
    MIN_SIMILARITY,
    THAI_DIGITS,
    DigitTemplates,
    digit_score,
    split_touching,
)
from saraban.ingest.ocr.digit_runs import (
    NUMBER_MARKS,
    digit_runs,
    follows,
    has_thai_digit,
    is_arabic_digits,
    is_digits,
    is_letters,
    is_number_piece,
    is_script_slip,
    maybe_digits,
)
from saraban.ingest.ocr.glyph_cuts import component_mask
from saraban.parsers.model import BBox
from saraban.parsers.ocr_data import OcrWord

# Latin stand-ins for Thai digits (saraban.ingest.ocr.digit_runs.LATIN_STAND_IN) are re-read too, but every
# glyph must match a Thai digit closely, so that a real Latin word (ITA, OTOP) is never turned
# into digits. Each stand-in is re-read alone: the one beside it may be a Thai word (วันที่ came
# out 'JUN').
STAND_IN_SIMILARITY = CLOSE_SIMILARITY
# Thai letters the model gives for a digit it lacks (๗ as ณ in นศ๗๘๙๐๖, as ฒ in /๗๐๑, as ซ
# in ๔๙.๑๗ and ๔๗). Such a letter is re-read only beside a Thai digit on its line (as close as
# the digits of one run), and like any stand-in must match a digit closely: printed at 40-64 px,
# sharp or blurred, in the eight TLWG faces tried (Laksaman, Garuda, Loma, Norasi, Kinnari,
# Laksaman Bold, Umpush, Waree), ณ scored at most 0.76 against the digit templates, ฒ 0.71,
# ซ 0.66; the stand-in bar is 0.85.
THAI_LETTER_STAND_INS = frozenset("ฒณซ")
# A glyph matched to a template is never certain, however alike: a learned template (one the
# document's own ลำดับ column taught, saraban.ingest.extract.own_digits) matches its own kind at 1.0.
GLYPH_MATCH_AT_MOST = 0.99
UNCONFIRMED_CONFIDENCE = 0.6  # of Thai digits Tesseract gave that the glyphs could not confirm
PART_OF_A_GLYPH = 0.7  # of a token's width inside a digit read from the image: that digit's ink
# A number (saraban.ingest.ocr.digit_runs) is re-read whole, digits and marks from the image.
# Of the median height of the line's other tokens with digits: ink shorter than this is a
# speck, not a digit, however like one it looks once scaled up (a dot left of 0.00 matched a
# blurred ๑ at 0.92). The median: some of Tesseract's boxes span the whole line.
SPECK_SHARE = 0.3
# Thai digits grouped by commas in threes, or not grouped, with or without a fraction.
WELL_FORMED_NUMBER = re.compile(r"[๐-๙]{1,3}(,[๐-๙]{3})+(\.[๐-๙]+)?|[๐-๙]+\.[๐-๙]+")


def reread_digit_runs(
    words: list[OcrWord], binary: np.ndarray, templates: DigitTemplates, arabic_stand_ins: bool = False,
    with_arabic: DigitTemplates | None = None,
) -> list[OcrWord]:
    """Replace each run of Thai-digit tokens with digits read from the glyphs in the run's box.

    ``binary`` is the image the words were read from, ink = 255. With ``arabic_stand_ins``
    (cells that hold only numbers), a word of Arabic digits alone (with its commas and point)
    is a stand-in too: told to read digits, the ``eng`` half reads Thai ones as its own (๑ as
    3, ๑๔ as 34, ๑๑๒,๖๐๐.๐๐ as 99,900.00); only glyphs that match Thai digits closely are
    turned back, and with ``with_arabic`` (templates of both) only those that look more like a
    Thai digit than an Arabic one.
    """
    out: list[OcrWord] = []
    glyphs: list[OcrWord] = []  # the digits read from the image, to tell ink read twice
    runs = digit_runs(words, script_slips=arabic_stand_ins)
    for number, run in enumerate(runs):
        arabic = arabic_stand_ins and len(run) == 1 and is_arabic_digits(run[0].text)
        letter = len(run) == 1 and _letter_stand_in(runs, number)
        slip = arabic_stand_ins and has_thai_digit(run) and any(is_script_slip(w.text) for w in run)
        if len(run) == 1 and not maybe_digits(run[0].text) and not arabic and not letter and not slip:
            out.extend(run)
            continue
        # Letters printed against the digits (the agency code of ตง๗๘๕๐๒) belong to the
        # words beside the run: their glyphs are not the run's.
        neighbours = [
            runs[i][edge] for i, edge in ((number - 1, -1), (number + 1, 0))
            if 0 <= i < len(runs) and runs[i][edge].line_key == run[0].line_key
        ]
        beside = [w.bbox for w in neighbours if is_letters(w.text)]
        # A lone stand-in letter's box is narrower than the digit it stands for, so a glyph of
        # the digit run beside it is cut by its reach: centred on that word, it is that word's
        # (the ๐ after ๗ read as ฒ), not a sign of fused glyphs. For digit runs the check stays
        # whole: a neighbouring token of digits and commas Tesseract split wrongly is exactly
        # what it guards against.
        next_to = [w.bbox for w in neighbours] if letter else []
        stand_in = any(not (is_number_piece(w.text) or slip and is_script_slip(w.text)) for w in run)
        matched_against = with_arabic if arabic and with_arabic is not None else templates
        read = _reread(run, binary, matched_against, beside, next_to,
                       STAND_IN_SIMILARITY if stand_in else MIN_SIMILARITY,
                       min_height=SPECK_SHARE * _digit_height_beside(run, words))
        # Tesseract misnames digits (๔ as ๕) and splits them (๖ as ๒๐), so its count is
        # seldom too low; a re-read that finds more glyphs than it did has mostly caught a
        # neighbour (the ๐ across the dot of ๐.๐๐ came back ๐.๐๐๐๐): Tesseract's text stays.
        # One glyph more is taken where Tesseract dropped a digit it cannot name (the ๗ of
        # ๘๑๗, given as ๕๑), when no other word's box holds any of the glyphs.
        tokens = sum(c not in NUMBER_MARKS for w in run for c in w.text)
        plausible = read is not None and (
            len(read.digits) <= tokens
            or len(read.digits) == tokens + 1 and _claimed_by_none_else(read.digits, run, words)
        )
        if plausible and read is not None:
            out.extend(_with_number_marks(read, run))
            glyphs.extend(read.digits)
        elif stand_in:
            out.extend(run)
        else:
            # Tesseract is blind to ๔ ๖ ๗ ๘ ๙: the digits it gave here, unconfirmed by the
            # glyphs, may stand for one of them (๕ for ๔ read with confidence 0.85), however
            # sure it says it is.
            out.extend(replace(w, confidence=min(w.confidence, UNCONFIRMED_CONFIDENCE)) for w in run)
    given = {id(w) for w in words}
    return [w for w in out if id(w) not in given or not _part_of_a_glyph(w, glyphs)]


def _part_of_a_glyph(word: OcrWord, glyphs: list[OcrWord]) -> bool:
    """Whether a short token Tesseract gave, kept as it was, lies within a digit read from the
    image: a second reading of that digit's ink (๗ came out as ๓ and ฑ; ๖ as ๒ and 5)."""
    return len(word.text) <= 2 and word.bbox.width > 0 and any(
        g.line_key == word.line_key
        and min(g.bbox.x1, word.bbox.x1) - max(g.bbox.x0, word.bbox.x0) >= PART_OF_A_GLYPH * word.bbox.width
        for g in glyphs
    )


def _digit_height_beside(run: list[OcrWord], words: list[OcrWord]) -> float:
    """The median height of the tokens with digits on the run's line, the run's own left out;
    0 when there are none."""
    heights = [w.bbox.height for w in words if w.line_key == run[0].line_key
               and all(w is not r for r in run) and any(c.isdigit() for c in w.text)]
    return float(np.median(heights)) if heights else 0.0


def _claimed_by_none_else(read: list[OcrWord], run: list[OcrWord], words: list[OcrWord]) -> bool:
    """Whether no glyph read lies in the box of another word on the run's line: the glyphs
    are the run's own, one of them a digit Tesseract gave no token (its box for ๑ spanned ๑๗)."""
    others = [w.bbox for w in words if w.line_key == run[0].line_key and all(w is not r for r in run)]
    centres = [(glyph.bbox.x0 + glyph.bbox.x1) / 2 for glyph in read]
    return not any(o.x0 <= centre <= o.x1 for centre in centres for o in others)


def _letter_stand_in(runs: list[list[OcrWord]], number: int) -> bool:
    """Whether run ``number`` is one stand-in letter beside a Thai digit on its line."""
    word = runs[number][0]
    if word.text not in THAI_LETTER_STAND_INS:
        return False
    before = runs[number - 1][-1] if number > 0 else None
    after = runs[number + 1][0] if number + 1 < len(runs) else None
    return (before is not None and is_digits(before.text) and follows(before, word)) or (
        after is not None and is_digits(after.text) and follows(word, after)
    )


def _with_number_marks(read: Reread, run: list[OcrWord]) -> list[OcrWord]:
    """The digits read from the glyphs, with the run's commas and points put back.

    The marks seen in the image between the digits are used, each named by its shape (a comma
    hangs below the digits' baseline, a point sits on it; Tesseract swaps the two, and drops
    one now and then), when they make a well-formed number or are as many as Tesseract's.
    Otherwise Tesseract's marks go where its boxes put them (a mark token at its centre, one
    stuck to digits at that end of the token), and the number is doubtful.
    """
    given = sorted(
        ((_mark_x(word, index), char, word) for word in run for index, char in enumerate(word.text)
         if char in NUMBER_MARKS),
        key=lambda mark: mark[0],
    )
    baseline = float(np.median([w.bbox.bottom for w in read.digits]))
    confidence = min(w.confidence for w in read.digits)
    seen = [OcrWord(_mark_by_shape(box, baseline), box, confidence, run[0].line_key) for box in read.marks]
    with_seen = sorted([*read.digits, *seen], key=_centre_x)
    if seen and (len(seen) == len(given) or WELL_FORMED_NUMBER.fullmatch("".join(w.text for w in with_seen))):
        return with_seen
    out = list(read.digits)
    for x, char, word in given:
        at = next((i for i, w in enumerate(out) if w.text in THAI_DIGITS and _centre_x(w) >= x), len(out))
        # A small box just after the digit before it, kept left of the next one.
        band = out[at - 1].bbox if at else out[0].bbox
        left = band.x1 if at else band.x0 - 1
        if at < len(out):
            left = min(left, out[at].bbox.x0 - 0.5)
        box = BBox(left, band.bottom - 0.3 * band.height, left + 0.2 * band.height, band.bottom)
        out.insert(at, OcrWord(char, box, min(word.confidence, UNCONFIRMED_CONFIDENCE), word.line_key))
    return out


def _mark_by_shape(box: BBox, baseline: float) -> str:
    return "," if box.bottom - baseline > 0.3 * box.height else "."


def _centre_x(word: OcrWord) -> float:
    return (word.bbox.x0 + word.bbox.x1) / 2


def _mark_x(word: OcrWord, index: int) -> float:
    """Where Tesseract's token puts its mark at ``index``: a lone mark at its centre, one stuck
    to digits at that end of the token, one inside by its place."""
    text, box = word.text, word.bbox
    if len(text) == 1:
        return (box.x0 + box.x1) / 2
    if index in (0, len(text) - 1):
        return box.x0 if index == 0 else box.x1
    return box.x0 + (index + 0.5) / len(text) * box.width


@dataclass(frozen=True, slots=True)
class Reread:
    digits: list[OcrWord]  # one per glyph, left to right
    marks: list[BBox]  # where the commas and points between them are, left to right


def _reread(
    run: list[OcrWord],
    binary: np.ndarray,
    templates: DigitTemplates,
    beside: list[BBox] = (),
    next_to: list[BBox] = (),
    min_similarity: float = MIN_SIMILARITY,
    min_height: float = 0.0,
) -> Reread | None:
    box = run[0].bbox
    for word in run[1:]:
        box = box.union(word.bbox)
    # Tesseract's boxes for Thai glyphs are loose and often cut a digit's edge, so whole
    # components are taken from a padded region and kept when they lie mostly in the run.
    pad = int(box.height)
    x0, top = max(int(box.x0) - pad, 0), max(int(box.top) - pad, 0)
    region = binary[top : int(box.bottom) + pad, x0 : int(box.x1) + pad]
    count, labels, stats, centres = cv2.connectedComponentsWithStats(
        (region > 0).astype(np.uint8), connectivity=8
    )
    # Tesseract's run box also stops short of the first or last digit now and then.
    reach = 0.5 * min(w.bbox.height for w in run)
    wide = BBox(box.x0 - reach, box.top, box.x1 + reach, box.bottom)
    inside = [
        i
        for i in range(1, count)
        if _x_overlap(stats[i], x0, wide) >= 0.5 * stats[i, cv2.CC_STAT_WIDTH]
        and box.top <= centres[i][1] + top <= box.bottom
        and not _belongs_beside(stats[i], x0, beside, box)
    ]
    if not inside:
        return None
    # Digits share one height band (๒ ๕ ๖ rise above ๐ ๑ ๓ by about a third); specks and
    # marks of the neighbouring lines do not.
    # The band is taken from glyphs that read as digits: a digit fused with the slash after it
    # (๔/) stands taller than any digit and would leave the short ๐ out; so would the slash
    # itself, caught at the run's edge (๗๖๖๐๑/: the ๐ of a memo number was lost that way).
    readable = [
        i for i in inside
        if stats[i, cv2.CC_STAT_HEIGHT] >= min_height
        and digit_score(component_mask(labels, stats, i), templates) >= min_similarity
    ]
    digit_h = max(float(stats[i, cv2.CC_STAT_HEIGHT]) for i in readable or inside)
    keep = sorted(
        (i for i in inside if stats[i, cv2.CC_STAT_HEIGHT] >= max(0.6 * digit_h, min_height)),
        key=lambda i: stats[i, cv2.CC_STAT_LEFT],
    )
    if not keep:
        return None
    for i in range(1, count):
        if _belongs_beside(stats[i], x0, [*beside, *next_to], box):
            continue
        # A glyph cut by the run's edge is a separator (the / of ๕๒๕๐๑/๑๖๖) or a digit fused
        # with one (๕/ touching in a scan): in the second case the run cannot be trusted.
        left, _, width, height = (int(v) for v in stats[i, :4])
        # One that reaches the region's side is cut by the crop, not only by the run's edge:
        # its shape says nothing, and a glyph that far out is the neighbour's (a slash).
        cropped = left == 0 or left + width == region.shape[1]
        if (
            not (cropped and _x_overlap(stats[i], x0, box) <= 0)
            and 0 < _x_overlap(stats[i], x0, wide) < 0.5 * width
            and height >= 0.6 * digit_h
            and box.top <= centres[i][1] + top <= box.bottom
        ):
            mark, score = templates.classify(component_mask(labels, stats, i))
            if mark in THAI_DIGITS or score < min_similarity:
                return None
    read: list[OcrWord] = []
    for index in keep:
        left, upper, width, height = (int(v) for v in stats[index, :4])
        component = component_mask(labels, stats, index)
        for offset, glyph in split_touching(component, templates):
            digit, score = templates.classify(glyph)
            if score < min_similarity:
                return None
            if digit not in THAI_DIGITS:
                if _x_overlap(stats[index], x0, box) >= 0.5 * width:
                    return None  # a separator inside the run: fused glyphs we cannot trust
                continue  # a neighbour caught at the edge (the / of ๕๒๕๐๑/๑๖๖)
            gx = x0 + left + offset
            glyph_box = BBox(gx, top + upper, gx + glyph.shape[1], top + upper + height)
            read.append(OcrWord(digit, glyph_box, min(score, GLYPH_MATCH_AT_MOST), run[0].line_key))
    if not read:
        return None
    # The comma and point of a number: small ink low in the digits' band, between its digits.
    band_top, band_bottom = min(w.bbox.top for w in read), max(w.bbox.bottom for w in read)
    marks = [
        BBox(x0 + stats[i, 0], top + stats[i, 1], x0 + stats[i, 0] + stats[i, 2], top + stats[i, 1] + stats[i, 3])
        for i in inside
        if i not in keep
        and 0.1 * digit_h <= max(stats[i, cv2.CC_STAT_HEIGHT], stats[i, cv2.CC_STAT_WIDTH]) < 0.6 * digit_h
        and centres[i][1] + top > (band_top + band_bottom) / 2
        and read[0].bbox.x0 < centres[i][0] + x0 < read[-1].bbox.x1
    ] if any(c in NUMBER_MARKS for w in run for c in w.text) else []
    return Reread(read, sorted(marks, key=lambda b: b.x0))


def _belongs_beside(stat: np.ndarray, x0: int, beside: list[BBox], run_box: BBox) -> bool:
    """Whether a component's centre lies in the box of a word next to the run, and the
    component overlaps that word's box more than the run's: Tesseract's boxes overlap (the ศ
    of นศ๗ reached over half the ๗)."""
    centre = x0 + float(stat[cv2.CC_STAT_LEFT]) + float(stat[cv2.CC_STAT_WIDTH]) / 2
    return any(
        box.x0 <= centre <= box.x1 and _x_overlap(stat, x0, box) > _x_overlap(stat, x0, run_box)
        for box in beside
    )


def _x_overlap(stat: np.ndarray, x0: int, box: BBox) -> float:
    left = float(stat[cv2.CC_STAT_LEFT]) + x0
    right = left + float(stat[cv2.CC_STAT_WIDTH])
    return min(right, box.x1) - max(left, box.x0)


