"""Digits, amounts, counts and percentages as written in Thai paperwork.

Money is `Decimal` end to end; nothing here goes through `float`. Every parser
is strict: input that is not well formed gives `None`, never a guess.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from pythainlp.util import thai_digit_to_arabic_digit
from rapidfuzz.distance import Hamming

__all__ = ["format_amount", "one_digit_apart", "parse_amount", "parse_int", "parse_percent", "to_arabic_digits"]

CENT = Decimal("0.01")
# No amount in these reports runs past 16 digits before the point (a PostgreSQL NUMERIC(18,2)
# holds it); a longer run is digits misread together, and past 26 it would not even quantize.
MAX_WHOLE_DIGITS = 16

_AMOUNT = re.compile(
    r"(?P<sign>[-\u2212])?\s*"
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
    r"(?:\.(?P<frac>[0-9]{1,2}|-))?"
    r"(?:\s*บาท)?",
    re.ASCII,
)
_INT = re.compile(r"[0-9]+", re.ASCII)
_PERCENT = re.compile(
    rf"(?:ร้อยละ\s*)?(?P<num>[0-9]{{1,{MAX_WHOLE_DIGITS}}}(?:\.[0-9]+)?)(?:\s*%)?",
    re.ASCII,
)


def to_arabic_digits(s: str) -> str:
    """Replace Thai digits ๐-๙ with 0-9; every other character is kept, so
    offsets into the string stay valid."""
    return thai_digit_to_arabic_digit(s)


_DOTTED_THOUSANDS = re.compile(r"-?\d{1,3}(?:\.\d{3})+\.\d{2}")
_ZERO_COMMA_DECIMALS = re.compile(r"-?0,\d{2}")


def parse_amount(raw: str) -> Decimal | None:
    """Read a money amount: "๔๙๙,๖๐๐.๐๐", "1,250.50 บาท", "59050", "-12.5".

    Thousands separators must form groups of three; at most two decimal
    places (or the Thai ".-" meaning no satang); optional leading minus and
    trailing "บาท". Empty, "-" or malformed input gives None.
    """
    text = to_arabic_digits(raw).strip()
    if _DOTTED_THOUSANDS.fullmatch(text):
        # OCR reads a thousands comma as a dot: '405.200.00'. Only the shape with every
        # group of three and two final decimals is taken, which can mean nothing else.
        text = text[:-3].replace(".", ",") + text[-3:]
    elif _ZERO_COMMA_DECIMALS.fullmatch(text):
        # And the decimal point of '0.00' as a comma: no number starts '0,' with thousands,
        # so '0,00' can mean nothing else. ('1,000,00' stays unreadable: 1,000.00 or 100,000?)
        text = text.replace(",", ".")
    m = _AMOUNT.fullmatch(text)
    if m is None:
        return None
    frac = m["frac"]
    whole = m["int"].replace(",", "")
    if len(whole.lstrip("0")) > MAX_WHOLE_DIGITS:
        return None
    digits = whole + "." + (frac if frac and frac != "-" else "0")
    value = Decimal(digits).quantize(CENT)
    return -value if m["sign"] else value


def parse_int(raw: str) -> int | None:
    """Read a whole number made only of digits (Thai or Arabic): "๖๕" -> 65."""
    s = to_arabic_digits(raw).strip()
    return int(s) if _INT.fullmatch(s) else None


def parse_percent(raw: str) -> Decimal | None:
    """Read "42.89", "๔๒.๘๙", "42.89%" or "ร้อยละ 42.89" as Decimal("42.89").

    More than two decimals are rounded half-up to 0.01.
    """
    m = _PERCENT.fullmatch(to_arabic_digits(raw).strip())
    if m is None:
        return None
    return Decimal(m["num"]).quantize(CENT, rounding=ROUND_HALF_UP)


def format_amount(d: Decimal) -> str:
    """Plain decimal, two places, no separators: Decimal("499600") -> "499600.00"."""
    q = d.quantize(CENT, rounding=ROUND_HALF_UP)
    if q.is_zero():
        q = abs(q)
    return f"{q:f}"


def one_digit_apart(reading: int | None, number: int) -> bool:
    """Whether ``reading`` is ``number`` with one digit misread: ๕ read as ๔ lands on the number
    before it (4, 4, 6 for 4, 5, 6) and is still a misread; a reading two digits off that is
    its neighbour's number (59, 59, 61) is the document printing it twice."""
    if reading is None:
        return False
    a, b = str(reading), str(number)
    return len(a) == len(b) and Hamming.distance(a, b) == 1
