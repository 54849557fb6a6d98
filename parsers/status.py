"""Which of the four status columns a report row ticks, and how sure we can be.

Two readings, by the kind of table:

* **ruled** (a scanned grid): every status cell is physically there; the tick is read by ink
  and its confidence is the extractor's.
* **counted** (OCR text): a cell's column is only the count of separators before it, and OCR
  engines drop and add empty cells. So the tick's column is a lower bound: it can sit further
  right by as many cells as the row or its header lost. Only a row whose four status cells
  are all explicit boxes under a complete header is certain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from saraban.normalize.ticks import TickReading, TickState, read_tick_text
from saraban.parsers.model import Cell, MarkState

STATUSES = ("awaiting_report", "in_progress", "completed", "unable_to_proceed")
EMPTY = "empty"
# A single candidate column found by counting blank cells: likely, not certain.
COUNTED_CONFIDENCE = 0.75
# A row with no cell over the tick threshold whose inkiest cell is this unsure it is empty
# (ink a hair under the threshold: a faint ☑ among printed boxes) is read as that cell's
# status, at the tick's small confidence, rather than as no status at all.
NEAR_TICK = 0.6


@dataclass(frozen=True, slots=True)
class StatusReading:
    status: str  # one of STATUSES, or EMPTY (no tick, or more than one)
    confidence: float  # 0–1
    candidates: tuple[str, ...]  # statuses the tick may belong to (several when ambiguous)
    ticks: int  # ticked cells seen
    evidence: str  # how it was read, in plain words


def tick_of(cell: Cell) -> TickReading:
    """The tick reading of a cell: its ink mark when the extractor made one, else its text."""
    if cell.mark is not None:
        state = TickState.TICKED if cell.mark.state is MarkState.TICKED else TickState.UNTICKED
        return TickReading(state, cell.mark.confidence, cell.mark.evidence)
    return read_tick_text(cell.text)


def read_ruled(cells: Sequence[Cell | None], statuses: Sequence[str]) -> StatusReading:
    """Status from a physical grid: ``cells[i]`` is the cell under ``statuses[i]``."""
    readings = [tick_of(c) if c is not None else None for c in cells]
    ticked = [i for i, r in enumerate(readings) if r is not None and r.state is TickState.TICKED]
    if len(ticked) == 1:
        reading = readings[ticked[0]]
        assert reading is not None
        confidence = reading.confidence if len(statuses) == len(STATUSES) else reading.confidence / 2
        return StatusReading(
            statuses[ticked[0]], confidence, (statuses[ticked[0]],), 1, reading.evidence
        )
    if not ticked:
        near = [
            (r.confidence, i) for i, r in enumerate(readings)
            if r is not None and cells[i] is not None and cells[i].mark is not None and r.confidence < NEAR_TICK
        ]
        if len(near) == 1:
            unsure, index = near[0]
            return StatusReading(
                statuses[index], round(1 - unsure, 3), (statuses[index],), 1,
                f"no cell clearly ticked; the inkiest is {statuses[index]} ({readings[index].evidence})",
            )
        return _empty_row(readings, complete=len(statuses) == len(STATUSES))
    return _none_or_many([statuses[i] for i in ticked], readings, explicit=True)


def _empty_row(readings: Sequence[TickReading | None], complete: bool) -> StatusReading:
    """No tick in a physical row: as sure as its least sure status cell is of holding no mark.

    A cell not found under its header, or holding text rather than a mark, vouches for
    nothing; a header that lost a status column leaves a cell nobody looked at.
    """
    sure = [_sure_empty(r) for r in readings]
    confidence = min(sure, default=0.0) if complete else min(sure, default=0.0) / 2
    weakest = min(range(len(sure)), key=sure.__getitem__, default=None)
    evidence = "no tick in any status cell"
    if confidence < 1.0 and weakest is not None:
        shown = readings[weakest].evidence if readings[weakest] is not None else "no cell found"
        evidence += f" (least sure: column {weakest + 1}, {shown})"
    return StatusReading(EMPTY, round(confidence, 3), (), 0, evidence)


def _sure_empty(reading: TickReading | None) -> float:
    if reading is None or reading.state is TickState.TEXT:
        return 0.0
    return reading.confidence


def read_counted(
    area: Sequence[Cell], header_statuses: Sequence[str]
) -> StatusReading:
    """Status from OCR-text cells ``area`` (the row's cells between disbursed and remarks).

    ``header_statuses`` are the statuses the header names, in order (3 when the header lost
    a column, 4 when complete, empty when there is no header: the canonical 4 are assumed).
    """
    header = list(header_statuses) or list(STATUSES)
    readings = [tick_of(c) for c in area]
    ticked = [i for i, r in enumerate(readings) if r.state is TickState.TICKED]
    explicit = (
        len(header_statuses) == len(STATUSES)
        and len(area) == len(STATUSES)
        and all(r.state in (TickState.TICKED, TickState.UNTICKED) for r in readings)
    )
    if len(ticked) != 1:
        positions = [_column_at(p, header) for p in ticked]
        return _none_or_many([STATUSES[c] for c in positions], readings, explicit)
    p = ticked[0]
    first = _column_at(p, header)
    slack = (len(STATUSES) - len(header)) + max(0, len(header) - len(area))
    candidates = STATUSES[first : min(len(STATUSES) - 1, first + slack) + 1]
    glyph = readings[p]
    if len(candidates) == 1:
        base = 1.0 if explicit else COUNTED_CONFIDENCE
        how = "explicit boxes" if explicit else "tick found by counting blank cells"
    else:
        base = 1.0 / len(candidates)
        how = (
            f"tick found by counting cells, but the row or its header lost "
            f"{slack} cell(s): it may belong to {', '.join(candidates)}"
        )
    return StatusReading(
        candidates[0], round(base * glyph.confidence, 3), candidates, 1, f"{how}; {glyph.evidence}"
    )


def _column_at(position: int, header: Sequence[str]) -> int:
    """Canonical column index of the status named at ``position`` of the header."""
    if position < len(header):
        return STATUSES.index(header[position])
    return min(len(STATUSES) - 1, STATUSES.index(header[-1]) + position - len(header) + 1)


def _none_or_many(
    ticked_statuses: Sequence[str], readings: Sequence[TickReading | None], explicit: bool
) -> StatusReading:
    if not ticked_statuses:
        confidence = 1.0 if explicit else COUNTED_CONFIDENCE
        return StatusReading(EMPTY, confidence, (), 0, "no tick in any status cell")
    evidence = "; ".join(r.evidence for r in readings if r is not None and r.state is TickState.TICKED)
    return StatusReading(
        EMPTY, 0.0, tuple(dict.fromkeys(ticked_statuses)), len(ticked_statuses), evidence
    )
