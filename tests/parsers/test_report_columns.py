"""Column roles of report tables across pages."""

from __future__ import annotations

from saraban.parsers.columns import Columns, complete_columns


def test_a_role_the_header_lost_is_taken_from_the_previous_table():
    previous = Columns({"seq": 0, "name": 1, "dimension": 2, "budget": 3}, ((5, "completed"),), 7)
    garbled = Columns({"seq": 0, "name": 1, "budget": 3}, ((5, "completed"),), 7)
    assert complete_columns(garbled, previous).roles["dimension"] == 2
    # Another shape of table, or the cell already has a role: nothing is borrowed.
    assert "dimension" not in complete_columns(Columns(garbled.roles, (), 5), previous).roles
    taken = Columns({"seq": 0, "name": 1, "remarks": 2, "budget": 3}, (), 7)
    assert "dimension" not in complete_columns(taken, previous).roles
