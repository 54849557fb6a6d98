"""An amount printed unlike the rest of its column is a doubtful reading.

A report prints its amounts one way: 133,100.00, thousands grouped. When the OCR reads a comma as
a digit ('๑๓๓๖๑๐๐.๐๐' for ๑๓๓,๑๐๐.๐๐, at confidence 0.81) the value is ten times too large and
still parses. Where a column's other amounts of four or more whole digits are grouped, one that
is not is doubtful: its confidence is capped below the LOW_CONFIDENCE threshold, so a person is
pointed at the cell and the totals checks do not rest on it. Values a text layer gave (confidence
1.0) are the document's own and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from saraban.normalize.numerals import to_arabic_digits
from saraban.parsers.report import RawRow

AMOUNT_FIELDS = ("budget", "disbursed")
GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
UNGROUPED = re.compile(r"\d{4,}(\.\d+)?")
MIN_GROUPED = 3  # grouped amounts a column needs before it says how amounts are printed
GROUPED_SHARE = 2 / 3  # ... and the share of its long amounts that must be grouped
DOUBTFUL_SHAPE_CONFIDENCE = 0.6


def misshapen_amounts(rows: Sequence[RawRow]) -> dict[int, frozenset[str]]:
    """Row index → the amount fields printed ungrouped in a column whose amounts are grouped."""
    found: dict[int, set[str]] = {}
    for field in AMOUNT_FIELDS:
        texts = [to_arabic_digits(getattr(row, f"{field}_raw")).strip() for row in rows]
        grouped = sum(1 for text in texts if GROUPED.fullmatch(text))
        ungrouped = [i for i, text in enumerate(texts) if UNGROUPED.fullmatch(text)]
        if grouped < MIN_GROUPED or grouped < GROUPED_SHARE * (grouped + len(ungrouped)):
            continue
        for index in ungrouped:
            found.setdefault(index, set()).add(field)
    return {index: frozenset(fields) for index, fields in found.items()}


def with_shape_doubts(rows: Sequence[RawRow]) -> tuple[RawRow, ...]:
    """``rows`` with the OCR confidence of each misshapen amount capped (see module docstring)."""
    doubtful = misshapen_amounts(rows)
    capped = []
    for index, row in enumerate(rows):
        fields = doubtful.get(index, frozenset())
        confidence = dict(row.field_confidence)
        lowered = {f: DOUBTFUL_SHAPE_CONFIDENCE for f in fields
                   if f in confidence and confidence[f] < 1.0 and confidence[f] > DOUBTFUL_SHAPE_CONFIDENCE}
        if lowered:
            confidence.update(lowered)
            row = replace(row, field_confidence=tuple(confidence.items()),
                          confidence=min(confidence.values()))
        capped.append(row)
    return tuple(capped)
