"""An organization name as printed, read for matching: its type prefix, its name, its place.

A printed name is read as (type prefix, name, place): the prefix exactly (split_org) or, when
OCR garbled it (องคการบริหารสวนตำบล, ทต without its dot), by a fuzzy match on its folded form;
a trailing ``อำเภอ… จังหวัด…`` gives the district and province. Names become *keys* (NFC,
PyThaiNLP-normalized, no spaces or punctuation) and *skeletons* (``fold``): the letters
Tesseract confuses in Thai share one symbol and the marks it loses or adds are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pythainlp.util import remove_dangling
from rapidfuzz import fuzz

from saraban.normalize.names import split_org
from saraban.normalize.text import clean_text, match_key
from saraban.normalize.vocab import OrgType

__all__ = [
    "CONFUSABLE_GROUPS", "DROPPED_MARKS", "PrintedName", "fold", "garbled_type_words", "name_key",
    "province_name", "read_printed", "split_type",
]

# Each group of characters Tesseract mistakes for one another folds to its first (the pairs seen
# in the project's OCR output and in keys.py: ด/ต, บ/ป, ถ/ภ, ช/ซ/ข, ผ/พ/ฝ/ฟ, ม/น, ศ/ส, and the
# digits its Thai model cannot emit: ๖ read ๒, ๔ read ๕, ๐ read o). Keys hold Arabic digits.
CONFUSABLE_GROUPS = ("ดต", "บปษ", "ถภ", "ชซขฃ", "ผพฟฝ", "มน", "คฅ", "ฎฏ", "ศส", "26", "45", "0o")
# Marks OCR drops, doubles or adds: ะ, vowels above and below, tone marks, ็ ์ ํ.
DROPPED_MARKS = "\u0e30\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"
_FOLD = str.maketrans(
    {c: group[0] for group in CONFUSABLE_GROUPS for c in group[1:]} | {c: None for c in DROPPED_MARKS}
)
# A garbled type prefix is taken for one when its skeleton is this close (0–100) to the type's.
# The type words are long (≥ 6 letters folded), no name begins with 75 % of one; at 85 a
# prefix with two misread letters stayed in the name (benchmarks/names.py: lone names left
# ORG_UNMATCHED 4.00 → 3.78 %, false matches unchanged).
PREFIX_MIN_RATIO = 75.0
# Place words printed after a name and a space: … อำเภอเมืองยะลา จังหวัดยะลา (or อ. / จ.). The
# space tells them from องค์การบริหารส่วนจังหวัด, whatever OCR made of its first words.
_PLACE = re.compile(r"(?<=\s)(?:อำเภอ|จังหวัด|[อจ]\.)")
_DISTRICT = re.compile(r"(?:อำเภอ|(?<=\s)อ\.)\s*(\S+?)\s*(?=จังหวัด|จ\.|\s|$)")
_PROVINCE = re.compile(r"(?:จังหวัด|(?<=\s)จ\.)\s*(\S+)")


@dataclass(frozen=True, slots=True)
class PrintedName:
    type_code: str  # '' when no type prefix could be read
    key: str  # name_key of the name without its prefix and place
    province: str  # printed after the name (… จังหวัดยะลา), else ''
    district: str


def name_key(text: str, *, cleaned: bool = False) -> str:
    """The name as printed, comparable: NFC, Thai-normalized, Arabic digits, nothing but Thai
    letters and marks, a-z and 0-9 (no spaces, dots or quotes). ``cleaned``: ``text`` is
    already clean_text's output."""
    return match_key(text, cleaned=cleaned)


def fold(key: str) -> str:
    """The skeleton of a name key: confusable letters merged, droppable marks dropped, and ระ
    read for ะ (สระเดงนอก for สะเตงนอก) undone."""
    return key.replace("ระ", "ะ").translate(_FOLD)


def read_printed(text: str, org_types: Sequence[OrgType], dotless: Sequence[tuple[str, str]] = (),
                 type_words: Sequence[tuple[str, str]] | None = None) -> PrintedName:
    """Type, name key and place of a printed organization name. ``dotless`` are abbreviations
    (ทต, อบต) to strip when printed without their dot: only those no gazetteer name begins with.
    ``type_words`` are ``garbled_type_words(org_types)``, when the caller keeps them."""
    cleaned = clean_text(text)
    province = district = ""
    place = _PLACE.search(cleaned, 2)
    if place:
        tail = " " + cleaned[place.start():]
        found_district, found_province = _DISTRICT.search(tail), _PROVINCE.search(tail)
        district = found_district.group(1) if found_district else ""
        province = found_province.group(1) if found_province else ""
        cleaned = cleaned[: place.start()]
    # Cleaned once here: PyThaiNLP's normalize is most of a read's cost. A name cut from clean
    # text can still begin with a mark that sat after the prefix (เทศบาลตำบล่ไผ่).
    org = split_org(cleaned, org_types, cleaned=True)
    if org is not None:
        return PrintedName(org.type_code, name_key(remove_dangling(org.name), cleaned=True), province, district)
    key = name_key(cleaned, cleaned=True)
    for alias, type_code in dotless:
        if key.startswith(alias) and len(key) > len(alias) + 1:
            return PrintedName(type_code, key[len(alias):], province, district)
    words = garbled_type_words(org_types) if type_words is None else type_words
    type_code, rest = _garbled_prefix(key, words)
    return PrintedName(type_code, rest, province, district)


def split_type(text: str, org_types: Sequence[OrgType]) -> tuple[str, str]:
    """(type code, name key without its prefix) of a printed organization name."""
    printed = read_printed(text, org_types)
    return printed.type_code, printed.key


def garbled_type_words(org_types: Sequence[OrgType]) -> tuple[tuple[str, str], ...]:
    """(type code, folded key) of the type words a garbled prefix is compared with: only the
    long ones, since a garbled two-letter abbreviation cannot be told from a name."""
    words = ((t.code, fold(name_key(t.canonical))) for t in org_types if t.code != "special_admin_area")
    return tuple((code, word) for code, word in words if len(word) >= 6)  # เมืองพัทยา is a name


def _garbled_prefix(key: str, type_words: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """(type code, rest) when ``key`` starts with a type word OCR garbled, else ('', key)."""
    best = (PREFIX_MIN_RATIO, "", key)
    for code, word in type_words:
        for cut in range(len(word) - 2, min(len(key) - 1, len(word) + 6)):
            score = fuzz.ratio(fold(key[:cut]), word)
            if score > best[0] or (score == best[0] and best[1] and cut > len(key) - len(best[2])):
                best = (score, code, key[cut:])
    return best[1], best[2]


def province_name(text: str) -> str:
    """'จังหวัดยะลา', 'จ. ยะลา', ' ยะลา ' → 'ยะลา'."""
    cleaned = "".join(clean_text(text).split()) if text else ""
    return cleaned.removeprefix("จังหวัด").removeprefix("จ.")
