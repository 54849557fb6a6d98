"""A letter's own number (ที่ ...) as OCR gives it: agency code, digits, slash."""

from __future__ import annotations

import pytest

from parsers.letter import DOC_NUMBER, MARKED_DOC_NUMBER, tidy_doc_number


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("ปช ๐๐๑๓/ ๐๐ ๖๘", "ปช 0013/0068"),
        ("ยล ๐๐๒๓.๔/ว๑๒๕๑", "ยล 0023.4/ว 1251"),
        ("ชูบ ๕๒๑๐๖/๓๖๔", "ชบ 52106/364"),  # a stray vowel on the agency code
        ("ข่ก๕๒๗๐๒/๓๘๒", "ขก 52702/382"),
    ],
)
def test_tidy_doc_number(raw: str, tidy: str) -> None:
    assert tidy_doc_number(raw) == tidy


def test_an_agency_code_with_stray_marks_is_a_number_only_with_its_slash() -> None:
    line = "ที่ ชูบ ๕๒๑๐๖/๓๖๔ วันที ๑๐ พฤษภาคม ๒๕๖๗"
    assert DOC_NUMBER.match(line) is None
    match = MARKED_DOC_NUMBER.match(line)
    assert match is not None and match.group("number") == "ชูบ ๕๒๑๐๖/๓๖๔"
    # A word after ที่ followed by a count is not a document number.
    assert MARKED_DOC_NUMBER.match("ที่ตั้ง ๑๒ หมู่ ๓") is None
