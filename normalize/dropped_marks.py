"""Marks Tesseract's Thai model dropped, put back where exactly one dictionary spelling fits.

The model loses upper and lower vowels and tone marks more than anything else (เดอน for เดือน,
ประจำปงบประมาณ for ประจำปีงบประมาณ, จัดซือ for จัดซื้อ). A mark is put back in a word only when
that makes its letters read as fewer, longer dictionary words (or leaves fewer letters outside
any word) and no other mark, anywhere in the word, does as well: where two spellings fit
(รอน and ร้อน are both words) the text stays as read. Names of people and places are never
touched: the word after a personal title (นาย, นาง, นางสาว) or a place's type word (ตำบล,
อำเภอ, จังหวัด, เทศบาล…) is a name the dictionary does not know.
"""

from __future__ import annotations

import re

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize

UPPER_AND_LOWER = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47"  # ั ิ ี ึ ื ุ ู ็
TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ่ ้ ๊ ๋ ์
MAX_RESTORED = 2  # marks put back in one word: more is no longer a dropped mark but a guess
# A name follows these words, after a space or joined on (ตำบลบาราโหม): what follows is left
# as read.
NAME_BEFORE = re.compile(r"นางสาว|นาย|นาง|ตำบล|อำเภอ|จังหวัด|เทศบาล(?:ตำบล|เมือง|นคร)?")
# A space-separated chunk: specks or brackets, Thai letters, specks or brackets.
_CHUNK = re.compile(r"^(?P<before>[^\u0e01-\u0e4e]*)(?P<letters>[\u0e01-\u0e4e]+)(?P<after>[^\u0e01-\u0e4e]*)$")

Score = tuple[int, int]  # (letters outside dictionary words, words)


def restore_dropped_marks(text: str) -> str:
    """``text`` with each space-separated Thai word's dropped marks put back (module docstring)."""
    words = thai_words()  # PyThaiNLP caches it
    chunks = text.split(" ")
    out = []
    for i, chunk in enumerate(chunks):
        match = _CHUNK.match(chunk)
        names_this = i > 0 and _ends_with_name_word(chunks[i - 1])
        if match is None or names_this:
            out.append(chunk)
            continue
        letters = match.group("letters")
        named = [m.end() for m in NAME_BEFORE.finditer(letters)]
        head, name = (letters[: named[-1]], letters[named[-1] :]) if named else (letters, "")
        out.append(match.group("before") + _restored(head, words) + name + match.group("after"))
    return " ".join(out)


def _ends_with_name_word(chunk: str) -> bool:
    return any(m.end() == len(chunk) for m in NAME_BEFORE.finditer(chunk))


def _restored(chunk: str, words: frozenset[str]) -> str:
    best = _score(chunk, words)
    for _ in range(MAX_RESTORED):
        if best == (0, 1):
            return chunk  # one dictionary word already
        tried: dict[Score, set[str]] = {}
        for index in range(1, len(chunk) + 1):
            for mark in _marks_after(chunk[index - 1]):
                candidate = chunk[:index] + mark + chunk[index:]
                tried.setdefault(_score(candidate, words), set()).add(candidate)
        if not tried:
            return chunk
        top = min(tried)
        if top >= best or len(tried[top]) > 1:
            return chunk  # nothing better, or more than one spelling as good: leave it as read
        best, chunk = top, next(iter(tried[top]))
    return chunk


def _marks_after(char: str) -> str:
    """The marks Thai spelling allows right after ``char``."""
    if "\u0e01" <= char <= "\u0e2e":
        return UPPER_AND_LOWER + TONES
    if char in UPPER_AND_LOWER:
        return TONES
    return ""


def _score(letters: str, words: frozenset[str]) -> Score:
    tokens = word_tokenize(letters, engine="newmm", keep_whitespace=False)
    return sum(len(t) for t in tokens if t not in words), len(tokens)
