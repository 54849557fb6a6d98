"""An amount printed unlike the rest of its column is a doubtful reading (saraban.reconcile.amount_shape)."""

from __future__ import annotations

from saraban.reconcile.amount_shape import DOUBTFUL_SHAPE_CONFIDENCE, misshapen_amounts, with_shape_doubts
from saraban.parsers.report import RawRow
from saraban.parsers.status import StatusReading


def row(budget: str, disbursed: str = "0.00", confidence: float = 0.81) -> RawRow:
    return RawRow(page=2, title=None, seq_raw="1", name_raw="โครงการ", dimension_raw="1", budget_raw=budget,
                  disbursed_raw=disbursed, remarks="", status=StatusReading("completed", 0.97, ("completed",), 1, ""),
                  bbox=None, confidence=confidence,
                  field_confidence=(("budget", confidence), ("disbursed", confidence)))


def test_a_comma_read_as_a_digit_makes_the_amount_doubtful():
    # ๑๓๓,๑๐๐.๐๐ read with its comma as ๖: ten times too much, and it still parses.
    rows = [row("๑๒๕,๐๐๐.๐๐"), row("๓๔,๕๐๐.๐๐"), row("๑๓๓๖๑๐๐.๐๐"), row("๐.๐๐"), row("๒,๐๐๐.๐๐")]
    assert misshapen_amounts(rows) == {2: frozenset({"budget"})}
    capped = with_shape_doubts(rows)
    assert dict(capped[2].field_confidence)["budget"] == DOUBTFUL_SHAPE_CONFIDENCE
    assert capped[2].confidence == DOUBTFUL_SHAPE_CONFIDENCE
    assert capped[0] == rows[0]


def test_a_column_printed_without_groups_is_left_alone():
    rows = [row("125000.00"), row("34500.00"), row("1336100.00"), row("2,000.00")]
    assert misshapen_amounts(rows) == {}


def test_a_text_layer_value_is_the_documents_own():
    rows = [row("125,000.00", confidence=1.0), row("34,500.00", confidence=1.0),
            row("2,000.00", confidence=1.0), row("1336100.00", confidence=1.0)]
    assert with_shape_doubts(rows) == tuple(rows)
