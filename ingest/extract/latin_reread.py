"""Latin letters in a Thai text cell, read again as Thai.

The cells are read with Thai and English models together, and a Thai word in a face the Thai
model knows badly sometimes comes out as English letters: บุคลากร as 'YA ING', พ.ศ. as 'wel.',
พัสดุ as 'Wag'. Such a token is unsure of itself (0.30–0.79 on three browser scans of tuning
seed 23000) where English the document really prints is not ('(No Gift Policy)' at 0.96).
A run of tokens with Latin letters read below LATIN_SURE, side by side on one line, is read
again from its box by the Thai model alone, and the Thai reading replaces the run when it has
no Latin letters and is no less sure than the run's least sure token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import groupby

import numpy as np

from saraban.parsers.model import BBox
from saraban.parsers.ocr_data import OcrWord

# read_thai(image) -> tokens of a single line read by the Thai model alone
ThaiReader = Callable[[np.ndarray], list[OcrWord]]

LATIN_SURE = 0.9
_LATIN = re.compile(r"[A-Za-z]")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e]")
PAD_RATIO = 0.25  # of the token's height, around its box: Thai marks reach above and below


def reread_latin(words: Sequence[OcrWord], image: np.ndarray, read_thai: ThaiReader) -> list[OcrWord]:
    """``words`` (boxes in ``image``'s pixels, in reading order) with each run of unsure Latin
    tokens read again as Thai where that reading is Thai and at least as sure (see the module
    docstring)."""
    out: list[OcrWord] = []
    for (unsure, _), group in groupby(words, key=lambda word: (_unsure_latin(word), word.line_key)):
        run = list(group)
        thai = _thai_reading(run, image, read_thai) if unsure else None
        out.extend([thai] if thai is not None else run)
    return out


def crop_around(words: Sequence[OcrWord], image: np.ndarray) -> tuple[BBox, int, int, np.ndarray] | None:
    """The union of ``words``' boxes, and ``image`` cut around it with PAD_RATIO of its height
    on every side (Thai marks reach above and below), as (box, left, top, cut); None when the
    cut is too small to read."""
    box = words[0].bbox
    for word in words[1:]:
        box = box.union(word.bbox)
    pad = PAD_RATIO * box.height
    x0, top = max(int(box.x0 - pad), 0), max(int(box.top - pad), 0)
    x1, bottom = min(int(box.x1 + pad), image.shape[1]), min(int(box.bottom + pad), image.shape[0])
    if x1 - x0 < 4 or bottom - top < 4:
        return None
    return box, x0, top, image[top:bottom, x0:x1]


def _unsure_latin(word: OcrWord) -> bool:
    return word.confidence < LATIN_SURE and _LATIN.search(word.text) is not None


def _thai_reading(run: Sequence[OcrWord], image: np.ndarray, read_thai: ThaiReader) -> OcrWord | None:
    cut = crop_around(run, image)
    if cut is None:
        return None
    box, _, _, crop = cut
    found = [w for w in read_thai(crop) if w.text.strip()]
    if not found or any(_LATIN.search(w.text) for w in found):
        return None
    text = "".join(w.text for w in found)
    confidence = min(w.confidence for w in found)
    if _THAI_LETTER.search(text) is None or confidence < min(w.confidence for w in run):
        return None
    return OcrWord(text, box, confidence, run[0].line_key)
