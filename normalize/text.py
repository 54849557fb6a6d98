"""Unicode clean-up for OCR'd Thai text, and a key for fuzzy matching.

Pure functions, no state. PyThaiNLP does the Thai-specific repairs (decomposed
sara am, spaces before marks, doubled vowels and tone marks); this module adds
the generic ones (NFC, invisible characters, odd spaces).
"""

from __future__ import annotations

import re
import unicodedata

from pythainlp.util import normalize as _thai_normalize
from pythainlp.util import remove_zw as _remove_zw

from saraban.normalize.numerals import to_arabic_digits

__all__ = ["clean_text", "join_wrapped", "match_key", "repair_thai_pua"]

# Invisible characters PyThaiNLP's remove_zw leaves alone (it handles ZWSP, ZWNJ).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# Spaces other than U+0020 that OCR engines and word processors emit.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_WHITESPACE = re.compile(r"\s+")
# Kept by match_key: Thai letters, vowels and marks (not digits, not ฿), ASCII a-z, 0-9.
_NOT_KEY_CHAR = re.compile("[^\u0e01-\u0e3a\u0e40-\u0e4ea-z0-9]+")
# Thai fonts made for Windows and macOS (TH Sarabun New, TH Sarabun PSK, the other SIPA fonts)
# draw the shifted forms of marks and the letters without descenders as glyphs at U+F700-U+F71A,
# and PDF writers that map glyphs back to text (Chromium's, Word's) give those code points:
# ป\uf706องกัน for ป้องกัน, บ\uf70bาน for บ้าน, ป\uf702 for ปี. Each is one standard character.
_THAI_PUA = str.maketrans({
    0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
    0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
    0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
    0xF70F: "\u0e0d", 0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
    0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c", 0xF718: "\u0e38",
    0xF719: "\u0e39", 0xF71A: "\u0e3a",
})


def clean_text(s: str) -> str:
    """Return `s` in NFC with invisible characters removed, Thai spelling
    repaired by PyThaiNLP and every run of whitespace collapsed to one space.

    >>> clean_text("  ก\u200bํา  \u00a0ไร ")
    'กำ ไร'
    """
    s = unicodedata.normalize("NFC", s)
    s = _remove_zw(_INVISIBLE.sub("", s))
    s = _ODD_SPACE.sub(" ", s)
    s = _thai_normalize(s)
    return _WHITESPACE.sub(" ", s).strip()


def repair_thai_pua(s: str) -> str:
    """``s`` with the private-use Thai glyph variants (U+F700-U+F71A) as the characters they
    draw; other private-use characters are left for the caller to judge.

    >>> repair_thai_pua("ป\uf706องกัน")
    'ป้องกัน'
    """
    return s.translate(_THAI_PUA)


def join_wrapped(lines: list[str]) -> str:
    """The lines of one table cell as one text: a name wrapped inside a narrow cell is joined
    without a space where both sides are Thai letters (Thai words run together; the break is
    the cell's, not the author's), with one elsewhere.

    >>> join_wrapped(["โครงการส่งเสริม", "คุณธรรม", "ปี 2565"])
    'โครงการส่งเสริมคุณธรรมปี 2565'
    """
    text = ""
    for line in lines:
        if not line:
            continue
        if text and not (_is_thai(text[-1]) and _is_thai(line[0])):
            text += " "
        text += line
    return text


def _is_thai(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e5b"


def match_key(s: str, *, cleaned: bool = False) -> str:
    """A string processor for fuzzy matching: cleaned, Arabic digits, lower-case
    Latin, and nothing but Thai letters/vowels/tone marks, a-z and 0-9. ``cleaned``: ``s``
    is already clean_text's output (PyThaiNLP's normalize is most of the cost).

    >>> match_key("เทศบาลเมือง สะเตงนอก")
    'เทศบาลเมืองสะเตงนอก'
    """
    return _NOT_KEY_CHAR.sub("", to_arabic_digits(s if cleaned else clean_text(s)).lower())
