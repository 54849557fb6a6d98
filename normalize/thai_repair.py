"""Repairs of text layers whose defect is known: the characters a PDF writer lost, put back by
what the Thai dictionary knows.

Chromium, printing in Noto Sans/Serif Thai, writes the shifted and small forms of the marks
(the ้ above an upper vowel in พื้น, the ์ of ภักดิ์, the ี moved left of ป's stem in ปี) with no
Unicode value: the text layer holds U+0000 where the page shows the mark. Which mark it was is
not in the layer, but usually only one makes Thai words: the mark that leaves the fewest
letters outside dictionary words around the hole (then the fewest words, then the commonest)
is taken, and the repair says how sure it is: REPAIRED_CONFIDENCE when the dictionary alone
decides, TIED_CONFIDENCE when only word frequency or nothing does.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from pythainlp.corpus import thai_words, tnc
from pythainlp.tokenize import word_tokenize
from pythainlp.util import normalize as normalize_thai

LOST = "\x00"  # what the layer holds where a mark was lost
# Every mark above or below a letter: the lost glyphs are their shifted and small forms (the ้
# over an upper vowel, the ี moved left of ป's tall stem). Never nothing: the glyph was drawn,
# and "nothing" makes words as often as not (เรือง for เรื่อง, ที for ที่).
LOST_MARK_CANDIDATES = tuple("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")
REPAIRED_CONFIDENCE = 0.9
TIED_CONFIDENCE = 0.5
CONTEXT = 10  # letters each side of a hole that its words are judged on
_VOWEL_MARKS = tuple("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47")
_TONE_MARKS = tuple("\u0e48\u0e49\u0e4a\u0e4b\u0e4c")
_THAI_RUN = re.compile("[\u0e01-\u0e4e\x00]+")


@dataclass(frozen=True, slots=True)
class Repaired:
    text: str
    confidence: float  # 1.0 when nothing was lost; less when marks were put back


def repair_lost_marks(text: str) -> Repaired:
    """``text`` with each lost mark (U+0000 in a Thai run) put back as the dictionary says."""
    if LOST not in text:
        return Repaired(text, 1.0)
    confidence = 1.0
    pieces: list[str] = []
    position = 0
    for match in _THAI_RUN.finditer(text):
        run = match.group()
        pieces.append(text[position : match.start()])
        position = match.end()
        if LOST not in run:
            pieces.append(run)
            continue
        fixed, sure = _best_spelling(run)
        pieces.append(fixed)
        confidence = min(confidence, sure)
    pieces.append(text[position:])
    # A placeholder outside any Thai run (beside a digit or a space) marks nothing readable.
    repaired = "".join(pieces)
    if LOST in repaired:
        repaired, confidence = repaired.replace(LOST, ""), min(confidence, TIED_CONFIDENCE)
    return Repaired(repaired, confidence)


def _best_spelling(run: str) -> tuple[str, float]:
    """Each hole of ``run`` filled on its own, left to right, by the mark that leaves the fewest
    letters outside dictionary words around it, then the fewest words, then the most common
    words; the holes not yet filled are left out of that judgement."""
    words, frequencies = thai_words(), _word_frequencies()
    chars = list(run)
    confidence = REPAIRED_CONFIDENCE
    for index in [i for i, char in enumerate(chars) if char == LOST]:
        lo, hi = max(0, index - CONTEXT), min(len(chars), index + CONTEXT + 1)
        scored = []
        for mark in _possible_marks(chars[index - 1] if index else ""):
            window = "".join(mark if i == index else chars[i] for i in range(lo, hi)).replace(LOST, "")
            # Normalized, so that a sara am split around the lost mark (น ํ ้ า) reads as ำ.
            tokens = word_tokenize(normalize_thai(window), engine="newmm", keep_whitespace=False)
            unknown = sum(len(t) for t in tokens if t not in words)
            rarity = -sum(math.log1p(frequencies.get(t, 0)) for t in tokens)
            scored.append(((unknown, len(tokens), round(rarity, 6)), mark))
        if not scored:
            chars[index] = ""
            confidence = min(confidence, TIED_CONFIDENCE)
            continue
        scored.sort(key=lambda item: item[0])
        chars[index] = scored[0][1]
        if len(scored) > 1 and scored[1][0][:2] == scored[0][0][:2]:
            confidence = TIED_CONFIDENCE
    return normalize_thai("".join(chars)), confidence


@functools.cache
def _word_frequencies() -> dict[str, int]:
    """How often each word occurs in the Thai National Corpus (PyThaiNLP's copy): between two
    spellings that are both words (ตั้ง, ตั่ง), the common one."""
    return dict(tnc.word_freqs())


def _possible_marks(before: str) -> tuple[str, ...]:
    """The marks Thai spelling allows after ``before``: a vowel above or below a letter takes
    only a tone mark or thanthakhat over it; a letter takes any mark."""
    if before in _VOWEL_MARKS:
        return _TONE_MARKS
    if before in _TONE_MARKS:
        return ()
    return LOST_MARK_CANDIDATES
