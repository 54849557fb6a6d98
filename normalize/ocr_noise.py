"""Marks the OCR makes of rule remnants and specks in a ruled cell's text.

A cell's crop keeps a sliver of its border or a speck of scan dust now and then, and Tesseract
reads it as a mark: '|' or '[' at a line's start (0.3–0.96 sure), a lone ',' or "'" between
words ('ตามพระ ' ราชบัญญัติ'), a lone '.' before the first word. Project names and remarks
print no bars or square brackets, and no comma or quote standing alone. A lone '.' after a
word stays: it is as often พ.ศ.'s point, spaced off by the OCR ('ประจำปีงบประมาณพ . ศ .').
"""

from __future__ import annotations

import re

_BARS = str.maketrans("", "", "|[]")
_LONE_MARK = re.compile(r"^[,'`:;]+$")
_LONE_POINTS = re.compile(r"^[.,'`:;]+$")


def without_ocr_noise(text: str) -> str:
    """``text`` without bars, square brackets and lone punctuation (see the module docstring)."""
    kept: list[str] = []
    for token in text.translate(_BARS).split():
        if _LONE_MARK.match(token) or (not kept and _LONE_POINTS.match(token)):
            continue
        kept.append(token)
    return " ".join(kept)
