from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pythainlp.util import arabic_digit_to_thai_digit

from saraban.normalize.numerals import (
    format_amount,
    parse_amount,
    parse_int,
    parse_percent,
    to_arabic_digits,
)


def test_to_arabic_digits() -> None:
    assert to_arabic_digits("ที่ ยล ๕๒๕๐๑/๑๖๖") == "ที่ ยล 52501/166"
    assert to_arabic_digits("") == ""


@given(st.text())
def test_thai_arabic_digit_round_trip(s: str) -> None:
    arabic = to_arabic_digits(s)
    assert len(arabic) == len(s)  # offsets survive
    assert not any("๐" <= c <= "๙" for c in arabic)
    assert to_arabic_digits(arabic_digit_to_thai_digit(arabic)) == arabic


@given(st.integers(min_value=0))
def test_thai_digits_of_an_integer(n: int) -> None:
    assert to_arabic_digits(arabic_digit_to_thai_digit(str(n))) == str(n)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("499,600.00", "499600.00"),
        ("๔๙๙,๖๐๐.๐๐", "499600.00"),
        ("1,250.50 บาท", "1250.50"),
        ("1,250.50บาท", "1250.50"),
        ("59050", "59050.00"),
        ("59,050.00", "59050.00"),
        (" 0.00 ", "0.00"),
        ("12.5", "12.50"),
        ("-1,000.00", "-1000.00"),
        ("1,234,567.89", "1234567.89"),
        ("50,000.-", "50000.00"),
    ],
)
def test_parse_amount(raw: str, expected: str) -> None:
    value = parse_amount(raw)
    assert value == Decimal(expected)
    assert value is not None and str(value) == expected  # quantized to 0.01


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "-", "12,34.5.6", "abc", "4 9 9", "1,2345.00", "12,34", ",123", "1.", "1.234",
     "1,250.50 บาทถ้วน", "บาท", "1..5", "1,000,00"],
)
def test_parse_amount_rejects(raw: str) -> None:
    assert parse_amount(raw) is None


def test_a_run_of_digits_too_long_for_money_is_unreadable_not_a_crash() -> None:
    # Seen on a scan: digits misread together past what Decimal quantizes (an InvalidOperation
    # that cost the whole file).
    assert parse_amount("1" * 40 + ".00") is None
    assert parse_amount("9" * 17) is None
    assert parse_amount("9" * 16 + ".50") == Decimal("9" * 16 + ".50")
    assert parse_amount("0" * 30 + "12.00") == Decimal("12.00")
    assert parse_percent("4" * 40) is None


@given(
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2,
                allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.booleans(),
)
def test_parse_amount_round_trip(d: Decimal, thai: bool, baht: bool) -> None:
    text = f"{d:,.2f}" + (" บาท" if baht else "")
    if thai:
        text = arabic_digit_to_thai_digit(text)
    assert parse_amount(text) == d
    assert parse_amount(format_amount(d)) == d


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (Decimal("499600"), "499600.00"),
        (Decimal("1250.5"), "1250.50"),
        (Decimal("0"), "0.00"),
        (Decimal("-0.00"), "0.00"),
        (Decimal("-12.345"), "-12.35"),
        (Decimal("1E+3"), "1000.00"),
    ],
)
def test_format_amount(d: Decimal, expected: str) -> None:
    assert format_amount(d) == expected


@pytest.mark.parametrize(("raw", "expected"), [("๖๕", 65), ("65", 65), (" 7 ", 7), ("007", 7)])
def test_parse_int(raw: str, expected: int) -> None:
    assert parse_int(raw) == expected


@pytest.mark.parametrize("raw", ["6 5", "1.", "", "  ", "-3", "+3", "๖๕ คน", "²", "1,000"])
def test_parse_int_rejects(raw: str) -> None:
    assert parse_int(raw) is None


@given(st.integers(min_value=0, max_value=10**12), st.booleans())
def test_parse_int_round_trip(n: int, thai: bool) -> None:
    text = arabic_digit_to_thai_digit(str(n)) if thai else str(n)
    assert parse_int(text) == n


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("42.89", "42.89"),
        ("๔๒.๘๙", "42.89"),
        ("42.89%", "42.89"),
        ("42.89 %", "42.89"),
        ("ร้อยละ 42.89", "42.89"),
        ("ร้อยละ๙๑.๕๓", "91.53"),
        ("100", "100.00"),
        ("33.335", "33.34"),
    ],
)
def test_parse_percent(raw: str, expected: str) -> None:
    value = parse_percent(raw)
    assert value == Decimal(expected)
    assert str(value) == expected


@pytest.mark.parametrize("raw", ["", "%", "ร้อยละ", "42,89", "abc", "4 2", "42.89 บาท"])
def test_parse_percent_rejects(raw: str) -> None:
    assert parse_percent(raw) is None


def test_a_thousands_comma_read_as_a_dot_is_repaired_only_when_unambiguous():
    assert parse_amount("405.200.00") == Decimal("405200.00")
    assert parse_amount("0,00") == Decimal("0.00") and parse_amount("๐,๕๐") == Decimal("0.50")
    assert parse_amount("1,000,00") is None and parse_amount("10,00") is None
    assert parse_amount("1.234.567.89") == Decimal("1234567.89")
    assert parse_amount("1.234") is None  # 1.234 or 1,234: not guessed
    assert parse_amount("40.20.00") is None
