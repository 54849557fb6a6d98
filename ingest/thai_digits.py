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
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from parsers.model import BBox
from parsers.ocr_data import OcrWord

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
# Separators next to digits (๕๒๕๐๑/๑๖๖, ๐๒-๒๔๑): matched so that a neighbour's glyph caught
# at a run's edge is recognised and left out instead of forced into a digit.
SEPARATORS = "/-:()"
GLYPH_SIDE = 24  # pixels of the normalized glyph image
TEMPLATE_PX = 64  # font size the templates are drawn at
MIN_SIMILARITY = 0.75  # cosine similarity a glyph needs for its run to be replaced
# The `eng` half of tha+eng reads some Thai digit pairs as short Latin words (๒๙ as 'JUN low'
# on a memo's date line). Such stand-ins are re-read too, but every glyph must match a Thai
# digit closely, so that a real Latin word (ITA, OTOP) is never turned into digits. Each
# stand-in is re-read alone: the one beside it may be a Thai word (วันที่ came out 'JUN').
LATIN_STAND_IN = re.compile(r"[A-Za-z]{1,4}")
STAND_IN_SIMILARITY = 0.85
# Thai letters the model gives for a digit it lacks (๗ as ณ in นศ๗๘๙๐๖, as ฒ in /๗๐๑). Such a
# letter is re-read only beside a Thai digit on its line (as close as the digits of one run),
# and like any stand-in must match a digit closely: a printed ณ or ฒ scores at most 0.73
# against the digit templates in the TLWG fonts, the stand-in bar is 0.85.
THAI_LETTER_STAND_INS = frozenset("ฒณ")
UNCONFIRMED_CONFIDENCE = 0.6  # of Thai digits Tesseract gave that the glyphs could not confirm
# The TLWG families: Laksaman is the metric twin of TH Sarabun, the government's font.
FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")


@dataclass(frozen=True, slots=True)
class DigitTemplates:
    vectors: np.ndarray  # (n, GLYPH_SIDE**2) float32, unit length
    labels: tuple[str, ...]  # the digit of each row

    def classify(self, glyph: np.ndarray) -> tuple[str, float]:
        """(digit, cosine similarity) of the best template for a binary glyph image."""
        scores = self.vectors @ glyph_vector(glyph)
        best = int(np.argmax(scores))
        return self.labels[best], float(scores[best])


def load_digit_templates(font_paths: list[Path] | None = None) -> DigitTemplates | None:
    """Templates from the given fonts, else every upright Thai font fontconfig knows (the
    TLWG folder when fontconfig is absent). None when no Thai font is installed."""
    paths = font_paths if font_paths is not None else _thai_fonts()
    vectors, labels = [], []
    for path in paths:
        try:
            font = ImageFont.truetype(str(path), TEMPLATE_PX)
        except OSError:
            continue
        for digit in THAI_DIGITS + SEPARATORS:
            image = Image.new("L", (TEMPLATE_PX * 2, TEMPLATE_PX * 2), 0)
            ImageDraw.Draw(image).text((TEMPLATE_PX // 2, TEMPLATE_PX // 2), digit, font=font, fill=255)
            glyph = np.asarray(image) > 127
            if glyph.any():
                vectors.append(glyph_vector(glyph))
                labels.append(digit)
    if not vectors:
        return None
    return DigitTemplates(np.stack(vectors).astype(np.float32), tuple(labels))


def glyph_vector(glyph: np.ndarray) -> np.ndarray:
    """A binary glyph cropped, centred in a square (keeping its proportions), shrunk to
    GLYPH_SIDE², blurred a little against stroke-width differences, and made unit length."""
    ys, xs = np.nonzero(glyph)
    if len(ys) == 0:
        return np.zeros(GLYPH_SIDE * GLYPH_SIDE, np.float32)
    crop = glyph[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float32)
    side = max(crop.shape) + 2
    square = np.zeros((side, side), np.float32)
    top, left = (side - crop.shape[0]) // 2, (side - crop.shape[1]) // 2
    square[top : top + crop.shape[0], left : left + crop.shape[1]] = crop
    small = cv2.resize(square, (GLYPH_SIDE, GLYPH_SIDE), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (3, 3), 0).ravel()
    small -= small.mean()
    norm = float(np.linalg.norm(small))
    return small / norm if norm else small


def reread_digit_runs(
    words: list[OcrWord], binary: np.ndarray, templates: DigitTemplates, arabic_stand_ins: bool = False
) -> list[OcrWord]:
    """Replace each run of Thai-digit tokens with digits read from the glyphs in the run's box.

    ``binary`` is the image the words were read from, ink = 255. With ``arabic_stand_ins``
    (cells that hold only numbers), a word of Arabic digits alone is a stand-in too: told to
    read digits, the ``eng`` half reads Thai ones as its own (๑ as 3, ๑๔ as 34); only glyphs
    that match Thai digits closely are turned back.
    """
    out: list[OcrWord] = []
    runs = _digit_runs(words)
    for number, run in enumerate(runs):
        arabic = arabic_stand_ins and len(run) == 1 and _is_arabic_digits(run[0].text)
        letter = len(run) == 1 and _letter_stand_in(runs, number)
        if len(run) == 1 and not _maybe_digits(run[0].text) and not arabic and not letter:
            out.extend(run)
            continue
        # Letters printed against the digits (the agency code of ตง๗๘๕๐๒) belong to the
        # words beside the run: their glyphs are not the run's.
        neighbours = [
            runs[i][edge] for i, edge in ((number - 1, -1), (number + 1, 0))
            if 0 <= i < len(runs) and runs[i][edge].line_key == run[0].line_key
        ]
        beside = [w.bbox for w in neighbours if _is_letters(w.text)]
        # A lone stand-in letter's box is narrower than the digit it stands for, so a glyph of
        # the digit run beside it is cut by its reach: centred on that word, it is that word's
        # (the ๐ after ๗ read as ฒ), not a sign of fused glyphs. For digit runs the check stays
        # whole: a neighbouring token of digits and commas Tesseract split wrongly is exactly
        # what it guards against.
        next_to = [w.bbox for w in neighbours] if letter else []
        stand_in = any(not _is_digits(w.text) for w in run)
        read = _reread(run, binary, templates, beside, next_to,
                       STAND_IN_SIMILARITY if stand_in else MIN_SIMILARITY)
        # Tesseract misnames digits (๔ as ๕) and splits them (๖ as ๒๐), so its count is
        # seldom too low; a re-read that finds more glyphs than it did has mostly caught a
        # neighbour (the ๐ across the dot of ๐.๐๐ came back ๐.๐๐๐๐): Tesseract's text stays.
        # One glyph more is taken where Tesseract dropped a digit it cannot name (the ๗ of
        # ๘๑๗, given as ๕๑), when no other word's box holds any of the glyphs.
        tokens = sum(len(w.text) for w in run)
        plausible = read is not None and (
            len(read) <= tokens
            or len(read) == tokens + 1 and _claimed_by_none_else(read, run, words)
        )
        if plausible and read is not None:
            out.extend(read)
        elif stand_in:
            out.extend(run)
        else:
            # Tesseract is blind to ๔ ๖ ๗ ๘ ๙: the digits it gave here, unconfirmed by the
            # glyphs, may stand for one of them (๕ for ๔ read with confidence 0.85), however
            # sure it says it is.
            out.extend(replace(w, confidence=min(w.confidence, UNCONFIRMED_CONFIDENCE)) for w in run)
    return out


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
    for index, edge in ((number - 1, -1), (number + 1, 0)):
        if not 0 <= index < len(runs):
            continue
        other = runs[index][edge]
        gap = max(other.bbox.x0 - word.bbox.x1, word.bbox.x0 - other.bbox.x1)
        if (
            other.line_key == word.line_key
            and _is_digits(other.text)
            and gap < max(word.bbox.height, other.bbox.height)
        ):
            return True
    return False


def _is_arabic_digits(text: str) -> bool:
    return bool(text) and text.isascii() and text.isdigit()


def _is_digits(text: str) -> bool:
    return bool(text) and all(c in THAI_DIGITS for c in text)


def _is_letters(text: str) -> bool:
    """A word with letters in it (not a separator, not Thai digits): ตง before ๗๘๕๐๒, or a
    Latin word ('ITA') or stand-in beside a run."""
    return any("\u0e01" <= c <= "\u0e2e" or c.isascii() and c.isalpha() for c in text)


def _maybe_digits(text: str) -> bool:
    return _is_digits(text) or bool(LATIN_STAND_IN.fullmatch(text))


def _digit_runs(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Split the words into runs: consecutive digit tokens on one line, or single words."""
    runs: list[list[OcrWord]] = []
    for word in words:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and _is_digits(word.text)
            and _is_digits(last.text)
            and last.line_key == word.line_key
            and word.bbox.x0 - last.bbox.x1 < max(word.bbox.height, last.bbox.height)
        ):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _reread(
    run: list[OcrWord],
    binary: np.ndarray,
    templates: DigitTemplates,
    beside: list[BBox] = (),
    next_to: list[BBox] = (),
    min_similarity: float = MIN_SIMILARITY,
) -> list[OcrWord] | None:
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
    digit_h = max(float(stats[i, cv2.CC_STAT_HEIGHT]) for i in inside)
    keep = sorted(
        (i for i in inside if stats[i, cv2.CC_STAT_HEIGHT] >= 0.6 * digit_h),
        key=lambda i: stats[i, cv2.CC_STAT_LEFT],
    )
    for i in range(1, count):
        if _belongs_beside(stats[i], x0, [*beside, *next_to], box):
            continue
        # A glyph cut by the run's edge is a separator (the / of ๕๒๕๐๑/๑๖๖) or a digit fused
        # with one (๕/ touching in a scan): in the second case the run cannot be trusted.
        left, upper, width, height = (int(v) for v in stats[i, :4])
        if (
            0 < _x_overlap(stats[i], x0, wide) < 0.5 * width
            and height >= 0.6 * digit_h
            and box.top <= centres[i][1] + top <= box.bottom
        ):
            mark, score = templates.classify(labels[upper : upper + height, left : left + width] == i)
            if mark in THAI_DIGITS or score < min_similarity:
                return None
    read: list[OcrWord] = []
    for index in keep:
        left, upper, width, height = (int(v) for v in stats[index, :4])
        component = labels[upper : upper + height, left : left + width] == index
        for offset, glyph in _split_touching(component, templates):
            digit, score = templates.classify(glyph)
            if score < min_similarity:
                return None
            if digit not in THAI_DIGITS:
                if _x_overlap(stats[index], x0, box) >= 0.5 * width:
                    return None  # a separator inside the run: fused glyphs we cannot trust
                continue  # a neighbour caught at the edge (the / of ๕๒๕๐๑/๑๖๖)
            gx = x0 + left + offset
            glyph_box = BBox(gx, top + upper, gx + glyph.shape[1], top + upper + height)
            read.append(OcrWord(digit, glyph_box, min(score, 1.0), run[0].line_key))
    return read or None


def _belongs_beside(stat: np.ndarray, x0: int, beside: list[BBox], run_box: BBox) -> bool:
    """Whether a component's centre lies in the box of a word next to the run, and the
    component overlaps that word's box more than the run's: Tesseract's boxes overlap (the ศ
    of นศ๗ reached over half the ๗)."""
    centre = x0 + float(stat[cv2.CC_STAT_LEFT]) + float(stat[cv2.CC_STAT_WIDTH]) / 2
    return any(
        box.x0 <= centre <= box.x1 and _x_overlap(stat, x0, box) > _x_overlap(stat, x0, run_box)
        for box in beside
    )


def _split_touching(component: np.ndarray, templates: DigitTemplates) -> list[tuple[int, np.ndarray]]:
    """(x offset, glyph) pieces of a component: one, or several where scanning fused
    neighbouring digits (a Thai digit is about as wide as it is tall, so a component much
    wider than tall holds more than one). Cuts go at the thinnest column near each expected
    boundary; when a piece then reads as no digit, digits differ too much in width for that
    (๕ with its tail beside a narrow ๒), and each cut is searched for across the middle of its
    expected place instead: the column whose left piece looks most like a digit, the last cut
    judged by both its pieces (kept only when every piece then matches a digit closely)."""
    height, width = component.shape
    count = round(width / (0.95 * height)) if width > 1.4 * height else 1
    if count <= 1:
        return [(0, component)]
    columns = component.sum(axis=0)
    step = width / count
    cuts = [0]
    for k in range(1, count):
        lo, hi = int(k * step - 0.25 * step), int(k * step + 0.25 * step) + 1
        cuts.append(lo + int(np.argmin(columns[lo:hi])))
    cuts.append(width)
    thinnest = [(a, component[:, a:b]) for a, b in zip(cuts, cuts[1:]) if b - a > 1]
    if all(_digit_score(piece, templates) >= MIN_SIMILARITY for _, piece in thinnest):
        return thinnest
    cuts = [0]
    for k in range(1, count):
        expected = cuts[-1] + step
        lo = max(int(expected - 0.4 * step), cuts[-1] + 2)
        hi = min(int(expected + 0.4 * step) + 1, width - 2)
        if lo >= hi:
            cuts.append(min(int(expected), width - 1))
            continue
        last = k == count - 1

        def fit(cut: int, start: int = cuts[-1], last: bool = last) -> float:
            score = _digit_score(component[:, start:cut], templates)
            return min(score, _digit_score(component[:, cut:], templates)) if last else score

        cuts.append(max(range(lo, hi), key=fit))
    cuts.append(width)
    searched = [(a, component[:, a:b]) for a, b in zip(cuts, cuts[1:]) if b - a > 1]
    # A searched cut can make a digit out of part of another (๙ cut short reads ๘): taken
    # only when every piece is then a close match.
    if all(_digit_score(piece, templates) >= STAND_IN_SIMILARITY for _, piece in searched):
        return searched
    return thinnest


def _digit_score(piece: np.ndarray, templates: DigitTemplates) -> float:
    digit, score = templates.classify(piece)
    return score if digit in THAI_DIGITS else 0.0


def _x_overlap(stat: np.ndarray, x0: int, box: BBox) -> float:
    left = float(stat[cv2.CC_STAT_LEFT]) + x0
    right = left + float(stat[cv2.CC_STAT_WIDTH])
    return min(right, box.x1) - max(left, box.x0)


def _thai_fonts() -> list[Path]:
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=th", "file", "style"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
        entries = [line.split(":") for line in listed.splitlines() if line.strip()]
        paths = [Path(e[0]) for e in entries if not any(s in line.lower() for line in e[1:] for s in ("oblique", "italic"))]
    except (OSError, subprocess.SubprocessError):
        paths = [p for p in FONT_DIR.glob("*.ttf") if "Oblique" not in p.name and "Italic" not in p.name]
    return sorted(set(paths))
