"""Signature blocks: '(นาย…)' on a line of its own, then one to three lines of position."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from saraban.normalize.dates import parse_thai_date
from saraban.normalize.text import clean_text
from saraban.parsers.layout import line_gap
from saraban.parsers.model import Line

_PARENTHESIZED = re.compile(r"^\(\s*(?P<name>[^()]{3,80}?)\s*\)$")
_NOT_POSITION = re.compile(
    r"^(\(|โทร|โทรสาร|ไปรษณีย์|e-?mail|www\.|http|เลขรับ|เลขที่รับ|วันที่|เวลา|ที่\s|เรื่อง|เรียน|-)",
    re.I,
)
MAX_POSITION_LINES = 3
MAX_GAP_BEFORE_POSITION = 2.5  # blank lines between the name and its position
ACTING_FOR = "แทน"  # "ปฏิบัติราชการแทน": the position goes on after a gap


@dataclass(frozen=True, slots=True)
class Signature:
    name: str
    position: str
    start: int  # index of the name line in the sequence given
    end: int  # index one past the last position line


def find_signatures(lines: Sequence[Line], person_titles: Sequence[str]) -> list[Signature]:
    found: list[Signature] = []
    i = 0
    while i < len(lines):
        name = person_name(lines[i].text, person_titles)
        if name is None:
            i += 1
            continue
        positions: list[str] = []
        j = i + 1
        while j < len(lines) and len(positions) < MAX_POSITION_LINES:
            gap = line_gap(lines[j - 1], lines[j])
            allowed = (
                MAX_GAP_BEFORE_POSITION
                if not positions or positions[-1].endswith(ACTING_FOR)
                else 0.5
            )
            text = clean_text(lines[j].text)
            if gap > allowed or not _looks_like_position(text, person_titles):
                break
            positions.append(text)
            j += 1
        found.append(Signature(name, " ".join(positions), i, j))
        i = j
    return found


def person_name(text: str, person_titles: Sequence[str]) -> str | None:
    """The name in a '(นางสาวยาวาเสะ ดอเล้าะ)' line, or None."""
    match = _PARENTHESIZED.match(clean_text(text))
    if match is None:
        return None
    name = match.group("name")
    return name if any(name.startswith(t) for t in person_titles) else None


def _looks_like_position(text: str, person_titles: Sequence[str]) -> bool:
    if not text or _NOT_POSITION.match(text) or person_name(text, person_titles):
        return False
    if parse_thai_date(text).span is not None:
        return False
    thai_letters = sum(1 for ch in text if "\u0e01" <= ch <= "\u0e2e")
    return thai_letters >= 3 and "@" not in text
