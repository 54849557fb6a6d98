"""Printing helpers for Thai documents: digits, money, dates, and line wrapping.

Pure functions. Wrapping takes a ``measure`` callable (text -> width in pixels) so it needs no font.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from synth.vocab import MONTHS, MONTHS_SHORT

_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
CENT = Decimal("0.01")


def digits(text: str, thai: bool) -> str:
    """Arabic digits in ``text`` become Thai digits when ``thai``; other characters stay."""
    return text.translate(_TO_THAI) if thai else text


def arabic(text: str) -> str:
    return text.translate(_TO_ARABIC)


def money(value: Decimal, thai: bool = False) -> str:
    """499600 -> '499,600.00' (or '๔๙๙,๖๐๐.๐๐')."""
    return digits(f"{value.quantize(CENT, ROUND_HALF_UP):,.2f}", thai)


def money_plain(value: Decimal) -> str:
    """The truth form of an amount: '499600.00' (a string, never a float)."""
    return f"{value.quantize(CENT, ROUND_HALF_UP):.2f}"


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator / denominator * 100 rounded half-up to 2 places; 0.00 when nothing to divide by."""
    if denominator == 0:
        return Decimal("0.00")
    return (numerator * 100 / denominator).quantize(CENT, ROUND_HALF_UP)


def be_year(ce_year: int) -> int:
    return ce_year + 543


def thai_date(day: int, month: int, be: int, thai: bool, short_month: bool = False) -> str:
    """'14 กุมภาพันธ์ 2566'; day is an int so an invalid day (32) can still be printed."""
    name = (MONTHS_SHORT if short_month else MONTHS)[month - 1]
    return digits(f"{day} {name} {be}", thai)


def date_of(day: int, month: int, be: int) -> dt.date | None:
    try:
        return dt.date(be - 543, month, day)
    except ValueError:
        return None


# --- wrapping ---------------------------------------------------------------------------------

_COMBINING = {chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))}
_LEADING_VOWELS = set("เแโใไ")
_TRAILING = _COMBINING | {"ำ", "ะ", "า", "ๆ"}
_OPENING = set("([{\"“")
_CLOSING = set(")]},.:;\"”")


def clusters(text: str) -> list[str]:
    """Split into pieces a line may break between: a leading vowel stays with its consonant,
    marks and trailing vowels stay with the character before them."""
    out: list[str] = []
    pending_lead = ""
    for ch in text:
        if ch in _LEADING_VOWELS:
            pending_lead += ch
        elif ch in _TRAILING and out and not pending_lead:
            out[-1] += ch
        else:
            out.append(pending_lead + ch)
            pending_lead = ""
    if pending_lead:
        out.append(pending_lead)
    return out


def words(text: str) -> list[str]:
    """Thai word tokens (PyThaiNLP newmm, deterministic), spaces kept as their own tokens."""
    from pythainlp.tokenize import word_tokenize  # heavy: imported only when wrapping

    tokens: list[str] = []
    glue_next = False
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        # Keep brackets with the word they enclose: never "( บาท)" across a line break.
        if tokens and (glue_next or token[0] in _CLOSING):
            tokens[-1] += token
        else:
            tokens.append(token)
        glue_next = token[-1] in _OPENING
    return tokens


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy line breaking at word boundaries, as a browser does with Thai text; a word wider
    than the line is broken between character clusters. Spaces at a break are dropped."""
    if measure(text) <= width:
        return [text]
    return wrap_tokens(words(text), width, measure)


def wrap_tokens(tokens: list[str], width: float, measure: Callable[[str], float]) -> list[str]:
    """``wrap`` over tokens already split where a line may break."""
    lines: list[str] = []
    current = ""
    for token in tokens:
        candidate = current + token
        if measure(candidate.rstrip()) <= width:
            current = candidate
            continue
        if current.strip():
            lines.append(current.rstrip())
            current = token.lstrip()
            if measure(current) <= width:
                continue
        else:
            current = current.lstrip() + token
        # The word alone is still too wide: break it between clusters.
        pieces = clusters(current)
        current = ""
        for piece in pieces:
            if current and measure(current + piece) > width:
                lines.append(current)
                current = piece
            else:
                current += piece
    if current.strip():
        lines.append(current.rstrip())
    return lines
