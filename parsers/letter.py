"""Header fields of memos, letters, announcements and resolutions.

ที่ (document number), วันที่ (date), เรื่อง (subject), เรียน (addressee), อ้างถึง / สิ่งที่ส่งมาด้วย
(references), signatories. Raw strings only: dates and numbers are read by the normalizers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from saraban.normalize.dates import find_dates
from saraban.normalize.labels import loose_pattern
from saraban.normalize.numerals import to_arabic_digits
from saraban.normalize.text import clean_text, join_wrapped
from saraban.parsers.layout import line_gap
from saraban.parsers.model import Document, Line, Word
from saraban.parsers.segment import is_memo_title, strip_leading_noise
from saraban.parsers.signature import Signature, find_signatures
from saraban.parsers.stamp import ReceivingStamp, find_receiving_stamp

# 'ที่ ยล ๐๐๒๓.๔/ว ๑๒๕๓๑': agency letters, then digits, dots, slashes, ว (circular) and spaces.
THI = loose_pattern("ที่")
SUBJECT = loose_pattern("เรื่อง")
DATED = loose_pattern("วันที่")
ADDRESSED = loose_pattern("เรียน")  # 'เรยน': its ี lost like every other label's marks
# OCR sets a speck between the code and the digits as punctuation ('อบ« ๕๒๙๐๑/๗๐๒').
_SPECK = r"[.«»“”\"'‘’:;,|]?"
# The serial after the slash: one digit or more, with the spaces OCR puts between them (ชม ๕๒๖๐๒/๖).
_SERIAL = r"[\d๐-๙](?:[\d๐-๙ ]*[\d๐-๙])?"
DOC_NUMBER = re.compile(
    THI + r"\s*(?P<number>[ก-ฮ]{2,4}" + _SPECK + r"\s*[\d๐-๙][\d๐-๙.]*(?:\s*/\s*(?:ว\.?\s*)?" + _SERIAL + ")?)"
)
MEMO_NUMBER = re.compile(THI + r"\s*(?P<number>[\d๐-๙][\d๐-๙.]*\s*/\s*" + _SERIAL + ")")
# Agency codes are consonants only (ชบ, ขก, มท), but OCR hangs stray vowels and marks on them
# ('ชูบ ๕๒๑๐๖/๓๖๔'). Such a code is taken only with a whole number after it, slash and all, so
# that a word after ที่ ('ที่ตั้ง ๑๒') is not read as one; the marks are dropped when tidied.
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
MARKED_DOC_NUMBER = re.compile(
    THI + rf"\s*(?P<number>(?:[ก-ฮ][{_MARKS}]*){{2,4}}{_SPECK}\s*[\d๐-๙][\d๐-๙.]*\s*/\s*(?:ว\.?\s*)?{_SERIAL})"
)
# How sure a number is, at most, when its shape says OCR got it wrong: its last word runs on
# into letters (cut where the pattern stopped, not where the number ends), or its office code
# is longer than any office's.
MISSHAPEN_NUMBER_CONFIDENCE = 0.5
MAX_OFFICE_CODE_DIGITS = 5
_LOOSE_THI_LABEL = re.compile(THI + r"\s")
_FIELD = {
    "subject": re.compile(rf"^{SUBJECT}\s*(?P<v>.*)$"),
    "addressee": re.compile(rf"^(?:{ADDRESSED}|เสนอ)\s*(?P<v>.*)$"),
}
_STOP = re.compile(
    rf"^({SUBJECT}|{ADDRESSED}|เสนอ|อ้างถึง|อ้างอิง|สิ่งที่ส่งมาด้วย|ตามที่|ด้วย|{THI}\s|{DATED}|เวลา|ส่วนราชการ"
    r"|\((?:นาย|นาง|ว่าที่)|ขอแสดง|จึงเรียน|๑\.|1\.)"
)
_ISSUER_MEMO = re.compile(r"^ส่วนราชการ\s*(?P<v>.*?)(?:\s+โทร.*)?$")
_ANNOUNCEMENT = re.compile(r"^ประกาศ\s*(?P<v>\S.*)$")
# เรื่อง may wrap over the next lines; เรียน ends at its line: what follows it is a heading
# (ความเป็นมา, เรื่องเดิม) or the first paragraph, never the rest of the addressee.
_CONTINUED_LINES = {"subject": 3, "addressee": 0}
# A letter's own date stands alone on a line: day, full month name, year (no 'วันที่' prefix,
# which marks the receiving stamps around it).
_FULL_MONTHS = (
    "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|"
    "กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม"
)
_STANDALONE_DATE = re.compile(rf"^\S{{1,4}}\s*({_FULL_MONTHS})\s*(พ\.ศ\.\s*)?[\d๐-๙]{{2,4}}$")
_DATED_LABEL = re.compile(rf"(?:ลง{DATED}|{DATED}|ณ\s*{DATED})\s*")


@dataclass(frozen=True, slots=True)
class Reference:
    doc_number_raw: str
    date_raw: str


@dataclass(frozen=True, slots=True)
class LetterFields:
    doc_number_raw: str
    date_raw: str
    subject: str
    addressee: str
    issuer: str
    signatories: tuple[Signature, ...]
    references: tuple[Reference, ...]
    # The OCR confidence (0–1) of the least sure word with digits in the number and the date;
    # None when the text came with none (OCR text files) or the field was not found.
    doc_number_confidence: float | None = None
    date_confidence: float | None = None
    received: ReceivingStamp | None = None  # the receiving stamp above the header, kept apart


def parse_letter(document: Document, person_titles: Sequence[str]) -> LetterFields:
    lines = list(document.lines)
    texts = [strip_leading_noise(line.text) for line in lines]  # specks before a label: ".เรียน"
    number_index, doc_number = _own_doc_number(texts, memo=document.kind == "memo")
    date = _own_date(document.kind, texts, number_index)
    subject = _field(lines, texts, "subject")
    signatures = tuple(find_signatures(lines, person_titles))
    return LetterFields(
        doc_number_raw=doc_number,
        date_raw=date,
        subject=subject,
        addressee=_field(lines, texts, "addressee"),
        issuer=_issuer(document.kind, texts, signatures),
        signatories=signatures,
        references=tuple(_references(texts, number_index)),
        doc_number_confidence=_script_checked(
            doc_number, _shape_checked(doc_number, _digits_confidence(lines, texts, doc_number, number_index))),
        date_confidence=_script_checked(date, _digits_confidence(lines, texts, date)),
        received=_receiving_stamp(document.kind, lines, texts, number_index),
    )


def _receiving_stamp(kind: str, lines: list[Line], texts: list[str], number_index: int | None) -> ReceivingStamp | None:
    """The stamp among the lines above the header: a memo's ส่วนราชการ or title, a letter's ที่."""
    end = _header_start(texts) if kind == "memo" else number_index if kind == "letter" else None
    return find_receiving_stamp(lines[:end], texts[:end]) if end else None


def _digits_confidence(lines: list[Line], texts: list[str], value: str, index: int | None = None) -> float | None:
    """The OCR confidence of the least sure word with digits in ``value``, on line ``index`` or
    else the first line holding it: digits are what OCR gets wrong in a number or a date (the
    Thai model has no ๔ ๖ ๗ ๘ ๙, and the digits the glyph re-reader could not confirm keep a
    low confidence). A word the value ends inside ('๕๕ๆ' for ๘๕๗) is a number OCR cut short:
    at most MISSHAPEN_NUMBER_CONFIDENCE, whatever OCR thought of it."""
    if not value:
        return None
    found = index if index is not None else next((i for i, t in enumerate(texts) if value in t), None)
    if found is None:
        return None
    confidences = []
    for word, text, runs_on in _value_words(lines[found].words, value):
        if word.confidence is None or not any(c.isdigit() for c in text):
            continue
        confidences.append(min(word.confidence, MISSHAPEN_NUMBER_CONFIDENCE) if runs_on else word.confidence)
    return min(confidences, default=None)


def _value_words(words: Sequence[Word], value: str) -> list[tuple[Word, str, bool]]:
    """The words of a line that ``value`` stands in (spaces aside), each with its text and
    whether the value ends inside it. Only those: the number and the date share a line, and a
    word of one says nothing of the other. Where the value is not the words' own text (a speck
    the number was cleared of), the words wholly inside it, none run on."""
    texts = [clean_text(word.text).replace(" ", "") for word in words]
    joined, squeezed = "".join(texts), value.replace(" ", "")
    start = joined.find(squeezed)
    if start < 0:
        return [(word, text, False) for word, text in zip(words, texts) if text and text in value]
    end, position, inside = start + len(squeezed), 0, []
    for word, text in zip(words, texts):
        first, position = position, position + len(text)
        if text and first < end and position > start:
            inside.append((word, text[: end - first], position > end))
    return inside


def _script_checked(value: str, confidence: float | None) -> float | None:
    """``confidence``, at most MISSHAPEN_NUMBER_CONFIDENCE when OCR read one number in two
    scripts ('๒๕5๐' for ๒๕๖๐): a typist writes a number in Thai digits or in Arabic ones, while
    OCR gives an Arabic digit for a Thai glyph it is blind to. A text layer (no confidence) is
    not judged so: Word's TH SarabunIT๙ draws ASCII digits as Thai ones, and its layer mixes them."""
    if confidence is None or not any(_ARABIC_DIGIT.search(run) and _THAI_DIGIT.search(run)
                                     for run in _DIGIT_RUN.findall(value)):
        return confidence
    return min(confidence, MISSHAPEN_NUMBER_CONFIDENCE)


_DIGIT_RUN = re.compile(r"[0-9๐-๙]+")
_ARABIC_DIGIT = re.compile(r"[0-9]")
_THAI_DIGIT = re.compile(r"[๐-๙]")


def _shape_checked(number: str, confidence: float | None) -> float | None:
    """``confidence``, at most MISSHAPEN_NUMBER_CONFIDENCE when the office code (the digits before the
    first dot or slash) is longer than any office's: a ministry's is 4 digits (นร ๐๑๐๕, with
    sub-units after a dot: ๐๘๓๒.๑), a local authority's 5 (ยล ๕๒๕๐๑). More is a digit OCR
    doubled or made up ('ตง๕๕๒๐๐๕' for ตง๕๒๐๐๔)."""
    code = re.search(r"[\d๐-๙]+", number)
    if code is not None and len(code.group()) > MAX_OFFICE_CODE_DIGITS and "/" in number:
        return min(confidence if confidence is not None else 1.0, MISSHAPEN_NUMBER_CONFIDENCE)
    return confidence


def tidy_doc_number(raw: str) -> str:
    """'ปช ๐๐๑๓/ ๐๐ ๖๘' → 'ปช 0013/0068'; 'ยล ๐๐๒๓.๔/ว๑๒๕๑' → 'ยล 0023.4/ว 1251'."""
    text = to_arabic_digits(clean_text(raw))
    match = re.match(rf"^((?:[ก-ฮ][{_MARKS}]*){{2,4}}){_SPECK}\s*(.*)$", text)
    prefix, rest = match.groups() if match is not None else ("", text)
    prefix = re.sub(f"[{_MARKS}]", "", prefix)
    rest = re.sub(r"(?<=[\d.])\s+(?=[\d.])", "", rest)
    rest = re.sub(r"\s*/\s*", "/", rest)
    rest = re.sub(r"/ว\.?\s*", "/ว ", rest)
    return f"{prefix} {rest}".strip()


def _header_start(texts: list[str]) -> int:
    """Where a memo's own header begins: at ส่วนราชการ, else below บันทึกข้อความ; the receiving
    stamp and the emblem above it are not the memo's own fields."""
    office = next((i for i, t in enumerate(texts) if t.startswith("ส่วนราชการ")), None)
    if office is not None:
        return office
    title = next((i for i, t in enumerate(texts) if is_memo_title(t)), None)  # texts: specks stripped
    return 0 if title is None else title + 1


def _own_doc_number(texts: list[str], memo: bool) -> tuple[int | None, str]:
    header_end = next((i for i, t in enumerate(texts) if re.match(SUBJECT, t)), len(texts))
    header_start = _header_start(texts) if memo else 0
    for i, text in enumerate(texts):
        # The label is printed bold and OCR often loses its marks ('ท ปน ๗๘๒๐๓/๓๖๘ วนท …'):
        # in the header, above เรื่อง, a bare ท before a space is the label too.
        if text.startswith("ที") or (header_start <= i < header_end and _LOOSE_THI_LABEL.match(text)):
            match = DOC_NUMBER.match(text) or MARKED_DOC_NUMBER.match(text)
            if match is None and memo and i < header_end:
                # An internal memo may be numbered without an agency code: 'ที่ ๐๐๐๕/๒๕๖๘'.
                match = MEMO_NUMBER.match(text)
            if match:
                return i, match.group("number").strip()
    return None, ""


def _own_date(kind: str, texts: list[str], number_index: int | None) -> str:
    header_end = next((i for i, t in enumerate(texts) if re.match(SUBJECT, t)), len(texts))
    if kind == "memo":
        # 'ที่ ยล ๕๒๕๐๑/๑๖๖ วันที่ ๑๔ กุมภาพันธ์ ๒๕๖๖' (or วันที่ on the next line); OCR
        # sometimes loses the label itself ('… Jun 11 พฤษภาคม 2563'): then the date found there.
        # When the ที่ line itself was not recognised, the header above เรื่อง is searched.
        header = texts[_header_start(texts):header_end]  # below the receiving stamp, above เรื่อง
        for near in (texts[number_index : number_index + 2] if number_index is not None else [], header):
            found = _after_date_label(near) or next(
                (d.raw for text in near for d in find_dates(text) if d.span is not None), ""
            )
            if found:
                return found
        return ""
    if kind == "resolution":
        # 'ครั้งที่ ๑/๒๕๖๓ วันที่ ๒ มกราคม ๒๕๖๓'
        return _after_date_label(texts[: header_end + 1])
    if kind == "announcement":
        # 'ประกาศ ณ วันที่ ๓๐ มีนาคม ๒๕๖๕', near the signature
        return _after_date_label([t for t in texts if t.startswith("ประกาศ ณ")])
    candidates = [i for i in range(header_end) if _STANDALONE_DATE.match(texts[i])]
    if not candidates:
        return ""
    anchor = number_index if number_index is not None else header_end
    # The nearest to the 'ที่' line; after it wins a tie (stamps usually sit above).
    best = min(candidates, key=lambda i: (abs(i - anchor), i < anchor))
    return texts[best]


def _after_date_label(texts: Sequence[str]) -> str:
    for text in texts:
        label = _DATED_LABEL.search(text)
        if label is not None:
            return text[label.end() :].strip()
    return ""


def _field(lines: list[Line], texts: list[str], name: str) -> str:
    pattern = _FIELD[name]
    for i, text in enumerate(texts):
        match = pattern.match(text)
        if match is None:
            continue
        value, inline = _split_inline_label(match.group("v")) if name == "subject" else (match.group("v").strip(), None)
        if inline is not None:
            return value  # the addressee's label stands on this line: the subject ends here
        parts = [(value, lines[i])]
        for j in range(i + 1, min(i + 1 + _CONTINUED_LINES[name], len(lines))):
            if looks_like_noise(texts[j]):
                continue  # tone marks that floated off their line, read as a line of their own
            if line_gap(lines[j - 1], lines[j]) > 0.9 or _STOP.match(texts[j]):
                break
            parts.append((texts[j], lines[j]))
        return _without_trailing_specks(_joined(parts))
    if name == "addressee":
        # OCR joined เรียน onto the subject's line: 'เรื่อง รายงานผล … ๒๕๖๔ .เรียน นายก…'.
        for text in texts:
            if _FIELD["subject"].match(text):
                _, inline = _split_inline_label(text)
                if inline is not None:
                    return _without_trailing_specks(inline)
    return ""


def _joined(parts: list[tuple[str, Line]]) -> str:
    """A field's lines as one text, joined as the writer broke them: where a text layer shows
    the line ended without a space, the break fell inside a run of Thai words ('จังหวัด' /
    'เชียงใหม่') and the lines join as a wrapped cell's do (saraban.normalize.text.join_wrapped);
    elsewhere with one space, as typists break a subject's lines at its spaces (the real memos
    of ../shared) and OCR cannot tell."""
    text, before = "", None
    for part, line in parts:
        if part:
            unspaced = before is not None and before.ends_in_space is False
            text = join_wrapped([text, part]) if unspaced else " ".join(filter(None, (text, part)))
        before = line
    return text


# เรียน inside the subject's line, with a space (or a speck) before it. เสนอ is not looked for
# there: subjects use it as a verb ('ขอ เสนอ โครงการ').
_INLINE_ADDRESSEE = re.compile(rf"\s+[.,'\"]?{ADDRESSED}\s+(?P<v>\S.*)$")
# Specks OCR reads at the end of a line: quotes, bars, commas (a dot may end an abbreviation).
_TRAILING_SPECKS = re.compile(r"(?:\s*[|'\"”“’‘,:;])+$")


def _split_inline_label(value: str) -> tuple[str, str | None]:
    """(value up to the addressee's label on the same line, what follows that label or None)."""
    inline = _INLINE_ADDRESSEE.search(value)
    if inline is None:
        return value.strip(), None
    return _without_trailing_specks(value[: inline.start()].strip()), inline.group("v").strip()


def _without_trailing_specks(text: str) -> str:
    return _TRAILING_SPECKS.sub("", text)


def looks_like_noise(text: str) -> bool:
    """A 'line' of stray marks and specks: '= ic yv — vy vy a yv ๕ vw v ¢ » a'."""
    tokens = text.split()
    return len(tokens) >= 4 and sum(len(t) <= 2 for t in tokens) >= 0.7 * len(tokens)


def _issuer(kind: str, texts: list[str], signatures: Sequence[Signature]) -> str:
    for text in texts:
        if kind == "memo" and (m := _ISSUER_MEMO.match(text)):
            return m.group("v").strip()
        if kind == "announcement" and (m := _ANNOUNCEMENT.match(text)):
            return m.group("v").strip()
    if kind == "resolution":
        for i, text in enumerate(texts):
            if text.startswith("มติ") and i + 1 < len(texts):
                return texts[i + 1]
    if signatures:
        position = signatures[0].position
        # 'รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัดยะลา': the authority
        # signed for is the issuer.
        if "แทน" in position:
            return position.rsplit("แทน", 1)[1].strip() or position
        return position
    return ""


def _references(texts: list[str], own_index: int | None) -> list[Reference]:
    references: list[Reference] = []
    seen: set[str] = set()
    for i, text in enumerate(texts):
        for match in DOC_NUMBER.finditer(text):
            if i == own_index and match.start() == 0:
                continue
            before = text[: match.start()]
            if before and before[-1] not in " \t(" and not before.endswith("หนังสือ"):
                continue  # 'ครั้งที่', 'วันที่': not a document number
            number = match.group("number").strip()
            after = text[match.end() :]
            date_raw = ""
            dated = re.match(r"\s*(?:ลงวันที่|ลว\.?)\s*", after)
            if dated is None and i + 1 < len(texts) and texts[i + 1].startswith("ลงวันที่"):
                after, dated = texts[i + 1], re.match(r"ลงวันที่\s*", texts[i + 1])
            if dated is not None:
                found = find_dates(after[dated.end() :])
                if found and found[0].span is not None and found[0].span[0] <= 1:
                    start, end = found[0].span
                    date_raw = after[dated.end() :][start:end]
            key = tidy_doc_number(number) + "|" + date_raw
            if key not in seen:
                seen.add(key)
                references.append(Reference(number, date_raw))
    return references
