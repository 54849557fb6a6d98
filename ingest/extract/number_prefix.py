"""Thai letters before a document number, read again without the English model.

A memo's ที่ line carries a two-letter agency code before its number (ที่ ขก ๕๒๗๐๒/๘๑๗).
With ``tha+eng`` Tesseract reads such short codes as Latin (ขก as 'WN' or 'UN', ชม as 'YN',
นศ as 'UA') and the line is no longer a document number: on 20 generated memos 6 numbers were
lost this way. Thai paperwork does not print Latin letters just before a Thai-digit number
with a slash, so on such a line the part before the number is read again with ``tha`` alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from saraban.ingest.extract.latin_reread import crop_around
from saraban.ingest.ocr.engine import PSM_SINGLE_LINE, THAI_ONLY, OcrEngine
from saraban.parsers.model import BBox
from saraban.parsers.ocr_data import OcrWord

_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9๐-๙]")


def reread_number_prefixes(
    words: Sequence[OcrWord], image: np.ndarray, engine: OcrEngine, dpi: int
) -> list[OcrWord]:
    """``words`` with the Latin-read prefix of each document-number line read again in Thai."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    replaced: dict[tuple[int, int, int], list[OcrWord]] = {}
    for key, line in lines.items():
        prefix = _latin_prefix(line)
        if prefix:
            reread = _read_thai(prefix, image, engine, dpi, key)
            if reread:
                replaced[key] = reread + line[len(prefix) :]
    out: list[OcrWord] = []
    emitted: set[tuple[int, int, int]] = set()
    for word in words:
        key = word.line_key
        if key not in replaced:
            out.append(word)
        elif key not in emitted:
            out.extend(replaced[key])
            emitted.add(key)
    return out


def _latin_prefix(line: Sequence[OcrWord]) -> list[OcrWord]:
    """The words before the first number of a line shaped like a document number (digits,
    a slash, digits), when some of them hold Latin letters."""
    first = next((i for i, w in enumerate(line) if _DIGIT.search(w.text)), None)
    if first is None or first == 0:
        return []
    rest = "".join(w.text for w in line[first:])
    if not re.match(r"[0-9๐-๙.]+\s*/\s*[ว]?\s*[0-9๐-๙]", rest):
        return []
    prefix = list(line[:first])
    return prefix if any(_LATIN.search(w.text) for w in prefix) else []


def _read_thai(
    prefix: Sequence[OcrWord], image: np.ndarray, engine: OcrEngine, dpi: int,
    line_key: tuple[int, int, int],
) -> list[OcrWord]:
    cut = crop_around(prefix, image)
    if cut is None:
        return []
    box, x0, _, crop = cut
    found = engine.image_to_data(crop, psm=PSM_SINGLE_LINE, dpi=dpi, lang=THAI_ONLY)
    if not found or any(_LATIN.search(w.text) for w in found):
        return []
    # Boxes kept within the part re-read: a box that reached into the padding would stretch
    # the line's band over its neighbours, and the ink gaps that place spaces would vanish.
    out = []
    for w in found:
        left = min(max(w.bbox.x0 + x0, box.x0), box.x1 - 1)
        right = max(min(w.bbox.x1 + x0, box.x1), left + 1)
        out.append(OcrWord(w.text, BBox(left, box.top, right, box.bottom), w.confidence, line_key))
    return out
