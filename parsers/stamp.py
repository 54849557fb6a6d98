"""The receiving stamp an office puts on the papers it receives: its register number (เลขรับ),
the day and the time, most often filled in by hand.

The stamp sits above a memo's own header (top right, over the emblem or the title), so its lines
are the ones before the header starts. Its วันที่ is the day the paper arrived, never the memo's
date; its number is the receiver's register, never the memo's ที่. Raw strings only: the
normalizers read them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from saraban.normalize.dates import find_dates
from saraban.normalize.labels import loose_pattern
from saraban.parsers.model import Line

# เลขรับ, ทะเบียนรับ, เลขทะเบียนรับ, รับที่: what the stamp calls its register number.
_NUMBER_LABEL = re.compile(
    "(?:" + "|".join(loose_pattern(label) for label in ("เลขทะเบียนรับ", "ทะเบียนรับ", "เลขรับ", "รับที่")) + r")\s*"
)
_DATE_LABEL = re.compile(loose_pattern("วันที่") + r"\s*")
_TIME_LABEL = re.compile(loose_pattern("เวลา") + r"\s*")
# The clerk writes the stamp's values by hand, and Tesseract's Thai model is not made for
# handwriting: its confidence there means little (a confident '๒๒๓๙๐' for 2390, '๘๒๔' for 3824).
# On the browser and drawn scans of tuning seeds 31000-39000 a stamp's number read right in
# 14-25 % of memos and its date in 0-14 %, so every value read from a stamp is at most this sure,
# and flagged: right, or flagged.
HANDWRITING_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class ReceivingStamp:
    number_raw: str
    date_raw: str
    time_raw: str
    # The OCR confidence of the least sure word with digits in each value; None without one.
    number_confidence: float | None = None
    date_confidence: float | None = None


def find_receiving_stamp(lines: Sequence[Line], texts: Sequence[str]) -> ReceivingStamp | None:
    """The stamp among ``lines`` (those above a memo's own header; ``texts`` their cleaned
    text), or None when no line carries its number label."""
    at = next((i for i, text in enumerate(texts) if _NUMBER_LABEL.search(text)), None)
    if at is None:
        return None
    number = _after(_NUMBER_LABEL, texts[at])
    date, date_at = "", None
    for i, text in enumerate(texts):
        if i == at:
            continue
        labelled = _after(_DATE_LABEL, text)
        found = labelled or next((d.raw for d in find_dates(text) if d.span is not None), "")
        if found:
            date, date_at = found, i
            break
    time = next((_after(_TIME_LABEL, text) for text in texts if _TIME_LABEL.search(text)), "")
    return ReceivingStamp(
        number_raw=number,
        date_raw=date,
        time_raw=time,
        number_confidence=_confidence(lines[at], number),
        date_confidence=_confidence(lines[date_at], date) if date_at is not None else None,
    )


def _after(label: re.Pattern[str], text: str) -> str:
    match = label.search(text)
    return text[match.end() :].strip() if match is not None else ""


def _confidence(line: Line, value: str) -> float | None:
    """The least sure word with digits in ``value``, and at most HANDWRITING_CONFIDENCE; None
    for text that came with no confidences (another engine's OCR text), as elsewhere."""
    confidence = _least_sure_digits(line, value)
    return None if confidence is None else min(confidence, HANDWRITING_CONFIDENCE)


def _least_sure_digits(line: Line, value: str) -> float | None:
    confidences = [
        word.confidence for word in line.words
        if word.confidence is not None and any(c.isdigit() for c in word.text) and (word.text.strip() in value or value in word.text)
    ]
    return min(confidences, default=None)
