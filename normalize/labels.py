"""Fuzzy matching of short printed labels (column headers, summary lines, plan titles).

OCR splits and garbles labels (``ดำเนิน การ แล้วเสร็จ``, ``มิตี``, ``รอ รายงาน รายการ``), so
labels are compared on :func:`saraban.normalize.text.match_key` (spaces and punctuation dropped, Thai
marks kept) with rapidfuzz, never with ``default_process`` (it strips Thai marks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from saraban.normalize.text import match_key


@dataclass(frozen=True, slots=True)
class LabelMatch:
    key: str  # the role / field the label stands for
    label: str  # the vocabulary label that matched
    score: float  # 0–100


def label_score(text: str, label: str) -> float:
    """Similarity of printed ``text`` to vocabulary ``label`` (0–100).

    A whole-string ratio, or — when the text is longer than the label, as when OCR adds a
    stray word — the label's best alignment inside the text, slightly discounted so that an
    exact label always wins over a containing one.
    """
    return _key_score(match_key(text), match_key(label))


def _key_score(a: str, b: str) -> float:
    """:func:`label_score` of two match keys."""
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b)
    if len(a) > len(b):
        score = max(score, 0.9 * fuzz.partial_ratio(b, a))
    return float(score)


def best_label(
    text: str, labels: Sequence[tuple[str, str]], min_score: float = 75.0
) -> LabelMatch | None:
    """The best (key, label) for ``text``, or None when nothing reaches ``min_score``."""
    best: LabelMatch | None = None
    text_key = match_key(text)  # once: cleaning the text is most of a comparison's cost
    for key, label in labels:
        score = _key_score(text_key, match_key(label))
        if best is None or score > best.score:
            best = LabelMatch(key, label, score)
    if best is None or best.score < min_score:
        return None
    return best


# Marks above and below the letters: the first thing OCR drops (เรือง for เรื่อง, วันที for วันที่).
_DROPPABLE_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c")


def loose_pattern(label: str) -> str:
    """A regex for ``label`` that still matches when OCR dropped its marks."""
    parts = []
    for char in label:
        escaped = re.escape(char)
        parts.append(f"{escaped}?" if char in _DROPPABLE_MARKS else escaped)
    return "".join(parts)
