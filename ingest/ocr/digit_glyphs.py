"""Digits as glyphs: templates drawn from the installed Thai fonts, and reading by them.

Tesseract's Thai model cannot emit ๔ ๖ ๗ ๘ ๙ and now and then gives nothing for a lone digit;
a digit's glyph, matched against the same digit drawn in the TLWG fonts, can be read without
it. ``saraban.ingest.ocr.thai_digits`` re-reads runs of digits in OCR'd text this way; the table reader
reads small whole numbers (ลำดับ, มิติ) with :func:`read_integer_glyphs`.
"""

from __future__ import annotations

import sysconfig
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from saraban.ingest.ocr.glyph_cuts import component_mask, integer_glyphs, integer_pieces, joined_mask, touching
from saraban.normalize.numerals import to_arabic_digits

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
# Separators next to digits (๕๒๕๐๑/๑๖๖, ๐๒-๒๔๑): matched so that a neighbour's glyph caught
# at a run's edge is recognised and left out instead of forced into a digit.
SEPARATORS = "/-:()"
GLYPH_SIDE = 24  # pixels of the normalized glyph image
# Templates look like scanned digits: drawn at the sizes body text has at 300 dpi (about 9 to
# 15 pt), blurred as a scan blurs, and cut at three ink levels for the thin, regular and heavy
# strokes binarization makes of it. Crisp 64-px drawings confused ๑ and ๓ on 43 of 5,043
# glyphs of the benchmark's integer cells (seeds 1000 and 2000); these on none.
TEMPLATE_SIZES_PX = (36, 48, 60)
TEMPLATE_BLUR_SIGMA = 1.6
TEMPLATE_INK_LEVELS = (0.3, 0.5, 0.7)
NEAR_DUPLICATE = 0.94  # a template this similar to one already kept for its digit adds nothing
AMBIGUOUS = 0.95  # ... and one this similar to a template of another label is dropped
MIN_SIMILARITY = 0.75  # cosine similarity a glyph needs to be read as its best template
CLOSE_SIMILARITY = 0.85  # ... to be read where nothing else vouches for it
# The TLWG families (Laksaman is the metric twin of TH Sarabun), the Noto Thai faces, which a
# browser on Linux prints Thai in when the page names no font, and the government's own fonts
# (TH Sarabun PSK, the official face of state documents since 2010, and TH Sarabun New), whose
# digits differ from Laksaman's enough to be read as others (๓ as ๖, ๓๓ as ๓๓๓). The other
# SIPA faces stay out: the benchmarks measure on them as faces the templates never saw.
FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
NOTO_THAI = ("NotoSansThai-Regular.ttf", "NotoSerifThai-Regular.ttf", "NotoLoopedThai-Regular.ttf")
GOVERNMENT_FONTS = ("THSarabun/THSarabun-Regular.ttf", "THSarabunNew/THSarabunNew-Regular.ttf")


@dataclass(frozen=True, slots=True)
class DigitTemplates:
    vectors: np.ndarray  # (n, GLYPH_SIDE**2) float32, unit length
    labels: tuple[str, ...]  # the digit of each row

    def classify(self, glyph: np.ndarray) -> tuple[str, float]:
        """(digit, cosine similarity) of the best template for a binary glyph image."""
        scores = self.vectors @ glyph_vector(glyph)
        best = int(np.argmax(scores))
        return self.labels[best], float(scores[best])

    def best_by_label(self, glyph: np.ndarray, labels: str) -> dict[str, float]:
        """The best template's similarity for each of ``labels`` (absent ones: 0)."""
        scores = self.vectors @ glyph_vector(glyph)
        names = np.array(self.labels)
        return {label: float(scores[names == label].max(initial=0.0)) for label in labels}

    def with_learned(self, learned: LearnedDigits) -> DigitTemplates:
        """These templates and the glyphs a document taught (see :func:`learn_digits`)."""
        if not learned.labels:
            return self
        return DigitTemplates(np.vstack([self.vectors, learned.vectors]), self.labels + learned.labels)

    def only(self, labels: str) -> DigitTemplates:
        """The templates of these labels alone (the Thai digits and separators of a set that
        holds Arabic digits too)."""
        keep = [i for i, label in enumerate(self.labels) if label in labels]
        return DigitTemplates(self.vectors[keep], tuple(self.labels[i] for i in keep))


@dataclass(frozen=True, slots=True)
class LearnedDigits:
    """Digit glyphs cut from one document's own ลำดับ cells, each labelled by the number the
    sequence proves the cell holds: templates in the document's own typeface, which the
    stock templates may never have seen (a decorative SIPA face's ๓ reads as ๘ by them)."""

    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, GLYPH_SIDE * GLYPH_SIDE), np.float32))
    labels: tuple[str, ...] = ()


MAX_LEARNED_PER_DIGIT = 8  # a few looks of each digit are enough; more only slows matching


def learn_digits(learned: LearnedDigits, samples: Iterable[tuple[np.ndarray, str]]) -> LearnedDigits:
    """``learned`` with the glyphs of ``samples`` added: (cell ink, the digits the cell is proven
    to hold). A cell is used only when its glyphs (cut as :func:`read_integer_glyphs` cuts
    them) are exactly one per digit; near-duplicates of a glyph already kept add nothing."""
    kept: dict[str, list[np.ndarray]] = {}
    for label, vector in zip(learned.labels, learned.vectors):
        kept.setdefault(label, []).append(vector)
    for ink, digits in samples:
        glyphs = integer_glyphs(ink)
        if glyphs is None or len(glyphs) != len(digits):
            continue
        for glyph, digit in zip(glyphs, digits):
            looks = kept.setdefault(digit, [])
            if len(looks) < MAX_LEARNED_PER_DIGIT:
                _add_unless_near(looks, glyph_vector(glyph))
    labels = tuple(label for label, looks in kept.items() for _ in looks)
    if not labels:
        return learned
    return LearnedDigits(np.stack([v for looks in kept.values() for v in looks]).astype(np.float32), labels)


def load_digit_templates(
    font_paths: list[Path] | None = None, digits: str = THAI_DIGITS
) -> DigitTemplates | None:
    """Templates of ``digits`` (and the separators) from the given fonts, else the upright TLWG
    fonts. None when no Thai font is installed."""
    paths = font_paths if font_paths is not None else _thai_fonts()
    vectors: dict[str, list[np.ndarray]] = {}
    for path in paths:
        for size in TEMPLATE_SIZES_PX:
            try:
                font = ImageFont.truetype(str(path), size)
            except OSError:
                break
            for digit in digits + SEPARATORS:
                for glyph in _scanned_looks(font, digit, size):
                    _add_unless_near(vectors.setdefault(digit, []), glyph_vector(glyph))
    if not vectors:
        return None
    labels = np.array([label for label, kept in vectors.items() for _ in kept])
    stacked = np.stack([v for kept in vectors.values() for v in kept]).astype(np.float32)
    # Heavy blur and a high ink level wear a thin glyph down to a blob, and blobs of different
    # digits look alike (an Arabic 1 matched such a ๑ at 1.0): a template that close to one of
    # another label tells nothing and is dropped (71 of 1,933; none of the benchmark's
    # integer-cell glyphs read differently without them).
    similar = stacked @ stacked.T
    telling = [i for i in range(len(labels)) if similar[i, labels != labels[i]].max(initial=0.0) < AMBIGUOUS]
    return DigitTemplates(stacked[telling], tuple(str(label) for label in labels[telling]))


def _scanned_looks(font: ImageFont.FreeTypeFont, digit: str, size: int) -> list[np.ndarray]:
    """``digit`` drawn in ``font`` at ``size`` px, blurred, and binarized at each ink level."""
    image = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(image).text((size // 2, size // 2), digit, font=font, fill=255)
    ink = np.asarray(image, dtype=np.float32) / 255
    if not (ink > 0.5).any():
        return []
    blurred = cv2.GaussianBlur(ink, (0, 0), TEMPLATE_BLUR_SIGMA)
    return [glyph for level in TEMPLATE_INK_LEVELS if (glyph := blurred > level).any()]


def _add_unless_near(kept: list[np.ndarray], vector: np.ndarray) -> None:
    if not kept or float(np.max(np.stack(kept) @ vector)) < NEAR_DUPLICATE:
        kept.append(vector)


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


def split_touching(component: np.ndarray, templates: DigitTemplates) -> list[tuple[int, np.ndarray]]:
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
        return _digit_and_separator(component, templates) or [(0, component)]
    columns = component.sum(axis=0)
    step = width / count
    cuts = [0]
    for k in range(1, count):
        lo, hi = int(k * step - 0.25 * step), int(k * step + 0.25 * step) + 1
        cuts.append(lo + int(np.argmin(columns[lo:hi])))
    cuts.append(width)
    thinnest = [(a, component[:, a:b]) for a, b in zip(cuts, cuts[1:]) if b - a > 1]
    if all(digit_score(piece, templates) >= MIN_SIMILARITY for _, piece in thinnest):
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
            score = digit_score(component[:, start:cut], templates)
            return min(score, digit_score(component[:, cut:], templates)) if last else score

        cuts.append(max(range(lo, hi), key=fit))
    cuts.append(width)
    searched = [(a, component[:, a:b]) for a, b in zip(cuts, cuts[1:]) if b - a > 1]
    # A searched cut can make a digit out of part of another (๙ cut short reads ๘): taken
    # only when every piece is then a close match.
    if all(digit_score(piece, templates) >= CLOSE_SIMILARITY for _, piece in searched):
        return searched
    return thinnest


def _digit_and_separator(component: np.ndarray, templates: DigitTemplates) -> list[tuple[int, np.ndarray]] | None:
    """A digit fused with the slash or dash beside it (๔/ touching in a scan): a component a
    little wider than tall that reads as nothing, cut where both pieces match closely, one a
    digit and the other a separator. None when no cut does."""
    height, width = component.shape
    if width <= 1.1 * height or templates.classify(component)[1] >= MIN_SIMILARITY:
        return None
    best, best_score = None, 0.0
    for cut in range(int(0.3 * width), int(0.75 * width)):
        left, right = templates.classify(component[:, :cut]), templates.classify(component[:, cut:])
        score = min(left[1], right[1])
        if score > best_score and {left[0] in SEPARATORS, right[0] in SEPARATORS} == {True, False}:
            best, best_score = cut, score
    if best is None or best_score < CLOSE_SIMILARITY:
        return None
    return [(0, component[:, :best]), (best, component[:, best:])]


def digit_score(piece: np.ndarray, templates: DigitTemplates) -> float:
    """The similarity of a glyph to its best template when that is a digit, else 0."""
    digit, score = templates.classify(piece)
    return score if digit not in SEPARATORS else 0.0


def read_integer_glyphs(ink: np.ndarray, templates: DigitTemplates, max_digits: int = 3) -> tuple[str, float] | None:
    """A small whole number (a ลำดับ or มิติ cell) read from its glyphs alone, with the lowest
    glyph similarity as its confidence; None unless every glyph matches a digit closely.

    ``ink`` is the cell's binary image (ink = 255). Tesseract now and
    then gives nothing for a lone digit, or something else ('1' beside a speck read as '4'),
    where the glyph itself is plain; specks (under 60 % of the digits' height) and marks
    touching the cell's edge (rule remnants) are not glyphs.
    """
    glyphs = integer_glyphs(ink)
    if not glyphs:
        return None
    text, confidence = "", 1.0
    for component in glyphs:
        for _, piece in split_touching(component, templates):
            digit, score = templates.classify(piece)
            if digit in SEPARATORS or score < CLOSE_SIMILARITY:
                return None
            text, confidence = text + digit, min(confidence, score)
    if not text or len(text) > max_digits:
        return None
    return text, confidence


# A glyph is read by the document's own glyphs when it is this like one of them, and this much
# more like it than like any template of another digit.
OWN_FACE_SIMILAR = 0.9
OWN_FACE_MARGIN = 0.05


@dataclass(frozen=True, slots=True)
class OwnFaceReader:
    """Reads a small whole number by the glyphs a document taught (:func:`learn_digits`), with
    the lowest similarity as its confidence; None unless every glyph is plainly one of them:
    at least OWN_FACE_SIMILAR like a learned digit and OWN_FACE_MARGIN less like any other
    digit, learned or stock. Its own typeface tells a decorative ๓ from ๘ where the stock
    templates and Tesseract cannot. Made once per page: stacking the templates costs more
    than reading a cell."""

    every: DigitTemplates  # the stock templates, then the learned ones
    own: np.ndarray  # which rows of ``every`` are learned
    values: np.ndarray  # each row's digit whatever its script (๓ and 3 are one value)
    digits: np.ndarray  # which rows are digits (the rest are separators)

    @classmethod
    def of(cls, templates: DigitTemplates, learned: LearnedDigits) -> OwnFaceReader | None:
        if not learned.labels:
            return None
        every = templates.with_learned(learned)
        values = np.array([to_arabic_digits(label) for label in every.labels])
        return cls(every, np.arange(len(every.labels)) >= len(templates.labels), values, np.char.isdigit(values))

    def read(self, ink: np.ndarray, max_digits: int = 3) -> tuple[str, float] | None:
        """A small whole number's cell. Its glyphs are digits, so only digits are rivals: a
        separator is not (TH KoHo's 1 is a plain bar, 0.97 like a stock '(')."""
        pieces = integer_pieces(ink)
        if pieces is None:
            return None
        labels, stats, order, _ = pieces
        glyphs = [component_mask(labels, stats, i) for i in order]
        read = self.read_glyphs(glyphs, rivals=self.digits) if len(glyphs) <= max_digits else None
        return read if read is not None else self._read_mended(pieces, max_digits)

    def _read_mended(self, pieces: tuple[np.ndarray, np.ndarray, list[int], int],
                     max_digits: int) -> tuple[str, float] | None:
        """The cell read again with each piece that is no digit alone joined to the piece it
        touches, when together they are plainly one: a thin stroke the binarization broke cuts
        a digit in two side by side (TLWG Norasi's ๒, scanned, came apart into pieces 0.2–0.4
        like any digit). Two digits joined look like none, so a join is kept only when read.
        ``pieces`` as :func:`saraban.ingest.ocr.glyph_cuts.integer_pieces` cuts the cell."""
        labels, stats, order, digit_h = pieces
        text, confidence, k = "", 1.0, 0
        while k < len(order):
            read = self.read_glyphs([component_mask(labels, stats, order[k])], rivals=self.digits)
            if read is None and k + 1 < len(order) and touching(stats, order[k], order[k + 1], digit_h):
                read = self.read_glyphs([joined_mask(labels, stats, order[k], order[k + 1])], rivals=self.digits)
                k += 1
            if read is None:
                return None
            text, confidence, k = text + read[0], min(confidence, read[1]), k + 1
        return (text, confidence) if len(text) <= max_digits else None

    def read_glyphs(self, glyphs: Sequence[np.ndarray], margin: float = OWN_FACE_MARGIN,
                    rivals: np.ndarray | None = None) -> tuple[str, float] | None:
        """Glyphs already cut, left to right (see :func:`amount_glyphs`), each at least
        ``margin`` more like its learned digit than like any other template (of ``rivals``, a
        mask over the templates, when given)."""
        text, confidence = self.read_leading(glyphs, margin, rivals)
        return (text, confidence) if len(text) == len(glyphs) else None

    def read_leading(self, glyphs: Iterable[np.ndarray], margin: float = OWN_FACE_MARGIN,
                     rivals: np.ndarray | None = None) -> tuple[str, float]:
        """The digits of the leading glyphs read as :meth:`read_glyphs` reads them, up to the
        first that is not plainly one digit, and the lowest similarity among them."""
        text, confidence = "", 1.0
        for glyph in glyphs:
            scores = self.every.vectors @ glyph_vector(glyph)
            best = int(np.argmax(np.where(self.own, scores, -1.0)))
            others = self.values != self.values[best]
            if rivals is not None:
                others &= rivals
            rival = float(scores[others].max(initial=0.0))
            if scores[best] < OWN_FACE_SIMILAR or scores[best] - rival < margin:
                break
            text, confidence = text + self.every.labels[best], min(confidence, float(scores[best]))
        return text, confidence


# A number the document's own glyphs read plainly (OwnFaceReader) is taken
# over Tesseract's, at most this sure: the typeface Tesseract and the stock templates misread is
# the one those glyphs were cut from.
OWN_FACE_OVER_OCR = 0.8
# ... and never certain, even where it agrees: a ลำดับ cell matches the template cut from
# itself at 1.0, which proves nothing more than the sequence did (certain is the text layer's).
OWN_FACE_AGREES = 0.99


def own_face_reading(text: str, confidence: float | None, digits: str, glyph_confidence: float) -> tuple[str, float]:
    """A cell's reading once the document's own glyphs read it plainly as ``digits``: Tesseract's
    text made surer where they agree, else the glyphs' digits at most OWN_FACE_OVER_OCR sure."""
    if to_arabic_digits(digits).replace(",", "") == to_arabic_digits(text).replace(",", ""):
        return text, max(confidence or 0.0, min(glyph_confidence, OWN_FACE_AGREES))
    return digits, min(glyph_confidence, OWN_FACE_OVER_OCR)


def sipa_font_dir() -> Path:
    """Where the PyPI wheel odoo-addon-l10n-th-base-utils (which ``make setup`` installs) puts
    the national SIPA fonts; found by path, as importing odoo would need Odoo itself."""
    return Path(sysconfig.get_paths()["purelib"]) / "odoo/addons/l10n_th_base_utils/static/fonts/thai"


def _thai_fonts() -> list[Path]:
    """The upright TLWG faces, the regular Noto Thai ones (Debian packages the install script
    puts in) and the government's fonts (a pinned PyPI wheel). Pinned rather than every Thai
    font fontconfig lists, so that the templates (and what they read) do not change with the
    fonts a machine happens to have."""
    tlwg = sorted(p for p in FONT_DIR.glob("*.ttf") if "Oblique" not in p.name and "Italic" not in p.name)
    noto = [NOTO_DIR / name for name in NOTO_THAI]
    government = [sipa_font_dir() / name for name in GOVERNMENT_FONTS]
    return tlwg + [path for path in noto + government if path.exists()]
