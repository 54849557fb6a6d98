from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pythainlp.util import arabic_digit_to_thai_digit
from pythainlp.util.date import thai_abbr_months, thai_full_months

from saraban.normalize.dates import DateReading, find_dates, iso, parse_thai_date, repair_month_names

D = datetime.date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("๑๔ กุมภาพันธ์ ๒๕๖๖", D(2023, 2, 14)),
        ("ที่ ยล ๕๒๕๐๑/๑๖๖ วันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖", D(2023, 2, 14)),
        ("ข้อมูล ณ วันที่ 13 กุมภาพันธ์ 2566", D(2023, 2, 13)),
        ("21 เม.ย. 2563", D(2020, 4, 21)),
        ("ลงวันที่ - ๙ ธ.ค. ๒๕๖๕", D(2022, 12, 9)),
        ("วันที่ ๕ พ.ค. ๖๓", D(2020, 5, 5)),
        ("วันที่ ๒๓/๑๒/๖๔", D(2021, 12, 23)),
        ("23/12/2564", D(2021, 12, 23)),
        ("23 / 12 / 2564", D(2021, 12, 23)),
        ("23-12-64", D(2021, 12, 23)),
        ("๗ ธันวาคม พ.ศ. ๒๕๖๔", D(2021, 12, 7)),
        ("๗ ธันวาคม พ.ศ.๒๕๖๔", D(2021, 12, 7)),
        ("๑๔กุมภาพันธ์๒๕๖๖", D(2023, 2, 14)),
        ("วันที่๑๔ กุมภาพันธ์ ๒๕๖๖", D(2023, 2, 14)),
        ("(ลงวันที่ ๗ ธันวาคม ๒๕๖๔)", D(2021, 12, 7)),
        ("(๗ ธันวาคม ๒๕๖๔)", D(2021, 12, 7)),
        ("5 ธ.ค 64", D(2021, 12, 5)),
        ("5 ธค. 64", D(2021, 12, 5)),
        ("5 ธค 64", D(2021, 12, 5)),
        ("5 ธ. ค. 64", D(2021, 12, 5)),
        ("5 ธ..ค.. 64", D(2021, 12, 5)),
        ("5 ธ.ค.พ.ศ.2564", D(2021, 12, 5)),
        ("10 มี.ค. 2563", D(2020, 3, 10)),
        ("29 ก.พ. 2563", D(2020, 2, 29)),
        ("7 ธันวาคม 2021", D(2021, 12, 7)),  # 1900-2399 is CE
        ("1 มกราคม 1999", D(1999, 1, 1)),
    ],
)
def test_parse_thai_date(raw: str, expected: D) -> None:
    reading = parse_thai_date(raw)
    assert reading.problem is None
    assert reading.value == expected
    assert reading.span is not None
    assert raw[reading.span[0]:reading.span[1]] == reading.raw


@pytest.mark.parametrize(
    ("raw", "problem_part"),
    [
        ("๗๗ ธันวาคม ๒๕๖๔", "day 77 does not exist in ธันวาคม 2564"),
        ("๓) ธันวาคม ๒๕๖๕", "day '๓)'"),
        ("31 เมษายน 2563", "day 31 does not exist in เมษายน 2563"),
        ("29 ก.พ. 2564", "day 29 does not exist in กุมภาพันธ์ 2564"),
        ("0 ม.ค. 2564", "day 0 does not exist"),
        ("123 ธันวาคม 2564", "day '123'"),
        ("๑-๙ ธ.ค. ๒๕๖๕", "day '๑-๙'"),
        ("วันที่ ๒๓ / ๖.ค. / ๖๓", "month '๖.ค.'"),
        ("วันที่ 2 ธ. พ.ศ. 2564", "month 'ธ.'"),
        ("๓๐ ธ. ๖๔", "ธ.ค. (ธันวาคม)"),
        ("๒ ก. พ.ศ. ๒๕๖๔", "could be any of ก.พ., ก.ค., ก.ย."),
        ("วันที่ ๑๕ มีนาคม", "no year after มีนาคม"),
        ("ลงวันที่ ธันวาคม ๒๕๖๔", "no day number before ธันวาคม"),
        ("ธันวาคม ๒๕๖๔", "no day number before ธันวาคม"),
        ("1 ม.ค. 256", "year '256'"),
        ("1 ม.ค. 1850", "year 1850"),
        ("1/13/2564", "month 13 does not exist"),
        ("32/12/2564", "day 32 does not exist"),
    ],
)
def test_parse_thai_date_problems(raw: str, problem_part: str) -> None:
    reading = parse_thai_date(raw)
    assert reading.value is None
    assert reading.problem is not None and problem_part in reading.problem
    assert reading.span is not None


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "วันที่ 25",
        "ระยะที่ ๓ (พ.ศ. ๒๕๖๐ - ๒๕๖๔)",
        "ครั้งที่ ๑/๒๕๖๓",
        "ที่ มท ๐๘๑๐.๓/ว ๒๙๒๗",
        "ที่ ปช ๐๐๑๓/ ๐๐ ๖๘",
        "สำนักงาน ก.พ. กำหนด",
        "ก.พ.ร.",
        "ภายในเดือนเมษายน",
        "เวลา ๐๙.๒๓ น.",
        "1\t0.00\t0.00",
        "ร้อยละ 42.89",
        "ปลัดเทศบาลเมืองสะเตงนอก",
    ],
)
def test_no_date(raw: str) -> None:
    assert parse_thai_date(raw) == DateReading(None, raw, "no date found", None, unreadable=True)


def test_a_month_name_with_a_stray_tone_mark_still_reads() -> None:
    assert parse_thai_date("๑๓ ธั้นวาคม ๒๕๖๖").value == D(2023, 12, 13)
    assert parse_thai_date("๓๓ ธั้นวาคม ๒๕๖๖").problem == "day 33 does not exist in ธันวาคม 2566"


def test_a_month_name_that_lost_a_vowel_to_the_ocr_still_names_its_month() -> None:
    # Seen on browser-printed memos, scanned: พฤศจิกายน read without its sara i. Unread, the
    # memo's impossible day 33 was "no date found" instead of a date that does not exist.
    assert parse_thai_date("๒๓ พฤศจกายน ๒๕๖๖").value == D(2023, 11, 23)
    assert parse_thai_date("๓๓ พฤศจกายน ๒๕๖๖").problem == "day 33 does not exist in พฤศจิกายน 2566"
    assert parse_thai_date("1 กมภาพนธ 2566").value == D(2023, 2, 1)
    assert parse_thai_date("5 มถนายน 2567").value == D(2024, 6, 5)


@pytest.mark.parametrize(
    ("raw", "unreadable"),
    [
        ("๓) ธันวาคม ๒๕๖๕", True),  # the day is not a number
        ("๓๐ เมษายน ๒๕๒", True),  # the year lost a digit
        ("วันที่ เมษายน ๒๕๖๕", True),  # no day
        ("๑๘ ธ.ค ", True),  # no year
        ("๑๘ ธ๖. ๒๕๖๖", True),  # a garbled month
        ("๗๗ ธันวาคม ๒๕๖๔", False),  # read cleanly; no such day
        ("๒๙ กุมภาพันธ์ ๒๕๖๖", False),
        ("๑๒/๑๓/๒๕๖๖", False),  # no month 13
    ],
)
def test_unreadable_dates_are_told_from_impossible_ones(raw: str, unreadable: bool) -> None:
    reading = parse_thai_date(raw)
    assert reading.value is None and reading.problem
    assert reading.unreadable is unreadable


def test_span_and_raw_point_into_the_original_text() -> None:
    text = "สิ่งที่ส่งมาด้วย สำเนาหนังสือ ที่ มท ๐๘๑๐.๓/ว ๒๙๒๗ ลงวันที่ ๗ ธันวาคม ๒๕๖๔"
    reading = parse_thai_date(text)
    assert reading.value == D(2021, 12, 7)
    assert reading.raw == "๗ ธันวาคม ๒๕๖๔"
    assert reading.span == (text.index("๗ ธ"), len(text))


def test_find_dates_in_a_letter_body() -> None:
    text = (
        "อ้างถึง ๑. หนังสือกรมส่งเสริมการปกครองท้องถิ่น ที่ มท ๐๘๑๐.๓/ว ๑๔๙๓ ลงวันที่ ๒๑ พฤษภาคม ๒๕๖๓\n"
        "๒. หนังสือกรมส่งเสริมการปกครองท้องถิ่น ที่ มท ๐๘๑๐.๓/ว ๒๒๗๑ ลงวันที่ ๓๑ กรกฎาคม ๒๕๖๓\n"
        "ครั้งที่ ๑/๒๕๖๓ เมื่อวันที่ ๒ มกราคม ๒๕๖๓ ระยะที่ ๓ (พ.ศ. ๒๕๖๐ - ๒๕๖๔) "
        "ให้ใช้ต่อไปจนถึงวันที่ ๓๐ กันยายน ๒๕๖๕ และ ๗๗ ธันวาคม ๒๕๖๔"
    )
    found = find_dates(text)
    assert [r.value for r in found] == [
        D(2020, 5, 21), D(2020, 7, 31), D(2020, 1, 2), D(2022, 9, 30), None
    ]
    assert found[-1].problem == "day 77 does not exist in ธันวาคม 2564"
    for r in found:
        assert r.span is not None and text[r.span[0]:r.span[1]] == r.raw


def test_find_dates_empty() -> None:
    assert find_dates("") == []
    assert find_dates("ไม่มีวันที่") == []


def test_iso() -> None:
    assert iso(D(2023, 2, 14)) == "2023-02-14"
    assert iso(None) == ""


# ----------------------------------------------------------------- properties

DATES = st.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31))
TWO_DIGIT_BE = st.dates(min_value=D(1957, 1, 1), max_value=D(2056, 12, 31))  # BE 2500-2599


def _thai(s: str, thai_digits: bool) -> str:
    return arabic_digit_to_thai_digit(s) if thai_digits else s


@given(DATES, st.booleans(), st.booleans())
def test_full_month_be_year_round_trip(d: D, thai_digits: bool, era: bool) -> None:
    year = ("พ.ศ. " if era else "") + str(d.year + 543)
    text = _thai(f"{d.day} {thai_full_months[d.month - 1]} {year}", thai_digits)
    reading = parse_thai_date(text)
    assert reading.value == d, reading.problem
    assert reading.problem is None


@given(TWO_DIGIT_BE, st.booleans())
def test_abbr_month_two_digit_year_round_trip(d: D, thai_digits: bool) -> None:
    text = _thai(f"{d.day} {thai_abbr_months[d.month - 1]} {(d.year + 543) % 100:02d}", thai_digits)
    assert parse_thai_date(text).value == d


@given(DATES, st.booleans(), st.sampled_from(["/", "-"]))
def test_numeric_round_trip(d: D, thai_digits: bool, sep: str) -> None:
    text = _thai(f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year + 543}", thai_digits)
    assert parse_thai_date(text).value == d


@given(DATES, st.text(alphabet="กขค ", max_size=8), st.text(alphabet="กขค ", max_size=8))
def test_date_found_inside_text(d: D, before: str, after: str) -> None:
    date_text = f"{d.day} {thai_abbr_months[d.month - 1]} {d.year + 543}"
    text = f"{before} ลงวันที่ {date_text} {after}"
    reading = parse_thai_date(text)
    assert reading.value == d
    assert reading.raw == date_text
    assert reading.span == (text.index(date_text), text.index(date_text) + len(date_text))


@given(
    st.integers(min_value=32, max_value=99),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=2493, max_value=2643),
    st.booleans(),
    st.booleans(),
)
def test_impossible_day_is_never_read(
    day: int, month: int, be_year: int, abbr: bool, thai_digits: bool
) -> None:
    name = (thai_abbr_months if abbr else thai_full_months)[month - 1]
    reading = parse_thai_date(_thai(f"{day} {name} {be_year}", thai_digits))
    assert reading.value is None
    assert reading.problem == f"day {day} does not exist in {thai_full_months[month - 1]} {be_year}"
    assert reading.span is not None


@given(st.lists(DATES, min_size=1, max_size=5))
def test_find_dates_finds_every_date_in_order(ds: list[D]) -> None:
    text = " และ ".join(f"วันที่ {d.day} {thai_full_months[d.month - 1]} {d.year + 543}" for d in ds)
    assert [r.value for r in find_dates(text)] == ds


def test_every_date_1950_to_2100_round_trips() -> None:
    """Exhaustive, not sampled: full month + BE year (Arabic and Thai digits),
    abbreviated month + 2-digit BE year where that form can express the year."""
    d, end, one_day = D(1950, 1, 1), D(2100, 12, 31), datetime.timedelta(days=1)
    failures: list[str] = []
    while d <= end:
        forms = [f"{d.day} {thai_full_months[d.month - 1]} {d.year + 543}"]
        if 2500 <= d.year + 543 <= 2599:
            forms.append(f"{d.day} {thai_abbr_months[d.month - 1]} {(d.year + 543) % 100:02d}")
        for text in forms + [arabic_digit_to_thai_digit(f) for f in forms]:
            if parse_thai_date(text).value != d:
                failures.append(text)
        d += one_day
    assert failures == []


@pytest.mark.parametrize(("text", "repaired"), [
    ("๒๔ จธันวาคม ๒๕๖๓", "๒๔ ธันวาคม ๒๕๖๓"),  # a letter added (tuning seed 39016)
    ("๓๓ จันวาคม ๒๕๖๖", "๓๓ ธันวาคม ๒๕๖๖"),  # ธ read จ (tuning seed 39013)
    ("๑๐ มีนาคม ๒๕๖๗", "๑๐ มีนาคม ๒๕๖๗"),
    ("ร่าง ตามที่ มีนา", "ร่าง ตามที่ มีนา"),  # short words are not months
])
def test_a_month_name_one_edit_off_names_its_month(text, repaired):
    assert repair_month_names(text) == repaired
