"""The report's summary block (สรุปผลการขับเคลื่อนแผนฯ): its stated counts, money and percentages.

Each value is found by the label before it, matched fuzzily. A value also carries how sure its
reading is: the OCR word's confidence, and no more than MISSHAPEN_CONFIDENCE when the word it
stands in is not a plain number — letters that make no word touching its digits ('๔ซ' for ๔๗,
'ส๕,๗๒๗.๐๐' for ๙๖๕,๗๒๗.๐๐), Thai and Arabic digits mixed ('9๐๒,๒๕๒.๐๐' for ๙๐๒,๒๕๒.๐๐),
thousands commas out of place ('1,047046.00'). The summary is a check on the table, so a
check that rests on a doubtful summary value says so instead of accusing the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize

from saraban.normalize.labels import best_label
from saraban.normalize.numerals import parse_int, to_arabic_digits
from saraban.normalize.text import clean_text
from saraban.normalize.vocab import Vocabulary
from saraban.parsers.model import Line
from saraban.parsers.status import STATUSES

_NUMBER = re.compile(r"[\d๐-๙][\d๐-๙,]*(?:\.[\d๐-๙]+)?")
_PERCENT = re.compile(r"ร้อยละ\s*(?P<v>[\d๐-๙][\d๐-๙,]*(?:\.[\d๐-๙]+)?)")
_AS_OF = re.compile(r"ข้อมูล\s*ณ\s*วันที่\s*(?P<v>.+)$")
_REPORTER = re.compile(r"ผู้รายงาน\s*(?P<name>.*?)\s*(?:ตำแหน่ง\s*(?P<position>.*))?$")
_LETTER = re.compile(r"[A-Za-z\u0e01-\u0e4e]")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
SUMMARY_MIN_SCORE = 70.0
MISSHAPEN_CONFIDENCE = 0.5
# The shortest word taken as glued to a number: labels and units are longer (ร้อยละ, บาท, ได้),
# while the dictionary's one- and two-letter entries are what digits misread as look like
# ('๙ฒ๘,๕๑๐.๐๐' for ๙๙๘,๕๑๐.๐๐, 'วต๓๑,๙๘๙.๐๐' for ๖๓๑,๙๘๙.๐๐).
GLUED_WORD_MIN_LENGTH = 3
# A summary value is doubtful at or below this: every misshapen value, and a plain number only
# when its word confidence is as low. On seed 19000 a right ๓๓ read at 0.60 and a right
# 1,645,810.00 at 0.74 are the document's own figures.
DOUBTFUL_AT_MOST = MISSHAPEN_CONFIDENCE
# Thai digits Tesseract's ``tha`` model cannot emit: it gives one of ๐ ๑ ๒ ๓ ๕ in their place
# (saraban.ingest.ocr.thai_digits), so a Thai number its glyphs could not confirm may hide one
# of these wherever it shows another digit (TH Norasi's ๖๒ came out ๒๒).
UNEMITTED_THAI_DIGITS = frozenset("46789")


@dataclass(frozen=True, slots=True)
class RawSummary:
    total_raw: str = ""
    counts_raw: dict[str, str] = field(default_factory=dict)  # status → printed count
    disbursed_raw: str = ""
    disbursed_percent_raw: str = ""
    implementation_percent_raw: str = ""
    as_of_raw: str = ""
    reporter_name: str = ""
    reporter_position: str = ""
    # How sure each value's reading is (key → 0–1: total, a status, disbursed, disbursed_percent,
    # implementation_percent); a value from a text layer, or one without a word, is 1.0.
    confidence: dict[str, float] = field(default_factory=dict)
    page: int | None = None  # where the summary's first value stands


def parse_summary(lines: Sequence[Line], vocab: Vocabulary) -> RawSummary:
    counts: dict[str, str] = {}
    values: dict[str, str] = {}
    confidence: dict[str, float] = {}
    page: int | None = None

    def keep(store: dict[str, str], key: str, line: Line, text: str, match: re.Match[str],
             group: int | str = 0) -> None:
        if key not in store:
            store[key] = match.group(group)
            confidence[key] = value_confidence(text, match.span(group), line)

    for line in lines:
        text = clean_text(line.text).lstrip("-*•: ").strip()
        if (m := _AS_OF.search(text)) is not None:
            values.setdefault("as_of", m.group("v").strip())
            continue
        if (m := _REPORTER.search(text)) is not None:
            values.setdefault("reporter_name", m.group("name").strip())
            values.setdefault("reporter_position", (m.group("position") or "").strip())
            continue
        labelled = _labelled_number(text, vocab)
        if labelled is None:
            continue
        key, number = labelled
        page = line.page if page is None else page
        percent = _PERCENT.search(text)
        if key in STATUSES:
            keep(counts, key, line, text, number)
        elif key in ("total", "disbursed"):
            keep(values, key, line, text, number)
            if key == "disbursed" and percent is not None:
                keep(values, "disbursed_percent", line, text, percent, "v")
        elif key == "implementation" and percent is not None:
            keep(values, "implementation_percent", line, text, percent, "v")
    return RawSummary(
        total_raw=values.get("total", ""),
        counts_raw=counts,
        disbursed_raw=values.get("disbursed", ""),
        disbursed_percent_raw=values.get("disbursed_percent", ""),
        implementation_percent_raw=values.get("implementation_percent", ""),
        as_of_raw=values.get("as_of", ""),
        reporter_name=values.get("reporter_name", ""),
        reporter_position=values.get("reporter_position", ""),
        confidence=confidence,
        page=page,
    )


def _labelled_number(text: str, vocab: Vocabulary) -> tuple[str, re.Match[str]] | None:
    """The summary label of ``text`` and the number it introduces. Numbers with no letters
    before them (a speck read as '3' ahead of the label) are passed over."""
    for number in _NUMBER.finditer(text):
        before = text[: number.start()]
        if not _LETTER.search(before):
            continue
        label = best_label(before, vocab.summary_labels, SUMMARY_MIN_SCORE)
        return (label.key, number) if label is not None else None
    return None


def value_confidence(text: str, span: tuple[int, int], line: Line) -> float:
    """How sure the reading of the number at ``span`` of ``text`` (``line``'s cleaned text) is:
    its word's OCR confidence, at most MISSHAPEN_CONFIDENCE where the word is no plain number."""
    start, end = span
    number = text[start:end]
    word_start = text.rfind(" ", 0, start) + 1
    word_end = len(text) if (space := text.find(" ", end)) < 0 else space
    sure = 1.0
    for word in line.words:
        if word.confidence is not None and number in clean_text(word.text):
            sure = word.confidence
            break
    misshapen = (
        not _glued_words_only(text[word_start:start], last=True)
        or not _glued_words_only(text[end:word_end], last=False)
        or _mixes_digits(number)
        or not _grouped_plainly(number)
    )
    return min(sure, MISSHAPEN_CONFIDENCE) if misshapen else sure


def _glued_words_only(letters: str, last: bool) -> bool:
    """Whether what is glued to a number on one side is nothing, or a word where it touches the
    digits: OCR glues labels and units to values ('คิดเป็นร้อยละ41.86', '1,297,575.00บาท'),
    while a letter read for a digit is no word ('ส๕,๗๒๗.๐๐' for ๙๖๕,๗๒๗.๐๐, '๔ซ' for ๔๗). Digits
    past a speck in the same word ('๒๐๒».๕๓๔.๐๐' for ๒๐๖,๕๓๔.๐๐) are the rest of a number cut short."""
    if any(c.isdigit() for c in letters):
        return False
    if _LETTER.search(letters) is None:
        return True
    tokens = word_tokenize(letters, engine="newmm", keep_whitespace=False)
    touching = tokens[-1] if last else tokens[0]
    return len(touching) >= GLUED_WORD_MIN_LENGTH and touching in thai_words()


def _grouped_plainly(number: str) -> bool:
    """No thousands commas, or commas every three digits ('1,047046.00' lost one)."""
    return "," not in number or _GROUPED.fullmatch(to_arabic_digits(number)) is not None


def _mixes_digits(number: str) -> bool:
    return any(c in "0123456789" for c in number) and any("๐" <= c <= "๙" for c in number)


def doubtful_values(summary: RawSummary, unsure_below: float) -> dict[str, float]:
    """The summary values a failed check must doubt instead of accusing the document over (key →
    confidence): every value read at DOUBTFUL_AT_MOST or less; and, where the summary's own
    arithmetic fails (its status counts do not add up to its total — the e-PlanNACC site adds
    them up itself), a total or count read below ``unsure_below`` in Thai digits that differs
    from the number the other values imply only where the implied digit is one Tesseract's
    Thai model cannot emit. A value misread that way and a value the document got wrong look
    alike to the checks; the digits the model lacks tell them apart (an inconsistency a
    document prints is no likelier in ๔ ๖ ๗ ๘ ๙ than in any other digit)."""
    doubts = {key: sure for key, sure in summary.confidence.items() if sure <= DOUBTFUL_AT_MOST}
    total = parse_int(summary.total_raw)
    counts = [count for status in STATUSES if (count := parse_int(summary.counts_raw.get(status, ""))) is not None]
    if total is None or len(counts) < len(STATUSES) or sum(counts) == total:
        return doubts
    counted = sum(counts)
    implied = {"total": counted, **{status: total - counted + count for status, count in zip(STATUSES, counts)}}
    raw = {"total": summary.total_raw, **summary.counts_raw}
    for key, number in implied.items():
        sure = summary.confidence.get(key, 1.0)
        if sure < unsure_below and _hides_unemitted_digits(raw[key], number):
            doubts[key] = sure
    return doubts


def _hides_unemitted_digits(text: str, number: int) -> bool:
    """Whether ``text``, a number printed in Thai digits, reads as ``number`` once the digits
    where they differ are ones the Thai model cannot emit (UNEMITTED_THAI_DIGITS)."""
    if not re.search("[๐-๙]", text):
        return False
    read, wanted = re.sub(r"\D", "", to_arabic_digits(text)), str(number)
    differing = [want for got, want in zip(read, wanted) if got != want]
    return len(read) == len(wanted) and bool(differing) and all(d in UNEMITTED_THAI_DIGITS for d in differing)
