"""A PDF page's own text layer: is it worth reading, and its words → lines. Pure.

Many "digital" Thai PDFs are not: scanners add an invisible OCR layer made with the wrong
language (the Canon scans in the corpus carry Latin junk such as ``uuun?Jon?13J``), and
legacy Thai fonts map glyphs to the private-use area or emit marks in glyph order. Such a
layer must lose to our own OCR, so :func:`text_layer_quality` is deliberately strict.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from saraban.parsers.model import BBox, Line, Word

THAI_MARKS = frozenset("\u0e31" + "".join(map(chr, range(0x0E34, 0x0E3B))) + "".join(map(chr, range(0x0E47, 0x0E4F))))
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_THAI_LETTER = "\u0e01-\u0e3a\u0e40-\u0e4e"
_DIGIT = "0-9\u0e50-\u0e59"
# Token shapes of real text: Thai (with its digits and the . / - of ที่ ยล ๐๐๒๓.๔/ว๑๒๕๑),
# numbers, Latin words (e-PlanNACC, don't), and codes (W1234, 0808.2/W1234).
_THAI_TOKEN = re.compile(rf"[{_THAI_LETTER}{_DIGIT}./\-]*[{_THAI_LETTER}][{_THAI_LETTER}{_DIGIT}./\-]*")
_NUMBER_TOKEN = re.compile(rf"[{_DIGIT}]+([.,/:\-][{_DIGIT}]+)*%?")
_LATIN_TOKEN = re.compile(r"[A-Za-z]+([\-'.][A-Za-z]+)*\.?")
_CODE_TOKEN = re.compile(r"[A-Za-z0-9]+([./\-_][A-Za-z0-9]+)*")
_EDGE_PUNCTUATION = "()[]<>\"'.,:;!?“”‘’-–—/•*|"

# Measured on the corpus: real Thai and English text is 87-97 % word-shaped (by characters),
# the Canon scans' wrong-language layers 20-32 %.
MIN_WORD_SHARE = 0.6
# Latin junk is mostly one- and two-letter tokens (45-70 % on the Canon layers, 11 % in
# English prose); applied only when a page has no Thai at all.
MAX_SHORT_LATIN_SHARE = 0.4
MIN_LETTER_OR_DIGIT_SHARE = 0.6


def text_layer_quality(text: str) -> tuple[bool, str]:
    """(usable, reason): whether a page's text layer can be trusted over OCR, and why not.

    Usable means: not empty; no U+FFFD and no private-use characters (legacy Thai fonts map
    glyphs there); no Thai mark (U+0E31, U+0E34-U+0E3A, U+0E47-U+0E4E) starting a word;
    mostly letters and digits; and mostly tokens shaped like words rather than OCR debris.
    """
    tokens = text.split()
    if not tokens:
        return False, "empty text layer"
    if "\ufffd" in text:
        return False, "text layer has U+FFFD replacement characters (fonts without a Unicode map)"
    if _PRIVATE_USE.search(text):
        return False, "text layer has private-use characters (a legacy Thai font encoding)"
    stray = sum(1 for t in tokens if t[0] in THAI_MARKS)
    if stray:
        return False, f"{stray} word(s) start with a Thai combining mark (marks out of order)"
    chars = "".join(tokens)
    alnum = sum(1 for c in chars if c.isalnum() or c in THAI_MARKS)
    if alnum / len(chars) < MIN_LETTER_OR_DIGIT_SHARE:
        return False, f"only {alnum / len(chars):.0%} of the text layer is letters or digits"
    shapes = [(_token_shape(t), len(t)) for t in tokens]
    word_share = sum(n for shape, n in shapes if shape != "junk") / len(chars)
    if word_share < MIN_WORD_SHARE:
        return False, (
            f"only {word_share:.0%} of the text layer is shaped like words "
            "(an OCR layer in the wrong language?)"
        )
    latin = [t for t, (shape, _) in zip(tokens, shapes) if shape == "latin"]
    has_thai = any("\u0e01" <= c <= "\u0e5b" for c in chars)
    if not has_thai and latin:
        short = sum(1 for t in latin if len(t.strip(_EDGE_PUNCTUATION)) <= 2) / len(latin)
        if short > MAX_SHORT_LATIN_SHARE:
            return False, (
                f"{short:.0%} of the Latin words have one or two letters "
                "(an OCR layer in the wrong language?)"
            )
    return True, "ok"


def _token_shape(token: str) -> str:
    core = token.strip(_EDGE_PUNCTUATION)
    if not core:
        return "punctuation"
    for shape, pattern in (
        ("thai", _THAI_TOKEN),
        ("number", _NUMBER_TOKEN),
        ("latin", _LATIN_TOKEN),
        ("code", _CODE_TOKEN),
    ):
        if pattern.fullmatch(core):
            return shape
    return "junk"


def lines_from_pdf_words(
    words: Iterable[Mapping[str, Any]], page: int, *, line_overlap: float = 0.5
) -> list[Line]:
    """pdfplumber ``extract_words()`` dicts (PDF points, top-down) → lines, top to bottom.

    A word joins the current line when it overlaps the line vertically by at least
    ``line_overlap`` of the smaller height; words in a line are ordered left to right.
    Text-layer words carry no confidence (None): the layer is what the PDF says; a word whose
    ``confidence`` key is under 1 (a repaired word, see saraban.normalize.thai_repair) carries it.
    """
    ordered = sorted(
        (w for w in words if str(w["text"]).strip() and w.get("upright", True)),
        key=lambda w: (float(w["top"]), float(w["x0"])),
    )
    groups: list[list[Mapping[str, Any]]] = []
    for word in ordered:
        if groups and _overlaps(groups[-1], word, line_overlap):
            groups[-1].append(word)
        else:
            groups.append([word])
    return [_pdf_line(group, page) for group in groups]


def _overlaps(group: list[Mapping[str, Any]], word: Mapping[str, Any], share: float) -> bool:
    top = statistics.median(float(w["top"]) for w in group)
    bottom = statistics.median(float(w["bottom"]) for w in group)
    w_top, w_bottom = float(word["top"]), float(word["bottom"])
    overlap = min(bottom, w_bottom) - max(top, w_top)
    return overlap >= share * max(min(bottom - top, w_bottom - w_top), 1e-6)


def _pdf_line(group: list[Mapping[str, Any]], page: int) -> Line:
    group = sorted(group, key=lambda w: float(w["x0"]))
    words = tuple(
        Word(str(w["text"]), BBox(float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])),
             _repair_confidence(w))
        for w in group
    )
    bbox = words[0].bbox
    for word in words[1:]:
        if bbox is not None and word.bbox is not None:
            bbox = bbox.union(word.bbox)
    doubts = [w.confidence for w in words if w.confidence is not None]
    return Line(" ".join(w.text for w in words), page, bbox, min(doubts) if doubts else None, words)


def _repair_confidence(word: Mapping[str, Any]) -> float | None:
    """A word the layer gives as is has no confidence (it is what the PDF says); one whose lost
    marks were put back carries how sure that repair is."""
    confidence = word.get("confidence")
    return float(confidence) if confidence is not None and confidence < 1.0 else None
