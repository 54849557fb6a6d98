from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saraban.normalize.text import clean_text, match_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  เทศบาลเมือง   สะเตงนอก ", "เทศบาลเมือง สะเตงนอก"),
        ("ก\u0e4d\u0e32ไร", "กำไร"),  # decomposed sara am
        ("ส\u200bะเตง\u200cนอก\ufeff", "สะเตงนอก"),  # zero-width characters
        ("ที่\u00a0ยล\u2009๕๒๕๐๑", "ที่ ยล ๕๒๕๐๑"),  # NBSP, thin space
        ("บรรทัด\n\tใหม่\r\n", "บรรทัด ใหม่"),
        ("เเปลก", "แปลก"),  # two sara e
        ("ก่่อน", "ก่อน"),  # duplicated tone mark
        ("", ""),
        ("   ", ""),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_is_nfc() -> None:
    assert clean_text("e\u0301") == "\u00e9"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("เทศบาลเมือง สะเตงนอก", "เทศบาลเมืองสะเตงนอก"),
        ("สำนักงาน ป.ป.ช.", "สำนักงานปปช"),
        ("e-PlanNACC", "eplannacc"),
        ("ที่ ยล ๕๒๕๐๑/๑๖๖", "ที่ยล52501166"),
        ("No Gift Polity", "nogiftpolity"),
        ("ก\u0e4d\u0e32ไร่", "กำไร่"),  # vowels and tone marks are kept
        ("", ""),
    ],
)
def test_match_key(raw: str, expected: str) -> None:
    assert match_key(raw) == expected


def test_match_key_ignores_spacing_and_punctuation() -> None:
    assert match_key("เทศบาล เมือง-สะเตงนอก.") == match_key("เทศบาลเมืองสะเตงนอก")


@given(st.text())
def test_clean_text_idempotent(s: str) -> None:
    once = clean_text(s)
    assert clean_text(once) == once


@given(st.text())
def test_match_key_idempotent(s: str) -> None:
    key = match_key(s)
    assert match_key(key) == key
    assert " " not in key
