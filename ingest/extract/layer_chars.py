"""A PDF text layer's characters, repaired where a writer's defect is known, before the layer
is judged or read.

- Thai glyph variants in the private-use area (legacy fonts) are mapped to their characters.
- A Thai mark takes the span of the letter it sits on (see :func:`repaired_chars`).
- Word's export with TH SarabunIT๙ writes the nikhahit of ำ as a space of no width.
- LibreOffice's export draws ำ as two glyphs and maps the pair to the first: the second, the
  glyph of า, is then left with no character at all wherever it is used, and pdfminer gives
  ``(cid:N)`` for it (``ก(cid:4)ร`` for การ). Which code it is, the page itself shows: the code
  that follows an ำ of the same font. Another unmapped code stays as it is, and the layer's
  judge (saraban.parsers.text_layer) turns the page over to OCR.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from saraban.normalize.text import repair_thai_pua
from saraban.normalize.thai_repair import LOST
from saraban.parsers.model import BBox, Line
from saraban.parsers.text_layer import THAI_MARKS

ZERO_WIDTH = 0.05  # points: a "space" this narrow draws nothing
_MARKS = THAI_MARKS | {LOST}
SARA_AM, SARA_AA = "\u0e33", "\u0e32"
_UNMAPPED = re.compile(r"\(cid:\d+\)")


def repaired_chars(chars: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The page's characters with Thai glyph variants mapped to their characters, the known
    writers' defects undone (module docstring), and each Thai mark placed on the letter it
    sits on.

    A mark has no width, and writers place it at the end of its letter (Noto) or anywhere over
    it: at the next letter's left edge, or a hair past it, ordering by position would put it
    after that letter (ส ง ่ for ส่ง) and start a word there. Writers emit a mark right after its
    letter, so the mark takes that letter's span.
    """
    repaired: list[dict[str, Any]] = []
    chars = with_sara_aa_mapped(chars)
    for index, char in enumerate(chars):
        char = {**char, "text": repair_thai_pua(str(char["text"]))}
        if _lost_nikhahit(repaired[-1] if repaired else None, char, chars[index + 1] if index + 1 < len(chars) else None):
            char["text"] = LOST
        if repaired and char["text"] in _MARKS and _same_line(repaired[-1], char):
            char["x0"], char["x1"] = repaired[-1]["x0"], repaired[-1]["x1"]
        repaired.append(char)
    return repaired


def with_sara_aa_mapped(chars: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """``chars`` with LibreOffice's unmapped า put back: the unmapped code that follows an ำ
    of its font is า in that font; right after the ำ it is the ำ's own second half, and goes
    (the ำ takes its span)."""
    chars = list(chars)
    aa_codes = {
        (char.get("fontname"), char["text"])
        for before, char in zip(chars, chars[1:])
        if _UNMAPPED.fullmatch(str(char["text"])) and before["text"] == SARA_AM
        and before.get("fontname") == char.get("fontname")
    }
    if not aa_codes:
        return chars
    mapped: list[Mapping[str, Any]] = []
    for char in chars:
        if (char.get("fontname"), char["text"]) not in aa_codes:
            mapped.append(char)
        elif mapped and mapped[-1]["text"] == SARA_AM and mapped[-1].get("fontname") == char.get("fontname"):
            mapped[-1] = {**mapped[-1], "x1": max(float(mapped[-1]["x1"]), float(char["x1"]))}
        else:
            mapped.append({**char, "text": SARA_AA})
    return mapped


def _lost_nikhahit(before: Mapping[str, Any] | None, char: Mapping[str, Any], after: Mapping[str, Any] | None) -> bool:
    """Word's PDF export with TH SarabunIT๙ writes the nikhahit of ำ as a space of no width
    (ส␣านักงาน for สำนักงาน): a space is never drawn between a Thai letter and its า. Taken
    as a lost mark, which the dictionary then puts back (saraban.normalize.thai_repair)."""
    return (
        before is not None and after is not None and char["text"] == " "
        and float(char["x1"]) - float(char["x0"]) < ZERO_WIDTH
        and "ก" <= str(before["text"])[-1:] <= "๎" and after["text"] == "า"
    )


def _same_line(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return abs(float(a["top"]) - float(b["top"])) < 0.5 * max(float(a["bottom"]) - float(a["top"]), 1.0)


def with_line_ends(lines: Sequence[Line], chars: Sequence[Mapping[str, Any]]) -> list[Line]:
    """``lines`` with ``ends_in_space`` told from ``chars``: LibreOffice writes the space a line
    broke at after its last word (a space character right of it, on its line), and none where
    the line broke inside a run of Thai words. Chromium writes no space at any line's end: a
    page where no line ends in one says nothing, and its lines are left unknown."""
    spaces = [c for c in chars if str(c["text"]) == " "]

    def ends_in_space(box: BBox) -> bool:
        height = box.bottom - box.top
        return any(
            box.x1 - 0.5 <= float(c["x0"]) <= box.x1 + 0.5 * height
            and box.top <= (float(c["top"]) + float(c["bottom"])) / 2 <= box.bottom
            for c in spaces
        )

    ends = [line.bbox is not None and ends_in_space(line.bbox) for line in lines]
    if not any(ends):
        return list(lines)
    return [replace(line, ends_in_space=end) if line.bbox is not None else line for line, end in zip(lines, ends)]
