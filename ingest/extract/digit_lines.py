"""Lines whose Thai digits the glyphs could not confirm, read again on their own.

On a whole page Tesseract's segmentation now and then gives a run of Thai digits fewer tokens
than it has glyphs (๘๑๗ as ๕๑) or a box that cuts a glyph, and the digit re-reader
(ingest/thai_digits.py) then rightly refuses the run: the digits stay unconfirmed, with
confidence capped at UNCONFIRMED_CONFIDENCE. Such a line — a memo's ที่ or วันที่, the fields
it is filed by — is read once more, cropped alone as a single line. The second reading is kept
when its digits are surer than the first's and it found no fewer of them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ingest.ocr import PSM_SINGLE_LINE, OcrEngine
from ingest.thai_digits import THAI_DIGITS, UNCONFIRMED_CONFIDENCE
from parsers.model import BBox
from parsers.ocr_data import OcrWord

PAD_RATIO = 0.3  # of the line height, around the line re-read
MAX_LINES_PER_PAGE = 12  # a page of tables in Thai digits is the table reader's business


def reread_doubtful_digit_lines(
    words: Sequence[OcrWord], image: np.ndarray, engine: OcrEngine, dpi: int
) -> list[OcrWord]:
    """``words`` with each line holding unconfirmed Thai digits replaced by a surer reading."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    doubtful = [key for key, line in lines.items() if _digit_doubt(line) is not None]
    replaced: dict[tuple[int, int, int], list[OcrWord]] = {}
    for key in doubtful[:MAX_LINES_PER_PAGE]:
        line = lines[key]
        again = _read_line(line, image, engine, dpi, key)
        before, after = _digit_doubt(line), _digit_doubt(again)
        if again and _digit_count(again) >= _digit_count(line) and (after is None or after > before):
            replaced[key] = again
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


def _digit_doubt(line: Sequence[OcrWord]) -> float | None:
    """The lowest confidence of the line's Thai-digit words when one is unconfirmed, else None."""
    confidences = [w.confidence for w in line if any(c in THAI_DIGITS for c in w.text)]
    low = min(confidences, default=1.0)
    return low if low <= UNCONFIRMED_CONFIDENCE else None


def _digit_count(line: Sequence[OcrWord]) -> int:
    return sum(1 for w in line for c in w.text if c in THAI_DIGITS)


def _read_line(
    line: Sequence[OcrWord], image: np.ndarray, engine: OcrEngine, dpi: int, line_key: tuple[int, int, int]
) -> list[OcrWord]:
    box = line[0].bbox
    for word in line[1:]:
        box = box.union(word.bbox)
    pad = PAD_RATIO * box.height
    x0, top = max(int(box.x0 - pad), 0), max(int(box.top - pad), 0)
    x1, bottom = min(int(box.x1 + pad), image.shape[1]), min(int(box.bottom + pad), image.shape[0])
    if x1 - x0 < 4 or bottom - top < 4:
        return []
    found = engine.image_to_data(image[top:bottom, x0:x1], psm=PSM_SINGLE_LINE, dpi=dpi)
    # Boxes kept within the line's band: one reaching into the padding would stretch the band
    # over the neighbouring lines (as in number_prefix).
    out = []
    for w in found:
        if not w.text.strip():
            continue
        upper = min(max(w.bbox.top + top, box.top), box.bottom - 1)
        lower = max(min(w.bbox.bottom + top, box.bottom), upper + 1)
        out.append(OcrWord(w.text, BBox(w.bbox.x0 + x0, upper, w.bbox.x1 + x0, lower), w.confidence, line_key))
    return out
