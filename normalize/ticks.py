"""Read a status-table cell's OCR text as a tick mark (or not).

This reads *text* only. A scanned cell should also be judged by its ink
(`Cell.mark_ink`, in `ingest/`); this function is the text half of that call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from saraban.normalize.text import clean_text

__all__ = ["TickReading", "TickState", "read_tick_text"]


class TickState(StrEnum):
    TICKED = "ticked"
    UNTICKED = "unticked"
    BLANK = "blank"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class TickReading:
    state: TickState
    confidence: float
    evidence: str


TICK_GLYPHS = frozenset("✓✔☑☒✗✘\U0001f5f8")
CROSS_LETTERS = frozenset("xX×")
BOX_GLYPHS = frozenset("☐□")
# OCR noise from ruling lines in an empty cell, not a mark someone made.
LINE_NOISE = frozenset("-–—_|¦.,:;'`\"")
GARBLED_CONFIDENCE = 0.6
CROSS_CONFIDENCE = 0.9
NOISE_CONFIDENCE = 0.6

_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_CHECKED = re.compile(r"""(?<![\w-])checked(?![\w-])""", re.IGNORECASE)
_VARIATION = re.compile("[\ufe0e\ufe0f]")


def read_tick_text(text: str) -> TickReading:
    """Classify one status cell: ticked, unticked, blank, or other text.

    Confidence 1.0 for an explicit mark (HTML checkbox, tick/box glyph), 0.9
    for an x, 0.6 for a lone 1-2 character token taken as a misread tick
    (evidence "garbled:<text>") or for ruling-line noise taken as blank.
    """
    s = _VARIATION.sub("", clean_text(text))
    if not s:
        return TickReading(TickState.BLANK, 1.0, "blank")
    inputs = _INPUT.findall(s)  # checkbox (or radio) as rendered by HTML-emitting OCR
    if inputs:
        ticked = any(_CHECKED.search(_strip_quoted(tag)) for tag in inputs)
        return TickReading(TickState.TICKED if ticked else TickState.UNTICKED, 1.0, "html-checkbox")
    if s in TICK_GLYPHS:
        return TickReading(TickState.TICKED, 1.0, f"glyph:{s}")
    if s in CROSS_LETTERS:
        return TickReading(TickState.TICKED, CROSS_CONFIDENCE, f"glyph:{s}")
    if s in BOX_GLYPHS:
        return TickReading(TickState.UNTICKED, 1.0, f"glyph:{s}")
    if len(s) <= 2 and " " not in s:
        if all(c in LINE_NOISE for c in s) and s != "/":
            return TickReading(TickState.BLANK, NOISE_CONFIDENCE, f"noise:{s}")
        return TickReading(TickState.TICKED, GARBLED_CONFIDENCE, f"garbled:{s}")
    return TickReading(TickState.TEXT, 1.0, "text")


def _strip_quoted(tag: str) -> str:
    """Drop attribute values so `value="checked"` is not read as the attribute."""
    return re.sub(r"""=\s*("[^"]*"|'[^']*')""", "=", tag)
