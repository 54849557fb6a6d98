from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saraban.normalize.ticks import TickReading, TickState, read_tick_text

T = TickState


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", TickReading(T.BLANK, 1.0, "blank")),
        ("   \t", TickReading(T.BLANK, 1.0, "blank")),
        ("\u00a0", TickReading(T.BLANK, 1.0, "blank")),
        ('<input checked="" type="checkbox"/>', TickReading(T.TICKED, 1.0, "html-checkbox")),
        ('<input type="checkbox" checked/>', TickReading(T.TICKED, 1.0, "html-checkbox")),
        ('<input type="checkbox" checked>', TickReading(T.TICKED, 1.0, "html-checkbox")),
        ('<input type="checkbox" checked="checked" />', TickReading(T.TICKED, 1.0, "html-checkbox")),
        ("<INPUT TYPE=checkbox CHECKED>", TickReading(T.TICKED, 1.0, "html-checkbox")),
        (' <input checked="" type="checkbox"/> ', TickReading(T.TICKED, 1.0, "html-checkbox")),
        ('<input type="checkbox"/>', TickReading(T.UNTICKED, 1.0, "html-checkbox")),
        ('<input type="checkbox" value="checked"/>', TickReading(T.UNTICKED, 1.0, "html-checkbox")),
        ('<input type="checkbox" data-checked="1"/>', TickReading(T.UNTICKED, 1.0, "html-checkbox")),
        ("✓", TickReading(T.TICKED, 1.0, "glyph:✓")),
        (" ✓ ", TickReading(T.TICKED, 1.0, "glyph:✓")),
        ("✔", TickReading(T.TICKED, 1.0, "glyph:✔")),
        ("✔\ufe0f", TickReading(T.TICKED, 1.0, "glyph:✔")),
        ("☑", TickReading(T.TICKED, 1.0, "glyph:☑")),
        ("☒", TickReading(T.TICKED, 1.0, "glyph:☒")),
        ("✗", TickReading(T.TICKED, 1.0, "glyph:✗")),
        ("✘", TickReading(T.TICKED, 1.0, "glyph:✘")),
        ("\U0001f5f8", TickReading(T.TICKED, 1.0, "glyph:\U0001f5f8")),
        ("x", TickReading(T.TICKED, 0.9, "glyph:x")),
        ("X", TickReading(T.TICKED, 0.9, "glyph:X")),
        ("×", TickReading(T.TICKED, 0.9, "glyph:×")),
        ("☐", TickReading(T.UNTICKED, 1.0, "glyph:☐")),
        ("□", TickReading(T.UNTICKED, 1.0, "glyph:□")),
        ("๔", TickReading(T.TICKED, 0.6, "garbled:๔")),
        ("๗", TickReading(T.TICKED, 0.6, "garbled:๗")),
        ("V", TickReading(T.TICKED, 0.6, "garbled:V")),
        ("/", TickReading(T.TICKED, 0.6, "garbled:/")),
        ("J", TickReading(T.TICKED, 0.6, "garbled:J")),
        ("JV", TickReading(T.TICKED, 0.6, "garbled:JV")),
        ("4", TickReading(T.TICKED, 0.6, "garbled:4")),
        ("7", TickReading(T.TICKED, 0.6, "garbled:7")),
        ("✓.", TickReading(T.TICKED, 0.6, "garbled:✓.")),
        ("-", TickReading(T.BLANK, 0.6, "noise:-")),
        ("|", TickReading(T.BLANK, 0.6, "noise:|")),
        ("ดำเนินการแล้ว", TickReading(T.TEXT, 1.0, "text")),
        ("J V", TickReading(T.TEXT, 1.0, "text")),
        ("abc", TickReading(T.TEXT, 1.0, "text")),
    ],
)
def test_read_tick_text(text: str, expected: TickReading) -> None:
    assert read_tick_text(text) == expected


def test_real_report_row_cells() -> None:
    # status cells of rows 11 and 51 of the Sateng Nok FY2565 bundle
    row_11 = '<input checked="" type="checkbox"/>\t<input type="checkbox"/>\t\t'.split("\t")
    assert [read_tick_text(c).state for c in row_11] == [T.TICKED, T.UNTICKED, T.BLANK, T.BLANK]
    row_51 = "๔\t\t".split("\t")
    assert [read_tick_text(c).state for c in row_51] == [T.TICKED, T.BLANK, T.BLANK]


def test_tick_state_is_a_string() -> None:
    assert T.TICKED == "ticked" and str(T.UNTICKED) == "unticked"


@given(st.text())
def test_every_text_gets_a_reading(text: str) -> None:
    reading = read_tick_text(text)
    assert reading.state in TickState
    assert 0.0 < reading.confidence <= 1.0
    assert reading.evidence
