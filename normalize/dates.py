"""Dates as written (and mis-OCR'd) in Thai government paperwork.

Forms read: day + Thai month (full name or abbreviation, tolerant of missing or
extra dots and spaces) + year with optional "พ.ศ.", and numeric day/month/year;
Thai or Arabic digits. Years: four digits >= 2400 are Buddhist Era, 1900-2399
Common Era, two digits are BE 25xx.

Nothing is guessed: a garbled day, a truncated month, a missing year or a date
that does not exist gives `value=None` and a plain-language `problem`, with the
`span` of what was read. `unreadable` tells the two kinds apart: a part that is
missing or not a number (most often the OCR's doing) against parts that read
cleanly but make no date (day 32, month 13: what the paper says). Thai digits are converted one character for one, so
spans index the caller's original text. `thai_strptime` is deliberately not used
(it silently drops digits of a bad day and fails on Thai digits).
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from pythainlp.util.date import thai_abbr_months, thai_full_months
from rapidfuzz.distance import Levenshtein

from saraban.normalize.numerals import to_arabic_digits

__all__ = ["DateReading", "find_dates", "iso", "parse_thai_date", "repair_month_names"]

NO_DATE = "no date found"
BE_OFFSET = 543

_TH = "\u0e01-\u0e4e"  # Thai letters, vowels and marks (not digits)
_ERA = r"(?P<era>พ\s*\.?\s*ศ\s*\.?\s*)?"
_SEP = r"\s*(?:[/\-]\s*)?"
_LEFT_WINDOW = 40


def _abbr_pattern(abbr: str) -> str:
    groups = [re.escape(g) for g in abbr.split(".") if g]
    # "ธ.ค." also as "ธค", "ธ.ค", "ธ. ค.", "ธ..ค.."; trailing dots taken atomically
    return "[ .]{0,3}".join(groups) + r"(?>\.{0,2})"


_FULL = sorted(thai_full_months, key=len, reverse=True)
_ABBR_KEYS = [a.replace(".", "") for a in thai_abbr_months]

_TONE_MARKS = "\u0e48-\u0e4b"  # no month name has one; OCR adds them (ธั้นวาคม)
# The vowels and marks above and below the letters, which OCR drops (พฤศจกายน): the twelve
# names stay distinct on their letters alone, so a missing one still names one month.
_COMBINING = "\u0e31\u0e34-\u0e3a\u0e47\u0e4c-\u0e4e"  # a character class
_MONTH_BY_LETTERS = {re.sub(f"[{_COMBINING}]", "", name): number
                     for number, name in enumerate(thai_full_months, start=1)}


# A full month name with one letter OCR added, lost or swapped (จธันวาคม, จันวาคม) still names
# its month: any two of the twelve names are two or more edits apart, so one edit away from
# exactly one of them is that one. Shorter words are left alone (too many are one edit from one).
MONTH_REPAIR_MIN_LETTERS = 5
_THAI_WORD = re.compile(f"[{_TH}]+")


def repair_month_names(text: str) -> str:
    """``text`` with each Thai word one edit from exactly one full month name made that name."""
    def repaired(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) < MONTH_REPAIR_MIN_LETTERS or word in thai_full_months:
            return word
        close = [name for name in thai_full_months if Levenshtein.distance(word, name) <= 1]
        return close[0] if len(close) == 1 else word

    return _THAI_WORD.sub(repaired, text)


def _full_pattern(month: str) -> str:
    return "".join(re.escape(c) + ("?" if re.fullmatch(f"[{_COMBINING}]", c) else "") + f"[{_TONE_MARKS}]?"
                   for c in month)


_MONTH = re.compile(
    rf"(?<![{_TH}A-Za-z])(?:(?P<full>{'|'.join(map(_full_pattern, _FULL))})"
    rf"|(?P<abbr>{'|'.join(_abbr_pattern(a) for a in thai_abbr_months)})"
    rf"(?:(?![{_TH}])|(?=พ\s*\.\s*ศ)))"
)
_LEFT_TOKEN = re.compile(r"(?P<tok>\S*?)" + _SEP + r"\Z")
_DAY_TOKEN = re.compile(rf"[{_TH}]*(?P<day>[0-9]{{1,2}})")
_OPENERS = "([{\"'\u201c\u2018"
_SOMETHING_BEFORE = re.compile(r"[^\s(\[{\"'\u201c\u2018]")
_YEAR_AFTER = re.compile(_SEP + _ERA + r"(?P<year>[0-9]+)")
_NUMERIC = re.compile(
    r"(?<![0-9.,/])(?P<day>[0-9]{1,2})\s*(?P<sep>[/\-])\s*(?P<month>[0-9]{1,2})"
    r"\s*(?P=sep)\s*" + _ERA + r"(?P<year>[0-9]{2}|[0-9]{4})(?![0-9/])"
)
# A day, then a short dotted token that is not a whole month ("ธ.", "๖.ค."), then a year.
_TRUNCATED = re.compile(
    r"(?<![0-9.,/])(?P<day>[0-9]{1,2})" + _SEP
    + r"(?P<mon>[เ-ไ]?[ก-ฮ][ิี]?\s?\.(?:\s?[ก-ฮ][ิี]?(?:\s?\.)?)?"
    + r"|[0-9]\s?\.\s?[ก-ฮ][ิี]?(?:\s?\.)?)"
    + rf"(?![{_TH}])" + _SEP + _ERA + r"(?P<year>[0-9]{2}|[0-9]{4})(?![0-9])"
)


@dataclass(frozen=True, slots=True)
class DateReading:
    """One date as read. `raw` is the text of the occurrence (the whole input
    when nothing was found); `span` its offsets in the text searched."""

    value: datetime.date | None
    raw: str
    problem: str | None
    span: tuple[int, int] | None = None
    unreadable: bool = False  # a part is missing or garbled, rather than read and impossible


def iso(d: datetime.date | None) -> str:
    """"YYYY-MM-DD", or "" for None."""
    return d.isoformat() if d is not None else ""


def parse_thai_date(raw: str) -> DateReading:
    """Read the first date in `raw`; see the module docstring for the rules."""
    found = find_dates(raw)
    return found[0] if found else DateReading(None, raw, NO_DATE, None, unreadable=True)


def find_dates(text: str) -> list[DateReading]:
    """Every date-like occurrence in `text`, in order, each with its span."""
    digits = to_arabic_digits(text)
    candidates: list[tuple[int, int, DateReading]] = []
    for rank, reader in enumerate((_named_dates, _numeric_dates, _truncated_dates)):
        candidates.extend((r.span[0], rank, r) for r in reader(text, digits) if r.span)
    result: list[DateReading] = []
    taken_until = -1
    for start, _, reading in sorted(candidates, key=lambda c: (c[0], c[1])):
        assert reading.span is not None
        if start >= taken_until:
            result.append(reading)
            taken_until = reading.span[1]
    return result


# ----------------------------------------------------------------- readers


def _named_dates(text: str, t: str) -> list[DateReading]:
    out: list[DateReading] = []
    for m in _MONTH.finditer(t):
        month = _month_number(m)
        label = thai_full_months[month - 1]
        left = _LEFT_TOKEN.search(t, max(0, m.start() - _LEFT_WINDOW), m.start())
        assert left is not None  # the pattern can always match the empty token
        tok_start = left.start("tok")
        tok = left["tok"].lstrip(_OPENERS)
        tok_start += len(left["tok"]) - len(tok)
        year = _YEAR_AFTER.match(t, m.end())
        problems: list[str] = []
        unreadable = False
        day: int | None = None
        start = m.start()
        if any(c.isdigit() for c in tok):
            dm = _DAY_TOKEN.fullmatch(tok)
            if dm:
                day = int(dm["day"])
                start = tok_start + dm.start("day")
            else:
                start = tok_start
                unreadable = True
                problems.append(
                    f"day '{text[tok_start:left.end('tok')]}' before {label} "
                    "is not a 1-2 digit number"
                )
        elif year and (tok.endswith("วันที่") or not _SOMETHING_BEFORE.search(t, 0, m.start())):
            problems.append(f"no day number before {label}")
            unreadable = True
        else:
            continue  # a month word in running text, not a date
        end = year.end() if year else m.end()
        if year is None:
            problems.append(f"no year after {label}")
            unreadable = True
        value, problem, garbled = _make_date(day, month, year["year"] if year else None, label)
        if problem:
            problems.append(problem)
        out.append(_reading(text, start, end, None if problems else value, problems, unreadable or garbled))
    return out


def _numeric_dates(text: str, t: str) -> list[DateReading]:
    out: list[DateReading] = []
    for m in _NUMERIC.finditer(t):
        month = int(m["month"])
        if not 1 <= month <= 12:
            bad = f"month {month} does not exist (in '{text[m.start():m.end()]}')"
            out.append(_reading(text, m.start(), m.end(), None, [bad]))
            continue
        value, problem, garbled = _make_date(int(m["day"]), month, m["year"], thai_full_months[month - 1])
        out.append(_reading(text, m.start(), m.end(), value, [problem] if problem else [], garbled))
    return out


def _truncated_dates(text: str, t: str) -> list[DateReading]:
    out: list[DateReading] = []
    for m in _TRUNCATED.finditer(t):
        key = re.sub(r"[\s.]", "", m["mon"])
        if key in ("พศ", "คศ") or key in _ABBR_KEYS:
            continue
        shown = text[m.start("mon"):m.end("mon")]
        guess = re.compile("".join("." if c.isdigit() else re.escape(c) for c in key))
        could = [thai_abbr_months[i] for i, a in enumerate(_ABBR_KEYS) if guess.match(a)]
        if len(could) == 1:
            i = thai_abbr_months.index(could[0])
            hint = f"it may be {could[0]} ({thai_full_months[i]}) but is not read as such"
        elif could:
            hint = "it could be any of " + ", ".join(could)
        else:
            hint = "it matches no Thai month"
        problem = f"month '{shown}' is truncated or garbled; {hint}"
        out.append(_reading(text, m.start(), m.end(), None, [problem], unreadable=True))
    return out


# ----------------------------------------------------------------- helpers


def _month_number(m: re.Match[str]) -> int:
    if m["full"]:
        return _MONTH_BY_LETTERS[re.sub(f"[{_TONE_MARKS}{_COMBINING}]", "", m["full"])]
    return _ABBR_KEYS.index(re.sub(r"[ .]", "", m["abbr"])) + 1


def _make_date(
    day: int | None, month: int, year_digits: str | None, label: str
) -> tuple[datetime.date | None, str | None, bool]:
    """Check the parts and build the date, or explain why not, and whether the
    problem is a garbled part (a year of 3 digits) rather than an impossible date.
    A missing day or year gives (None, None, False): the caller has already said so."""
    if year_digits is None:
        return None, None, False
    if len(year_digits) == 2:
        written = 2500 + int(year_digits)
        ce = written - BE_OFFSET
    elif len(year_digits) == 4:
        written = int(year_digits)
        if written >= 2400:
            ce = written - BE_OFFSET
        elif written >= 1900:
            ce = written
        else:
            return None, f"year {written} is neither Buddhist Era (2400+) nor Common Era (1900-2399)", False
    else:
        return None, f"year '{year_digits}' after {label} is not 2 or 4 digits", True
    if day is None:
        return None, None, False
    if not 1 <= ce <= datetime.MAXYEAR:
        return None, f"year {written} is out of range", False
    if not 1 <= day <= calendar.monthrange(ce, month)[1]:
        return None, f"day {day} does not exist in {label} {written}", False
    return datetime.date(ce, month, day), None, False


def _reading(
    text: str, start: int, end: int, value: datetime.date | None, problems: list[str],
    unreadable: bool = False,
) -> DateReading:
    problem = "; ".join(problems) if problems else None
    return DateReading(
        value if problem is None else None, text[start:end], problem, (start, end),
        unreadable and problem is not None,
    )
